"""Updates of different patients run concurrently; one patient's updates run one at a time.

PTB handles updates strictly one after another by default, so one patient's 365-day chart would
hold up everyone else's check-in. Fully concurrent handling would instead let two quick taps of
the same patient race (toggle A and toggle B both read the entry, one write wins). Serialising
per user keeps each patient's conversation in order and everyone else flowing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

MAX_CONCURRENT_UPDATES = 256


class PerPatientUpdateProcessor(BaseUpdateProcessor):
    """Runs updates concurrently across users, in arrival order within one user."""

    def __init__(self, max_concurrent_updates: int = MAX_CONCURRENT_UPDATES) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._users: dict[int, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Await the handler coroutine while holding this user's lock (if there is a user)."""
        user = update.effective_user if isinstance(update, Update) else None
        if user is None:
            await coroutine
            return
        lock = self._locks.setdefault(user.id, asyncio.Lock())
        self._users[user.id] = self._users.get(user.id, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            # Forget idle users so the table does not grow with every patient ever seen.
            self._users[user.id] -= 1
            if not self._users[user.id]:
                del self._users[user.id]
                del self._locks[user.id]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""
