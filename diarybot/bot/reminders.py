"""Daily reminders: one APScheduler job per patient, at their local time, exactly once a day.

PTB's JobQueue does not persist jobs, so they are rebuilt from the patients' files at every
start, each with a stable id so a rebuild replaces instead of duplicating. The trigger is ours
(see `localtime`) so DST changeover days get exactly one reminder; the last day reminded is
stored, so a restart or a late run never sends a second one.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from typing import Any, Literal

from apscheduler.triggers.base import BaseTrigger
from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import JobQueue

from diarybot import texts
from diarybot.bot import checkin_keyboards, peg_check
from diarybot.bot.chart_commands import send_weekly_if_due
from diarybot.bot.context import BotContext, Services
from diarybot.domain.entries import new_id, scored
from diarybot.domain.localtime import instant_on, local_date, next_daily, zone
from diarybot.domain.people import Profile
from diarybot.domain.plans import current_plan, reminder_line
from diarybot.domain.schedule import reminder_due
from diarybot.runtime import jobs
from diarybot.texts import i18n
from diarybot.texts import plan as plan_texts

logger = logging.getLogger(__name__)

# Late by up to this much (a busy loop, a suspended VM) still sends; `reminder_due` keeps it to
# the right local day.
MISFIRE_GRACE = timedelta(hours=6)
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=15))
CATCH_UP_SPACING = timedelta(milliseconds=50)
#: What became of one reminder delivery (runtime/metrics.py counts these, by these names).
Delivery = Literal["sent", "unreachable", "rejected", "timed_out", "network"]


class LocalDailyTrigger(BaseTrigger):
    """Fires once per local calendar day (or one weekday) at a wall-clock time in one zone.

    Why not APScheduler's `CronTrigger` (what PTB's `run_daily` builds): in 3.11.3 it skips
    the day after a spring-forward change for times before the change hour, so a patient with
    a 00:30 reminder in Berlin got none on 30 March 2026 (nor at 00:00 in New York on 9 March),
    and it fires twice in the repeated hour of a fall-back night. Checked over every half hour
    of 2026 in five zones; `tests/e2e/test_infrastructure_e2e.py` fails with it in place.
    """

    def __init__(self, at: Any, tz_name: str, weekday: int | None = None) -> None:
        self.at = at
        self.tz_name = tz_name
        self.tz = zone(tz_name)
        self.weekday = weekday

    def get_next_fire_time(
        self, previous_fire_time: datetime | None, now: datetime
    ) -> datetime | None:
        """The next instant after the previous run (or from now, for a new job)."""
        if previous_fire_time is None:
            return next_daily(self.at, self.tz, now, inclusive=True, weekday=self.weekday)
        return next_daily(self.at, self.tz, previous_fire_time, weekday=self.weekday)

    def __str__(self) -> str:
        days = "daily" if self.weekday is None else f"weekday {self.weekday}"
        return f"{days} at {self.at:%H:%M} {self.tz_name}"

    def __repr__(self) -> str:
        return f"<LocalDailyTrigger ({self})>"


def job_id(user_id: int) -> str:
    """The stable id (and name) of a patient's daily reminder job."""
    return f"reminder:{user_id}"


def schedule(job_queue: JobQueue[Any], profile: Profile) -> None:
    """(Re)place the patient's daily job, or remove it when reminders are off."""
    name = job_id(profile.user_id)
    if not profile.reminders_active:
        jobs.remove(job_queue, name)
        return
    trigger = LocalDailyTrigger(profile.reminder_time, profile.timezone)
    jobs.schedule(
        job_queue,
        send_reminder,
        name,
        trigger,
        user_id=profile.user_id,
        misfire_grace=MISFIRE_GRACE,
    )


def unschedule(job_queue: JobQueue[Any], user_id: int) -> None:
    """Remove every reminder job of a patient (pause, block, erasure)."""
    jobs.remove(job_queue, job_id(user_id), f"catchup:{user_id}", f"retry:{user_id}")


def next_run(job_queue: JobQueue[Any], user_id: int) -> datetime | None:
    """When the patient's daily reminder fires next (None when not scheduled)."""
    job = jobs.find(job_queue, job_id(user_id))
    return job.next_t if job else None


def missed_today(profile: Profile, now: datetime) -> bool:
    """Whether today's reminder time passed while the bot was down and none was sent."""
    tz = zone(profile.timezone)
    today = local_date(now, tz)
    return (
        profile.reminders_active
        and profile.last_reminded != today
        and now >= instant_on(today, profile.reminder_time, tz)
    )


def rebuild(job_queue: JobQueue[Any], profiles: list[Profile], now: datetime) -> int:
    """Schedule everyone at start-up; queue a catch-up for reminders missed today."""
    catch_ups = 0
    for profile in profiles:
        schedule(job_queue, profile)
        if missed_today(profile, now):
            catch_ups += 1
            jobs.once(
                job_queue,
                send_reminder,
                f"catchup:{profile.user_id}",
                CATCH_UP_SPACING * catch_ups,
                user_id=profile.user_id,
                data=0,
            )
    return catch_ups


async def send_reminder(context: BotContext) -> None:
    """Job callback: send today's reminder if it is still due, exactly once."""
    job = context.job
    if job is None or job.user_id is None:
        return
    svc = context.services
    user_id = job.user_id
    profile = await svc.store.profiles.get(user_id)
    if profile is None:
        unschedule(context.queue, user_id)
        return
    # Everything this job sends (weekly chart, PEG, reminder) is in the patient's language.
    with i18n.speaking(profile.language):
        await _remind(context, svc, profile)


async def _remind(context: BotContext, svc: Services, profile: Profile) -> None:
    job = context.job
    user_id = profile.user_id
    await _weekly_chart(context, svc, profile)
    now = svc.clock()
    today = local_date(now, zone(profile.timezone))
    # A note written without a score is not a check-in: the reminder still asks for one.
    checked_in = bool(scored(await svc.store.diary.entries(user_id, today, today)))
    if not reminder_due(profile, now, checked_in):
        return
    claimed, previous = await svc.store.profiles.claim_day(
        user_id, "last_reminded", today, also={"last_reminded_at": now}
    )
    if not claimed:
        return
    attempt = job.data if job is not None and isinstance(job.data, int) else 0
    outcome = await _deliver(context, svc, profile, (today, previous), attempt)
    if svc.metrics is not None:
        svc.metrics.reminder_outcome(outcome)


async def _weekly_chart(context: BotContext, svc: Services, profile: Profile) -> None:
    for weekly in (send_weekly_if_due, peg_check.ask_if_due):
        try:
            await weekly(context.bot, svc, profile)
        except Exception as exc:  # the daily reminder must go out even if a weekly item fails
            logger.warning("Weekly item not sent: %s", type(exc).__name__)


async def _deliver(
    context: BotContext,
    svc: Services,
    profile: Profile,
    claim: tuple[date, date | None],
    attempt: int,
) -> Delivery:
    """Send the reminder; what became of it (for the metrics)."""
    today, previous = claim
    try:
        await send_prompt(context.bot, profile.chat_id, await reminder_text(svc, profile))
    except Forbidden:
        await stop_for_unreachable(context, svc, profile.user_id)
        return "unreachable"
    except BadRequest as exc:
        if "chat not found" in str(exc).lower():
            await stop_for_unreachable(context, svc, profile.user_id)
            return "unreachable"
        logger.warning("Reminder rejected by Telegram: %s", exc)
        return "rejected"
    except TimedOut:
        # The request may have reached Telegram; a retry could remind twice. Keep the claim.
        logger.warning("Reminder send timed out; not retried to avoid a duplicate")
        return "timed_out"
    except (RetryAfter, NetworkError) as exc:
        await svc.store.profiles.release_day(profile.user_id, "last_reminded", today, previous)
        _schedule_retry(context, profile, attempt, exc)
        return "network"
    return "sent"


async def reminder_text(svc: Services, profile: Profile) -> str:
    """The reminder, with one line of the newest plan a linked specialist wrote, unless the
    patient turned that off in /plan. The line is the specialist's own words, marked as theirs."""
    reminder = texts.reminder()
    if not profile.plan_in_reminders:
        return reminder
    try:
        link = current_plan(await svc.store.sharing.links(profile.user_id))
    except Exception as exc:  # the reminder itself must go out even if the plan cannot be read
        logger.warning("Plan not read for a reminder: %s", type(exc).__name__)
        return reminder
    if link is None:
        return reminder
    return plan_texts.reminder_with_plan().format(
        reminder=reminder, who=link.name or link.who, line=reminder_line(link.plan)
    )


def _schedule_retry(context: BotContext, profile: Profile, attempt: int, exc: Exception) -> None:
    if attempt >= len(RETRY_DELAYS) or context.job_queue is None:
        logger.warning("Reminder not delivered after %d attempts: %s", attempt + 1, exc)
        return
    delay = RETRY_DELAYS[attempt]
    if isinstance(exc, RetryAfter):
        delay = max(
            delay,
            exc.retry_after
            if isinstance(exc.retry_after, timedelta)
            else timedelta(seconds=exc.retry_after),
        )
    logger.info("Reminder send failed (%s); retrying in %s", type(exc).__name__, delay)
    jobs.once(
        context.job_queue,
        send_reminder,
        f"retry:{profile.user_id}",
        delay,
        user_id=profile.user_id,
        data=attempt + 1,
    )


async def send_prompt(bot: Bot, chat_id: int, text: str) -> None:
    """Ask for a pain score with the 0–10 keyboard, for a new entry id."""
    await bot.send_message(chat_id, text, reply_markup=checkin_keyboards.score_keyboard(new_id()))


async def stop_for_unreachable(context: BotContext, svc: Services, user_id: int) -> None:
    """The patient blocked the bot (or the chat is gone): stop reminding, keep their data."""
    await svc.store.profiles.update(user_id, blocked=True)
    if context.job_queue is not None:
        unschedule(context.job_queue, user_id)
    logger.info("A patient can no longer be reached; reminders stopped, data kept")
