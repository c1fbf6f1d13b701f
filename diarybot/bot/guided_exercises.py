"""/breathe and /relax: guided exercises played as timed steps in one message, and /practice.

Each step edits the same message and schedules the next through the job queue (no sleeping in a
handler), so the bot keeps serving everyone, a Stop button works at any step, and tests drive
the steps by running the queued job instead of waiting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Forbidden
from telegram.ext import JobQueue

from diarybot import texts
from diarybot.bot import button_data, keyboard_shapes
from diarybot.bot.context import BotContext
from diarybot.bot.replies import edit, pressed, profile_or_prompt, reply
from diarybot.domain.entries import new_id
from diarybot.domain.exercises import (
    BREATHING_PATTERNS,
    PATTERNS,
    practice_figures,
    steps,
)
from diarybot.domain.localtime import local_date, zone
from diarybot.domain.practice import ExerciseSession
from diarybot.runtime import jobs
from diarybot.texts import guided


@dataclass(frozen=True)
class Playing:
    """Where a running exercise is: carried by its step job, so nothing else holds state."""

    session_id: str
    pattern: str
    message_id: int
    index: int


def step_job_name(user_id: int) -> str:
    """The one step job a patient can have (a new exercise replaces an old one)."""
    return f"exercise:{user_id}"


async def breathe_command(update: Update, context: BotContext) -> None:
    """/breathe: choose a breathing pattern."""
    if await profile_or_prompt(update, context) is None:
        return
    buttons = [
        [
            InlineKeyboardButton(
                guided.pattern_names()[c], callback_data=f"{button_data.EX_PATTERN}:{c}"
            )
        ]
        for c in BREATHING_PATTERNS
    ]
    await reply(update, guided.breathe_menu(), reply_markup=InlineKeyboardMarkup(buttons))


async def relax_command(update: Update, context: BotContext) -> None:
    """/relax: progressive muscle relaxation, starting with the pain-before question."""
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    session = await _new_session(context, profile.user_id, "pmr")
    await reply(
        update,
        guided.ask_pain_before(),
        reply_markup=keyboard_shapes.rating_keyboard(button_data.EX_BEFORE, session.id),
    )


async def pattern_button(update: Update, context: BotContext) -> None:
    """A breathing pattern chosen: ask for pain before."""
    press = await pressed(update)
    if press is None:
        return
    query, callback, user_id = press.query, press.callback, press.user_id
    session = await _new_session(context, user_id, callback.args[0])
    await edit(
        query,
        guided.ask_pain_before(),
        keyboard_shapes.rating_keyboard(button_data.EX_BEFORE, session.id),
    )


async def _new_session(context: BotContext, user_id: int, pattern: str) -> ExerciseSession:
    svc = context.services
    profile = await svc.store.profiles.get(user_id)
    now = svc.clock()
    session = ExerciseSession(
        id=new_id(),
        technique=PATTERNS[pattern].technique,
        pattern=pattern,
        started_at=now,
        local_date=local_date(now, zone(profile.timezone if profile else "UTC")),
    )
    await _save(context, user_id, session)
    return session


async def _save(context: BotContext, user_id: int, session: ExerciseSession) -> None:
    await context.services.store.diary.save_session(user_id, session)


async def _load(context: BotContext, user_id: int, session_id: str) -> ExerciseSession | None:
    sessions = await context.services.store.diary.sessions(user_id)
    return next((s for s in sessions if s.id == session_id), None)


async def before_button(update: Update, context: BotContext) -> None:
    """Pain before rated (or skipped): store it and start the first step."""
    press = await pressed(update)
    message = press.query.message if press is not None else None
    if press is None or message is None:
        return
    query, callback, user_id = press.query, press.callback, press.user_id
    session = await _load(context, user_id, callback.args[0])
    if session is None or session.seconds or session.completed:
        await edit(query, texts.button_expired())
        return
    rating = None if callback.args[1] == button_data.SKIP else int(callback.args[1])
    session = session.replace(pain_before=rating, started_at=context.services.clock())
    await _save(context, user_id, session)
    playing = Playing(session.id, session.pattern, message.message_id, 0)
    await _show_step(context, user_id, playing)


async def _show_step(context: BotContext, user_id: int, playing: Playing) -> None:
    """Edit the message to step `playing.index` and queue the next one after its seconds."""
    sequence = steps(playing.pattern)
    step = sequence[playing.index]
    text = guided.exercise_step().format(
        step=guided.step_text(step),
        progress=guided.exercise_progress().format(n=playing.index + 1, total=len(sequence)),
    )
    stop = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    guided.button_stop(),
                    callback_data=f"{button_data.EX_STOP}:{playing.session_id}",
                )
            ]
        ]
    )
    try:
        await context.bot.edit_message_text(
            text, chat_id=user_id, message_id=playing.message_id, reply_markup=stop
        )
    except (Forbidden, BadRequest):
        # Blocked, or the message was deleted: the exercise ends quietly, nothing to save.
        return
    _queue(context.job_queue, user_id, playing, timedelta(seconds=step.seconds))


def _queue(
    job_queue: JobQueue[Any] | None, user_id: int, playing: Playing, delay: timedelta
) -> None:
    if job_queue is None:
        return
    jobs.once(job_queue, next_step, step_job_name(user_id), delay, user_id=user_id, data=playing)


async def next_step(context: BotContext) -> None:
    """Job callback: show the next step, or finish and ask for pain after."""
    job = context.job
    if job is None or job.user_id is None or not isinstance(job.data, Playing):
        return
    playing = job.data
    user_id = job.user_id
    nxt = Playing(playing.session_id, playing.pattern, playing.message_id, playing.index + 1)
    if nxt.index < len(steps(playing.pattern)):
        await _show_step(context, user_id, nxt)
        return
    session = await _load(context, user_id, playing.session_id)
    if session is None:
        return
    seconds = sum(s.seconds for s in steps(playing.pattern))
    await _save(context, user_id, session.replace(seconds=seconds, completed=True))
    await context.bot.edit_message_text(
        guided.exercise_done(), chat_id=user_id, message_id=playing.message_id
    )
    await context.bot.send_message(
        user_id,
        guided.ask_pain_after(),
        reply_markup=keyboard_shapes.rating_keyboard(button_data.EX_AFTER, session.id),
    )


async def stop_button(update: Update, context: BotContext) -> None:
    """Stop pressed: cancel the step job and keep the session as not completed."""
    press = await pressed(update)
    if press is None:
        return
    query, callback, user_id = press.query, press.callback, press.user_id
    done = 0
    if context.job_queue is not None:
        job = jobs.find(context.job_queue, step_job_name(user_id))
        playing = job.data if job is not None else None
        if isinstance(playing, Playing) and playing.session_id == callback.args[0]:
            done = sum(s.seconds for s in steps(playing.pattern)[: playing.index + 1])
            jobs.remove(context.job_queue, step_job_name(user_id))
    session = await _load(context, user_id, callback.args[0])
    if session is not None and not session.completed:
        await _save(context, user_id, session.replace(seconds=done))
    await edit(query, guided.exercise_stopped())


async def after_button(update: Update, context: BotContext) -> None:
    """Pain after rated (or skipped): store it and show the before/after pair."""
    press = await pressed(update)
    if press is None:
        return
    query, callback, user_id = press.query, press.callback, press.user_id
    session = await _load(context, user_id, callback.args[0])
    if session is None or not session.completed:
        await edit(query, texts.button_expired())
        return
    rating = None if callback.args[1] == button_data.SKIP else int(callback.args[1])
    session = session.replace(pain_after=rating)
    await _save(context, user_id, session)
    if session.pain_before is not None and rating is not None:
        change = guided.exercise_change().format(before=session.pain_before, after=rating)
    else:
        change = guided.exercise_no_change_rated()
    await edit(query, guided.exercise_saved().format(change=change))


async def sessions_of(context: BotContext, user_id: int) -> list[ExerciseSession]:
    """Every stored exercise session of a patient."""
    return await context.services.store.diary.sessions(user_id)


async def practice_command(update: Update, context: BotContext) -> None:
    """/practice: sessions per technique and the mean change in pain, when there are enough."""
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    lines = guided.practice_lines(practice_figures(await sessions_of(context, profile.user_id)))
    if not lines:
        await reply(update, guided.practice_none())
        return
    await reply(update, guided.practice_text(lines))
