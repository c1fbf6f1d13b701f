"""Update handling: `/log` throughput and latency of the real bot, against a bare echo bot.

Each bot runs in its own process with long polling against the fake Bot API, which this
process serves on 127.0.0.1 (`tests.support.fake_bot_api`). Latency is from the moment an
update is queued at the fake to the moment the fake receives the bot's reply (`Call.at`); both
are `time.monotonic()` in this process.

Phases, per bot process: a warm-up (one `/log` per patient, so every file is open), a burst of
`/log`s queued at once (throughput), a paced stream at a fixed rate (latency), and for diarybot
the same paced stream while ten patients keep asking for 365-day charts (latency with charts
rendering). Each bot process works on its own copy of the seeded data. The order of the bots
rotates from run to run, and every figure is the median over the runs. With `--against REV`,
diarybot as at commit REV goes through the same phases too, as one more bot in the rotation.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from datetime import time as clock_time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import psutil

from bench import _against
from bench._process import BotFailedError, bot_command, cpu_seconds, spawned
from bench._seed import (
    done_today,
    entries_for,
    fast_writes,
    fresh_copy,
    onboarded_profile,
    write_diary,
    write_profiles,
)
from bench._stats import median, percentile, progress, ratio
from bench._traffic import LOG_TEXT, Traffic, send_burst, send_paced, send_paced_with_charts
from tests.support.fake_bot_api import Call, FakeBotAPI, FakeUser

TZ_NAME = "Europe/Berlin"
TZ = ZoneInfo(TZ_NAME)
PATIENT_IDS = 100_000
CHART_IDS = 200_000
# Rates lifted so the bot's own work is measured: Telegram's 30 messages/s and 1/s per chat
# are politeness rules the fan-out benchmark measures against a rate-limiting fake.
LIFTED = ("--overall-rate", "1000000", "--per-chat-rate", "1000")
PER_CHAT_ONLY = ("--per-chat-rate", "1000")


@dataclass(frozen=True)
class Plan:
    """Load and repetitions."""

    burst: int
    rate: float
    paced_seconds: float
    repetitions: int
    limited_burst: int
    concurrent_echo: bool
    patients: int = 200
    chart_patients: int = 10
    chart_days: int = 365
    chart_per_day: int = 3


# The paced rate is well below either bot's capacity (so latency is not queueing) and above a
# realistic peak: 10 000 patients logging three times a day average 0.35 updates/s.
FULL = Plan(
    burst=2000,
    rate=25,
    paced_seconds=20,
    repetitions=3,
    limited_burst=300,
    concurrent_echo=True,
)
QUICK = Plan(
    burst=300, rate=25, paced_seconds=2, repetitions=1, limited_burst=0, concurrent_echo=False
)


@dataclass(frozen=True)
class Bot:
    """A bot under test: which program of `bench._botproc`, with which options."""

    name: str
    program: str
    options: tuple[str, ...] = ()
    tree: Path | None = None  # another commit's tree (`--against`); None: this one

    @property
    def renders_charts(self) -> bool:
        """Only diarybot has /chart."""
        return self.program == "diarybot"


DIARYBOT = Bot("diarybot", "diarybot", LIFTED)
ECHO = Bot("echo", "echo")
# The echo bot handling up to 256 updates at once, as diarybot does: what concurrency alone
# costs PTB and httpx (shown for explanation; the target compares with the bare echo bot).
ECHO_CONCURRENT = Bot("echo256", "echo", ("--concurrent-updates", "256"))


def _expectation(bot: Bot) -> Callable[[Call], bool]:
    """What a correct reply to `/log 4` looks like for each bot."""
    if bot.program == "echo":
        return lambda call: call.params.get("text") == LOG_TEXT
    # diarybot saves the score and offers the techniques keyboard.
    return lambda call: "inline_keyboard" in (call.params.get("reply_markup") or {})


async def _session(bot: Bot, data_dir: Path, log: Path, plan: Plan) -> dict[str, float]:
    """One bot process (on its own copy of the data) through every phase; its figures."""
    users = [FakeUser(id=PATIENT_IDS + i) for i in range(plan.patients)]
    chart_users = [FakeUser(id=CHART_IDS + i) for i in range(plan.chart_patients)]
    async with FakeBotAPI() as api:
        command = bot_command(bot.program, api, "--data-dir", str(data_dir), *bot.options)
        async with spawned(command, api, log, cwd=bot.tree) as bot_process:
            traffic = Traffic(api, _expectation(bot))
            for user in users:
                traffic.send_log(user)
            await traffic.drain(120)
            cpu = psutil.Process(bot_process.process.pid)
            cpu_before = cpu_seconds(cpu)
            figures = {"throughput": await send_burst(traffic, users, plan.burst)}
            figures["cpu_ms_per_update"] = (cpu_seconds(cpu) - cpu_before) / plan.burst * 1000
            await send_paced(traffic, users, plan.rate, plan.paced_seconds)
            figures["p50_ms"] = percentile(traffic.latencies, 50) * 1000
            figures["p99_ms"] = percentile(traffic.latencies, 99) * 1000
            if bot.renders_charts:
                await send_paced_with_charts(
                    traffic, users, chart_users, plan.rate, plan.paced_seconds
                )
                figures["charts_p50_ms"] = percentile(traffic.latencies, 50) * 1000
                figures["charts_p99_ms"] = percentile(traffic.latencies, 99) * 1000
                figures["charts_rendered"] = float(traffic.photo_count)
            if traffic.chart_failures:
                raise BotFailedError(f"{traffic.chart_failures} charts failed")
            if traffic.unexpected:
                raise BotFailedError(f"{bot.name}: {traffic.unexpected} wrong replies to /log")
    return figures


async def _limited_session(data_dir: Path, log: Path, plan: Plan) -> float:
    """diarybot with its production overall limit (30 messages/s): a burst's throughput."""
    users = [FakeUser(id=PATIENT_IDS + i) for i in range(plan.patients)]
    async with FakeBotAPI() as api:
        command = bot_command("diarybot", api, "--data-dir", str(data_dir), *PER_CHAT_ONLY)
        async with spawned(command, api, log):
            return await send_burst(
                Traffic(api, _expectation(DIARYBOT)), users, plan.limited_burst
            )


def _seed(data_dir: Path, plan: Plan) -> None:
    """Onboarded patients, and chart patients with a year of entries (~3 a day)."""
    now = datetime.now(TZ)
    # Reminders twelve hours away and today's already sent: nothing but the replies measured.
    at = clock_time((now.hour + 12) % 24, now.minute)
    profiles = [
        done_today(onboarded_profile(i, TZ_NAME, at), now.date())
        for i in (
            *range(PATIENT_IDS, PATIENT_IDS + plan.patients),
            *range(CHART_IDS, CHART_IDS + plan.chart_patients),
        )
    ]
    entries = entries_for(plan.chart_days, plan.chart_per_day, now.date(), TZ)
    with fast_writes():
        write_profiles(data_dir, profiles)
        for i in range(plan.chart_patients):
            write_diary(data_dir, CHART_IDS + i, entries)


async def _measure(tmp: Path, plan: Plan) -> dict[str, float]:
    template = tmp / "seeded"
    _seed(template, plan)
    bots = [ECHO, DIARYBOT, ECHO_CONCURRENT] if plan.concurrent_echo else [ECHO, DIARYBOT]
    other = _against.tree()
    if other is not None:  # the same diarybot phases, as at the `--against` commit
        bots.append(Bot("against", "diarybot", LIFTED, tree=other))
    runs: dict[str, list[dict[str, float]]] = {bot.name: [] for bot in bots}
    for rep in range(plan.repetitions):
        # Rotate the order, so no bot always runs first (or right after the heaviest).
        for bot in bots[rep % len(bots) :] + bots[: rep % len(bots)]:
            progress(f"updates: {bot.name}, run {rep + 1} of {plan.repetitions}")
            data_dir = fresh_copy(template, tmp / f"{bot.name}-{rep}")
            log = tmp / f"{bot.name}-{rep}.log"
            runs[bot.name].append(await _session(bot, data_dir, log, plan))
    metrics = _medians(runs)
    if plan.limited_burst:
        progress("updates: diarybot with the production overall limit of 30 messages/s")
        data_dir = fresh_copy(template, tmp / "limited")
        limited = await _limited_session(data_dir, tmp / "limited.log", plan)
        metrics["diarybot_limited_throughput"] = limited
    return metrics


def _medians(runs: dict[str, list[dict[str, float]]]) -> dict[str, float]:
    metrics: dict[str, float] = {}
    for kind, figures in runs.items():
        for key in figures[0]:
            metrics[f"{kind}_{key}"] = median([f[key] for f in figures])
    metrics["throughput_ratio"] = ratio(metrics["diarybot_throughput"], metrics["echo_throughput"])
    return metrics


def run(quick: bool = False) -> dict[str, float]:
    """Measure and return the update-handling metrics."""
    plan = QUICK if quick else FULL
    with tempfile.TemporaryDirectory(prefix="diarybot-bench-updates-") as tmp:
        metrics: dict[str, Any] = asyncio.run(_measure(Path(tmp), plan))
    metrics.update(
        {
            "patients": plan.patients,
            "burst": plan.burst,
            "rate": plan.rate,
            "paced_seconds": plan.paced_seconds,
            "runs": plan.repetitions,
        }
    )
    return {key: round(float(value), 3) for key, value in metrics.items()}
