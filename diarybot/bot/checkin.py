"""The check-in: score (buttons or typed), coping techniques, optional note; /log, /history, /undo.

The score is written the moment it is given, so an abandoned check-in keeps it; later answers
update that entry. "Saved" is only said after the write returned, i.e. the file is on disk.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from telegram import Message, Update

from diarybot import texts
from diarybot.bot import crisis, flare_messages, keyboards, reminders
from diarybot.bot.context import Awaiting, BotContext
from diarybot.bot.replies import edit, edit_markup, patient_id, pressed, profile_or_prompt, reply
from diarybot.domain import safety
from diarybot.domain.entries import NOTE_MAX_CHARS, Entry, Source, Technique, new_id
from diarybot.domain.localtime import local_date, zone
from diarybot.domain.parsing import parse_score
from diarybot.domain.people import Profile

HISTORY_SIZE = 10
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


def _message_entry_id(update: Update) -> str:
    """An entry made from a message takes its id from the update: if Telegram delivers the
    same update again, storing it again changes nothing (`add_entry` keeps the first)."""
    return f"{update.update_id % 16**10:010x}"


async def checkin_command(update: Update, context: BotContext) -> None:
    """/checkin asks for a score with the 0–10 keyboard."""
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    context.state.clear()
    await reminders.send_prompt(context.bot, profile.chat_id, texts.ASK_SCORE)


async def score_button(update: Update, context: BotContext) -> None:
    """A score tapped on a reminder or /checkin keyboard: create (or re-score) its entry."""
    press = await pressed(update)
    svc = context.services
    message = press.query.message if press else None
    if press is None or not isinstance(message, Message):
        await reply(update, texts.BUTTON_EXPIRED)
        return
    query, callback, user_id = press.query, press.callback, press.user_id
    now = svc.clock()
    if now - message.date > PROMPT_MAX_AGE:
        await edit(query, texts.BUTTON_EXPIRED)
        return
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    entry_id, score = callback.args[0], int(callback.args[1])
    entry = await svc.store.diary.update(user_id, entry_id, score=score)
    recent = None
    if entry is None:
        source = Source.REMINDER if message.text == texts.REMINDER else Source.CHECKIN
        entry = make_entry(profile, score, now, source, entry_id=entry_id)
        recent = await svc.store.diary.record(user_id, entry, flare_messages.lookback_start(entry))
    await _after_score(update, profile, entry, query_message=True)
    await flare_messages.check_after_entry(context.bot, svc, profile, entry, recent)


async def typed_score(update: Update, context: BotContext, text: str) -> None:
    """A message that should be a score: store it, or explain what we expected."""
    score = parse_score(text)
    if score is None:
        await reply(update, texts.TOO_LONG if len(text) > 200 else texts.SCORE_INVALID)
        return
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    entry = make_entry(
        profile, score, context.services.clock(), Source.TYPED, entry_id=_message_entry_id(update)
    )
    await _save_typed(update, context, profile, entry)


async def _save_typed(update: Update, context: BotContext, profile: Profile, entry: Entry) -> None:
    """Store a typed score, confirm it, then look for a flare (in that order)."""
    svc = context.services
    # Stored, and the last weeks read back for the flare check, in one trip to the file.
    recent = await svc.store.diary.record(
        profile.user_id, entry, flare_messages.lookback_start(entry)
    )
    await _after_score(update, profile, entry, query_message=False)
    await flare_messages.check_after_entry(context.bot, svc, profile, entry, recent)


async def _after_score(
    update: Update, profile: Profile, entry: Entry, *, query_message: bool
) -> None:
    """Confirm the saved score and offer the techniques; add the safety pointer if needed."""
    at = entry.recorded_at.astimezone(zone(profile.timezone))
    saved = texts.SCORE_SAVED.format(score=entry.score, time=f"{at:%H:%M}")
    text = texts.ASK_TECHNIQUES.format(saved=saved)
    markup = keyboards.techniques_keyboard(entry)
    high = safety.is_high_score(entry.score)
    if query_message and update.callback_query is not None:
        if not high:
            await edit(update.callback_query, text, markup)
            return
        # The pressed keyboard only says "saved"; the techniques question comes after the
        # safety pointer, as a new message below it.
        await edit(update.callback_query, saved)
    if high:
        await reply(update, texts.SAFETY_HIGH_SCORE)
    await reply(update, text, reply_markup=markup)


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
        await edit(query, texts.ENTRY_GONE)
        return
    if code == keyboards.MEDICATION_CODE:
        entry = await store.diary.update(user_id, entry_id, medication=not entry.medication)
    else:
        chosen = set(entry.techniques) ^ {Technique(code)}
        ordered = tuple(t for t in Technique if t in chosen)
        entry = await store.diary.update(user_id, entry_id, techniques=ordered)
    if entry is None:
        await edit(query, texts.ENTRY_GONE)
        return
    await edit_markup(query, keyboards.techniques_keyboard(entry))


async def techniques_done(update: Update, context: BotContext) -> None:
    """Done with techniques: show what was saved and offer a note."""
    press = await pressed(update)
    if press is None:
        return
    query, callback, user_id = press.query, press.callback, press.user_id
    entry = await context.services.store.diary.get(user_id, callback.args[0])
    if entry is None:
        await edit(query, texts.ENTRY_GONE)
        return
    context.state.expect(Awaiting.NOTE, entry.id)
    summary = texts.CHECKIN_SUMMARY.format(
        score=entry.score, techniques=texts.technique_list(entry)
    )
    await edit(query, f"{summary}\n\n{texts.ASK_NOTE}", keyboards.note_keyboard(entry.id))


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
        await edit(query, texts.ENTRY_GONE)
        return
    summary = texts.CHECKIN_SUMMARY.format(
        score=entry.score, techniques=texts.technique_list(entry)
    )
    await edit(query, f"{summary}\n\n{texts.CHECKIN_DONE}")


async def note_text(update: Update, context: BotContext, entry_id: str, text: str) -> None:
    """The typed note for the entry we asked about."""
    user_id = patient_id(update)
    if user_id is None:
        return
    if len(text) > NOTE_MAX_CHARS:
        await reply(update, texts.NOTE_TOO_LONG.format(limit=NOTE_MAX_CHARS))
        return
    entry = await context.services.store.diary.update(user_id, entry_id, note=text)
    context.state.clear()
    await reply(update, texts.ENTRY_GONE if entry is None else texts.NOTE_SAVED)


async def log_command(update: Update, context: BotContext) -> None:
    """/log 6 [note]: a quick entry at any time."""
    if update.effective_message is None:
        return
    parts = (update.effective_message.text or "").split(maxsplit=2)
    score = parse_score(parts[1]) if len(parts) > 1 else None
    note = parts[2].strip() if len(parts) > 2 else ""
    # The crisis reply before anything else: a missing profile, a bad score, a long note.
    rest = " ".join(parts[1:])
    alarming = await crisis.answer_if_alarming(update, context, rest, as_note=score is not None)
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    if score is None:
        if not alarming:
            await reply(update, texts.LOG_USAGE)
        return
    if len(note) > NOTE_MAX_CHARS:
        await reply(update, texts.NOTE_TOO_LONG.format(limit=NOTE_MAX_CHARS))
        return
    context.state.clear()
    entry = make_entry(
        profile,
        score,
        context.services.clock(),
        Source.QUICK_LOG,
        entry_id=_message_entry_id(update),
        note=note,
    )
    await _save_typed(update, context, profile, entry)


async def history_command(update: Update, context: BotContext) -> None:
    """/history: the last entries, newest first, in the patient's local time."""
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    entries = (await context.services.store.diary.entries(profile.user_id))[-HISTORY_SIZE:]
    if not entries:
        await reply(update, texts.HISTORY_EMPTY)
        return
    tz = zone(profile.timezone)
    lines = [texts.entry_line(e, e.recorded_at.astimezone(tz)) for e in reversed(entries)]
    await reply(update, texts.HISTORY_HEADER.format(n=len(entries)) + "\n" + "\n".join(lines))


async def undo_command(update: Update, context: BotContext) -> None:
    """/undo: offer to remove the most recent entry."""
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    entries = await context.services.store.diary.entries(profile.user_id)
    if not entries:
        await reply(update, texts.UNDO_NOTHING)
        return
    last = entries[-1]
    line = texts.entry_line(last, last.recorded_at.astimezone(zone(profile.timezone)))
    markup = keyboards.confirm_keyboard(
        texts.BUTTON_YES_REMOVE, f"{keyboards.UNDO_YES}:{last.id}", keyboards.UNDO_NO
    )
    await reply(update, texts.UNDO_CONFIRM.format(entry=line), reply_markup=markup)


async def undo_button(update: Update, context: BotContext) -> None:
    """The answer to /undo's question."""
    press = await pressed(update)
    if press is None:
        return
    query, callback, user_id = press.query, press.callback, press.user_id
    if callback.kind == keyboards.UNDO_NO:
        await edit(query, texts.UNDO_KEPT)
        return
    removed = await context.services.store.diary.delete(user_id, callback.args[0])
    await edit(query, texts.UNDO_DONE if removed else texts.ENTRY_GONE)
