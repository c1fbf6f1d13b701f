"""Crash-safe TinyDB storage: one folder per patient, files replaced atomically and durably.

Stock TinyDB `JSONStorage` rewrites its file in place, so a crash mid-write leaves a torn file,
and one file for everyone makes every insert rewrite every patient's data. Here each patient has
a folder with two small TinyDB files (settings, and the diary itself, so start-up reads only the
settings), and every write goes to a temp file that is fsynced and then renamed over the old one.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import stat
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage

logger = logging.getLogger(__name__)

FILE_MODE = 0o600
DIR_MODE = 0o700
META_TABLE = "meta"
#: The version of the documents every data file holds; a file with a newer one is refused.
#: 2: an entry may have no score (a note-only entry), and records whether its techniques were
#: answered; version 1 documents read as version 2 unchanged (the new fields have defaults),
#: so a file is migrated by stamping it on its first write.
#: 3: an entry may carry the optional daily items (sleep, mood, body regions) and a profile
#: the items switched on; version 1 and 2 documents read with those empty (never asked), so
#: again the first write migrates a file by stamping it.
SCHEMA_VERSION = 3


class StorageError(Exception):
    """A write or read could not be completed; the previous file is untouched."""


class CorruptFileError(StorageError):
    """A data file exists but does not parse; it must never be overwritten."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"unreadable data file: {path.name}")
        self.path = path


class UnsupportedSchemaError(StorageError):
    """A file written by a newer diarybot; refusing to touch it protects the data."""


def fsync_dir(path: Path) -> None:
    """Make a rename in `path` durable (POSIX needs the directory itself fsynced)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def ensure_private_dir(path: Path) -> bool:
    """Create `path` (and parents) readable only by us; True if this call created it.

    A folder that already exists keeps its mode: it may be shared on purpose (or given by
    mistake, like /tmp), and taking away others' access to it is not ours to decide.
    `warn_if_shared` tells the operator instead.
    """
    if path.is_dir():
        return False
    try:
        path.mkdir(mode=DIR_MODE, parents=True)
    except FileExistsError:  # another thread made it just now
        return False
    # mkdir's mode is filtered by the umask; the folder we made must be ours alone.
    path.chmod(DIR_MODE)
    return True


def warn_if_shared(path: Path) -> None:
    """Log a warning (the folder's path and mode, nothing else) if others may read `path`."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        logger.warning(
            "The data folder %s is open to other users (mode %o): patients' files inside stay "
            "0600, but consider chmod 700 %s or a folder of its own.",
            path,
            mode,
            path,
        )


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new file.

    Temp file in the same folder (rename is atomic only within a filesystem), flush + fsync of
    the file, `os.replace`, then fsync of the folder so the rename itself survives power loss.
    """
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


class AtomicJSONStorage(Storage):
    """A TinyDB storage that writes atomically and durably and keeps the last state in memory.

    Only this process writes these files (one lock per patient above us), so the cached state
    is the file's state; reading it back from disk on every query would only cost time.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._cache: dict[str, dict[str, Any]] | None = None

    def read(self) -> dict[str, dict[str, Any]] | None:
        """Return the whole database, or None when the file does not exist yet."""
        if self._cache is not None:
            return self._cache
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StorageError(f"cannot read {self.path.name}") from exc
        data = parse_file(raw, self.path)
        self._cache = data
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Serialize and replace the file; on any failure the old file and no cache remain."""
        try:
            stamp_schema(data)
            payload = orjson.dumps(data)
            atomic_write_bytes(self.path, payload)
        except BaseException:
            # TinyDB mutated the cached dict in place before calling us: it no longer matches
            # the file, so forget it and re-read the intact file next time.
            self._cache = None
            raise
        self._cache = data


def parse_file(raw: bytes, path: Path) -> dict[str, dict[str, Any]]:
    """A data file's tables; CorruptFileError / UnsupportedSchemaError when it is not ours."""
    try:
        data = orjson.loads(raw)
    except (orjson.JSONDecodeError, ValueError, UnicodeDecodeError) as exc:
        raise CorruptFileError(path) from exc
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise CorruptFileError(path)
    version = _schema_version(data)
    if version is None:
        raise CorruptFileError(path)
    if version > SCHEMA_VERSION:
        raise UnsupportedSchemaError(f"{path.name} has schema {version}")
    return data


def stamp_schema(data: dict[str, dict[str, Any]]) -> None:
    """Stamp an older file with this version as it is written: its documents, read through the
    domain's `from_doc` defaults, are what this version writes (a migration on write)."""
    for doc in (data.get(META_TABLE) or {}).values():
        version = doc.get("schema_version") if isinstance(doc, dict) else None
        if isinstance(version, int) and version < SCHEMA_VERSION:
            doc["schema_version"] = SCHEMA_VERSION


def _schema_version(data: dict[str, dict[str, Any]]) -> int | None:
    meta = data.get(META_TABLE) or {}
    for doc in meta.values():
        version = doc.get("schema_version") if isinstance(doc, dict) else None
        if isinstance(version, int):
            return version
    return None


def open_db(path: Path) -> TinyDB:
    """Open (or create with a schema stamp) one TinyDB file with the atomic storage."""
    db = TinyDB(path, storage=AtomicJSONStorage)
    if db.storage.read() is None:
        db.table(META_TABLE).insert({"schema_version": SCHEMA_VERSION})
    return db


def quarantine(path: Path) -> Path:
    """Move an unreadable file aside (never delete or overwrite it) and return its new name."""
    stamp = secrets.token_hex(3)
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    path.replace(target)
    fsync_dir(path.parent)
    # Which folder and file, so the operator can find it; never a byte of what it holds.
    logger.error(
        "Data file %s/%s could not be parsed; moved aside unchanged as %s",
        path.parent.name,
        path.name,
        target.name,
    )
    return target
