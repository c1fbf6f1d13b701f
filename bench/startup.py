"""Start-up: from spawning `python -m diarybot` to its answer to a `/help` already waiting.

The real command line runs in a subprocess with `TELEGRAM_API_BASE_URL` pointing at the fake
Bot API served by this process. Before the bot starts, a `/help` is queued; the figure is the
time from spawning the process to the fake receiving the answer (and, for reference, to the
first getUpdates). With many patients on disk, start-up reads every profile and schedules every
daily reminder before it polls. Baseline: the same with an empty data folder. With `--against`,
the bot of that commit starts with the same patients too. Runs take turns; figures are medians.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from bench import _against
from bench._process import spawned
from bench._seed import done_today, fast_writes, fresh_copy, onboarded_profile, write_profiles
from bench._stats import median, progress, ratio
from diarybot.domain.people import Profile
from tests.support.fake_bot_api import FakeBotAPI, FakeUser

PATIENT_IDS = 400_000
ZONES = ("Europe/Berlin", "Europe/London", "America/New_York", "Asia/Kolkata")
ASKER = FakeUser(id=1, first_name="Sam")


@dataclass(frozen=True)
class Plan:
    """How many patients on disk and how many runs of each."""

    patients: int
    runs: int


FULL = Plan(patients=10_000, runs=5)
QUICK = Plan(patients=1_000, runs=1)


def _profiles(count: int) -> list[Profile]:
    """Patients in a few zones, reminder times spread over the day, each reminded today.

    Reminded today means start-up queues no catch-up and no job sends anything during the run:
    every job is a plain daily schedule.
    """
    profiles = []
    for index in range(count):
        name = ZONES[index % len(ZONES)]
        minutes = (index * 7) % (24 * 60)
        at = time(minutes // 60, minutes % 60)
        today = datetime.now(ZoneInfo(name)).date()
        profiles.append(done_today(onboarded_profile(PATIENT_IDS + index, name, at), today))
    return profiles


def _environment(api: FakeBotAPI, data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        TELEGRAM_BOT_TOKEN=api.token,
        TELEGRAM_API_BASE_URL=api.base_url,
        TELEGRAM_API_BASE_FILE_URL=api.base_file_url,
        DIARYBOT_DATA_DIR=str(data_dir),
        DIARYBOT_LOG_LEVEL="INFO",
    )
    return env


async def _one_start(data_dir: Path, log: Path, tree: Path | None) -> tuple[float, float]:
    """Seconds from spawn to the first getUpdates, and to the answer to `/help`; `tree` is
    another commit's (`--against`), None for this one."""
    async with FakeBotAPI() as api:
        api.send_text(ASKER, "/help")
        command = [sys.executable, "-m", "diarybot"]
        env = _environment(api, data_dir)
        async with spawned(command, api, log, env=env, ready_timeout=900, cwd=tree) as bot:
            answer = await api.wait_for("sendMessage", chat_id=ASKER.id, timeout=60)
        return bot.polling_at - bot.spawned_at, answer.at - bot.spawned_at


async def _measure(tmp: Path, plan: Plan) -> dict[str, float]:
    progress(f"startup: seeding {plan.patients} patients")
    with fast_writes():
        write_profiles(tmp / "many", _profiles(plan.patients))
    (tmp / "empty").mkdir()
    # Each start: the data folder it gets, and which commit's bot (None: this one).
    starts: dict[str, tuple[Path, Path | None]] = {
        "empty": (tmp / "empty", None),
        "many": (tmp / "many", None),
    }
    if (other := _against.tree()) is not None:
        starts["against_many"] = (tmp / "many", other)
    names = list(starts)
    polls: dict[str, list[float]] = {name: [] for name in names}
    answers: dict[str, list[float]] = {name: [] for name in names}
    for run in range(plan.runs):
        for name in names[run % len(names) :] + names[: run % len(names)]:
            progress(f"startup: {name}, run {run + 1} of {plan.runs}")
            folder, tree = starts[name]
            data_dir = fresh_copy(folder, tmp / f"{name}-{run}")
            poll, answer = await _one_start(data_dir, tmp / f"{name}-{run}.log", tree)
            polls[name].append(poll)
            answers[name].append(answer)
    metrics = {"patients": float(plan.patients), "runs": float(plan.runs)}
    for name in names:
        metrics[f"{name}_first_poll_s"] = median(polls[name])
        metrics[f"{name}_help_answered_s"] = median(answers[name])
    metrics["ratio"] = ratio(metrics["many_help_answered_s"], metrics["empty_help_answered_s"])
    return metrics


def run(quick: bool = False) -> dict[str, float]:
    """Measure and return the start-up metrics (seconds)."""
    plan = QUICK if quick else FULL
    with tempfile.TemporaryDirectory(prefix="diarybot-bench-startup-") as tmp:
        metrics = asyncio.run(_measure(Path(tmp), plan))
    return {key: round(value, 3) for key, value in metrics.items()}
