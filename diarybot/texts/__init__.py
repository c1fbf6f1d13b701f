"""Every word a patient reads, in one place, so wording (and one day translations) change here.

Plain text throughout (no parse mode), so nothing a patient typed can break the formatting of a
reply that echoes it.
"""

from __future__ import annotations

from datetime import date, datetime, time

from diarybot.domain.entries import Entry, Technique
from diarybot.domain.people import Profile
from diarybot.texts import language, words
from diarybot.texts.i18n import _, format_date, format_list, format_skeleton, ngettext, pgettext

BOT_NAME = "diarybot"


def technique_names() -> dict[Technique, str]:
    return {
        Technique.BREATHING: _("Breathing exercises"),
        Technique.RELAXATION: _("Relaxation / PMR"),
        Technique.MINDFULNESS: _("Mindfulness / meditation"),
        Technique.MOVEMENT: _("Stretching / exercise / physio"),
        Technique.HEAT_COLD: _("Heat or cold"),
        # Translators: transcutaneous electrical nerve stimulation; keep the usual abbreviation.
        Technique.TENS: _("TENS"),
        Technique.DISTRACTION: _("Distraction / pleasant activity"),
        # Translators: a coping technique not in this list.
        Technique.OTHER: pgettext("technique", "Other"),
    }


def medication_name() -> str:
    return _("Pain medication")


def commands() -> list[tuple[str, str]]:
    return [
        ("checkin", _("Rate your pain now")),
        ("log", _("Quick entry: /log 6 note, or earlier: /log yesterday 7")),
        ("history", _("Your entries: page back, correct or remove")),
        ("chart", _("Your pain trend chart")),
        ("undo", _("Remove your last entry")),
        ("weekly", _("Weekly chart on or off")),
        ("breathe", _("A guided breathing exercise")),
        ("relax", _("Guided progressive muscle relaxation")),
        ("practice", _("How your guided exercises went")),
        ("peg", _("The weekly PEG check: day or off")),
        ("meds", _("Your medication list: add, rename, stop")),
        ("treatment", _("Record a treatment: injection, new medication, physio …")),
        ("remind", _("Set the daily reminder time")),
        ("timezone", _("Set your time zone")),
        ("settings", _("Show your settings")),
        ("language", language.command()),
        ("pause", _("Pause daily reminders")),
        ("resume", _("Resume daily reminders")),
        ("export", _("Download your diary: PDF, CSV, FHIR")),
        ("share", _("Share your diary with a specialist")),
        ("sharing", _("Whom you share your diary with")),
        ("unshare", _("Stop sharing with a specialist")),
        ("name", _("The name on your reports")),
        ("link", _("Specialists: link a patient with their code")),
        ("patients", _("Specialists: your patients")),
        ("summary", _("Specialists: a patient's summary now")),
        ("digest", _("Specialists: when weekly summaries arrive")),
        ("alerts", _("Specialists: flare alerts on or off")),
        ("plan", _("Your specialist's plan (specialists: write one)")),
        ("delete", _("Erase all your data")),
        ("help", _("What I can do")),
        ("cancel", _("Stop what we were doing")),
    ]


def welcome() -> str:
    return _(
        "Hello, I'm diarybot, a pain diary that lives in this chat.\n\n"
        "Once a day I'll ask you to rate your pain from 0 (no pain) to 10 (worst pain "
        "imaginable), which coping techniques you used, and for an optional note. You can also "
        "log "
        "at any time and ask for a chart of your trend.\n\n"
        "Your privacy:\n"
        "• What I store: your scores, techniques, notes, time zone and reminder time.\n"
        "• Where: in a file of your own on the server that runs this bot.\n"
        "• Who can see it: only you, unless you share with a specialist (/share). You choose what "
        "they receive: a summary (figures and chart), or also every entry and note, or also the "
        "data files (CSV, FHIR); you can change or stop it in /sharing. What was sent stays with "
        "them.\n"
        "• /export all sends you all of it (/export alone, the last 30 days); /delete erases "
        "all of it.\n"
        "• Telegram bot chats are not end-to-end encrypted.\n\n"
        "I don't give medical advice. If your pain is severe or you think it's an emergency, "
        "contact your care team or your local emergency number (112 in Europe, 911 in the US)."
    )


def ask_timezone() -> str:
    return _(
        "Which time zone are you in? Send its name, like Europe/Berlin or America/New_York, "
        "or pick one below."
    )


def ask_reminder_time() -> str:
    return _("When should I remind you each day? Pick a time or type one, like 20:00 or 8pm.")


def timezone_unknown_suggest() -> str:
    return _("I don't know the time zone “{text}”. Did you mean one of these?")


def timezone_unknown_howto() -> str:
    return _(
        "I don't know the time zone “{text}”. Please send a name like Europe/Berlin, or pick one "
        "below."
    )


def timezone_set() -> str:
    return _("Time zone set to {tz}. It's {local_time} there now.")


def time_unknown() -> str:
    return _("I couldn't read “{text}” as a time. Please send something like 20:00, 20.00 or 8pm.")


def reminder_set() -> str:
    return _("Daily reminder set for {time} ({tz}).")


def onboarded() -> str:
    return _(
        "All set. I'll remind you every day at {time} ({tz}).\n"
        "Send /checkin to rate your pain now, or /help to see everything I can do.\n"
        "If you take medication for pain, /meds keeps your own list (optional)."
    )


def need_start() -> str:
    return _("Let's get you set up first: send /start.")


def private_only() -> str:
    return _("For your privacy I only work in a private chat with you.")


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


def no_techniques() -> str:
    # Translators: after a score: the patient said they used no coping technique.
    return _("no techniques")


def button_expired() -> str:
    return _("This button has expired. Send /checkin to start a new check-in.")


def entry_gone() -> str:
    return _("That entry no longer exists.")


def not_saved() -> str:
    return _("Sorry, that was not saved because of a problem on my side. Please try again.")


def file_recovered() -> str:
    return _(
        "I'm sorry: your diary file on this server could not be read, so I set it aside unchanged "
        "and started a fresh one. The operator of this bot can recover the old file. "
        "Everything you log from now on is saved as usual; if I ask you to, send /start to set "
        "your time zone and reminder again."
    )


def error_generic() -> str:
    return _("Sorry, something went wrong on my side. Please try again in a moment.")


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


def settings() -> str:
    return _(
        "Your settings:\n"
        "• Time zone: {tz}\n"
        "• Daily reminder: {reminder}\n"
        "• Weekly chart: {weekly}\n"
        "• Entries stored: {count}\n\n"
        "Change them with /timezone, /remind, /pause, /resume, /weekly."
    )


def reminder_state_paused() -> str:
    # Translators: the daily reminder in /settings, e.g. "20:00 (paused)".
    return _("{time} (paused)")


def reminder_state_blocked() -> str:
    # Translators: the daily reminder in /settings when Telegram refused to deliver it.
    return _("{time} (stopped: I could not reach you)")


def switched_on() -> str:
    # Translators: the state of a setting (the weekly chart) in /settings.
    return pgettext("setting", "on")


def switched_off() -> str:
    # Translators: the state of a setting (the weekly chart) in /settings.
    return pgettext("setting", "off")


def paused() -> str:
    return _("Daily reminders paused. You can still log at any time. /resume turns them back on.")


def resumed() -> str:
    return _("Daily reminders back on, every day at {time} ({tz}).")


def remind_usage() -> str:
    return _("Send the time like this: /remind 20:00 (or 8pm, or 20.00).")


def timezone_usage() -> str:
    return _("Send your time zone like this: /timezone Europe/Berlin")


def cancelled() -> str:
    return _("OK, cancelled.")


def nothing_to_cancel() -> str:
    return _("There was nothing to cancel.")


def unknown_command() -> str:
    return _("I don't know that command. /help lists what I can do.")


def delete_done() -> str:
    return _("Everything is erased. If you ever want to start again, send /start.")


def delete_kept() -> str:
    return _("Nothing was erased.")


def safety_high_score() -> str:
    return _(
        "That's a very high pain score, and I'm sorry you're going through this. I can't give "
        "medical advice: if this is new, worse than usual or worrying you, please contact your "
        "care team. If you think it's an emergency, call your local emergency number "
        "(112 in Europe, 911 in the US) now."
    )


def button_done() -> str:
    # Translators: a button: finished ticking the techniques.
    return _("Done")


def button_skip() -> str:
    # Translators: a button: no note for this check-in.
    return pgettext("note", "Skip")


def button_skip_rating() -> str:
    # Translators: a button below a 0-10 rating: not rating this time.
    return pgettext("rating", "Skip")


def button_yes_remove() -> str:
    # Translators: a button confirming that one diary entry is removed.
    return _("Yes, remove it")


def button_yes_erase() -> str:
    # Translators: a button confirming that all the user's data is erased.
    return _("Yes, erase everything")


def button_no() -> str:
    # Translators: a button declining a removal or erasure.
    return _("No, keep it")


def checked() -> str:
    # Translators: a ticked toggle button; {label} is a technique or medication.
    return _("✅ {label}")


def unchecked() -> str:
    # Translators: an unticked toggle button; {label} is a technique or medication.
    return _("⬜ {label}")


def toggle_label(label: str, *, ticked: bool) -> str:
    """A toggle button's label with its tick (or empty box) in front."""
    return (checked() if ticked else unchecked()).format(label=label)


def score_out_of_ten() -> str:
    # Translators: a pain score, e.g. "6/10".
    return _("{score}/10")


def note_only_score() -> str:
    # Translators: in an entry line, in place of a score: the entry is a note without a score.
    return pgettext("entry without score", "note")


def shorten(typed: str, limit: int = 40) -> str:
    """What a patient typed, quoted back at most `limit` characters long."""
    return typed if len(typed) <= limit else typed[: limit - 1] + "…"


def format_time(value: time) -> str:
    """A time of day as patients read it, 24-hour."""
    return value.strftime("%H:%M")


def technique_list(entry: Entry) -> str:
    """The techniques (and medication) of an entry in words."""
    names = [technique_names()[t] for t in entry.techniques]
    if entry.medication:
        names.append(medication_name())
    if not names:
        return no_techniques() if entry.techniques_answered else words.techniques_not_answered()
    return format_list(names)


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


def settings_text(profile: Profile, entry_count: int) -> str:
    """The /settings reply."""
    at = format_time(profile.reminder_time)
    if profile.blocked:
        at = reminder_state_blocked().format(time=at)
    elif profile.paused:
        at = reminder_state_paused().format(time=at)
    return settings().format(
        tz=profile.timezone,
        reminder=at,
        weekly=switched_on() if profile.weekly_chart else switched_off(),
        count=entry_count,
    )


def chart_caption(days: int) -> str:
    return ngettext(
        "Pain diary {start} – {end}\nMean {mean} · worst {worst} · {logged} of {days} day logged",
        "Pain diary {start} – {end}\nMean {mean} · worst {worst} · {logged} of {days} days logged",
        days,
    )


def no_figure() -> str:
    # Translators: in place of a figure (mean, worst) that a period does not have.
    return _("–")


def chart_usage() -> str:
    return _(
        "Which period? /chart (last 7 days), /chart 30, /chart 90, /chart month, "
        "or two dates: /chart 2026-10-01 2026-10-31"
    )


def chart_empty() -> str:
    return _("No entries between {start} and {end}, so there is nothing to chart yet.")


def weekly_usage_on() -> str:
    return _(
        "Your weekly chart is on. /weekly on sends a chart of your week every Sunday at your "
        "reminder time; /weekly off stops it."
    )


def weekly_usage_off() -> str:
    return _(
        "Your weekly chart is off. /weekly on sends a chart of your week every Sunday at your "
        "reminder time; /weekly off stops it."
    )


def weekly_on() -> str:
    return _("Weekly chart on: every Sunday at your reminder time.")


def weekly_off() -> str:
    return _("Weekly chart off.")


def weekly_empty() -> str:
    return _("Your weekly chart: no entries this week, so there is nothing to chart.")


def short_date(day: date) -> str:
    """A day in chat, as the language writes it (CLDR): "Nov 1, 2026", "1 nov 2026"."""
    return format_date(day, "medium")


# -- exports -----------------------------------------------------------------------------------
def export_usage() -> str:
    return _(
        "Which period? /export (last 30 days), /export 90, /export all, "
        "or two dates: /export 2026-10-01 2026-10-31"
    )


def export_empty() -> str:
    return _("No entries between {start} and {end}, so there is nothing to export.")


def export_intro() -> str:
    return _(
        "Your diary from {start} to {end}: a PDF report to read or show your specialist, a CSV "
        "file for spreadsheets, and a FHIR file that clinical systems can import."
    )


def preparing() -> str:
    return _("Preparing your files…")


# -- sharing: the patient's side ---------------------------------------------------------------
def link_declined() -> str:
    return _("Declined: nothing was shared with {name}.")


def link_request_gone() -> str:
    return _("This request is no longer open.")


def sharing_none() -> str:
    return _("You don't share your diary with anyone. /share creates a code for your specialist.")


def sharing_pending() -> str:
    # Translators: a line of /sharing: a specialist who asked, and the patient has not answered.
    return _("• {who} (waiting for your confirmation)")


def unshared() -> str:
    return _("Stopped: {name} no longer receives anything from your diary.")


def button_decline() -> str:
    # Translators: a button: the patient declines a specialist's request to see the diary.
    return pgettext("decline sharing", "No")


def button_stop_sharing() -> str:
    return _("Stop sharing with {name}")


def name_set() -> str:
    return _("Your reports will show your name as “{name}”.")


def name_usage() -> str:
    return _("Send the name your reports should show, like this: /name Alex Smith")


# -- sharing: the specialist's side ------------------------------------------------------------
def link_usage() -> str:
    return _("Send the patient's code like this: /link ABCDE-FGHJK")


def link_invalid() -> str:
    return _("That code is not valid. Check it with your patient, or ask them for a new one.")


def link_rate_limited() -> str:
    return _("Too many codes that did not work. Please try again in an hour.")


def link_own_code() -> str:
    return _("That is your own sharing code: give it to your specialist instead.")


def link_requested() -> str:
    return _("Thank you. I've asked your patient to confirm; I'll tell you when they have.")


def link_declined_specialist() -> str:
    return _("Your request to see a patient's diary was declined.")


def digest_usage_on() -> str:
    return _(
        "Your weekly summaries arrive every {weekday} at {time} ({tz}).\nChange with /digest "
        "monday 08:00 (optionally a time zone: /digest friday 17:30 Europe/Berlin), or "
        "/digest off."
    )


def digest_usage_off() -> str:
    return _(
        "Your weekly summaries arrive never (turned off).\nChange with /digest monday 08:00 "
        "(optionally a time zone: /digest friday 17:30 Europe/Berlin), or /digest off."
    )


def digest_set() -> str:
    return _("Weekly summaries: every {weekday} at {time} ({tz}).")


def digest_off() -> str:
    return _("Weekly summaries are off. /digest monday 08:00 turns them back on.")


def weekdays() -> tuple[str, ...]:
    return (
        _("Monday"),
        _("Tuesday"),
        _("Wednesday"),
        _("Thursday"),
        _("Friday"),
        _("Saturday"),
        _("Sunday"),
    )


# -- the weekly PEG ----------------------------------------------------------------------------
def peg_questions() -> dict[str, tuple[str, str]]:
    return {
        "pain": (
            # Translators: a PEG item (Krebs et al. 2009, J Gen Intern Med 24:733). Follow a
            # published translation where one exists: Spanish PEG-S (PMC11580754); none was
            # found for de, fr, pt_BR or ru (docs/peg-translations.md), so those are our own.
            _("What number best describes your pain on average in the past week?"),
            _("0 = no pain, 10 = pain as bad as you can imagine"),
        ),
        "enjoyment": (
            # Translators: a PEG item (Krebs et al. 2009, J Gen Intern Med 24:733). Follow a
            # published translation where one exists: Spanish PEG-S (PMC11580754); none was
            # found for de, fr, pt_BR or ru (docs/peg-translations.md), so those are our own.
            _(
                "What number best describes how, during the past week, pain has interfered with "
                "your enjoyment of life?"
            ),
            _("0 = does not interfere, 10 = completely interferes"),
        ),
        "activity": (
            # Translators: a PEG item (Krebs et al. 2009, J Gen Intern Med 24:733). Follow a
            # published translation where one exists: Spanish PEG-S (PMC11580754); none was
            # found for de, fr, pt_BR or ru (docs/peg-translations.md), so those are our own.
            _(
                "What number best describes how, during the past week, pain has interfered with "
                "your general activity?"
            ),
            _("0 = does not interfere, 10 = completely interferes"),
        ),
    }


def peg_question() -> str:
    return _("Question {n} of {total}\n{question}\n{anchors}")


def peg_first_question() -> str:
    return _(
        "Your weekly check (PEG, 3 quick questions about the past week).\n\n"
        "Question {n} of {total}\n{question}\n{anchors}"
    )


def peg_done() -> str:
    return _(
        "Thank you. Your PEG score this week: {score} "
        "(pain {pain}, enjoyment of life {enjoyment}, general activity {activity})."
    )


def peg_usage_on() -> str:
    return _(
        "The weekly PEG check is on, every {weekday}. /peg sunday (or any day) sets the day, at "
        "your reminder time; /peg off stops it."
    )


def peg_usage_off() -> str:
    return _(
        "The weekly PEG check is off. /peg sunday (or any day) sets the day, at your reminder "
        "time; /peg off stops it."
    )


def peg_set() -> str:
    return _("Weekly PEG check: every {weekday} at your reminder time.")


def peg_off() -> str:
    return _("Weekly PEG check off.")


# -- flares ------------------------------------------------------------------------------------
def flare_notice() -> str:
    return _(
        "Your pain looks higher than usual ({reason}). I'm sorry it's a hard time.\n\n"
        "If this goes on or worries you, please contact your care team; in an "
        "emergency, call your local emergency number."
    )


def flare_notice_helped() -> str:
    return _(
        "Your pain looks higher than usual ({reason}). I'm sorry it's a hard time.\n\n"
        "On earlier days, your pain was lower on days you used: {techniques}. "
        "Maybe one of them is worth a try today, if it feels right.\n\n"
        "If this goes on or worries you, please contact your care team; in an "
        "emergency, call your local emergency number."
    )


def flare_reason_high() -> str:
    return _("{today}/10 today after {yesterday}/10 yesterday")


def flare_reason_jump() -> str:
    return _("{today}/10 today, your 14-day average is {baseline}")


def flare_alert() -> str:
    return _("Flare alert: {name} logged high pain ({reason}).")


def flare_alert_unnamed() -> str:
    return _("Flare alert: a patient logged high pain ({reason}).")


def alerts_on() -> str:
    return _("Flare alerts on: you'll get a short message when a linked patient has a flare.")


def alerts_off() -> str:
    return _("Flare alerts off.")


def alerts_usage_on() -> str:
    return _("Flare alerts are on. /alerts on or /alerts off.")


def alerts_usage_off() -> str:
    return _("Flare alerts are off. /alerts on or /alerts off.")
