"""How waiters learn that the fake's state changed, and how waits end when the server stops."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import TypeVar

_T = TypeVar("_T")


class Changes:
    """A wake-up for everyone waiting on the fake (tests, long polls, webhook delivery).

    Each change wakes every waiter, and each re-checks its own condition: simpler than one
    event per condition, and the fake is small enough for that to cost nothing.
    """

    def __init__(self) -> None:
        self._tick = asyncio.Event()
        self.closed = asyncio.Event()

    def notify(self) -> None:
        """Wake everyone waiting on the fake's state; each waiter re-checks its own condition."""
        self._tick.set()
        self._tick = asyncio.Event()

    async def wait(
        self, probe: Callable[[], _T | None], within: float, poll: float | None = None
    ) -> _T | None:
        """Re-run ``probe`` whenever the fake's state changes (and every ``poll`` seconds)
        until it returns something other than None, or ``within`` seconds passed."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while (found := probe()) is None:
            remaining = deadline - loop.time()
            if remaining <= 0:
                return None
            tick = self._tick
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(min(remaining, poll or remaining)):
                    await tick.wait()
        return found

    async def sleep(self, seconds: float) -> None:
        """Sleep, but not past stop(): a slow answer must not hold the server open."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(seconds):
                await self.closed.wait()
