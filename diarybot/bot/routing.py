"""Messages that are not commands or buttons: the answer to what we asked, a typed score, or
something we cannot read; and /cancel."""

from __future__ import annotations

from telegram import Update

from diarybot import texts
from diarybot.bot import (
    checkin,
    crisis,
    guided_exercises,
    history,
    medications,
    onboarding,
    words,
)
from diarybot.bot.context import Awaiting, BotContext
from diarybot.bot.replies import patient_id, reply
from diarybot.runtime import jobs

# Longest a patient message is read as a score or setting; longer texts get a short reply.
MAX_TEXT = 5000


async def route_text(update: Update, context: BotContext) -> None:
    """Plain text: the answer to what we last asked, or else a pain score."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    text = message.text
    state = context.state
    # A corrected note (/history) is stored whatever it says, like a note.
    taking_note = state.awaiting in (Awaiting.NOTE, Awaiting.EDIT_NOTE)
    # Before anything else, whatever else is wrong with the message (too long, not what we
    # asked for): someone in trouble is answered first.
    alarming = await crisis.answer_if_alarming(update, context, text, as_note=taking_note)
    if taking_note and state.entry_id is not None:
        # A note is stored whatever it says, however long (kept in consecutive notes).
        if state.awaiting is Awaiting.EDIT_NOTE:
            await history.note_text(update, context, state.entry_id, text)
        else:
            await checkin.note_text(update, context, state.entry_id, text)
        return
    if alarming:
        return
    if len(text) > MAX_TEXT:
        await reply(update, texts.TOO_LONG)
        return
    if state.awaiting is Awaiting.TIMEZONE:
        await onboarding.apply_timezone_text(update, context, text)
    elif state.awaiting is Awaiting.REMINDER_TIME:
        await onboarding.apply_time_text(update, context, text)
    elif state.awaiting is Awaiting.MED_NAME:
        await medications.name_text(update, context, text)
    elif state.awaiting is Awaiting.MED_RENAME and state.entry_id is not None:
        await medications.rename_text(update, context, state.entry_id, text)
    else:
        # Anything else is the patient's own words: a score, or text kept as they choose.
        await words.typed_text(update, context, text)


async def not_text(update: Update, context: BotContext) -> None:
    """Stickers, photos, voice: we only read text, but a caption is read for the crisis check
    first (a photo or a document sent with "I want to die" must not get "send a number")."""
    message = update.effective_message
    caption = message.caption if message is not None else None
    if caption and await crisis.answer_if_alarming(update, context, caption):
        return
    await reply(update, texts.SCORE_INVALID)


async def private_only(update: Update, _context: BotContext) -> None:
    """Groups and channels: health data stays in private chats."""
    message = update.effective_message
    if message is not None and message.text and message.text.startswith("/"):
        await reply(update, texts.PRIVATE_ONLY)


async def unknown_command(update: Update, _context: BotContext) -> None:
    """A command we do not have."""
    await reply(update, texts.UNKNOWN_COMMAND)


async def cancel(update: Update, context: BotContext) -> None:
    """/cancel forgets what we were waiting for (a time zone, a time, a note) and stops a
    running exercise."""
    had = context.state.clear()
    user_id = patient_id(update)
    queue = context.job_queue
    if user_id is not None and queue and jobs.find(queue, guided_exercises.step_job_name(user_id)):
        jobs.remove(queue, guided_exercises.step_job_name(user_id))
        had = True
    await reply(update, texts.CANCELLED if had else texts.NOTHING_TO_CANCEL)
