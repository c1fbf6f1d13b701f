"""The words of /delete and of sending everything before it (issue #12, item 18)."""

from __future__ import annotations

from diarybot.texts.argument_words import with_argument_words
from diarybot.texts.i18n import _, ngettext


def button_send_everything() -> str:
    # Translators: a button in /delete: send all entries as files before erasing.
    return _("Send me everything first")


def delete_confirm() -> str:
    return _(
        "This erases everything I store about you: all entries, notes and settings, and stops "
        "reminders. It cannot be undone.\n\n"
        "To keep a copy, tap “Send me everything first”: I'll send all your entries, from the "
        "first to the last, as a CSV file (for spreadsheets) and a FHIR file (for clinical "
        "systems) before anything is erased.\n\n"
        "Erase everything?"
    )


def everything_sent(count: int) -> str:
    return ngettext(
        "Those two files hold your {count} entry, from {first} to {last}. Keep them "
        "somewhere safe: once erased, I can't send them again.\n\nErase everything now?",
        "Those two files hold all {count} of your entries, from {first} to {last}. Keep them "
        "somewhere safe: once erased, I can't send them again.\n\nErase everything now?",
        count,
    )


def nothing_to_send() -> str:
    return _("There are no entries to send.\n\nErase everything now?")


def export_all_hint(days: int) -> str:
    # Translators: {all}: a word the command reads, in your language.
    text = ngettext(
        "This is the last {days} day; /export {all} sends your whole diary.",
        "This is the last {days} days; /export {all} sends your whole diary.",
        days,
    )
    return with_argument_words(text)


def delete_done() -> str:
    return _("Everything is erased. If you ever want to start again, send /start.")


def delete_kept() -> str:
    return _("Nothing was erased.")


def button_yes_erase() -> str:
    # Translators: a button confirming that all the user's data is erased.
    return _("Yes, erase everything")
