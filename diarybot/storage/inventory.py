"""A read-only walk over a data folder, safe while the bot is running.

Why reading file by file is consistent: the bot never changes a data file in place. Every write
goes to a temp file that is fsynced and then renamed over the old one (`atomic.py`), so opening
a file by name always yields one complete version, old or new, never a mix. A file replaced
while we read it is read again (the inode or size or mtime changed), so each file is taken as it
was at one moment after the walk started. An entry is acknowledged ("Saved") only after its
file was renamed into place, so every entry acknowledged before the walk started is in what we
read (unless the patient deleted it meanwhile). Files of one patient may come from slightly
different moments; nothing depends on that: consent lives only in the patient's own profile,
and a specialist's list of patients is an index rebuilt from it.

Nothing here takes the bot's locks or writes anything: it only opens files for reading.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import orjson

from diarybot.storage.atomic import (
    META_TABLE,
    StorageError,
    UnsupportedSchemaError,
    parse_file,
)
from diarybot.storage.diary_layout import DIARY_FILE, ENTRIES_TABLE
from diarybot.storage.folders import PATIENTS_DIR
from diarybot.storage.profiles import PROFILE_FILE
from diarybot.storage.share_codes import CODES_FILE
from diarybot.storage.specialists import SPECIALIST_FILE

# Plain JSON state that is not a TinyDB file (runtime/redelivery.py STATE_FILE).
STATE_FILES = frozenset({"handled_updates.json"})
SET_ASIDE_MARK = ".corrupt-"
# A file replaced this many times while being read is taken as last read (it parses or not).
READ_ATTEMPTS = 5


class Kind(StrEnum):
    """What a file in the data folder is."""

    DATA = "data"  # a TinyDB file of ours (profile, diary, specialist, share codes)
    STATE = "state"  # plain JSON the bot keeps (handled update ids)
    SET_ASIDE = "set_aside"  # a file that did not parse, moved aside unchanged
    # Hidden: a write in progress (or left by a crash mid-write, never used again) or a lock.
    TEMP = "temp"
    OTHER = "other"  # not ours


@dataclass
class FileRecord:
    """One file as read: its bytes, checksum and what parsing it showed."""

    path: str  # relative to the data folder, with "/"
    kind: Kind
    data: bytes = field(repr=False)
    sha256: str
    schema_version: int | None = None
    tables: dict[str, dict[str, Any]] | None = field(default=None, repr=False)
    error: str | None = None  # why a data or state file did not parse

    @property
    def entries(self) -> int:
        """Diary entries in this file (0 for other files)."""
        return len((self.tables or {}).get(ENTRIES_TABLE, {}))


def classify(relative: str) -> Kind:
    """The kind of a file, from its path relative to the data folder."""
    name = relative.rsplit("/", 1)[-1]
    if name.startswith("."):
        return Kind.TEMP
    if SET_ASIDE_MARK in name:
        return Kind.SET_ASIDE
    if relative in STATE_FILES:
        return Kind.STATE
    if relative == CODES_FILE:
        return Kind.DATA
    parts = relative.split("/")
    is_patient_file = len(parts) == 3 and parts[0] == PATIENTS_DIR and parts[1].isdigit()
    if is_patient_file and parts[2] in (PROFILE_FILE, DIARY_FILE, SPECIALIST_FILE):
        return Kind.DATA
    return Kind.OTHER


def walk(data_dir: Path) -> Iterator[FileRecord]:
    """Every file under `data_dir`, read once, in a stable order; erased files are skipped."""
    root = Path(data_dir)
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            relative = path.relative_to(root).as_posix()
            kind = classify(relative)
            if kind is Kind.TEMP:
                yield FileRecord(relative, kind, b"", "")  # listed, never read or archived
                continue
            record = read_record(path, relative, kind)
            if record is not None:
                yield record


def read_record(path: Path, relative: str, kind: Kind) -> FileRecord | None:
    """Read and parse one file; None if it disappeared (a patient erased meanwhile)."""
    raw = read_settled(path)
    if raw is None:
        return None
    record = FileRecord(relative, kind, raw, hashlib.sha256(raw).hexdigest())
    if kind is Kind.DATA:
        try:
            record.tables = parse_file(raw, path)
        except UnsupportedSchemaError:
            # Valid, from a newer diarybot: kept and counted, never touched by this one.
            record.tables = orjson.loads(raw)
            record.error = "written by a newer diarybot"
        except StorageError as exc:
            record.error = str(exc)
        if record.tables is not None:
            record.schema_version = schema_version(record.tables)
    elif kind is Kind.STATE:
        try:
            orjson.loads(raw)
        except orjson.JSONDecodeError:
            record.error = "not JSON"
    return record


def read_settled(path: Path) -> bytes | None:
    """The file's bytes as one version: re-read when it was replaced during the read."""
    raw = b""
    for _ in range(READ_ATTEMPTS):
        try:
            before = path.stat()
            raw = path.read_bytes()
            after = path.stat()
        except FileNotFoundError:
            return None
        if _identity(before) == _identity(after):
            return raw
    return raw


def _identity(stat: os.stat_result) -> tuple[int, int, int]:
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


def schema_version(tables: dict[str, dict[str, Any]]) -> int | None:
    """The schema version stamped in a parsed file's meta table."""
    for doc in (tables.get(META_TABLE) or {}).values():
        version = doc.get("schema_version") if isinstance(doc, dict) else None
        if isinstance(version, int):
            return version
    return None
