"""Each person's file work, queued behind their earlier calls and run on a few storage threads,
so no file rewrite ever blocks the event loop and one busy person cannot starve everyone else."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


class WorkQueues:
    """One queue per person with work in flight, over one pool of storage threads.

    `threads=0` runs the work inline (tools and tests that read a folder once).
    """

    def __init__(self, threads: int) -> None:
        self._executor = (
            ThreadPoolExecutor(max_workers=threads, thread_name_prefix="storage")
            if threads
            else None
        )
        self._queues: dict[int, tuple[asyncio.Lock, int]] = {}

    async def run(self, owner: int, turn: Callable[[], T]) -> T:
        """Run `turn` on a storage thread, after `owner`'s earlier calls have finished."""
        if self._executor is None:
            return turn()
        known = self._queues.get(owner)
        queue, waiting = known if known is not None else (asyncio.Lock(), 0)
        self._queues[owner] = (queue, waiting + 1)
        try:
            async with queue:
                return await asyncio.get_running_loop().run_in_executor(self._executor, turn)
        finally:
            # Forget idle owners, so the table does not grow with everyone who ever wrote once.
            queue, waiting = self._queues[owner]
            if waiting == 1:
                del self._queues[owner]
            else:
                self._queues[owner] = (queue, waiting - 1)

    def busy(self, owner: int) -> bool:
        """Whether work of `owner`'s is queued or running."""
        return owner in self._queues

    def __len__(self) -> int:
        return len(self._queues)

    def close(self) -> None:
        """Wait for the work in flight to finish."""
        if self._executor is not None:
            self._executor.shutdown(wait=True)
