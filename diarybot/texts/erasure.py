"""The words of /delete and of sending everything before it (issue #12, item 18)."""

from __future__ import annotations

BUTTON_SEND_EVERYTHING = "Send me everything first"
DELETE_CONFIRM = (
    "This erases everything I store about you: all entries, notes and settings, and stops "
    "reminders. It cannot be undone.\n\n"
    "To keep a copy, tap “Send me everything first”: I'll send all your entries, from the "
    "first to the last, as a CSV file (for spreadsheets) and a FHIR file (for clinical "
    "systems) before anything is erased.\n\n"
    "Erase everything?"
)
EVERYTHING_SENT = (
    "Those two files hold all {count} of your entries, from {first} to {last}. Keep them "
    "somewhere safe: once erased, I can't send them again.\n\nErase everything now?"
)
NOTHING_TO_SEND = "There are no entries to send.\n\nErase everything now?"
EXPORT_ALL_HINT = "This is the last {days} days; /export all sends your whole diary."
