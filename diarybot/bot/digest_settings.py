"""When a specialist's weekly digest arrives: /digest, their own time zone, and the digest jobs
(scheduled by name, replaced on every change, rebuilt at start-up with a catch-up)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from telegram import Update
from telegram.ext import JobQueue

from diarybot import texts
from diarybot.bot import settings_keyboards
from diarybot.bot.context import BotContext
from diarybot.bot.reminders import MISFIRE_GRACE, LocalDailyTrigger
from diarybot.bot.replies import known_zone, patient_id, pressed, reply
from diarybot.bot.weekly_digest import digest_due, send_digest
from diarybot.domain.command_words import read_switch
from diarybot.domain.parsing import (
    normalize_timezone,
    parse_time_of_day,
    parse_weekday,
)
from diarybot.domain.people import Specialist
from diarybot.runtime import jobs
from diarybot.texts import i18n
from diarybot.texts import specialist as st


async def set_specialist_timezone(update: Update, context: BotContext, typed: str) -> None:
    """A specialist's /timezone NAME (their digest's clock): set it, or suggest close matches."""
    user_id = patient_id(update)
    if user_id is None:
        return
    name = await known_zone(update, typed, settings_keyboards.specialist_timezone_keyboard)
    if name is None:
        return
    svc = context.services
    default = Specialist(
        user_id, user_id, timezone=svc.settings.default_timezone, language=i18n.active()
    )
    updated = await svc.store.specialists.update(user_id, default, timezone=name)
    if updated is None:
        return
    if context.job_queue is not None:
        schedule_digest(context.job_queue, updated)
    await reply(update, st.specialist_timezone_set().format(**digest_words(updated)))


async def specialist_timezone_button(update: Update, context: BotContext) -> None:
    """A time zone picked from the specialist's keyboard."""
    press = await pressed(update)
    if press is None:
        return
    await set_specialist_timezone(update, context, press.callback.args[0])


def digest_words(specialist: Specialist) -> dict[str, str]:
    return {
        "weekday": texts.weekdays()[specialist.digest_weekday],
        "time": texts.format_time(specialist.digest_time),
        "tz": specialist.timezone,
    }


async def digest_command(update: Update, context: BotContext) -> None:
    """/digest [weekday HH:MM [zone] | off]: when weekly summaries arrive."""
    user_id = patient_id(update)
    if user_id is None:
        return
    svc = context.services
    current = await svc.store.specialists.get(user_id)
    current = current or Specialist(
        user_id, user_id, timezone=svc.settings.default_timezone, language=i18n.active()
    )
    changes = _digest_changes(list(context.args or []))
    if changes is None:
        usage = (
            texts.digest_usage_on().format(**digest_words(current))
            if current.digest_on
            else texts.digest_usage_off()
        )
        await reply(update, usage)
        return
    updated = await svc.store.specialists.update(user_id, current, **changes)
    if context.job_queue is not None and updated is not None:
        schedule_digest(context.job_queue, updated)
    if updated is None or not updated.digest_on:
        await reply(update, texts.digest_off())
        return
    await reply(update, texts.digest_set().format(**digest_words(updated)))


def _digest_changes(args: list[str]) -> dict[str, Any] | None:
    """Parse `/digest` arguments into changes; None when they are missing or wrong."""
    if len(args) == 1 and read_switch(args[0]) == "off":
        return {"digest_on": False}
    if len(args) not in (2, 3):
        return None
    weekday = parse_weekday(args[0])
    at = parse_time_of_day(args[1])
    tz = normalize_timezone(args[2]) if len(args) == 3 else None
    if weekday is None or at is None or (len(args) == 3 and tz is None):
        return None
    changes: dict[str, Any] = {"digest_weekday": weekday, "digest_time": at, "digest_on": True}
    if tz is not None:
        changes["timezone"] = tz
    return changes


def digest_job_id(specialist_id: int) -> str:
    """The stable id of a specialist's weekly summary job."""
    return f"digest:{specialist_id}"


def schedule_digest(job_queue: JobQueue[Any], specialist: Specialist) -> None:
    """(Re)place the weekly summary job, or remove it when turned off or nobody is linked."""
    name = digest_job_id(specialist.user_id)
    if not specialist.digest_on or not specialist.patients:
        jobs.remove(job_queue, name)
        return
    trigger = LocalDailyTrigger(
        specialist.digest_time, specialist.timezone, weekday=specialist.digest_weekday
    )
    jobs.schedule(
        job_queue,
        send_digest,
        name,
        trigger,
        user_id=specialist.user_id,
        misfire_grace=MISFIRE_GRACE,
    )


def rebuild_digests(
    job_queue: JobQueue[Any], specialists: list[Specialist], now: datetime
) -> None:
    """Schedule every specialist's weekly job at start-up; catch up one missed today."""
    for specialist in specialists:
        schedule_digest(job_queue, specialist)
        if specialist.patients and digest_due(specialist, now):
            jobs.once(
                job_queue,
                send_digest,
                f"digest-catchup:{specialist.user_id}",
                timedelta(seconds=1),
                user_id=specialist.user_id,
            )
