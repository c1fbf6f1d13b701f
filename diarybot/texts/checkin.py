"""The words of the daily check-in: the reminder, the score, the techniques and the note."""

from __future__ import annotations

from diarybot.texts.i18n import _


def ask_score() -> str:
    return _(
        "How is your pain right now?\n"
        "0 = no pain, 10 = worst pain imaginable.\n"
        "Tap a number, or type it."
    )


def reminder() -> str:
    """The daily reminder: its greeting above the score question (:func:`ask_score`)."""
    return _("Time for your daily pain check-in.\n\n{question}").format(question=ask_score())


def score_invalid() -> str:
    return _(
        "Please send a whole number from 0 to 10 (0 = no pain, 10 = worst pain imaginable), "
        "or tap /checkin for the buttons."
    )


def too_long() -> str:
    return _("That message is too long for me to read as a score.")


def score_saved() -> str:
    return _("Saved: {score}/10 at {time}.")


def ask_techniques() -> str:
    return _("{saved}\n\nWhich of these did you use today? Tap all that apply, then Done.")


def note_saved() -> str:
    return _("Note saved. Thank you for checking in.")


def checkin_summary_ask_note() -> str:
    return _(
        "Saved: {score}/10 · {techniques}\n\n"
        "Would you like to add a note (what you did, what made it better or worse)? "
        "Type it, or tap Skip."
    )


def checkin_summary_done() -> str:
    return _("Saved: {score}/10 · {techniques}\n\nThank you for checking in.")


def safety_high_score() -> str:
    return _(
        "That's a very high pain score, and I'm sorry you're going through this. I can't give "
        "medical advice: if this is new, worse than usual or worrying you, please contact your "
        "care team. If you think it's an emergency, call your local emergency number "
        "(112 in Europe, 911 in the US) now."
    )
