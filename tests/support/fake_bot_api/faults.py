"""Fault injection: scripted errors and slow answers, blocked users, Telegram-like rate limits."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Any

from tests.support.fake_bot_api.records import JSONDict
from tests.support.fake_bot_api.wire import DEFAULT_DESCRIPTIONS, Reply, error

_BLOCKED = "Forbidden: bot was blocked by the user"


@dataclass
class Fault:
    """A scripted answer that replaces the normal one for matching requests.

    ``status=200`` with a ``delay`` models a slow success: the request takes effect (a message
    is sent) and the answer arrives late, which is how a client timeout can still deliver.
    """

    method: str | None
    chat_id: Any
    status: int
    description: str
    retry_after: int | None
    times: int | None
    delay: float
    hits: int = 0

    def matches(self, method: str, params: JSONDict) -> bool:
        """Whether this fault applies; ``method=None`` matches all methods but getUpdates."""
        if self.method is None:
            if method == "getUpdates":
                return False
        elif self.method.lower() != method.lower():
            return False
        return self.chat_id is None or params.get("chat_id") == self.chat_id


class Faults:
    """What makes the fake answer otherwise than a healthy Telegram would."""

    def __init__(self) -> None:
        self.scripted: list[Fault] = []
        self.rate_limit_violations = 0
        self._blocked: set[int] = set()
        self._rate: tuple[float | None, float | None, int] = (None, None, 1)
        self._accepted: deque[tuple[float, Any]] = deque()

    def refusal(
        self, method: str, params: JSONDict, arrived: float
    ) -> tuple[Fault | None, Reply | None]:
        """The fault that applies to this request, and the error to answer instead, if any."""
        fault = self._take(method, params)
        chat_id = params.get("chat_id")
        if fault is not None and fault.status != 200:
            return fault, error(fault.status, fault.description, fault.retry_after)
        if isinstance(chat_id, int) and chat_id in self._blocked:
            return fault, error(403, _BLOCKED)
        if self._rate_limited(chat_id, arrived):
            self.rate_limit_violations += 1
            retry_after = self._rate[2]
            return fault, error(429, f"Too Many Requests: retry after {retry_after}", retry_after)
        return fault, None

    def add(
        self,
        method: str | None,
        chat_id: Any,
        status: int,
        description: str | None,
        retry_after: int | None,
        times: int | None,
        delay: float,
    ) -> Fault:
        """Script a fault (see FakeBotAPI.add_fault)."""
        if times is not None and times < 1:
            raise ValueError("times must be None or >= 1")
        if status == 429 and retry_after is None:
            retry_after = 1
        if description is None:
            description = (
                f"Too Many Requests: retry after {retry_after}"
                if status == 429
                else DEFAULT_DESCRIPTIONS.get(status, f"Error {status}")
            )
        fault = Fault(method, chat_id, status, description, retry_after, times, delay)
        self.scripted.append(fault)
        return fault

    def clear(self) -> None:
        """Remove every scripted fault."""
        self.scripted.clear()

    def block(self, chat_id: int) -> None:
        """Answer 403 to every request for the chat (the user blocked the bot)."""
        self._blocked.add(chat_id)

    def unblock(self, chat_id: int) -> None:
        """The user unblocks the bot."""
        self._blocked.discard(chat_id)

    def set_rate_limit(
        self, overall_per_second: float | None, per_chat_per_second: float | None, retry_after: int
    ) -> None:
        """Answer 429 beyond these rates (see FakeBotAPI.set_rate_limit)."""
        self._rate = (overall_per_second, per_chat_per_second, retry_after)
        self._accepted.clear()

    def _take(self, method: str, params: JSONDict) -> Fault | None:
        for fault in self.scripted:
            if fault.matches(method, params):
                fault.hits += 1
                if fault.times is not None:
                    fault.times -= 1
                    if fault.times == 0:
                        self.scripted.remove(fault)
                return fault
        return None

    def _rate_limited(self, chat_id: Any, now: float) -> bool:
        overall, per_chat, _ = self._rate
        if chat_id is None or (overall is None and per_chat is None):
            return False
        longest = max(_window(rate) for rate in (overall, per_chat) if rate is not None)
        while self._accepted and self._accepted[0][0] <= now - longest:
            self._accepted.popleft()
        for rate, same_chat in ((overall, False), (per_chat, True)):
            if rate is None:
                continue
            since = now - _window(rate)
            used = sum(
                1 for at, c in self._accepted if at > since and (not same_chat or c == chat_id)
            )
            if used >= rate * _window(rate):
                return True
        self._accepted.append((now, chat_id))
        return False

    # -- HTTP --------------------------------------------------------------------------------


def _window(rate: float) -> float:
    return max(1.0, 1.0 / rate)
