"""Each person's folder of files, and the one way to work on them off the event loop.

`PatientFolders` is the mechanism the repositories share: one folder per person under
`data_dir/patients/<id>/`, a cache of open TinyDB files, one lock per person (so writes to one
file never overlap across threads), unreadable files moved aside instead of overwritten, and
erasure. `run` queues a person's file work behind their earlier calls and runs it on a few
storage threads, so no file rewrite ever blocks the event loop and one busy person cannot
starve everyone else.
"""

from __future__ import annotations

import asyncio
import shutil
import threading
from collections import OrderedDict
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from tinydb import TinyDB

from diarybot.storage.atomic import (
    CorruptFileError,
    ensure_private_dir,
    open_db,
    quarantine,
    warn_if_shared,
)

T = TypeVar("T")

PATIENTS_DIR = "patients"
OPEN_FILES_CACHED = 512
#: Files outside anyone's folder (the share-code index) are worked on under this owner's lock.
SHARED_OWNER = -1


class RecoveryNotices:
    """Who had a file set aside and has not been told yet (thread-safe)."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._pending: set[int] = set()

    def remember(self, user_id: int) -> None:
        """Keep (or put back) the notice for this person."""
        with self._guard:
            self._pending.add(user_id)

    def pending(self) -> list[int]:
        """Everyone still to be told."""
        with self._guard:
            return sorted(self._pending)

    def take(self, user_id: int) -> bool:
        """True once after this person's file was set aside, so they can be told."""
        with self._guard:
            if user_id in self._pending:
                self._pending.discard(user_id)
                return True
            return False


class PatientFolders:
    """The folders under `data_dir/patients/`, their open files, locks and work queues.

    `threads=0` runs file work inline (tools and tests that read a folder once).
    """

    def __init__(self, data_dir: Path, threads: int = 4) -> None:
        self.data_dir = Path(data_dir)
        self.root = self.data_dir / PATIENTS_DIR
        if not ensure_private_dir(self.data_dir):
            warn_if_shared(self.data_dir)
        ensure_private_dir(self.root)
        self.notices = RecoveryNotices()
        self._guard = threading.Lock()
        self._locks: dict[int, threading.RLock] = {}
        self._open: OrderedDict[Path, TinyDB] = OrderedDict()
        self._executor = (
            ThreadPoolExecutor(max_workers=threads, thread_name_prefix="storage")
            if threads
            else None
        )
        self._queues: dict[int, tuple[asyncio.Lock, int]] = {}

    def folder(self, owner: int) -> Path:
        """The folder holding one person's files."""
        return self.root / str(int(owner))

    def lock(self, owner: int) -> threading.RLock:
        """The re-entrant lock guarding `owner`'s files (several steps may share it)."""
        with self._guard:
            lock = self._locks.get(owner)
            if lock is None:
                lock = self._locks[owner] = threading.RLock()
            return lock

    async def run(self, owner: int, work: Callable[[], T]) -> T:
        """Run `work` on a storage thread, after `owner`'s earlier calls have finished.

        The work runs under `owner`'s lock as one turn: a read-modify-write cannot interleave
        with another of the same person's, whichever thread runs it.
        """

        def turn() -> T:
            with self.lock(owner):
                return work()

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
        """Whether work of `owner`'s is queued or running (a cached read might be stale)."""
        return owner in self._queues

    def use(self, owner: int, name: str, action: Callable[[TinyDB], T]) -> T:
        """Run `action` on one of `owner`'s files under their lock, creating it if needed.

        A file that does not parse is moved aside (never overwritten) and the action runs on a
        fresh file, so this person can go on and everyone else is unaffected.
        """
        return self._use(owner, self.folder(owner) / name, action, notify=owner >= 0)

    def use_existing(self, owner: int, name: str, action: Callable[[TinyDB], T], missing: T) -> T:
        """Like `use`, but a file that does not exist answers `missing` without creating it:
        a read (or a stale button) must never bring back an erased person's folder."""
        path = self.folder(owner) / name
        with self._guard:
            is_open = path in self._open
        if not is_open and not path.exists():
            return missing
        return self.use(owner, name, action)

    def use_shared(self, name: str, action: Callable[[TinyDB], T]) -> T:
        """Run `action` on a file directly in the data folder (shared by everyone)."""
        return self._use(SHARED_OWNER, self.data_dir / name, action, notify=False)

    def _use(self, owner: int, path: Path, action: Callable[[TinyDB], T], *, notify: bool) -> T:
        with self.lock(owner):
            try:
                return action(self._db(path))
            except CorruptFileError as exc:
                self._forget(path)
                quarantine(exc.path)
                if notify:
                    self.notices.remember(owner)
                return action(self._db(path))

    def _db(self, path: Path) -> TinyDB:
        with self._guard:
            db = self._open.get(path)
            if db is not None:
                self._open.move_to_end(path)
                return db
        ensure_private_dir(path.parent)
        db = open_db(path)
        with self._guard:
            self._open[path] = db
            while len(self._open) > OPEN_FILES_CACHED:
                self._open.popitem(last=False)
        return db

    def _forget(self, path: Path) -> None:
        with self._guard:
            self._open.pop(path, None)

    def owners(self) -> list[int]:
        """Everyone with a folder (start-up scheduling, tools)."""
        return sorted(
            int(child.name)
            for child in self.root.iterdir()
            if child.is_dir() and child.name.isdigit()
        )

    def erase(self, owner: int) -> None:
        """Delete `owner`'s folder and everything in it (set-aside files too)."""
        folder = self.folder(owner)
        with self.lock(owner):
            with self._guard:
                for path in [p for p in self._open if p.parent == folder]:
                    del self._open[path]
            shutil.rmtree(folder, ignore_errors=True)

    def close(self) -> None:
        """Wait for writes in flight to finish (called at shutdown, SIGTERM included)."""
        if self._executor is not None:
            self._executor.shutdown(wait=True)


def run_inline(call: Coroutine[object, object, T]) -> T:
    """The result of a storage call on a `threads=0` store, from synchronous code (tools,
    tests, benchmarks). Such a call never waits for anything, so it completes in one step."""
    try:
        call.send(None)
    except StopIteration as done:
        result: T = done.value
        return result
    call.close()
    raise RuntimeError("run_inline needs a store with threads=0 and no other caller")
