"""The check-in: score (buttons or typed), coping techniques, optional note; /log, /history, /undo.

The score is written the moment it is given, so an abandoned check-in keeps it; later answers
update that entry. "Saved" is only said after the write returned, i.e. the file is on disk.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from telegram import Message, Update

from diarybot import texts
from diarybot.bot import (
    button_data,
    checkin_keyboards,
    crisis,
    flare_messages,
    keyboards,
    reminders,
)
from diarybot.bot.checkin_steps import question_after, saved_line
from diarybot.bot.context import Awaiting, BotContext
from diarybot.bot.replies import edit, edit_markup, patient_id, pressed, profile_or_prompt, reply
from diarybot.domain import safety
from diarybot.domain.backdating import LogProblem, LogRequest, missed_yesterday, parse_log
from diarybot.domain.entries import NOTE_MAX_CHARS, Entry, Source, Technique, new_id, scored
from diarybot.domain.free_text import continuation_id, join_notes, split_note
from diarybot.domain.localtime import instant_on, local_date, zone
from diarybot.domain.medications import active
from diarybot.domain.people import Profile
from diarybot.texts import words

# A score keyboard older than this is refused: the day it asked about is over.
PROMPT_MAX_AGE = timedelta(hours=36)


def make_entry(
    profile: Profile,
    score: int,
    now: datetime,
    source: Source,
    *,
    entry_id: str | None = None,
    note: str = "",
) -> Entry:
    """A new entry stamped with the instant and the patient's local day."""
    return Entry(
        id=entry_id or new_id(),
        recorded_at=now,
        local_date=local_date(now, zone(profile.timezone)),
        score=score,
        note=note,
        source=source,
    )


def message_entry_id(update: Update) -> str:
    """An entry made from a message takes its id from the update: if Telegram delivers the
    same update again, storing it again changes nothing (`add_entry` keeps the first)."""
    return f"{update.update_id % 16**10:010x}"


async def checkin_command(update: Update, context: BotContext) -> None:
    """/checkin asks for a score with the 0–10 keyboard."""
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    context.state.clear()
    await reminders.send_prompt(context.bot, profile.chat_id, texts.ask_score())


async def score_button(update: Update, context: BotContext) -> None:
    """A score tapped on a reminder or /checkin keyboard: create (or re-score) its entry."""
    press = await pressed(update)
    svc = context.services
    message = press.query.message if press else None
    if press is None or not isinstance(message, Message):
        await reply(update, texts.button_expired())
        return
    query, callback, user_id = press.query, press.callback, press.user_id
    now = svc.clock()
    if now - message.date > PROMPT_MAX_AGE:
        await edit(query, texts.button_expired())
        return
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    entry_id, score = callback.args[0], int(callback.args[1])
    entry = await svc.store.diary.get(user_id, entry_id)
    # "Rate my pain now" stored the patient's words under this keyboard's id: the score makes
    # that note a check-in.
    source = Source.CHECKIN if entry is not None and entry.source is Source.NOTE else None
    entry = await svc.store.diary.update(
        user_id, entry_id, score=score, **({"source": source} if source else {})
    )
    recent = None
    if entry is None:
        source = Source.REMINDER if message.text == texts.reminder() else Source.CHECKIN
        # "Rate my pain now" on words the patient wrote: they become this rating's note.
        pieces = split_note(context.state.take_offer(entry_id) or "")
        note = pieces[0] if pieces else ""
        entry = make_entry(profile, score, now, source, entry_id=entry_id, note=note)
        recent = await svc.store.diary.record(user_id, entry, flare_messages.lookback_start(entry))
        await store_continuations(context, user_id, entry, pieces[1:], entry_id)
    await _after_score(update, context, profile, entry, query_message=True)
    await flare_messages.check_after_entry(context.bot, svc, profile, entry, recent)


async def typed_score(
    update: Update, context: BotContext, profile: Profile, score: int, note: str
) -> None:
    """A typed score, perhaps with words after it ("6 knee bad again"): one entry with a note."""
    pieces = split_note(note)
    entry = make_entry(
        profile,
        score,
        context.services.clock(),
        Source.TYPED,
        entry_id=message_entry_id(update),
        note=pieces[0] if pieces else "",
    )
    await save_typed(update, context, profile, entry, pieces[1:])


async def save_typed(
    update: Update,
    context: BotContext,
    profile: Profile,
    entry: Entry,
    more_notes: Sequence[str] = (),
) -> None:
    """Store a typed score, confirm it, then look for a flare (in that order)."""
    svc = context.services
    # Stored, and the last weeks read back for the flare check, in one trip to the file.
    recent = await svc.store.diary.record(
        profile.user_id, entry, flare_messages.lookback_start(entry)
    )
    await store_continuations(context, profile.user_id, entry, more_notes, entry.id)
    await _after_score(update, context, profile, entry, query_message=False)
    if more_notes:
        count = len(more_notes) + 1
        await reply(update, words.note_continued(count).format(count=count))
    await flare_messages.check_after_entry(context.bot, svc, profile, entry, recent)


async def store_continuations(
    context: BotContext, user_id: int, entry: Entry, pieces: Sequence[str], key: str
) -> None:
    """Text too long for one note, kept as note-only entries right after `entry` (never cut).

    `key` names the message the text came from: the same message stored twice (a redelivered
    update) stores each piece once, and two messages never share an id.
    """
    for index, piece in enumerate(pieces, start=1):
        continued = Entry(
            id=continuation_id(key, index),
            # A microsecond apart, so they sort after the entry and in order.
            recorded_at=entry.recorded_at + timedelta(microseconds=index),
            local_date=entry.local_date,
            score=None,
            note=piece,
            source=Source.NOTE,
        )
        await context.services.store.diary.add(user_id, continued)


async def append_note(
    context: BotContext, user_id: int, entry: Entry, text: str, key: str
) -> tuple[Entry | None, int]:
    """Add `text` below an entry's note; what does not fit follows as note-only entries.

    Returns the updated entry (None when it is gone) and how many notes the text took.
    """
    joined = join_notes(entry.note, text)
    if len(joined) <= NOTE_MAX_CHARS:
        pieces, first = [], joined
    else:
        # The old note stays exactly as it was; the new text goes on in notes of its own.
        head, *pieces = split_note(text)
        first = entry.note
        if len(join_notes(entry.note, head)) <= NOTE_MAX_CHARS:
            first = join_notes(entry.note, head)
        else:
            pieces.insert(0, head)
    updated = await context.services.store.diary.update(user_id, entry.id, note=first)
    if updated is None:
        return None, 0
    await store_continuations(context, user_id, updated, pieces, key)
    return updated, len(pieces) + 1


async def _after_score(
    update: Update, context: BotContext, profile: Profile, entry: Entry, *, query_message: bool
) -> None:
    """Confirm the saved score and ask what follows it (daily items switched on, then the
    techniques); add the safety pointer if needed."""
    # While the keyboard is open, what the patient types is this entry's note.
    context.state.expect(Awaiting.TECHNIQUES, entry.id)
    saved = saved_line(profile, entry)
    # The switched-on daily items first, each on its own keyboard; none: the techniques.
    text, markup = question_after(profile, entry, None)
    high = entry.score is not None and safety.is_high_score(entry.score)
    if query_message and update.callback_query is not None:
        if not high:
            await edit(update.callback_query, text, markup)
            await _offer_yesterday(update, context, profile)
            return
        # The pressed keyboard only says "saved"; the techniques question comes after the
        # safety pointer, as a new message below it.
        await edit(update.callback_query, saved)
    if high:
        await reply(update, texts.safety_high_score())
    await reply(update, text, reply_markup=markup)
    await _offer_yesterday(update, context, profile)


async def _offer_yesterday(update: Update, context: BotContext, profile: Profile) -> None:
    """The morning after an unanswered reminder: offer (once, optionally) to rate yesterday
    evening, one tap on a 0–10 keyboard of its own; the check-in itself is unchanged."""
    tz = zone(profile.timezone)
    day = missed_yesterday(context.services.clock(), tz, profile.last_reminded)
    if day is None:
        return
    recent = scored(await context.services.store.diary.entries(profile.user_id, day))
    # Asked with the day's first score only, and never once yesterday has one.
    if len(recent) != 1 or recent[0].local_date == day:
        return
    at = instant_on(day, profile.reminder_time, tz).astimezone(tz)
    await reply(
        update,
        words.ask_yesterday().format(day=texts.short_date(day), time=texts.format_time(at.time())),
        reply_markup=keyboards.rating_keyboard(
            button_data.LOG_YESTERDAY, new_id(), skippable=False
        ),
    )


async def yesterday_button(update: Update, context: BotContext) -> None:
    """A score for yesterday evening: stored at yesterday's reminder time (re-tap: re-score)."""
    press = await pressed(update)
    message = press.query.message if press else None
    profile = await profile_or_prompt(update, context) if press else None
    if press is None or profile is None or not isinstance(message, Message):
        return
    entry_id, score = press.callback.args[0], int(press.callback.args[1])
    diary = context.services.store.diary
    entry = await diary.update(profile.user_id, entry_id, score=score)
    if entry is None:
        tz = zone(profile.timezone)
        # The evening before the day the question was asked, however late it is answered.
        day = local_date(message.date, tz) - timedelta(days=1)
        at = instant_on(day, profile.reminder_time, tz)
        # Prompted by the reminder, answered late: stored as the reminder's answer.
        entry = Entry(
            id=entry_id, recorded_at=at, local_date=day, score=score, source=Source.REMINDER
        )
        await diary.add(profile.user_id, entry)
    at_local = entry.recorded_at.astimezone(zone(profile.timezone))
    await edit(
        press.query,
        words.backdated_saved().format(
            day=texts.short_date(entry.local_date),
            time=texts.format_time(at_local.time()),
            score=score,
        ),
    )


async def toggle_button(update: Update, context: BotContext) -> None:
    """Tick or untick a technique (or medication) on the entry the keyboard belongs to."""
    press = await pressed(update)
    if press is None:
        return
    query, callback, user_id = press.query, press.callback, press.user_id
    entry_id, code = callback.args
    store = context.services.store
    entry = await store.diary.get(user_id, entry_id)
    if entry is None:
        await edit(query, texts.entry_gone())
        return
    techniques, medication = entry.techniques, entry.medication
    if code == button_data.MEDICATION_CODE:
        medication = not medication
    else:
        chosen = set(techniques) ^ {Technique(code)}
        techniques = tuple(t for t in Technique if t in chosen)
    # A tick is an answer; unticking everything again is back to "not answered".
    entry = await store.diary.update(
        user_id,
        entry_id,
        techniques=techniques,
        medication=medication,
        techniques_answered=bool(techniques) or medication,
    )
    if entry is None:
        await edit(query, texts.entry_gone())
        return
    profile = await store.profiles.get(user_id)
    has_list = profile is not None and bool(active(profile.medications))
    await edit_markup(query, checkin_keyboards.techniques_keyboard(entry, has_list=has_list))


async def techniques_done(update: Update, context: BotContext) -> None:
    """Done (or "None of these") with techniques: show what was saved and offer a note."""
    press = await pressed(update)
    if press is None:
        return
    query, callback, user_id = press.query, press.callback, press.user_id
    diary = context.services.store.diary
    if callback.kind == button_data.TECHNIQUES_NONE:
        # The patient said so: no technique and no medication, answered.
        entry = await diary.update(
            user_id,
            callback.args[0],
            techniques=(),
            medication=False,
            doses=(),
            techniques_answered=True,
        )
    else:
        entry = await diary.get(user_id, callback.args[0])
    if entry is None:
        await edit(query, texts.entry_gone())
        return
    context.state.expect(Awaiting.NOTE, entry.id)
    summary = texts.checkin_summary_ask_note().format(
        score=entry.score, techniques=texts.technique_list(entry)
    )
    await edit(query, summary, checkin_keyboards.note_keyboard(entry.id))


async def note_skipped(update: Update, context: BotContext) -> None:
    """Skip the note: the check-in is complete."""
    press = await pressed(update)
    if press is None:
        return
    query, callback, user_id = press.query, press.callback, press.user_id
    if context.state.entry_id == callback.args[0]:
        context.state.clear()
    entry = await context.services.store.diary.get(user_id, callback.args[0])
    if entry is None:
        await edit(query, texts.entry_gone())
        return
    summary = texts.checkin_summary_done().format(
        score=entry.score, techniques=texts.technique_list(entry)
    )
    await edit(query, summary)


async def note_text(update: Update, context: BotContext, entry_id: str, text: str) -> None:
    """The typed note for the entry we asked about (or whose techniques keyboard is open).

    Added below a note the entry already has, never replacing it; however long, it is kept.
    """
    user_id = patient_id(update)
    if user_id is None:
        return
    ticking = context.state.awaiting is Awaiting.TECHNIQUES
    entry = await context.services.store.diary.get(user_id, entry_id)
    count = 0
    if entry is not None:
        entry, count = await append_note(context, user_id, entry, text, message_entry_id(update))
    if entry is None:
        context.state.clear()
        await reply(update, texts.entry_gone())
    elif ticking:
        # The keyboard is still open: the patient may go on ticking, then tap Done.
        await reply(update, words.note_saved_keep_ticking())
    else:
        context.state.clear()
        await reply(update, texts.note_saved())
    if count > 1:
        await reply(update, words.note_continued(count).format(count=count))


async def log_command(update: Update, context: BotContext) -> None:
    """/log 6 [note] now, or at an earlier time (/log yesterday 7); /log alone asks."""
    if update.effective_message is None:
        return
    parts = (update.effective_message.text or "").split(maxsplit=1)
    args = parts[1] if len(parts) > 1 else ""
    now = context.services.clock()
    # The crisis reply before anything else: a missing profile, a bad score or date. Whether
    # the words will be kept is judged in UTC here; the patient's zone only moves the edges.
    kept = isinstance(parse_log(args, now, ZoneInfo("UTC"), time(20)), LogRequest)
    alarming = await crisis.answer_if_alarming(update, context, args, as_note=kept)
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    if not args:
        await checkin_command(update, context)
        return
    request = parse_log(args, now, zone(profile.timezone), profile.reminder_time)
    if isinstance(request, LogProblem):
        if not alarming:  # the crisis reply said enough
            await _log_refused(update, request)
        return
    context.state.clear()
    pieces = split_note(request.note)
    entry = make_entry(
        profile,
        request.score,
        request.at or now,
        Source.QUICK_LOG,
        entry_id=message_entry_id(update),
        note=pieces[0] if pieces else "",
    )
    if request.day is not None and request.day != entry.local_date:
        entry = entry.replace(local_date=request.day)
    if request.at is None or entry.local_date == local_date(now, zone(profile.timezone)):
        await save_typed(update, context, profile, entry, pieces[1:])
    else:
        await _save_backdated(update, context, profile, entry, pieces[1:])


async def _log_refused(update: Update, problem: LogProblem) -> None:
    if problem is LogProblem.IN_FUTURE:
        await reply(update, words.log_in_future())
    elif problem is LogProblem.TOO_OLD:
        await reply(update, words.log_too_old())
    else:
        await reply(update, words.log_usage())


async def _save_backdated(
    update: Update,
    context: BotContext,
    profile: Profile,
    entry: Entry,
    more_notes: Sequence[str],
) -> None:
    """An entry for an earlier day: stored and confirmed with its day. No techniques keyboard
    ("which did you use today?" would be wrong) and no flare notice about a past day."""
    await context.services.store.diary.add(profile.user_id, entry)
    await store_continuations(context, profile.user_id, entry, more_notes, entry.id)
    at = entry.recorded_at.astimezone(zone(profile.timezone))
    template = words.backdated_saved_with_note() if entry.note else words.backdated_saved()
    await reply(
        update,
        template.format(
            day=texts.short_date(entry.local_date),
            time=texts.format_time(at.time()),
            score=entry.score,
            preview=texts.shorten(entry.note),
        ),
    )
    if entry.score is not None and safety.is_high_score(entry.score):
        await reply(update, texts.safety_high_score())


async def undo_command(update: Update, context: BotContext) -> None:
    """/undo: offer to remove the most recent entry."""
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    entries = await context.services.store.diary.entries(profile.user_id)
    if not entries:
        await reply(update, texts.undo_nothing())
        return
    last = entries[-1]
    line = texts.entry_line(last, last.recorded_at.astimezone(zone(profile.timezone)))
    markup = keyboards.confirm_keyboard(
        texts.button_yes_remove(), f"{button_data.UNDO_YES}:{last.id}", button_data.UNDO_NO
    )
    await reply(update, texts.undo_confirm().format(entry=line), reply_markup=markup)


async def undo_button(update: Update, context: BotContext) -> None:
    """The answer to /undo's question."""
    press = await pressed(update)
    if press is None:
        return
    query, callback, user_id = press.query, press.callback, press.user_id
    if callback.kind == button_data.UNDO_NO:
        await edit(query, texts.undo_kept())
        return
    # Recorded in the audit trail like a removal from /history.
    removed = await context.services.store.diary.remove(
        user_id, callback.args[0], context.services.clock()
    )
    await edit(query, texts.undo_done() if removed else texts.entry_gone())
