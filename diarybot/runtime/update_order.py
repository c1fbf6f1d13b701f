"""Updates of different patients run concurrently; one patient's updates run one at a time.

PTB handles updates strictly one after another by default, so one patient's 365-day chart would
hold up everyone else's check-in. Fully concurrent handling would instead let two quick taps of
the same patient race (toggle A and toggle B both read the entry, one write wins). Serialising
per user keeps each patient's conversation in order and everyone else flowing.

Two limits keep one user from holding up the others:

- An update waits for its user's turn *before* it takes one of the shared slots. PTB's
  `BaseUpdateProcessor.process_update` takes its semaphore first and only then calls us, so
  300 messages sent in a burst used to hold 256 slots while they queued behind each other, and
  another patient's /help waited ~40 s for a slot. PTB's semaphore is therefore made too large
  to bind (it is final in PTB), and our own `MAX_CONCURRENT_UPDATES` slots are taken only by an
  update whose user's turn has come: a user holds at most one slot, whatever they send.
- A user may have at most `MAX_PENDING_PER_USER` updates pending; beyond that, updates are
  dropped before any handler sees them, and the user is told once (per burst) to slow down.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import sys
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import BaseUpdateProcessor

from diarybot.texts import fairness, i18n

logger = logging.getLogger(__name__)

#: Updates handled at once, across users (each user has at most one of them).
MAX_CONCURRENT_UPDATES = 256
#: "Pending" counts every update of the user that the bot has received and not finished: the
#: one being handled plus those waiting behind it. That is the number that matters to everyone:
#: each pending update is one more reply to pace at ~1 message a second in that user's chat
#: (so 20 pending means the last answer comes ~20 s late) and one more update held in memory.
#: A person tapping through a check-in or typing a note never gets near it (four quick taps
#: are four); three long forwards (300 messages) do.
MAX_PENDING_PER_USER = 20
#: PTB's own semaphore: never reached, so an update never waits for a slot before its turn.
_UNBOUNDED = sys.maxsize // 2


@dataclass
class _Line:
    """One user's queue: their turn, how many updates are pending, whether they were told."""

    turn: asyncio.Lock = field(default_factory=asyncio.Lock)
    pending: int = 0
    warned: bool = False


class PerPatientUpdateProcessor(BaseUpdateProcessor):
    """Runs updates concurrently across users, in arrival order within one user, and drops a
    user's updates beyond `max_pending` (they are never handled: no entry is half-written)."""

    def __init__(
        self,
        max_concurrent_updates: int = MAX_CONCURRENT_UPDATES,
        max_pending: int = MAX_PENDING_PER_USER,
    ) -> None:
        super().__init__(_UNBOUNDED)
        self._slots = asyncio.Semaphore(max_concurrent_updates)
        self._max_pending = max_pending
        self._lines: dict[int, _Line] = {}
        self.dropped = 0  # for the logs and the tests: updates dropped since start

    @property
    def users_pending(self) -> int:
        """How many users have updates pending (the size of the per-user table)."""
        return len(self._lines)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for this user's turn, then for a shared slot, then handle the update."""
        user = update.effective_user if isinstance(update, Update) else None
        if user is None or not isinstance(update, Update):
            async with self._slots:
                await coroutine
            return
        line = self._lines.get(user.id)
        if line is None:
            line = self._lines[user.id] = _Line()
        if line.pending >= self._max_pending:
            await self._drop(update, coroutine, line)
            return
        line.pending += 1
        try:
            async with line.turn, self._slots:
                await coroutine
        finally:
            # Forget idle users so the table does not grow with every patient ever seen; the
            # next burst of theirs gets its own "slow down".
            line.pending -= 1
            if not line.pending:
                del self._lines[user.id]

    async def _drop(self, update: Update, coroutine: Awaitable[Any], line: _Line) -> None:
        if inspect.iscoroutine(coroutine):
            coroutine.close()  # never started: nothing of it ran, nothing was written
        self.dropped += 1
        if line.warned:
            return
        line.warned = True
        logger.info("A user has %d updates pending; dropping the excess", line.pending)
        chat = update.effective_chat
        if chat is None or chat.type != chat.PRIVATE:
            return  # a group hears nothing from us but "private chats only"
        try:
            # Outside the handlers: no stored language here, their Telegram app's will do.
            with i18n.speaking(
                update.effective_user.language_code if update.effective_user else None
            ):
                text = fairness.slow_down()
            await chat.send_message(text)
        except TelegramError as exc:  # best effort: they will see their replies stop anyway
            logger.warning("Could not send the slow-down notice: %s", type(exc).__name__)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""
