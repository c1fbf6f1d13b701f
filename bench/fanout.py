"""Reminder fan-out: many patients due in the same minute, against Telegram's 30 messages/s.

The patients' profiles are written before the bot starts: onboarded, all with a 20:00 reminder
in a zone where it is still daytime, so start-up schedules every daily job and sends no
catch-up. Once polling, the bot process jumps its clock past 20:00 and makes every
`reminder:*` job due at once (`bench._botproc --fire-reminders-after`), which is what the
scheduler does when the wall clock reaches 20:00. The fake Bot API answers 429 beyond
`limit` messages per second overall and one per second per chat, like Telegram.

Weekly items (the PEG questions, the weekly chart) are marked as already sent today, so every
run measures one daily reminder per patient whatever the weekday; on the PEG weekday the real
burst is twice as many messages under the same limit.

Figures: messages delivered to the patients per second, from the first send attempt to the
last delivery, as a fraction of the limit; patients who never got their daily reminder (lost);
daily reminders a patient got more than once (duplicated).
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from datetime import time as clock_time
from pathlib import Path
from zoneinfo import ZoneInfo

from bench._process import BotProcess, CallScanner, bot_command, spawned
from bench._seed import done_today, fast_writes, onboarded_profile, write_profiles
from bench._stats import progress
from diarybot import texts
from tests.support.fake_bot_api import Call, FakeBotAPI

PATIENT_IDS = 300_000
REMINDER_AT = clock_time(20, 0)
# One of these is in daytime (06:00–18:00) at any moment, so 20:00 there is still to come today.
ZONES = ("Europe/Berlin", "America/New_York", "Asia/Shanghai", "America/Los_Angeles")
# Without progress for this long the rest counts as lost (diarybot retries a reminder that
# failed with 429 after one minute, so this outlasts the first retry).
STALL_SECONDS = 90.0


@dataclass(frozen=True)
class Plan:
    """How many patients and which rate limit."""

    patients: int
    limit: float
    settle: float
    bot_options: tuple[str, ...] = ()


# Full: diarybot's production rate limiter against Telegram's 30/s. Quick: both scaled up.
FULL = Plan(patients=10_000, limit=30, settle=5.0)
# Quick: fewer patients and a higher limit (the bot's limiter raised to match), still below
# what the bot can prepare per second, so the limit is what is measured.
QUICK = Plan(patients=200, limit=60, settle=1.0, bot_options=("--overall-rate", "60"))


def is_reminder(call: Call) -> bool:
    """Whether a sendMessage call is the daily reminder (its text is the reminder's)."""
    return call.params.get("text") == texts.reminder()


@dataclass
class Deliveries:
    """Messages to the patients the fake accepted, and which of them were daily reminders."""

    patients: set[int]
    reminders: Counter[int] = field(default_factory=Counter)
    messages: int = 0
    first_attempt: float | None = None
    last_delivery: float | None = None

    def collect(self, scanner: CallScanner) -> None:
        """Count the sendMessage calls recorded since the last look."""
        for call in scanner.new_calls():
            if call.method != "sendMessage" or call.chat_id not in self.patients:
                continue
            if self.first_attempt is None:
                self.first_attempt = call.at
            if call.ok:
                self.messages += 1
                self.last_delivery = call.at
                if is_reminder(call):
                    self.reminders[call.chat_id] += 1


def _zone() -> ZoneInfo:
    """A zone where it is daytime now, so 20:00 local is still ahead today."""
    for name in ZONES:
        zone = ZoneInfo(name)
        if 6 <= datetime.now(zone).hour < 18:
            return zone
    raise RuntimeError("no daytime zone found")  # unreachable: the zones span the day


def _jump_seconds(zone: ZoneInfo) -> float:
    """How far the bot's clock must jump so 20:00 local has just passed."""
    now = datetime.now(zone)
    due = datetime.combine(now.date(), REMINDER_AT, tzinfo=zone)
    return (due - now).total_seconds() + 60


async def _wait_for_deliveries(deliveries: Deliveries, scanner: CallScanner, plan: Plan) -> None:
    """Until everyone is reminded or nothing moved for `STALL_SECONDS`, then `settle` more."""
    last_progress, delivered = time.monotonic(), 0
    while len(deliveries.reminders) < plan.patients:
        await asyncio.sleep(0.05)
        deliveries.collect(scanner)
        if deliveries.messages != delivered:
            last_progress, delivered = time.monotonic(), deliveries.messages
        elif time.monotonic() - last_progress > STALL_SECONDS:
            break
    await asyncio.sleep(plan.settle)  # a duplicate would show up now
    deliveries.collect(scanner)


def _figures(
    deliveries: Deliveries, plan: Plan, bot: BotProcess, violations: int
) -> dict[str, float]:
    if deliveries.messages and not deliveries.reminders:
        raise RuntimeError("no message had the reminder's text: has texts.reminder() changed?")
    span = (deliveries.last_delivery or 0.0) - (deliveries.first_attempt or 0.0)
    rate = deliveries.messages / span if span > 0 else 0.0
    return {
        "patients": float(plan.patients),
        "limit": plan.limit,
        "messages": float(deliveries.messages),
        "reminded": float(len(deliveries.reminders)),
        "lost": float(plan.patients - len(deliveries.reminders)),
        "duplicated": float(sum(n - 1 for n in deliveries.reminders.values())),
        "rate": rate,
        "rate_fraction": rate / plan.limit,
        "seconds": span,
        "refused_429": float(violations),
        "bot_startup_s": bot.polling_at - bot.spawned_at,
    }


async def _measure(tmp: Path, plan: Plan) -> dict[str, float]:
    zone = _zone()
    ids = range(PATIENT_IDS, PATIENT_IDS + plan.patients)
    progress(f"fanout: seeding {plan.patients} patients due at 20:00 {zone.key}")
    today = datetime.now(zone).date()
    profiles = (
        done_today(onboarded_profile(i, zone.key, REMINDER_AT), today, daily=False) for i in ids
    )
    with fast_writes():
        write_profiles(tmp / "data", profiles)
    async with FakeBotAPI() as api:
        api.set_rate_limit(overall_per_second=plan.limit, per_chat_per_second=1)
        options = ("--data-dir", str(tmp / "data"), *plan.bot_options)
        jump = ("--fire-reminders-after", f"{_jump_seconds(zone):.0f}")
        command = bot_command("diarybot", api, *options, *jump)
        deliveries = Deliveries(set(ids))
        scanner = CallScanner(api)
        async with spawned(command, api, tmp / "fanout.log", ready_timeout=900) as bot:
            progress(f"fanout: bot polling after {bot.polling_at - bot.spawned_at:.1f}s; sending")
            await _wait_for_deliveries(deliveries, scanner, plan)
        return _figures(deliveries, plan, bot, api.rate_limit_violations)


def run(quick: bool = False) -> dict[str, float]:
    """Measure and return the fan-out metrics."""
    plan = QUICK if quick else FULL
    with tempfile.TemporaryDirectory(prefix="diarybot-bench-fanout-") as tmp:
        metrics = asyncio.run(_measure(Path(tmp), plan))
    return {key: round(value, 3) for key, value in metrics.items()}
