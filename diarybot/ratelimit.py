"""Telegram's flood limits, respected: ~30 messages/s overall and ~1 per second per chat.

PTB's `AIORateLimiter` limits the overall rate and groups, but not private chats, and by default
does not retry a 429 at all (`max_retries=0`). Reminders go to private chats in bursts (many
patients choose 20:00), so we add a per-chat limit for new messages and retry 429s as told.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Coroutine
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.ext import AIORateLimiter

OVERALL_PER_SECOND = 30
GROUP_PER_MINUTE = 20
PER_CHAT_PER_SECOND = 1
# A reply is often two or three messages at once (a score and the safety note); Telegram allows
# such short bursts, so a chat may take this many at once and then one per second.
PER_CHAT_BURST = 3
MAX_RETRIES = 5
# Methods that put a new message in a chat; edits answer a patient's own taps and are not held.
SENDING = frozenset(
    {"sendMessage", "sendPhoto", "sendDocument", "sendMediaGroup", "copyMessage", "forwardMessage"}
)
CHATS_TRACKED = 10_000

Callback = Callable[..., Coroutine[Any, Any, Any]]


class PatientRateLimiter(AIORateLimiter):
    """`AIORateLimiter` with retries on 429 and a per-private-chat limit for new messages."""

    def __init__(
        self,
        overall_per_second: float = OVERALL_PER_SECOND,
        per_chat_per_second: float = PER_CHAT_PER_SECOND,
        max_retries: int = MAX_RETRIES,
    ) -> None:
        super().__init__(
            overall_max_rate=overall_per_second,
            overall_time_period=1,
            group_max_rate=GROUP_PER_MINUTE,
            group_time_period=60,
            max_retries=max_retries,
        )
        self._per_chat = per_chat_per_second
        self._chats: OrderedDict[int, AsyncLimiter] = OrderedDict()

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

    async def process_request(  # noqa: PLR0917 - PTB's signature
        self,
        callback: Callback,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        """Hold new messages to a private chat to the per-chat rate, then apply PTB's limits."""
        chat_id = data.get("chat_id")
        if endpoint in SENDING and isinstance(chat_id, int) and chat_id > 0:
            async with self._chat_limiter(chat_id):
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
        return await super().process_request(
            callback, args, kwargs, endpoint, data, rate_limit_args
        )
