"""Scheduled jobs by stable id: each job's APScheduler id is its name ("reminder:<user id>").

PTB's way (`get_jobs_by_name` + `schedule_removal` before each `run_daily`) behaves the same
but wraps every job in the queue to find one, so scheduling 10 000 patients at start-up is
quadratic: the bot answered its first message 63.8 s after start with 10 000 patients on disk,
5.0 s after this change (BENCHMARKS.md, start-up, commit 2fbff23); scheduling alone, 10 000
reminders take 0.56 s by id against 86.9 s by name (`bench/jobs.py`). Here a job is found,
replaced or removed by id, which the job store answers directly, and adding with
`replace_existing` makes a rebuild or a changed reminder time replace rather than duplicate
(tests/e2e/test_onboarding.py fails without the id or without `replace_existing`).
"""

from __future__ import annotations

import contextlib
from datetime import timedelta
from typing import Any

from apscheduler.jobstores.base import JobLookupError
from apscheduler.triggers.base import BaseTrigger
from telegram.ext import Job, JobQueue

Callback = Any


def schedule(
    job_queue: JobQueue[Any],
    callback: Callback,
    name: str,
    trigger: BaseTrigger,
    *,
    user_id: int,
    misfire_grace: timedelta,
) -> None:
    """Add (or replace) a recurring job with id `name`."""
    job_queue.run_custom(
        callback,
        job_kwargs={
            "trigger": trigger,
            "id": name,
            "replace_existing": True,
            "misfire_grace_time": int(misfire_grace.total_seconds()),
            "coalesce": True,
        },
        name=name,
        chat_id=user_id,
        user_id=user_id,
    )


def once(
    job_queue: JobQueue[Any],
    callback: Callback,
    name: str,
    when: timedelta,
    *,
    user_id: int,
    data: object = None,
) -> None:
    """Add (or replace) a one-off job with id `name`, `when` from now."""
    job_queue.run_once(
        callback,
        when=when,
        name=name,
        chat_id=user_id,
        user_id=user_id,
        data=data,
        job_kwargs={"id": name, "replace_existing": True},
    )


def find(job_queue: JobQueue[Any], name: str) -> Job[Any] | None:
    """The job with id `name`, if scheduled."""
    aps_job = job_queue.scheduler.get_job(name)
    return Job.from_aps_job(aps_job) if aps_job is not None else None


def remove(job_queue: JobQueue[Any], *names: str) -> None:
    """Remove the jobs with these ids (absent ones are fine)."""
    for name in names:
        with contextlib.suppress(JobLookupError):
            job_queue.scheduler.remove_job(name)
