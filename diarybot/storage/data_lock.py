"""One bot process per data folder: an exclusive `flock` on a hidden file, held until exit.

Every repository keeps the last state of its files in memory and trusts it (atomic.py), so a
second process on the same folder would write from its own stale copy and silently undo the
first one's entries. The lock makes the second process stop at once instead. `flock` locks
belong to the open file, so the kernel releases them when the process ends however it ends
(kill -9 included): a stale lock file never blocks a restart. `backup` and `check` only read
and do not take it (they skip hidden files, and this one holds only a process id).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from pathlib import Path

from diarybot.storage.atomic import FILE_MODE, ensure_private_dir

LOCK_FILE = ".diarybot.lock"


class DataFolderBusy(Exception):
    """Another process holds the data folder; the message is one line for the operator."""


class DataFolderLock:
    """The exclusive lock on one data folder (create the folder if needed, then lock)."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / LOCK_FILE
        self.created_folder = False
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock now or raise DataFolderBusy; never waits."""
        self.created_folder = ensure_private_dir(self.data_dir)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode(errors="replace").strip()
            os.close(fd)
            process = f" (process {holder})" if holder.isdigit() else ""
            raise DataFolderBusy(
                f"another diarybot{process} is already running on the data folder "
                f"{self.data_dir}; stop it first, or give this one its own DIARYBOT_DATA_DIR."
            ) from None
        except BaseException:
            os.close(fd)
            raise
        # Who holds it, for the message above and for the operator; never patient data.
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd

    def release(self, *, remove_if_unused: bool = False) -> None:
        """Let go of the lock. With `remove_if_unused`, a data folder this process created and
        that still holds nothing but empty folders and the lock file is removed as well: a
        start-up that failed leaves no trace behind."""
        if self._fd is None:
            return
        if remove_if_unused and self.created_folder and _holds_nothing(self.data_dir):
            # Still locked while it goes, so no other process can have started using it.
            shutil.rmtree(self.data_dir, ignore_errors=True)
        with contextlib.suppress(OSError):
            os.close(self._fd)
        self._fd = None


def _holds_nothing(data_dir: Path) -> bool:
    """Whether the folder holds no file but the lock file (empty subfolders are fine)."""
    for _dirpath, _dirnames, filenames in os.walk(data_dir):
        if any(name != LOCK_FILE for name in filenames):
            return False
    return True
