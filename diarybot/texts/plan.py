"""Words of the specialist's plan: writing it, the patient's /plan, and its line in the daily
reminder with the switch for that line."""

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


# -- the specialist writes a plan; the patient reads it in /plan ---------------------------------
def plan_pick() -> str:
    return _("Whose plan would you like to write? The patient sees it in /plan.")


def plan_ask() -> str:
    return _(
        "Send the plan for {name} in a few lines (at most {limit} characters), for example "
        "“breathing exercise each evening; ibuprofen no more than 3 a day”. It replaces the "
        "previous one; /cancel keeps it."
    )


def plan_too_long() -> str:
    return _("Please keep the plan under {limit} characters.")


def plan_saved() -> str:
    return _("Saved. {name} sees it in /plan and has been told.")


def plan_new() -> str:
    return _("{who} wrote a plan for you:\n\n{plan}\n\n/plan shows it again.")


def plan_none() -> str:
    return _("No plan from your specialist yet. A specialist you share with can write one.")


def plan_line() -> str:
    return _("From {who}:\n{plan}")


def plan_header() -> str:
    return _("Your plan (written by your specialist; I never add advice of my own):")


def plan_nobody() -> str:
    return _("Nobody shares their diary with you, and no specialist wrote you a plan.")
