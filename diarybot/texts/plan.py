"""Words of the specialist's plan in the patient's daily reminder, and its switch in /plan."""

from __future__ import annotations

from diarybot.texts.i18n import _


def reminder_with_plan() -> str:
    """The daily reminder, then one line of the specialist's own plan, marked as theirs."""
    return _("{reminder}\n\nFrom {who}'s plan: {line}")


# Translators: a button under /plan; the patient's reminders stop carrying the plan line.
def hide_in_reminders() -> str:
    return _("Leave the plan out of my reminders")


# Translators: a button under /plan; the patient's reminders carry the plan line again.
def show_in_reminders() -> str:
    return _("Show a line of the plan in my reminders")


def turned_off() -> str:
    return _("Done: your reminders no longer show the plan. /plan still shows all of it.")


def turned_on() -> str:
    return _("Done: your reminders show the first line of your plan again.")
