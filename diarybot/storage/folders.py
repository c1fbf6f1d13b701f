"""Each person's folder of files, and the one way to work on them off the event loop.

`PatientFolders` is the mechanism the repositories share: one folder per person under
`data_dir/patients/<id>/`, unreadable files moved aside instead of overwritten, and erasure,
composed of small parts: a cache of open TinyDB files (`open_files.py`), one lock per person
(`person_locks.py`) and the work queues (`work_queues.py`). `run` queues a person's file work
behind their earlier calls and runs it on a few storage threads, so no file rewrite ever
blocks the event loop and one busy person cannot starve everyone else.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Coroutine
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TypeVar

from tinydb import TinyDB

from diarybot.storage.atomic import (
    CorruptFileError,
    ensure_private_dir,
    quarantine,
    warn_if_shared,
)
from diarybot.storage.open_files import OpenFiles
from diarybot.storage.person_locks import PersonLocks
from diarybot.storage.recovery_notices import RecoveryNotices
from diarybot.storage.work_queues import WorkQueues

T = TypeVar("T")

PATIENTS_DIR = "patients"
#: Files outside anyone's folder (the share-code index) are worked on under this owner's lock.
SHARED_OWNER = -1


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
        self._locks = PersonLocks()
        self._open = OpenFiles()
        self._queues = WorkQueues(threads)

    def folder(self, owner: int) -> Path:
        """The folder holding one person's files."""
        return self.root / str(int(owner))

    def lock(self, owner: int) -> AbstractContextManager[None]:
        """Hold the re-entrant lock guarding `owner`'s files (several steps may share it)."""
        return self._locks.hold(owner)

    def tables(self) -> dict[str, int]:
        """Sizes of the per-person tables (tests check that they stay bounded)."""
        return {"locks": len(self._locks), "open": len(self._open), "queues": len(self._queues)}

    async def run(self, owner: int, work: Callable[[], T]) -> T:
        """Run `work` on a storage thread, after `owner`'s earlier calls have finished.

        The work runs under `owner`'s lock as one turn: a read-modify-write cannot interleave
        with another of the same person's, whichever thread runs it.
        """

        def turn() -> T:
            with self.lock(owner):
                return work()

        return await self._queues.run(owner, turn)

    def busy(self, owner: int) -> bool:
        """Whether work of `owner`'s is queued or running (a cached read might be stale)."""
        return self._queues.busy(owner)

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
        if not self._open.is_open(path) and not path.exists():
            return missing
        return self.use(owner, name, action)

    def use_shared(self, name: str, action: Callable[[TinyDB], T]) -> T:
        """Run `action` on a file directly in the data folder (shared by everyone)."""
        return self._use(SHARED_OWNER, self.data_dir / name, action, notify=False)

    def _use(self, owner: int, path: Path, action: Callable[[TinyDB], T], *, notify: bool) -> T:
        with self.lock(owner):
            try:
                return action(self._open.get(path))
            except CorruptFileError as exc:
                self._open.forget(path)
                quarantine(exc.path)
                if notify:
                    self.notices.remember(owner)
                return action(self._open.get(path))

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
            self._open.forget_folder(folder)
            shutil.rmtree(folder, ignore_errors=True)

    def close(self) -> None:
        """Wait for writes in flight to finish (called at shutdown, SIGTERM included)."""
        self._queues.close()


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
