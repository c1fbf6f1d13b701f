"""The waits a test uses on the fake (for a call, a condition, an empty update queue), and the
summary of recent traffic their failures show."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.support.fake_bot_api.calls import CallLog
from tests.support.fake_bot_api.changes import Changes
from tests.support.fake_bot_api.faults import Faults
from tests.support.fake_bot_api.records import Call
from tests.support.fake_bot_api.updates import UpdateQueue


class Waits:
    """FakeBotAPI's waits for tests (a mixin: FakeBotAPI sets the collaborators)."""

    _changes: Changes
    _faults: Faults
    _log: CallLog
    _queue: UpdateQueue

    def describe(self, last: int = 15) -> str:
        """Recent calls, polling and the update queue, for assertion messages.

        Successful polls are left out of the list: a running bot makes one every second.
        """
        shown = self._log.recent(last)
        polls = self._log.calls_for("getUpdates")
        last_poll = f", last answered {polls[-1].status}" if polls else ""
        return (
            f"last {len(shown)} calls (polls left out):\n  "
            + ("\n  ".join(c.summary() for c in shown) or "(none)")
            + f"\ngetUpdates: {self._queue.poll_count} received{last_poll}"
            + f"\npending updates: {[u['update_id'] for u in self._queue.pending]}"
            + f"\nfaults left: {len(self._faults.scripted)}"
        )

    async def wait_for(
        self,
        method: str,
        *,
        chat_id: Any = None,
        predicate: Callable[[Call], bool] | None = None,
        since: int | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109 - the deadline is part of this helper's contract
    ) -> Call:
        """The first call of ``method`` (index >= ``since``) matching the filters.

        Waits for it to arrive; on timeout fails the test with the recent calls.
        """
        found = await self._changes.wait(
            lambda: self._log.first(method, chat_id, predicate, since), timeout
        )
        if found is None:
            raise AssertionError(
                f"no {method} call (chat_id={chat_id}, since={since}) within {timeout}s\n"
                + self.describe()
            )
        return found

    async def wait_until(
        self,
        condition: Callable[[], bool],
        timeout: float = 5.0,  # noqa: ASYNC109 - the deadline is part of this helper's contract
    ) -> None:
        """Wait until ``condition()`` holds; it is re-checked on every request and every 10 ms
        (it may depend on state outside the fake, like the bot's storage)."""
        if await self._changes.wait(lambda: True if condition() else None, timeout, 0.01) is None:
            raise AssertionError(f"condition not met within {timeout}s\n" + self.describe())

    async def wait_idle(self, timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Wait until the bot has fetched and confirmed every queued update.

        Confirmed means a later getUpdates carried a higher offset: the updates reached PTB's
        update queue, not necessarily the end of their handlers. Wait for the reply for that.
        """
        if (
            await self._changes.wait(lambda: True if not self._queue.pending else None, timeout)
            is None
        ):
            raise AssertionError(f"updates still pending after {timeout}s\n" + self.describe())
