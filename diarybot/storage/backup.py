"""`diarybot backup` and `diarybot restore`: a tar.gz of the data folder with a manifest.

The backup reads the folder while the bot runs, without any lock of the bot's: each file is
taken whole as one version (see `inventory.py` for why that is consistent, and why every entry
acknowledged before the backup started is in it). The archive holds `data/<path>` for every file
and `manifest.json` last: per file its SHA-256, size, kind, schema version and entry count, and
the totals. It is written to a temp file (0600: it is health data) and renamed into place, so a
crash never leaves a half archive under the chosen name.

Restore refuses a folder that is not empty, checks the manifest against the archive (every
file listed, nothing extra, every checksum) before writing anything, and writes each file the
same durable way the bot does.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import secrets
import tarfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

import orjson

from diarybot.storage.atomic import (
    FILE_MODE,
    SCHEMA_VERSION,
    atomic_write_bytes,
    ensure_private_dir,
    fsync_dir,
)
from diarybot.storage.folders import PATIENTS_DIR
from diarybot.storage.inventory import FileRecord, Kind, walk
from diarybot.storage.profiles import PROFILE_FILE

FORMAT = "diarybot-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA_PREFIX = "data/"


class RestoreError(Exception):
    """The archive cannot be restored as asked; nothing was written. One line for the operator."""


@dataclass(frozen=True)
class BackupSummary:
    """What a backup holds, for the command's report."""

    files: int
    patients: int
    entries: int
    unreadable: tuple[str, ...]  # data files that did not parse, archived as they are


def write_backup(data_dir: Path, out: Path) -> BackupSummary:
    """Archive `data_dir` into `out` (replaced atomically); safe while the bot runs."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise FileNotFoundError(f"no data folder at {data_dir}")
    out = Path(out)
    tmp = out.with_name(f".{out.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    files: list[dict[str, Any]] = []
    try:
        with os.fdopen(fd, "wb") as raw:
            with tarfile.open(fileobj=raw, mode="w:gz") as tar:
                # One file in memory at a time: a large folder streams through.
                for record in walk(data_dir):
                    if record.kind is not Kind.TEMP:
                        _add(tar, DATA_PREFIX + record.path, record.data)
                        files.append(manifest_entry(record))
                manifest = build_manifest(files)
                _add(tar, MANIFEST, orjson.dumps(manifest, option=orjson.OPT_INDENT_2))
            raw.flush()
            os.fsync(raw.fileno())
        tmp.replace(out)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(out.parent)
    return BackupSummary(
        files=len(files),
        patients=manifest["patients"],
        entries=manifest["entries"],
        unreadable=tuple(f["path"] for f in files if f["error"] and f["kind"] == Kind.DATA),
    )


def manifest_entry(record: FileRecord) -> dict[str, Any]:
    """What the manifest says about one file."""
    return {
        "path": record.path,
        "kind": record.kind.value,
        "size": len(record.data),
        "sha256": record.sha256,
        "schema_version": record.schema_version,
        "entries": record.entries,
        "error": record.error,
    }


def build_manifest(files: list[dict[str, Any]]) -> dict[str, Any]:
    """The manifest: totals, schema versions in use, and each file's checksum."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "diarybot_schema_version": SCHEMA_VERSION,
        "patients": sum(1 for f in files if _is_profile(f["path"])),
        "entries": sum(f["entries"] for f in files),
        "schema_versions": sorted({f["schema_version"] for f in files if f["schema_version"]}),
        "files": files,
    }


def _is_profile(relative: str) -> bool:
    parts = relative.split("/")
    return len(parts) == 3 and parts[0] == PATIENTS_DIR and parts[2] == PROFILE_FILE


def _add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = FILE_MODE
    info.mtime = int(datetime.now(UTC).timestamp())
    tar.addfile(info, io.BytesIO(data))


def read_manifest(archive: Path) -> dict[str, Any]:
    """The manifest of a backup archive (RestoreError if it is not one of ours)."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            member = tar.extractfile(MANIFEST)
            if member is None:
                raise RestoreError(f"{archive.name} has no manifest")
            manifest: dict[str, Any] = orjson.loads(member.read())
    except (tarfile.TarError, KeyError, OSError, orjson.JSONDecodeError) as exc:
        raise RestoreError(f"{archive.name} is not a readable diarybot backup") from exc
    if manifest.get("format") != FORMAT:
        raise RestoreError(f"{archive.name} is not a diarybot backup")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise RestoreError(f"{archive.name} has backup format {manifest.get('format_version')}")
    return manifest


def restore(archive: Path, data_dir: Path) -> dict[str, Any]:
    """Restore `archive` into the empty (or missing) `data_dir`; returns the manifest."""
    data_dir = Path(data_dir)
    if data_dir.exists() and (not data_dir.is_dir() or any(data_dir.iterdir())):
        raise RestoreError(f"{data_dir} is not empty; restore only into an empty folder")
    manifest = read_manifest(archive)
    expected = {DATA_PREFIX + _safe_path(f["path"]): f for f in manifest["files"]}
    with tarfile.open(archive, "r:gz") as tar:
        members = {m.name: m for m in tar.getmembers() if m.name != MANIFEST}
        if set(members) != set(expected):
            raise RestoreError(f"{archive.name} does not match its manifest")
        for name, entry in expected.items():  # everything checked before anything is written
            _verified(tar, members[name], entry)
        ensure_private_dir(data_dir)
        for name, entry in expected.items():
            target = data_dir / entry["path"]
            ensure_private_dir(target.parent)
            atomic_write_bytes(target, _verified(tar, members[name], entry))
    return manifest


def _verified(tar: tarfile.TarFile, member: tarfile.TarInfo, entry: dict[str, Any]) -> bytes:
    handle = tar.extractfile(member) if member.isfile() else None
    if handle is None:
        raise RestoreError(f"{member.name} in the archive is not a regular file")
    data = handle.read()
    if len(data) != entry["size"] or hashlib.sha256(data).hexdigest() != entry["sha256"]:
        raise RestoreError(f"{entry['path']} does not match its checksum; archive damaged")
    return data


def _safe_path(relative: str) -> str:
    """A manifest path that stays inside the data folder (no absolute paths, no `..`)."""
    path = PurePosixPath(relative)
    if path.is_absolute() or not path.parts or any(p in ("..", ".", "") for p in path.parts):
        raise RestoreError(f"unsafe path in the manifest: {relative!r}")
    return path.as_posix()
