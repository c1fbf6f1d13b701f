"""The specialist's side: /link with a patient's code, /patients, /summary, weekly summaries.

Every path to a patient's data goes through `sharing.is_linked`, checked against the patient's
own file at the moment of access; the specialist's index only decides whom to list.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from telegram import Update
from telegram.error import Forbidden
from telegram.ext import JobQueue

from diarybot import texts
from diarybot.bot import keyboards
from diarybot.bot.context import BotContext, Services
from diarybot.bot.reminders import MISFIRE_GRACE, LocalDailyTrigger
from diarybot.bot.replies import edit, patient_id, pressed, reply
from diarybot.bot.report_delivery import (
    build_report,
    in_background,
    period_caption,
    send_report,
)
from diarybot.domain.localtime import local_date, zone
from diarybot.domain.parsing import normalize_timezone, parse_time_of_day, parse_weekday
from diarybot.domain.people import Link, Profile, Specialist
from diarybot.domain.schedule import weekday_due
from diarybot.domain.share_codes import normalize_code
from diarybot.runtime import jobs
from diarybot.texts import fairness

logger = logging.getLogger(__name__)

SUMMARY_DAYS = 30
DIGEST_DAYS = 7


async def link_command(update: Update, context: BotContext) -> None:
    """/link CODE: ask the patient behind a sharing code to confirm the link."""
    user_id = patient_id(update)
    user = update.effective_user
    if user_id is None or user is None:
        return
    if not context.args:
        await reply(update, texts.LINK_USAGE)
        return
    svc = context.services
    now = svc.clock()
    attempts = context.bot_data.link_attempts
    if attempts.blocked(user_id, now):
        await reply(update, texts.LINK_RATE_LIMITED)
        return
    code = normalize_code("".join(context.args))
    owner = await svc.store.sharing.redeem_code(code, now) if code else None
    if owner is None:
        attempts.failed(user_id, now)
        await reply(update, texts.LINK_INVALID)
        return
    if owner == user_id:
        await reply(update, texts.LINK_OWN_CODE)
        return
    request = Link(user_id, user.full_name, user.username or "", since=now)
    await svc.store.sharing.request(owner, request)
    username = f" (@{user.username})" if user.username else ""
    await context.bot.send_message(
        owner,
        texts.LINK_CONFIRM.format(name=user.full_name, username=username, user_id=user_id),
        reply_markup=keyboards.link_keyboard(user_id),
    )
    await reply(update, texts.LINK_REQUESTED)


async def welcome_linked(context: BotContext, specialist_id: int, patient: Profile) -> None:
    """Tell the specialist the patient confirmed, and schedule their weekly summaries."""
    svc = context.services
    specialist = await svc.store.specialists.get(specialist_id)
    if specialist is None:
        return
    if context.job_queue is not None:
        schedule_digest(context.job_queue, specialist)
    await context.bot.send_message(
        specialist_id,
        texts.LINK_CONFIRMED_SPECIALIST.format(
            patient=patient.display_name or "A patient", **_digest_words(specialist)
        ),
    )


def _digest_words(specialist: Specialist) -> dict[str, str]:
    return {
        "weekday": texts.WEEKDAYS[specialist.digest_weekday],
        "time": texts.format_time(specialist.digest_time),
        "tz": specialist.timezone,
    }


async def patients_command(update: Update, context: BotContext) -> None:
    """/patients: who shares their diary with this specialist."""
    user_id = patient_id(update)
    if user_id is None:
        return
    patients = await context.services.store.sharing.linked_patients(user_id)
    if not patients:
        await reply(update, texts.PATIENTS_NONE)
        return
    lines = "\n".join(f"• {p.display_name or 'Patient'}" for p in patients)
    await reply(
        update,
        texts.PATIENTS_LIST.format(lines=lines),
        reply_markup=keyboards.people_keyboard(keyboards.SUMMARY, _people(patients)),
    )


async def summary_command(update: Update, context: BotContext) -> None:
    """/summary: pick a patient; their last 30 days arrive as chart, PDF, CSV and FHIR."""
    user_id = patient_id(update)
    if user_id is None:
        return
    patients = await context.services.store.sharing.linked_patients(user_id)
    if not patients:
        await reply(update, texts.PATIENTS_NONE)
        return
    await reply(
        update,
        texts.SUMMARY_PICK,
        reply_markup=keyboards.people_keyboard(keyboards.SUMMARY, _people(patients)),
    )


def _people(patients: list[Profile]) -> list[tuple[int, str]]:
    return [(p.user_id, p.display_name or "Patient") for p in patients]


async def summary_button(update: Update, context: BotContext) -> None:
    """A patient picked for a summary: checked against the patient's consent, then sent."""
    press = await pressed(update)
    if press is None:
        return
    query, callback, user_id = press.query, press.callback, press.user_id
    svc = context.services
    target = int(callback.args[0])
    profile = await svc.store.profiles.get(target)
    if profile is None or not await svc.store.sharing.is_linked(target, user_id):
        await edit(query, texts.NOT_AVAILABLE)
        return
    too_long = fairness.SUMMARY_TOO_LONG.format(name=profile.display_name or "Patient")
    await in_background(
        update,
        context,
        user_id,
        lambda: _send_summary(context, svc, user_id, profile, SUMMARY_DAYS, raw=True),
        too_long=too_long,
    )


async def _send_summary(
    context: BotContext,
    svc: Services,
    chat_id: int,
    profile: Profile,
    days: int,
    *,
    raw: bool,
) -> None:
    # Whole local days up to yesterday, so a summary does not show half of today.
    end = local_date(svc.clock(), zone(profile.timezone)) - timedelta(days=1)
    start = end - timedelta(days=days - 1)
    files = await build_report(svc, profile, start, end, with_files=raw)
    if files is None:
        await context.bot.send_message(
            chat_id,
            texts.SUMMARY_EMPTY.format(
                name=profile.display_name or "Patient",
                start=texts.short_date(start),
                end=texts.short_date(end),
            ),
        )
        return
    caption = period_caption(texts.SUMMARY_CAPTION, profile, files)
    await send_report(context.bot, chat_id, files, caption=caption, raw=raw)


async def digest_command(update: Update, context: BotContext) -> None:
    """/digest [weekday HH:MM [zone] | off]: when weekly summaries arrive."""
    user_id = patient_id(update)
    if user_id is None:
        return
    svc = context.services
    current = await svc.store.specialists.get(user_id)
    current = current or Specialist(user_id, user_id, timezone=svc.settings.default_timezone)
    changes = _digest_changes(list(context.args or []))
    if changes is None:
        state = (
            texts.DIGEST_STATE_ON.format(**_digest_words(current))
            if current.digest_on
            else texts.DIGEST_STATE_OFF
        )
        await reply(update, texts.DIGEST_USAGE.format(state=state))
        return
    updated = await svc.store.specialists.update(user_id, current, **changes)
    if context.job_queue is not None and updated is not None:
        schedule_digest(context.job_queue, updated)
    if updated is None or not updated.digest_on:
        await reply(update, texts.DIGEST_OFF)
        return
    await reply(update, texts.DIGEST_SET.format(**_digest_words(updated)))


def _digest_changes(args: list[str]) -> dict[str, Any] | None:
    """Parse `/digest` arguments into changes; None when they are missing or wrong."""
    if [a.lower() for a in args] == ["off"]:
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


def digest_due(specialist: Specialist, now: datetime) -> bool:
    """On the chosen weekday, after the chosen time, once that day."""
    return specialist.digest_on and weekday_due(
        specialist.digest_weekday,
        specialist.digest_time,
        specialist.timezone,
        specialist.last_digest,
        now,
    )


async def send_digest(context: BotContext) -> None:
    """Job callback: each currently linked patient's week as a PDF and chart, once a week."""
    job = context.job
    if job is None or job.user_id is None:
        return
    svc = context.services
    specialist_id = job.user_id
    specialist = await svc.store.specialists.get(specialist_id)
    now = svc.clock()
    if specialist is None or not digest_due(specialist, now):
        return
    today = local_date(now, zone(specialist.timezone))
    if not await svc.store.specialists.claim_digest(specialist_id, today):
        return
    for profile in await svc.store.sharing.linked_patients(specialist_id):
        try:
            await _send_summary(context, svc, specialist.chat_id, profile, DIGEST_DAYS, raw=False)
        except Forbidden:
            logger.info("A specialist blocked the bot; weekly summaries stop")
            return


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
