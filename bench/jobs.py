"""Scheduling every patient's daily reminder at start-up: jobs by id against PTB's own way.

`diarybot.runtime.jobs` finds, replaces and removes a job by its APScheduler id. PTB's
documented way (timerbot's `remove_job_if_exists`: remove what `get_jobs_by_name` finds, then
add the job) does the same for one patient, but `get_jobs_by_name` wraps every job in the queue
on each call. Both are timed scheduling N reminders, each with the trigger the bot uses, on a
started `JobQueue` of a real `Application` (nothing runs: every reminder is hours away). The
two ways take turns, the first one alternating; each figure is the median of the rounds.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import time as time_of_day
from typing import Any

from telegram.ext import Application, JobQueue

from bench._stats import median, progress, ratio
from diarybot.bot.reminders import MISFIRE_GRACE, LocalDailyTrigger, job_id, send_reminder
from diarybot.runtime import jobs

FULL = {"patients": 10_000, "rounds": 2}  # PTB's way takes about 90 s per round here
QUICK = {"patients": 1_000, "rounds": 3}
ZONES = ("Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney")

Schedule = Callable[[JobQueue[Any], int, LocalDailyTrigger], None]


def by_id(job_queue: JobQueue[Any], user_id: int, trigger: LocalDailyTrigger) -> None:
    """What the bot does (`reminders.schedule`)."""
    jobs.schedule(
        job_queue,
        send_reminder,
        job_id(user_id),
        trigger,
        user_id=user_id,
        misfire_grace=MISFIRE_GRACE,
    )


def by_name(job_queue: JobQueue[Any], user_id: int, trigger: LocalDailyTrigger) -> None:
    """PTB's way: remove the jobs found by name, then add one (with the same options)."""
    name = job_id(user_id)
    for job in job_queue.get_jobs_by_name(name):
        job.schedule_removal()
    job_queue.run_custom(
        send_reminder,
        job_kwargs={
            "trigger": trigger,
            "misfire_grace_time": int(MISFIRE_GRACE.total_seconds()),
            "coalesce": True,
        },
        name=name,
        chat_id=user_id,
        user_id=user_id,
    )


async def _time_one(schedule: Schedule, patients: int) -> float:
    """Seconds to schedule `patients` reminders on a fresh, started job queue."""
    app = Application.builder().token("123:bench").updater(None).build()
    job_queue = app.job_queue
    assert job_queue is not None
    await job_queue.start()
    triggers = [
        LocalDailyTrigger(time_of_day(n % 24, n % 60), ZONES[n % len(ZONES)])
        for n in range(patients)
    ]
    try:
        started = time.perf_counter()
        for user_id, trigger in enumerate(triggers, start=1):
            schedule(job_queue, user_id, trigger)
        elapsed = time.perf_counter() - started
        assert len(job_queue.scheduler.get_jobs()) == patients  # neither way duplicated
        return elapsed
    finally:
        await job_queue.stop(wait=False)


async def _measure(patients: int, rounds: int) -> dict[str, float]:
    ways: dict[str, Schedule] = {"by_id": by_id, "by_name": by_name}
    times: dict[str, list[float]] = {name: [] for name in ways}
    for round_number in range(rounds):
        order = list(ways) if round_number % 2 == 0 else list(reversed(ways))
        for name in order:
            progress(f"jobs: {name}, {patients} patients, round {round_number + 1} of {rounds}")
            times[name].append(await _time_one(ways[name], patients))
    metrics = {"patients": float(patients)}
    for name in ways:
        metrics[f"{name}_s"] = median(times[name])
    metrics["ratio"] = ratio(metrics["by_id_s"], metrics["by_name_s"])
    return metrics


def run(quick: bool = False) -> dict[str, float]:
    """Measure and return the scheduling metrics (seconds)."""
    plan = QUICK if quick else FULL
    metrics = asyncio.run(_measure(plan["patients"], plan["rounds"]))
    return {key: round(value, 4) for key, value in metrics.items()}
