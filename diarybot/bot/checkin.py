"""The check-in's score: /checkin, a score tapped or typed, then the next question; and the
offer, the morning after a missed reminder, to rate yesterday evening.

The score is written the moment it is given, so an abandoned check-in keeps it; later answers
(`checkin_techniques`, `checkin_notes`) update that entry. "Saved" is only said after the write
returned, i.e. the file is on disk.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from telegram import Message, Update

from diarybot import texts
from diarybot.bot import button_data, flare_messages, keyboard_shapes, reminders
from diarybot.bot.checkin_steps import question_after, saved_line
from diarybot.bot.context import Awaiting, BotContext
from diarybot.bot.diary_entries import make_entry, message_entry_id, store_continuations
from diarybot.bot.replies import edit, pressed, profile_or_prompt, reply
from diarybot.domain import safety
from diarybot.domain.backdating import missed_yesterday
from diarybot.domain.entries import Entry, Source, new_id, scored
from diarybot.domain.free_text import split_note
from diarybot.domain.localtime import instant_on, local_date, zone
from diarybot.domain.people import Profile
from diarybot.texts import words

# A score keyboard older than this is refused: the day it asked about is over.
PROMPT_MAX_AGE = timedelta(hours=36)


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
    entry = await svc.store.diary.answer(
        user_id, entry_id, now, score=score, **({"source": source} if source else {})
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
        reply_markup=keyboard_shapes.rating_keyboard(
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
    entry = await diary.answer(profile.user_id, entry_id, context.services.clock(), score=score)
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
