"""Messages that are not commands or buttons: the answer to what we asked, a typed score, or
something we cannot read; and /cancel."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Update

from diarybot import texts
from diarybot.bot import (
    checkin_notes,
    crisis,
    guided_exercises,
    history,
    medications,
    onboarding,
    patient_sharing,
    plan_notes,
    treatments,
    words,
)
from diarybot.bot.context import Awaiting, BotContext
from diarybot.bot.replies import patient_id, reply
from diarybot.domain.free_text import read_score_and_note
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
    if state.awaiting is Awaiting.PLAN_NOTE and len(text) <= MAX_TEXT:
        # A specialist writing for a patient, not about themselves: a plan may well name a
        # crisis line, and must be stored as written rather than answered as an emergency.
        await plan_notes.plan_text(update, context, text)
        return
    draft = state.treatment
    if (
        state.awaiting is Awaiting.TREATMENT_WORDS
        and draft is not None
        and draft.patient_id != patient_id(update)
        and len(text) <= MAX_TEXT
    ):
        # Likewise a specialist's words about a patient's treatment: stored as written.
        await treatments.words_text(update, context, text)
        return
    # A corrected note (/history) is stored whatever it says, like a note.
    taking_note = state.awaiting in (Awaiting.NOTE, Awaiting.EDIT_NOTE)
    # Words that will be kept after the crisis reply, like /log's: a score with a note, or the
    # note typed while the techniques keyboard is open (never the answer to a setting).
    answering_setting = state.awaiting in (Awaiting.TIMEZONE, Awaiting.REMINDER_TIME)
    kept = (
        taking_note
        or state.awaiting is Awaiting.TREATMENT_WORDS
        or (
            not answering_setting
            and (state.awaiting is Awaiting.TECHNIQUES or read_score_and_note(text) is not None)
        )
    )
    # Before anything else, whatever else is wrong with the message (too long, not what we
    # asked for): someone in trouble is answered first.
    alarming = await crisis.answer_if_alarming(update, context, text, as_note=kept)
    if taking_note and state.entry_id is not None:
        # A note is stored whatever it says, however long (kept in consecutive notes).
        if state.awaiting is Awaiting.EDIT_NOTE:
            await history.note_text(update, context, state.entry_id, text)
        else:
            await checkin_notes.note_text(update, context, state.entry_id, text)
        return
    if alarming and not kept:
        return
    if len(text) > MAX_TEXT:
        await reply(update, texts.too_long())
        return
    answer = _ANSWERS.get(state.awaiting)
    if answer is not None:
        await answer(update, context, text)
    else:
        # Anything else is the patient's own words: a score, or text kept as they choose.
        await words.typed_text(update, context, text)


async def _rename_medication(update: Update, context: BotContext, text: str) -> None:
    if context.state.entry_id is not None:
        await medications.rename_text(update, context, context.state.entry_id, text)


Answer = Callable[[Update, BotContext, str], Awaitable[None]]
#: The text that answers a question we asked (a time zone, a medication's name, ...).
_ANSWERS: dict[Awaiting, Answer] = {
    Awaiting.TIMEZONE: onboarding.apply_timezone_text,
    Awaiting.REMINDER_TIME: onboarding.apply_time_text,
    Awaiting.REPORT_NAME: patient_sharing.report_name_text,
    Awaiting.REPORT_REFERENCE: patient_sharing.report_reference_text,
    Awaiting.MED_NAME: medications.name_text,
    Awaiting.MED_RENAME: _rename_medication,
    Awaiting.TREATMENT_DATE: treatments.date_text,
    Awaiting.TREATMENT_WORDS: treatments.words_text,
}


async def not_text(update: Update, context: BotContext) -> None:
    """Stickers, photos, voice: we only read text, but a caption is read for the crisis check
    first (a photo or a document sent with "I want to die" must not get "send a number")."""
    message = update.effective_message
    caption = message.caption if message is not None else None
    if caption and await crisis.answer_if_alarming(update, context, caption):
        return
    await reply(update, texts.score_invalid())


async def private_only(update: Update, _context: BotContext) -> None:
    """Groups and channels: health data stays in private chats."""
    message = update.effective_message
    if message is not None and message.text and message.text.startswith("/"):
        await reply(update, texts.private_only())


async def unknown_command(update: Update, _context: BotContext) -> None:
    """A command we do not have."""
    await reply(update, texts.unknown_command())


async def cancel(update: Update, context: BotContext) -> None:
    """/cancel forgets what we were waiting for (a time zone, a time, a note) and stops a
    running exercise."""
    had = context.state.clear()
    user_id = patient_id(update)
    queue = context.job_queue
    if user_id is not None and queue and jobs.find(queue, guided_exercises.step_job_name(user_id)):
        jobs.remove(queue, guided_exercises.step_job_name(user_id))
        had = True
    await reply(update, texts.cancelled() if had else texts.nothing_to_cancel())
