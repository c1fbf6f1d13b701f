"""What a patient reads about their own words, backdating and corrections (/log, /history).

Whole sentences with named placeholders, so a translation can reorder them.
"""

from __future__ import annotations

# -- free text ---------------------------------------------------------------------------------
OFFER = "Shall I keep this in your diary?\n“{preview}”"
BUTTON_ADD_TO_LATEST = "Add to today's last entry"
BUTTON_NOTE_ONLY = "Save as a note on its own"
BUTTON_RATE_NOW = "Rate my pain now"
OFFER_EXPIRED = "I no longer have that text (the bot restarted). Please send it again."
ADDED_TO_LATEST = "Added to your entry of {time} ({score})."
NOTE_ONLY_SAVED = "Saved as a note on its own at {time} (no pain score)."
NO_ENTRY_TODAY = (
    "There is no entry today yet, so I saved it as a note on its own at {time} (no pain score)."
)
NOTE_SAVED_KEEP_TICKING = "Note saved. Tick what you used, then tap Done."
NOTE_CONTINUED = "It was long, so I kept it in {count} consecutive notes."
SCORE_WITH_NOTE = "{saved} Note: “{preview}”"
NO_SCORE_LABEL = "note"

# -- /log: now or backdated --------------------------------------------------------------------
LOG_USAGE = (
    "Usage: /log 6 optional note — a score from 0 (no pain) to 10 (worst imaginable), now.\n"
    "For an earlier time: /log yesterday 7, /log 2026-11-30 6, /log 30.11 21:00 6 "
    "(a day without a time means your reminder time)."
)
LOG_IN_FUTURE = "That time is still to come, so I can't log it yet. Send /log 6 to log it now."
LOG_TOO_OLD = "I can only add entries from the last 12 months."
BACKDATED_SAVED = (
    "Saved for {day} at {time}: {score}/10.{note} /history shows it, with buttons to add "
    "techniques or change it."
)
BACKDATED_NOTE = " Note: “{preview}”."

# -- /history: paging and corrections ------------------------------------------------------------
HISTORY_PAGE = "Your entries {first}–{last} of {total} (newest first). Tap one to change it."
BUTTON_OLDER = "◀ Older"
BUTTON_NEWER = "Newer ▶"
ENTRY_VIEW = "{line}\n\nWhat would you like to change?"
BUTTON_EDIT_SCORE = "Score"
BUTTON_EDIT_TECHNIQUES = "Techniques"
BUTTON_EDIT_MEDICATION = "Medication: {state}"
BUTTON_EDIT_NOTE = "Note"
BUTTON_REMOVE = "Remove"
BUTTON_BACK = "Back to the list"
MEDICATION_YES = "yes"
MEDICATION_NO = "no"
ASK_NEW_SCORE = (
    "{line}\n\nThe right score for this entry?\n0 = no pain, 10 = worst pain imaginable."
)
ASK_NEW_TECHNIQUES = "{line}\n\nTick what you used then, then tap Done."
ASK_NEW_NOTE = (
    "{line}\n\nSend the note as it should read; it replaces the one above. /cancel keeps it."
)
NOTE_CHANGED = "Note changed. /history shows the entry."
REMOVE_CONFIRM = "Remove this entry?\n{line}"
REMOVED = "Removed. The diary keeps a record that it was removed."

# -- techniques: answered or not ---------------------------------------------------------------
BUTTON_NONE_OF_THESE = "None of these"
TECHNIQUES_NOT_ANSWERED = "techniques not noted"
TECHNIQUES_NONE_CELL = "none"

# -- the morning after a missed reminder -------------------------------------------------------
ASK_YESTERDAY = (
    "Yesterday's reminder went unanswered. If you like, rate your pain of yesterday evening "
    "({day}, {time}) too:"
)
