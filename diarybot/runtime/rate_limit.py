"""Telegram's flood limits, respected: ~30 messages/s overall and ~1 per second per chat.

Telegram counts requests over time windows. PTB's `AIORateLimiter` is a leaky bucket: it lets
30 requests through at once and then 30 more within the same second, so a burst of reminders at
20:00 ran at up to ~45 requests/s and drew 429s. It also waits out a 429's pause only *after*
taking its place in the bucket (everything queued during the pause then leaves at once), any
request that finishes ends the pause for everyone, and it has no limit per private chat.

Here requests leave evenly spaced (a little under 30 a second, so no window of a second ever
holds more than 30), a 429 pauses every request until its `retry_after` has passed, and new
messages to one private chat are paced to about one a second after a short burst. 429s are
retried as Telegram asks.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

logger = logging.getLogger(__name__)

OVERALL_PER_SECOND = 30
# Requests are paced when they leave; they reach Telegram a few milliseconds later, and not all
# equally late. Spacing them slightly wider than the limit absorbs that jitter.
MARGIN = 1.05
GROUP_PER_MINUTE = 20
PER_CHAT_PER_SECOND = 1
# A reply is often two or three messages at once (a score and the safety note); Telegram allows
# such short bursts, so a chat may take this many at once and then one per second.
PER_CHAT_BURST = 3
MAX_RETRIES = 5
# Requests in flight at once; PTB's HTTP connection pool is sized to match (bot/app.py). Under
# PTB's HTTPXRequest, httpcore walks every queued request and every connection each time a
# request starts or ends, so hundreds of sends queued there cost CPU for nothing; Telegram takes
# ~30 messages a second, which 8 at a time sustain at any round trip under ~250 ms. The cap
# queues sends here; updates are still handled concurrently.
MAX_IN_FLIGHT = 8
# Added to every `retry_after`, as PTB does, so the retry does not arrive a hair too early.
RETRY_MARGIN = 0.1
# Methods that put a new message in a chat; edits answer a patient's own taps and are not held.
SENDING = frozenset(
    {"sendMessage", "sendPhoto", "sendDocument", "sendMediaGroup", "copyMessage", "forwardMessage"}
)
CHATS_TRACKED = 10_000
GROUPS_TRACKED = 512

Callback = Callable[..., Coroutine[Any, Any, Any]]


class Pace:
    """Requests leave at least `1 / per_second` seconds apart (a little more), in arrival order.

    Even spacing rather than a bucket: a bucket lets its whole capacity leave at once, and a
    bunch of requests sent together reaches Telegram spread out unevenly, so a window that
    looked fine when they left is over the limit where Telegram counts.
    """

    def __init__(self, per_second: float) -> None:
        self.interval = MARGIN / per_second
        self._next = 0.0
        self._turn = asyncio.Lock()  # FIFO: the longest waiting request goes first

    async def acquire(self, not_before: Callable[[], float]) -> None:
        """Wait for this request's turn (and until `not_before()`), then take it."""
        async with self._turn:
            await _sleep_until(lambda: max(self._next, not_before()))
            self._next = asyncio.get_running_loop().time() + self.interval


class PatientRateLimiter(BaseRateLimiter[int]):
    """An overall pace, per-group and per-private-chat limits, and retries of 429s.

    `rate_limit_args` (per call) is the number of 429 retries for that request.
    """

    def __init__(
        self,
        overall_per_second: float = OVERALL_PER_SECOND,
        per_chat_per_second: float = PER_CHAT_PER_SECOND,
        max_retries: int = MAX_RETRIES,
    ) -> None:
        self._overall = Pace(overall_per_second)
        self._groups: OrderedDict[int | str, AsyncLimiter] = OrderedDict()
        self._per_chat = per_chat_per_second
        self._in_flight = asyncio.Semaphore(MAX_IN_FLIGHT)
        self._chats: OrderedDict[int, AsyncLimiter] = OrderedDict()
        self._max_retries = max_retries
        self._paused_until = 0.0

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""

    def _chat_limiter(self, chat_id: int) -> AsyncLimiter:
        limiter = self._chats.get(chat_id)
        if limiter is None:
            limiter = self._chats[chat_id] = AsyncLimiter(
                PER_CHAT_BURST, PER_CHAT_BURST / self._per_chat
            )
            if len(self._chats) > CHATS_TRACKED:
                self._chats.popitem(last=False)
        else:
            self._chats.move_to_end(chat_id)
        return limiter

    def _group_limiter(self, group: int | str) -> AsyncLimiter:
        # Groups only ever get "I only work in private chats"; PTB's bucket is fine there.
        limiter = self._groups.get(group)
        if limiter is None:
            limiter = self._groups[group] = AsyncLimiter(GROUP_PER_MINUTE, 60)
            if len(self._groups) > GROUPS_TRACKED:
                self._groups.popitem(last=False)
        else:
            self._groups.move_to_end(group)
        return limiter

    async def process_request(  # noqa: PLR0917 - PTB's signature
        self,
        callback: Callback,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        """Hold new messages to a private chat to the per-chat pace, then send within limits."""
        chat_id = _chat_id(data.get("chat_id"))
        retries = self._max_retries if rate_limit_args is None else rate_limit_args
        if endpoint in SENDING and isinstance(chat_id, int) and chat_id > 0:
            async with self._chat_limiter(chat_id):
                return await self._send(callback, args, kwargs, chat_id, retries)
        return await self._send(callback, args, kwargs, chat_id, retries)

    async def _send(
        self, callback: Callback, args: Any, kwargs: dict[str, Any], chat_id: Any, retries: int
    ) -> Any:
        attempt = 0
        while True:
            await self._place(chat_id)
            try:
                async with self._in_flight:
                    return await callback(*args, **kwargs)
            except RetryAfter as exc:
                if attempt >= retries:
                    logger.warning("Telegram still asks to slow down after %d retries", retries)
                    raise
                attempt += 1
                pause = _seconds(exc.retry_after) + RETRY_MARGIN
                loop = asyncio.get_running_loop()
                self._paused_until = max(self._paused_until, loop.time() + pause)
                logger.info("Telegram asked to slow down; all sends wait %.1f s", pause)

    async def _place(self, chat_id: Any) -> None:
        """Take a place in the group's limit, then wait out any 429 pause and for our turn."""
        if chat_id is None:  # not a message (answerCallbackQuery, setMyCommands): pause only
            await _sleep_until(self._not_before)
            return
        if isinstance(chat_id, str) or chat_id < 0:
            await self._group_limiter(chat_id).acquire()
        await self._overall.acquire(self._not_before)

    def _not_before(self) -> float:
        return self._paused_until


async def _sleep_until(deadline: Callable[[], float]) -> None:
    """Sleep until the loop time `deadline()`, which may move later meanwhile (a new 429)."""
    loop = asyncio.get_running_loop()
    while (wait := deadline() - loop.time()) > 0:  # noqa: ASYNC110 - a deadline, not an event
        await asyncio.sleep(wait)


def _chat_id(value: Any) -> Any:
    """The chat id as an int where it is one ("@channel" stays a string)."""
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            return value
    return value


def _seconds(retry_after: float | timedelta) -> float:
    if isinstance(retry_after, timedelta):
        return retry_after.total_seconds()
    return float(retry_after)
