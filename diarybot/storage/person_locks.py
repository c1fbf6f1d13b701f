"""One re-entrant lock per person, so writes to one person's files never overlap across
storage threads; a lock exists only while someone holds or waits for it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class _HeldLock:
    """A person's lock and how many threads hold or wait for it."""

    lock: threading.RLock = field(default_factory=threading.RLock)
    users: int = 0


class PersonLocks:
    """The locks of the people whose files are being worked on now (thread-safe)."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[int, _HeldLock] = {}

    @contextmanager
    def hold(self, owner: int) -> Iterator[None]:
        """Hold the re-entrant lock guarding `owner`'s files (several steps may share it).

        A lock exists only while someone holds or waits for it, so the table does not grow
        with everyone who ever wrote once; it is counted under `_guard`, so two threads never
        get two different locks for the same person.
        """
        with self._guard:
            held = self._locks.get(owner)
            if held is None:
                held = self._locks[owner] = _HeldLock()
            held.users += 1
        try:
            with held.lock:
                yield
        finally:
            with self._guard:
                held.users -= 1
                if not held.users:
                    del self._locks[owner]

    def __len__(self) -> int:
        with self._guard:
            return len(self._locks)
