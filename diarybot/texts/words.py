"""What a patient reads about their own words, backdating and corrections (/log, /history).

Whole sentences with named placeholders, so a translation can reorder them.
"""

from __future__ import annotations

from diarybot.texts.argument_words import with_argument_words
from diarybot.texts.i18n import _, ngettext, pgettext


# -- free text ---------------------------------------------------------------------------------
def offer() -> str:
    return _("Shall I keep this in your diary?\n“{preview}”")


def button_add_to_latest() -> str:
    # Translators: a button: keep the words the patient typed as a note on today's last entry.
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


def note_continued(count: int) -> str:
    return ngettext(
        "It was long, so I kept it in {count} consecutive note.",
        "It was long, so I kept it in {count} consecutive notes.",
        count,
    )


def score_with_note() -> str:
    return _("{saved} Note: “{preview}”")


def no_score_label() -> str:
    # Translators: in place of a pain score: the entry is a note without a score.
    return pgettext("entry without score", "note")


# -- /log: now or backdated --------------------------------------------------------------------
def log_usage() -> str:
    # Translators: {yesterday}: a word the command reads, in your language.
    text = _(
        "Usage: /log 6 optional note — a score from 0 (no pain) to 10 (worst imaginable), now.\n"
        "For an earlier time: /log {yesterday} 7, /log 2026-11-30 6, /log 30.11 21:00 6 "
        "(a day without a time means your reminder time)."
    )
    return with_argument_words(text)


def log_in_future() -> str:
    return _("That time is still to come, so I can't log it yet. Send /log 6 to log it now.")


def log_too_old() -> str:
    return _("I can only add entries from the last 12 months.")


def backdated_saved() -> str:
    return _(
        "Saved for {day} at {time}: {score}/10. /history shows it, with buttons to add "
        "techniques or change it."
    )


def backdated_saved_with_note() -> str:
    return _(
        "Saved for {day} at {time}: {score}/10. Note: “{preview}”. /history shows it, with "
        "buttons to add techniques or change it."
    )


# -- /history: paging and corrections ------------------------------------------------------------
def history_page(total: int) -> str:
    return ngettext(
        "Your entries {first}–{last} of {total} (newest first). Tap one to change it.",
        "Your entries {first}–{last} of {total} (newest first). Tap one to change it.",
        total,
    )


def entry_with_note() -> str:
    # Translators: an entry in /history's entry view, its whole note quoted below it.
    return _("{entry}\n“{note}”")


def history_line() -> str:
    # Translators: one numbered entry of the /history list: "3. Wed, Dec 2 20:00 — 6/10 · …".
    return _("{n}. {entry}")


def button_older() -> str:
    # Translators: a button in /history: the page of older entries.
    return _("◀ Older")


def button_newer() -> str:
    # Translators: a button in /history: the page of newer entries.
    return _("Newer ▶")


def entry_view() -> str:
    return _("{line}\n\nWhat would you like to change?")


def button_edit_score() -> str:
    # Translators: a button in /history: change this entry's pain score.
    return _("Score")


def button_edit_techniques() -> str:
    # Translators: a button in /history: change the coping techniques of this entry.
    return _("Techniques")


def button_edit_medication_yes() -> str:
    # Translators: a button in /history: medication was taken; tapping it switches to no.
    return _("Medication: yes")


def button_edit_medication_no() -> str:
    # Translators: a button in /history: no medication taken; tapping it switches to yes.
    return _("Medication: no")


def button_edit_note() -> str:
    # Translators: a button in /history: change this entry's note.
    return pgettext("button", "Note")


def button_remove() -> str:
    # Translators: a button in /history: remove this entry.
    return _("Remove")


def button_back() -> str:
    # Translators: a button in /history: from one entry back to the list of entries.
    return _("Back to the list")


def button_back_to_entry() -> str:
    # Translators: a button in /history below the choices of a correction (a new score, sleep
    # quality...): back to the entry without changing anything.
    return _("Back to the entry")


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
    # Translators: a button in the check-in: no coping technique was used.
    return _("None of these")


def techniques_not_answered() -> str:
    return _("techniques not noted")


def techniques_none_cell() -> str:
    # Translators: a table cell: the patient used no coping technique.
    return pgettext("techniques", "none")


# -- the morning after a missed reminder -------------------------------------------------------
def ask_yesterday() -> str:
    return _(
        "Yesterday's reminder went unanswered. If you like, rate your pain of yesterday evening "
        "({day}, {time}) too:"
    )
