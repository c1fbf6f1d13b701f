"""The TinyDB files kept open between calls, the least recently used closed first."""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path

from tinydb import TinyDB

from diarybot.storage.atomic import ensure_private_dir, open_db

OPEN_FILES_CACHED = 512


class OpenFiles:
    """Open files by path, at most `OPEN_FILES_CACHED` of them (thread-safe).

    Opening a file parses it; keeping it open lets the next call of that person's skip that.
    """

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._open: OrderedDict[Path, TinyDB] = OrderedDict()

    def get(self, path: Path) -> TinyDB:
        """The open file at `path`, opened (and its folder made) if it is not open yet."""
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

    def is_open(self, path: Path) -> bool:
        """Whether the file at `path` is open (it may not be on disk yet)."""
        with self._guard:
            return path in self._open

    def forget(self, path: Path) -> None:
        """Drop one file (it was set aside): the next call opens what is on disk."""
        with self._guard:
            self._open.pop(path, None)

    def forget_folder(self, folder: Path) -> None:
        """Drop every file in `folder` (it is being erased)."""
        with self._guard:
            for path in [p for p in self._open if p.parent == folder]:
                del self._open[path]

    def __len__(self) -> int:
        with self._guard:
            return len(self._open)
