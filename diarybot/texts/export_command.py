"""The words of /export in chat (the files' own words are in `texts.exports`)."""

from __future__ import annotations

from diarybot.texts.argument_words import with_argument_words
from diarybot.texts.i18n import _


def export_usage() -> str:
    # Translators: {all}: a word the command reads, in your language.
    text = _(
        "Which period? /export (last 30 days), /export 90, /export {all}, "
        "or two dates: /export 2026-10-01 2026-10-31"
    )
    return with_argument_words(text)


def export_empty() -> str:
    return _("No entries between {start} and {end}, so there is nothing to export.")


def export_intro() -> str:
    return _(
        "Your diary from {start} to {end}: a PDF report to read or show your specialist, a CSV "
        "file for spreadsheets, and a FHIR file that clinical systems can import."
    )


def preparing() -> str:
    return _("Preparing your files…")
