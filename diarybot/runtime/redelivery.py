"""Handle each Telegram update once, even when Telegram delivers it again.

Telegram keeps an update until a later getUpdates confirms it. If the bot handled a batch but
could not confirm it (an outage, then a restart), the same updates arrive again. The ids of
recently handled updates are kept, saved at shutdown and every few seconds, and an update seen
before is dropped before any handler runs. Entries made from a message also take their
id from the update (see `diary_entries`), so even an update handled just before a crash is stored
only once.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import deque
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from diarybot.storage.atomic import atomic_write_bytes

logger = logging.getLogger(__name__)

STATE_FILE = "handled_updates.json"
REMEMBERED = 5000  # far more than Telegram ever redelivers in one batch (at most 100)


class HandledUpdates:
    """The ids of the most recently handled updates, kept on disk."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / STATE_FILE
        self._order: deque[int] = deque(maxlen=REMEMBERED)
        self._ids: set[int] = set()
        self._dirty = False
        for update_id in self._load():
            self._remember(update_id)
        self._dirty = False

    def _load(self) -> list[int]:
        try:
            data = json.loads(self.path.read_bytes())
            return [int(i) for i in data["handled"]]
        except FileNotFoundError:
            return []
        except (ValueError, KeyError, TypeError, OSError):
            # Losing this list only risks handling a redelivered update twice; never fatal.
            logger.warning("%s unreadable; starting with an empty list", STATE_FILE)
            return []

    def _remember(self, update_id: int) -> None:
        if len(self._order) == self._order.maxlen:
            self._ids.discard(self._order[0])
        self._order.append(update_id)
        self._ids.add(update_id)
        self._dirty = True

    def seen(self, update_id: int) -> bool:
        """Whether this update was handled before."""
        return update_id in self._ids

    def handled(self, update_id: int) -> None:
        """Remember a handled update (saved with the next `save`)."""
        if update_id not in self._ids:
            self._remember(update_id)

    def save(self) -> None:
        """Write the list if it changed (atomically; call from a worker thread)."""
        if not self._dirty:
            return
        self._dirty = False
        payload = json.dumps({"handled": list(self._order)}).encode()
        try:
            atomic_write_bytes(self.path, payload)
        except OSError as exc:
            self._dirty = True
            logger.warning("Could not save %s: %s", STATE_FILE, type(exc).__name__)

    async def drop_if_seen(self, update: object, _context: Any) -> None:
        """Handler group -2: stop a redelivered update before any handler sees it."""
        if isinstance(update, Update) and self.seen(update.update_id):
            logger.info("Dropped an update delivered again")
            raise ApplicationHandlerStop

    async def mark_handled(self, update: object, _context: Any) -> None:
        """The last handler group: this update went through every handler."""
        if isinstance(update, Update):
            self.handled(update.update_id)

    async def save_job(self, _context: Any) -> None:
        """Job, every few seconds: persist the list off the event loop."""
        await asyncio.to_thread(self.save)
