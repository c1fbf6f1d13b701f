"""Load for the update-handling benchmarks: `/log`s queued at the fake Bot API, each matched
with the bot's reply for its latency, in the phases the suites run (a burst, a paced stream,
a paced stream while chart patients keep 365-day charts rendering)."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from bench._process import BotFailedError, CallScanner
from tests.support.fake_bot_api import Call, FakeBotAPI, FakeUser

LOG_TEXT = "/log 4"
CHART_TEXT = "/chart year"
COLLECT_EVERY = 0.005


@dataclass
class Traffic:
    """Queues updates at the fake and matches each `/log` with its reply.

    Per chat, replies come in the order the `/log`s were sent (diarybot serialises each
    patient's updates; the echo bot handles everything in order), so matching is first in,
    first out per chat.
    """

    api: FakeBotAPI
    expect: Callable[[Call], bool]
    scanner: CallScanner = field(init=False)
    queued: dict[int, deque[float]] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    sent: int = 0
    replied: int = 0
    unexpected: int = 0
    last_reply_at: float = 0.0
    photos: dict[int, asyncio.Event] = field(default_factory=dict)
    photo_count: int = 0
    chart_failures: int = 0

    def __post_init__(self) -> None:
        self.scanner = CallScanner(self.api)

    def send_log(self, user: FakeUser) -> None:
        """Queue one `/log` from `user`, noting when."""
        self.queued.setdefault(user.id, deque()).append(time.monotonic())
        self.api.send_text(user, LOG_TEXT)
        self.sent += 1

    def collect(self) -> None:
        """Match the replies recorded since the last look."""
        for call in self.scanner.new_calls():
            if not call.ok:
                continue
            if call.chat_id in self.photos and call.method in ("sendPhoto", "sendMessage"):
                # A chart patient's answer: the photo or, if rendering failed, an apology.
                self.photo_count += call.method == "sendPhoto"
                self.chart_failures += call.method == "sendMessage"
                self.photos[call.chat_id].set()
            elif call.method == "sendMessage" and self.queued.get(call.chat_id):
                self.latencies.append(call.at - self.queued[call.chat_id].popleft())
                self.replied += 1
                self.last_reply_at = call.at
                self.unexpected += not self.expect(call)

    async def drain(self, seconds: float) -> None:
        """Wait (at most `seconds`) until every `/log` sent so far has its reply."""
        try:
            async with asyncio.timeout(seconds):
                self.collect()
                while self.replied < self.sent:
                    await asyncio.sleep(COLLECT_EVERY)
                    self.collect()
        except TimeoutError:
            raise BotFailedError(f"{self.sent - self.replied} /log replies missing") from None

    def reset(self) -> None:
        """Start a new phase: forget the latencies measured so far."""
        self.latencies.clear()


async def send_burst(traffic: Traffic, users: list[FakeUser], count: int) -> float:
    """Queue `count` `/log`s at once, round robin over the patients; replies per second."""
    traffic.reset()
    started = time.monotonic()
    for index in range(count):
        traffic.send_log(users[index % len(users)])
    await traffic.drain(60 + count / 10)
    return count / (traffic.last_reply_at - started)


async def send_paced(traffic: Traffic, users: list[FakeUser], rate: float, seconds: float) -> None:
    """Queue `/log`s at a steady `rate` for `seconds`, then wait for the last replies."""
    traffic.reset()
    started = time.monotonic()
    for index in range(int(rate * seconds)):
        delay = started + index / rate - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        traffic.send_log(users[index % len(users)])
        traffic.collect()
    await traffic.drain(60)


async def _chart_requests(traffic: Traffic, user: FakeUser, stop: asyncio.Event) -> None:
    """Ask for a 365-day chart, wait for the photo, ask again, until told to stop."""
    done = traffic.photos.setdefault(user.id, asyncio.Event())
    while not stop.is_set():
        done.clear()
        traffic.api.send_text(user, CHART_TEXT)
        await asyncio.wait_for(done.wait(), timeout=120)


async def send_paced_with_charts(
    traffic: Traffic,
    users: list[FakeUser],
    chart_users: list[FakeUser],
    rate: float,
    seconds: float,
) -> None:
    """The paced stream while every chart patient keeps one 365-day chart in the works."""
    stop, charts_done = asyncio.Event(), asyncio.Event()

    async def keep_collecting() -> None:
        while not charts_done.is_set():
            traffic.collect()
            await asyncio.sleep(COLLECT_EVERY)

    background = [asyncio.create_task(_chart_requests(traffic, u, stop)) for u in chart_users]
    collector = asyncio.create_task(keep_collecting())
    try:
        await send_paced(traffic, users, rate, seconds)
    finally:
        stop.set()
        try:
            await asyncio.gather(*background)
        finally:
            charts_done.set()
            await collector
