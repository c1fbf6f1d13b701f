"""Words of the report's first page added for the one-minute read: the patient's reference
and the flares of the period (the rest of the report's wording is in `texts.report` and the
modules it names)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from diarybot.texts import report_formats as rf
from diarybot.texts.i18n import _, ngettext


# Translators: a label on the report's first page, before the patient's date of birth or
# clinic reference.
def reference() -> str:
    return _("Reference")


# Translators: a heading on the report's first page.
def flares_heading() -> str:
    return _("Flares")


def flares_none() -> str:
    return _("No flare days in this period.")


def flare_days(count: int, runs: str) -> str:
    """'3 flare days: Mon 05 Oct – Wed 07 Oct; Sat 24 Oct.'"""
    text = ngettext("{count} flare day: {runs}.", "{count} flare days: {runs}.", count).format(
        count=count, runs=runs
    )
    # A sentence that ends on an abbreviated month ("31 oct.", "31. Okt.") takes one period.
    return text[:-1] if text.endswith("..") else text


def flare_run() -> str:
    return _("{first} – {last}")


def flare_runs(runs: Sequence[tuple[date, date]]) -> str:
    """Runs of flare days as the first page lists them."""
    parts = [
        rf.day_label(first, with_year=False)
        if first == last
        else flare_run().format(
            first=rf.day_label(first, with_year=False), last=rf.day_label(last, with_year=False)
        )
        for first, last in runs
    ]
    # Translators: separates the flare periods in a list. The dates contain commas themselves
    # ("Mon, Oct 5 – Wed, Oct 7; Sat, Oct 31"), so the periods need a stronger mark.
    return _("; ").join(parts)


def technique_columns() -> tuple[str, str, str, str]:
    """The header of page 1's technique table (pain is each logged day's mean score)."""
    return (
        # Translators: column header, a coping technique (breathing, TENS, ...).
        _("Technique"),
        # Translators: column header, on how many logged days the technique was used.
        _("Days used"),
        # Translators: column header, the average pain on the days with the technique.
        _("Pain with"),
        # Translators: column header, the average pain on the logged days without it.
        _("Pain without"),
    )
