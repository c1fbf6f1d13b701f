"""What the Prometheus metrics cost: the same bot with DIARYBOT_METRICS on and off, same run.

Two diarybot processes take turns (off, on, then on, off, ...), each on its own copy of the same
seeded patients, with long polling against the fake Bot API and Telegram's rates lifted, so the
bot's own work is what is measured (as in `bench/updates.py`, whose load it reuses). Per
process: a warm-up (one `/log` per patient), a burst of `/log`s queued at once (throughput, and
the bot process's CPU per update), and a paced stream (reply latency). The metered bot is
scraped at the end over HTTP, and every `/log` must have been counted: the figures are of a bot
that really records its metrics. Medians over the runs.

Also measured in this process: the metric work of one update alone (count it, observe its
latency), against the bot's whole CPU per update, to say how much of it the metrics are.
"""

from __future__ import annotations

import asyncio
import socket
import tempfile
import time
from datetime import datetime
from datetime import time as clock_time
from pathlib import Path

import aiohttp
import psutil
from prometheus_client.parser import text_string_to_metric_families

from bench._process import BotFailedError, bot_command, cpu_seconds, spawned
from bench._seed import done_today, fast_writes, fresh_copy, onboarded_profile, write_profiles
from bench._stats import median, percentile, progress, ratio
from bench._traffic import Traffic, send_burst, send_paced
from bench.updates import DIARYBOT, LIFTED, PATIENT_IDS, TZ, TZ_NAME
from diarybot.runtime.metrics import Metrics
from tests.support.fake_bot_api import FakeBotAPI, FakeUser

QUICK = {"patients": 100, "burst": 300, "rate": 25.0, "paced_seconds": 2.0, "runs": 2}
FULL = {"patients": 200, "burst": 2000, "rate": 25.0, "paced_seconds": 20.0, "runs": 5}
RECORDINGS = 200_000


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _seed(data_dir: Path, patients: int) -> None:
    """Onboarded patients whose reminders are twelve hours away and today's already sent."""
    now = datetime.now(TZ)
    at = clock_time((now.hour + 12) % 24, now.minute)
    with fast_writes():
        write_profiles(
            data_dir,
            [
                done_today(onboarded_profile(i, TZ_NAME, at), now.date())
                for i in range(PATIENT_IDS, PATIENT_IDS + patients)
            ],
        )


async def _counted_logs(port: int) -> float:
    """The `/log` commands the metered bot counted, read from its /metrics."""
    url = f"http://127.0.0.1:{port}/metrics"
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        text = await response.text()
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == "diarybot_updates_total" and sample.labels == {"kind": "command"}:
                return sample.value
    raise BotFailedError("no diarybot_updates_total in /metrics")


async def _session(data_dir: Path, log: Path, plan: dict[str, float], *, metered: bool) -> dict:
    """One bot process through the phases; its figures."""
    users = [FakeUser(id=PATIENT_IDS + i) for i in range(int(plan["patients"]))]
    port = _free_port()
    options = (*LIFTED, *(("--metrics-port", str(port)) if metered else ()))
    async with FakeBotAPI() as api:
        command = bot_command("diarybot", api, "--data-dir", str(data_dir), *options)
        async with spawned(command, api, log) as bot:
            traffic = Traffic(api, lambda _call: True)
            for user in users:
                traffic.send_log(user)
            await traffic.drain(120)
            cpu = psutil.Process(bot.process.pid)
            before = cpu_seconds(cpu)
            burst = int(plan["burst"])
            figures = {"throughput": await send_burst(traffic, users, burst)}
            figures["cpu_us_per_update"] = (cpu_seconds(cpu) - before) / burst * 1e6
            await send_paced(traffic, users, plan["rate"], plan["paced_seconds"])
            figures["p50_ms"] = percentile(traffic.latencies, 50) * 1000
            figures["p99_ms"] = percentile(traffic.latencies, 99) * 1000
            if metered:
                counted = await _counted_logs(port)
                if counted != traffic.sent:
                    raise BotFailedError(f"/metrics counted {counted} of {traffic.sent} /log")
                figures["counted_ratio"] = counted / traffic.sent
    return figures


def _recording_us() -> float:
    """Microseconds of metric work for one update: count it and observe its latency."""
    metrics = Metrics()
    started = time.perf_counter()
    for _ in range(RECORDINGS):
        metrics.update_handled("command", 0.012)  # what the update processor calls
    return (time.perf_counter() - started) / RECORDINGS * 1e6


async def _measure(tmp: Path, plan: dict[str, float]) -> dict[str, float]:
    template = tmp / "seeded"
    _seed(template, int(plan["patients"]))
    runs: dict[str, list[dict[str, float]]] = {"off": [], "on": []}
    for rep in range(int(plan["runs"])):
        # Alternate who goes first, so neither always runs on a fresher machine.
        order = ("off", "on") if rep % 2 == 0 else ("on", "off")
        for name in order:
            progress(f"metrics: {DIARYBOT.name} with metrics {name}, run {rep + 1}")
            data_dir = fresh_copy(template, tmp / f"{name}-{rep}")
            figures = await _session(
                data_dir, tmp / f"{name}-{rep}.log", plan, metered=name == "on"
            )
            runs[name].append(figures)
    metrics = {
        f"{name}_{key}": median([f[key] for f in figures])
        for name, figures in runs.items()
        for key in figures[0]
    }
    metrics["cpu_ratio"] = ratio(metrics["on_cpu_us_per_update"], metrics["off_cpu_us_per_update"])
    metrics["throughput_ratio"] = ratio(metrics["on_throughput"], metrics["off_throughput"])
    metrics["recording_us"] = median([_recording_us() for _ in range(5)])
    return metrics


def run(quick: bool = False) -> dict[str, float]:
    """Measure and return the metrics' cost."""
    plan = QUICK if quick else FULL
    with tempfile.TemporaryDirectory(prefix="diarybot-bench-metrics-") as tmp:
        metrics = asyncio.run(_measure(Path(tmp), plan))
    metrics.update(plan)
    return {key: round(float(value), 3) for key, value in metrics.items()}
