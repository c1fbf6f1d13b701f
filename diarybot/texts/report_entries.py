"""The report's table of all entries, and its note on the entries a long report leaves out."""

from __future__ import annotations

from collections.abc import Sequence

from diarybot.domain.entries import Entry
from diarybot.texts import words
from diarybot.texts.i18n import _, ngettext
from diarybot.texts.report_formats import short_date
from diarybot.texts.techniques import technique_names


def entries_heading() -> str:
    return _("All entries")


def entries_empty() -> str:
    return _("No entries in this period.")


def columns() -> tuple[str, ...]:
    return (_("Date"), _("Time"), _("Score"), _("Techniques"), _("Medication"), _("Note"))


# The score cell of a note-only entry (the patient wrote without rating): never a number.
def no_score() -> str:
    return _("note")


#: In the Date column of the rows a long note continues in.
def note_continued() -> str:
    return _("(cont.)")


#: Ends a note too long for the PDF; the CSV and FHIR files hold every word of it.
def note_cut() -> str:
    return _("[… the full note is in the CSV file]")


def yes() -> str:
    return _("yes")


def no() -> str:
    return _("no")


def entry_techniques(entry: Entry) -> str:
    """The techniques of one entry for the entries table (medication has its own column)."""
    if not entry.techniques and entry.techniques_answered:
        return words.techniques_none_cell()  # said so; an empty cell means "not answered"
    return ", ".join(technique_names()[t] for t in entry.techniques)


def yes_no(value: bool) -> str:
    """A boolean as a table cell."""
    return yes() if value else no()


# -- entries left out of a long report's table (bot/report_delivery.py: MAX_PDF_ENTRIES) ---------
def left_out_heading() -> str:
    return _("Entries not listed in this PDF")


def left_out_one() -> str:
    # Translators: {listed} is the number of entries the table lists (always many).
    return _(
        "The entry table lists the latest {listed} entries. The one earlier entry, from {first}, "
        "is not listed; the figures above include it, and it is in {where}."
    )


def left_out_many(count: int) -> str:
    return ngettext(
        "The entry table lists the latest {listed} entries. The {count} earlier entry, from "
        "{first} to {last}, is not listed; the figures above include it, and it is in {where}.",
        "The entry table lists the latest {listed} entries. The {count} earlier entries, from "
        "{first} to {last}, are not listed; the figures above include them, and they are in "
        "{where}.",
        count,
    )


def where_files_alongside() -> str:
    return _("the CSV and FHIR files sent with this report")


def where_files_on_request() -> str:
    return _("the CSV and FHIR files of a full /summary or the patient's /export")


def left_out(earlier: Sequence[Entry], listed: Sequence[Entry], files_alongside: bool) -> str:
    """The note for entries left out of the table: how many, from when, and where they are."""
    where = where_files_alongside() if files_alongside else where_files_on_request()
    first, last = earlier[0].local_date, earlier[-1].local_date
    if len(earlier) == 1:
        return left_out_one().format(listed=len(listed), first=short_date(first), where=where)
    return left_out_many(len(earlier)).format(
        listed=len(listed),
        count=len(earlier),
        first=short_date(first),
        last=short_date(last),
        where=where,
    )
