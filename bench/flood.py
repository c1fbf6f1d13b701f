"""One user floods; everyone else's replies: issue #12's target, p99 under 1 s.

diarybot runs in its own process with its **production** rate limiter (30 messages/s overall,
about 1 per second per chat after a burst of 3): per-chat pacing is what made a flood hurt,
since every one of the flooder's replies waits its turn in their chat while holding whatever
it holds. The fake Bot API is served here on 127.0.0.1, as in `bench/updates.py`.

Per run, on a fresh copy of the seeded data (one flooder and `others` onboarded patients):

1. quiet (the baseline, same process, same run): the others send `/help` at a steady rate,
   round robin, so each of them writes only every few seconds and their own per-chat pace
   never delays them;
2. flood: the flooder queues `flood` `/log` messages at once (three long forwards), and the
   others send `/help` exactly as in phase 1.

Latency is from the moment a `/help` is queued at the fake to the moment the fake receives the
reply (`Call.at`). Also counted: how many of the flooder's messages were answered ("Saved")
and how many "slow down" notices they got.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from datetime import time as clock_time
from pathlib import Path
from zoneinfo import ZoneInfo

from bench._process import BotFailedError, CallScanner, bot_command, spawned
from bench._seed import done_today, fast_writes, fresh_copy, onboarded_profile, write_profiles
from bench._stats import median, percentile, progress, ratio
from tests.support.fake_bot_api import FakeBotAPI, FakeUser

TZ_NAME = "Europe/Berlin"
TZ = ZoneInfo(TZ_NAME)
FLOODER = 300_000
OTHERS = 310_000
SLOW_DOWN_START = "You sent a lot of messages at once"
COLLECT_EVERY = 0.005


@dataclass(frozen=True)
class Plan:
    """Load and repetitions."""

    flood: int
    others: int
    rate: float  # /help per second, over all the others
    seconds: float  # length of each phase
    repetitions: int


FULL = Plan(flood=300, others=40, rate=8, seconds=20, repetitions=3)
QUICK = Plan(flood=300, others=20, rate=8, seconds=4, repetitions=1)


async def _helps(
    api: FakeBotAPI, others: list[FakeUser], plan: Plan, scanner: CallScanner
) -> list[float]:
    """Paced `/help`s from the others for one phase; the latency of each reply, in seconds."""
    queued: dict[int, list[float]] = {}
    latencies: list[float] = []

    def collect() -> None:
        for call in scanner.new_calls():
            waiting = queued.get(call.chat_id)
            if call.ok and call.method == "sendMessage" and waiting:
                latencies.append(call.at - waiting.pop(0))

    started = time.monotonic()
    count = int(plan.rate * plan.seconds)
    for index in range(count):
        delay = started + index / plan.rate - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        user = others[index % len(others)]
        queued.setdefault(user.id, []).append(time.monotonic())
        api.send_text(user, "/help")
        collect()
    deadline = time.monotonic() + 60
    while len(latencies) < count:
        if time.monotonic() > deadline:
            raise BotFailedError(f"{count - len(latencies)} /help replies missing")
        await asyncio.sleep(COLLECT_EVERY)
        collect()
    return latencies


async def _session(data_dir: Path, log: Path, plan: Plan) -> dict[str, float]:
    flooder = FakeUser(id=FLOODER)
    others = [FakeUser(id=OTHERS + i) for i in range(plan.others)]
    async with FakeBotAPI() as api:
        command = bot_command("diarybot", api, "--data-dir", str(data_dir))
        async with spawned(command, api, log):
            quiet = await _helps(api, others, plan, CallScanner(api))
            mark = api.mark()
            scanner = CallScanner(api)
            for n in range(plan.flood):
                api.send_text(flooder, f"/log 5 forwarded part {n}")
            flood = await _helps(api, others, plan, scanner)
            to_flooder = [
                c.params.get("text", "")
                for c in api.calls_for("sendMessage", FLOODER)
                if c.index >= mark and c.ok
            ]
    return {
        "quiet_p50_ms": percentile(quiet, 50) * 1000,
        "quiet_p99_ms": percentile(quiet, 99) * 1000,
        "flood_p50_ms": percentile(flood, 50) * 1000,
        "flood_p99_ms": percentile(flood, 99) * 1000,
        "flood_max_ms": max(flood) * 1000,
        "flooder_answered": sum(t.startswith("Saved: ") for t in to_flooder),
        "flooder_told": sum(t.startswith(SLOW_DOWN_START) for t in to_flooder),
    }


def _seed(data_dir: Path, plan: Plan) -> None:
    now = datetime.now(TZ)
    at = clock_time((now.hour + 12) % 24, now.minute)  # no reminder during the run
    ids = [FLOODER, *range(OTHERS, OTHERS + plan.others)]
    with fast_writes():
        write_profiles(
            data_dir, [done_today(onboarded_profile(i, TZ_NAME, at), now.date()) for i in ids]
        )


async def _measure(tmp: Path, plan: Plan) -> dict[str, float]:
    template = tmp / "seeded"
    _seed(template, plan)
    runs = []
    for rep in range(plan.repetitions):
        progress(f"flood: run {rep + 1} of {plan.repetitions}")
        data_dir = fresh_copy(template, tmp / f"run-{rep}")
        runs.append(await _session(data_dir, tmp / f"run-{rep}.log", plan))
    metrics = {key: median([run[key] for run in runs]) for key in runs[0]}
    metrics["flood_p99_ratio"] = ratio(metrics["flood_p99_ms"], metrics["quiet_p99_ms"])
    return metrics


def run(quick: bool = False) -> dict[str, float]:
    """Measure and return the flood metrics."""
    plan = QUICK if quick else FULL
    with tempfile.TemporaryDirectory(prefix="diarybot-bench-flood-") as tmp:
        metrics = asyncio.run(_measure(Path(tmp), plan))
    metrics.update(
        {
            "flood": plan.flood,
            "others": plan.others,
            "rate": plan.rate,
            "seconds": plan.seconds,
            "runs": plan.repetitions,
        }
    )
    return {key: round(float(value), 3) for key, value in metrics.items()}
