"""The queue of updates users sent, and ``getUpdates``: long polling with offset confirmation,
so an update is redelivered until the bot confirms it, as Telegram does."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from typing import Any

from tests.support.fake_bot_api.changes import Changes
from tests.support.fake_bot_api.records import JSONDict
from tests.support.fake_bot_api.wire import DEFAULT_DESCRIPTIONS, ApiError

_MAX_UPDATES_PER_POLL = 100


class UpdateQueue:
    """Updates queued and not yet confirmed by getUpdates (or accepted by the webhook)."""

    def __init__(self, changes: Changes, webhook_active: Callable[[], bool]) -> None:
        self._changes = changes
        self._webhook_active = webhook_active
        # Changed in place only: the webhook delivery reads the same list.
        self.pending: list[JSONDict] = []
        self.poll_count = 0
        self._update_ids = itertools.count(1)
        self._poll_generation = 0

    def add(self, update: JSONDict) -> int:
        """Queue any update (without ``update_id``); returns the update_id assigned."""
        update_id = next(self._update_ids)
        self.pending.append({"update_id": update_id, **update})
        self._changes.notify()
        return update_id

    def remove(self, update: JSONDict) -> None:
        """Take one update off the queue (the webhook delivered it)."""
        self.pending[:] = [u for u in self.pending if u is not update]

    async def get_updates(self, params: JSONDict) -> list[JSONDict]:
        """Confirm by offset, then answer at once or hold the poll open up to ``timeout``.

        A newer getUpdates ends an older one with 409, as Telegram does, so a second bot
        instance polling the same token shows up as Conflict errors instead of lost updates.
        """
        if self._webhook_active():
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        self.poll_count += 1
        self._confirm(params.get("offset"))
        self._poll_generation += 1
        generation = self._poll_generation
        self._changes.notify()
        limit = min(max(int(params.get("limit") or _MAX_UPDATES_PER_POLL), 1), 100)

        def ready() -> bool | None:
            if generation != self._poll_generation:
                raise ApiError(409, DEFAULT_DESCRIPTIONS[409])
            return True if self.pending or self._changes.closed.is_set() else None

        await self._changes.wait(ready, max(0.0, float(params.get("timeout") or 0)))
        return [json.loads(json.dumps(u)) for u in self.pending[:limit]]

    def _confirm(self, offset: Any) -> None:
        if not isinstance(offset, int) or offset == 0:
            return
        if offset < 0:
            self.pending[:] = self.pending[offset:]
        else:
            self.pending[:] = [u for u in self.pending if u["update_id"] >= offset]
