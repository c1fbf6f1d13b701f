"""A diary entry in one line (/history, /undo), and the words of /undo."""

from __future__ import annotations

from datetime import datetime

from diarybot.domain.entries import Entry
from diarybot.texts.formats import format_time
from diarybot.texts.i18n import _, format_skeleton, pgettext
from diarybot.texts.techniques import technique_list


def history_empty() -> str:
    return _("No entries yet. Send /checkin to add your first one.")


def undo_nothing() -> str:
    return _("There is nothing to undo.")


def undo_confirm() -> str:
    return _("Remove this entry?\n{entry}")


def undo_done() -> str:
    # Translators: the reply after the last diary entry was removed (/undo).
    return _("Removed.")


def undo_kept() -> str:
    # Translators: the reply after the patient chose not to remove the entry (/undo).
    return _("Kept.")


def score_out_of_ten() -> str:
    # Translators: a pain score, e.g. "6/10".
    return _("{score}/10")


def note_only_score() -> str:
    # Translators: in an entry line, in place of a score: the entry is a note without a score.
    return pgettext("entry without score", "note")


def entry_summary() -> str:
    # Translators: one diary entry in /history and /undo: "Wed, Dec 2 20:00 — 6/10 · Heat or cold".
    return _("{day} {time} — {score} · {techniques}")


def entry_summary_with_note() -> str:
    # Translators: one diary entry with its note quoted on the next line.
    return _("{day} {time} — {score} · {techniques}\n    “{note}”")


def entry_line(entry: Entry, when: datetime) -> str:
    """One entry for /history and /undo: local day and time, score, what was done, note."""
    words_of = {
        "day": format_skeleton("MMMEd", when),
        "time": format_time(when.time()),
        "score": (
            note_only_score()
            if entry.score is None
            else score_out_of_ten().format(score=entry.score)
        ),
        "techniques": technique_list(entry),
    }
    if not entry.note:
        return entry_summary().format(**words_of)
    note = entry.note if len(entry.note) <= 80 else entry.note[:79] + "…"
    return entry_summary_with_note().format(**words_of, note=note)
