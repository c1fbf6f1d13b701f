"""What a patient reads about their own words, backdating and corrections (/log, /history).

Whole sentences with named placeholders, so a translation can reorder them.
"""

from __future__ import annotations

from diarybot.texts.i18n import _


# -- free text ---------------------------------------------------------------------------------
def offer() -> str:
    return _("Shall I keep this in your diary?\n“{preview}”")


def button_add_to_latest() -> str:
    return _("Add to today's last entry")


def button_note_only() -> str:
    return _("Save as a note on its own")


def button_rate_now() -> str:
    return _("Rate my pain now")


def offer_expired() -> str:
    return _("I no longer have that text (the bot restarted). Please send it again.")


def added_to_latest() -> str:
    return _("Added to your entry of {time} ({score}).")


def note_only_saved() -> str:
    return _("Saved as a note on its own at {time} (no pain score).")


def no_entry_today() -> str:
    return _(
        "There is no entry today yet, so I saved it as a note on its own at {time} (no pain "
        "score)."
    )


def note_saved_keep_ticking() -> str:
    return _("Note saved. Tick what you used, then tap Done.")


def note_continued() -> str:
    return _("It was long, so I kept it in {count} consecutive notes.")


def score_with_note() -> str:
    return _("{saved} Note: “{preview}”")


def no_score_label() -> str:
    return _("note")


# -- /log: now or backdated --------------------------------------------------------------------
def log_usage() -> str:
    return _(
        "Usage: /log 6 optional note — a score from 0 (no pain) to 10 (worst imaginable), now.\n"
        "For an earlier time: /log yesterday 7, /log 2026-11-30 6, /log 30.11 21:00 6 "
        "(a day without a time means your reminder time)."
    )


def log_in_future() -> str:
    return _("That time is still to come, so I can't log it yet. Send /log 6 to log it now.")


def log_too_old() -> str:
    return _("I can only add entries from the last 12 months.")


def backdated_saved() -> str:
    return _(
        "Saved for {day} at {time}: {score}/10.{note} /history shows it, with buttons to add "
        "techniques or change it."
    )


def backdated_note() -> str:
    return _(" Note: “{preview}”.")


# -- /history: paging and corrections ------------------------------------------------------------
def history_page() -> str:
    return _("Your entries {first}–{last} of {total} (newest first). Tap one to change it.")


def button_older() -> str:
    return _("◀ Older")


def button_newer() -> str:
    return _("Newer ▶")


def entry_view() -> str:
    return _("{line}\n\nWhat would you like to change?")


def button_edit_score() -> str:
    return _("Score")


def button_edit_techniques() -> str:
    return _("Techniques")


def button_edit_medication() -> str:
    return _("Medication: {state}")


def button_edit_note() -> str:
    return _("Note")


def button_remove() -> str:
    return _("Remove")


def button_back() -> str:
    return _("Back to the list")


def medication_yes() -> str:
    return _("yes")


def medication_no() -> str:
    return _("no")


def ask_new_score() -> str:
    return _("{line}\n\nThe right score for this entry?\n0 = no pain, 10 = worst pain imaginable.")


def ask_new_techniques() -> str:
    return _("{line}\n\nTick what you used then, then tap Done.")


def ask_new_note() -> str:
    return _(
        "{line}\n\nSend the note as it should read; it replaces the one above. /cancel keeps it."
    )


def note_changed() -> str:
    return _("Note changed. /history shows the entry.")


def remove_confirm() -> str:
    return _("Remove this entry?\n{line}")


def removed() -> str:
    return _("Removed. The diary keeps a record that it was removed.")


# -- techniques: answered or not ---------------------------------------------------------------
def button_none_of_these() -> str:
    return _("None of these")


def techniques_not_answered() -> str:
    return _("techniques not noted")


def techniques_none_cell() -> str:
    return _("none")


# -- the morning after a missed reminder -------------------------------------------------------
def ask_yesterday() -> str:
    return _(
        "Yesterday's reminder went unanswered. If you like, rate your pain of yesterday evening "
        "({day}, {time}) too:"
    )
