"""`diarybot check`: read every file of a data folder and say what is there and what is wrong.

Read-only (it opens files for reading and nothing else), so it is safe while the bot runs. It
reports patients, entries, schema versions and share codes, and lists as problems: data files
that do not parse, files set aside as unreadable (`*.corrupt-*`, kept until an operator looked
at them), files from a newer diarybot, and sharing links whose other side is missing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from diarybot.storage.atomic import SCHEMA_VERSION
from diarybot.storage.data_lock import LOCK_FILE
from diarybot.storage.folders import PATIENTS_DIR
from diarybot.storage.inventory import FileRecord, Kind, walk
from diarybot.storage.patient_links import LINKS_TABLE
from diarybot.storage.profiles import PROFILE_FILE, PROFILE_TABLE
from diarybot.storage.share_codes import CODES_FILE, CODES_TABLE
from diarybot.storage.specialists import SPECIALIST_FILE, SPECIALIST_TABLE


@dataclass
class Report:
    """What `check` found; `problems` empty means all is well."""

    files: int = 0
    patients: int = 0
    specialists: int = 0
    entries: int = 0
    schema_versions: Counter[int] = field(default_factory=Counter)
    share_codes: int = 0
    expired_codes: int = 0
    unfinished_writes: list[str] = field(default_factory=list)
    other_files: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether nothing needs an operator's attention."""
        return not self.problems

    def lines(self) -> list[str]:
        """The report as an operator reads it."""
        versions = ", ".join(f"{v}: {n} files" for v, n in sorted(self.schema_versions.items()))
        out = [
            f"files: {self.files}",
            f"patients: {self.patients}",
            f"specialists: {self.specialists}",
            f"entries: {self.entries}",
            f"schema versions: {versions or 'none'} (this diarybot writes {SCHEMA_VERSION})",
            f"share codes: {self.share_codes} ({self.expired_codes} expired, removed on next use)",
        ]
        if self.unfinished_writes:
            out.append(
                f"hidden temp files (unfinished writes; safe to delete while the bot is "
                f"stopped): {len(self.unfinished_writes)}"
            )
        out += [f"not diarybot's: {p}" for p in self.other_files]
        out += [f"PROBLEM: {p}" for p in self.problems]
        out.append("all is well" if self.ok else f"{len(self.problems)} problem(s) found")
        return out


def check(data_dir: Path, now: datetime | None = None) -> Report:
    """Read every file under `data_dir` (nothing is written) and report."""
    report = Report()
    profiles: dict[int, dict[str, Any]] = {}
    specialists: dict[int, dict[str, Any]] = {}
    codes: list[dict[str, Any]] = []
    for record in walk(Path(data_dir)):
        report.files += 1
        _file(report, record)
        if record.tables is None or record.error:
            continue
        owner, name = _owner(record.path)
        if owner is not None and name == PROFILE_FILE:
            profiles[owner] = record.tables
        elif owner is not None and name == SPECIALIST_FILE:
            specialists[owner] = _first(record.tables, SPECIALIST_TABLE)
        elif record.path == CODES_FILE:
            codes = list(record.tables.get(CODES_TABLE, {}).values())
    report.patients = sum(1 for t in profiles.values() if _first(t, PROFILE_TABLE))
    report.specialists = len(specialists)
    _links(report, profiles, specialists)
    _codes(report, codes, profiles, now or datetime.now(UTC))
    return report


def _file(report: Report, record: FileRecord) -> None:
    if record.kind is Kind.TEMP:
        report.files -= 1  # not data: listed apart
        if record.path != LOCK_FILE:  # the running bot's lock is not an unfinished write
            report.unfinished_writes.append(record.path)
        return
    if record.kind is Kind.OTHER:
        report.other_files.append(record.path)
        return
    if record.kind is Kind.SET_ASIDE:
        report.problems.append(
            f"{record.path} was set aside as unreadable: inspect it, then move it out of the "
            "data folder"
        )
        return
    if record.schema_version is not None:
        report.schema_versions[record.schema_version] += 1
    report.entries += record.entries
    if record.error:
        report.problems.append(f"{record.path}: {record.error}")


def _owner(relative: str) -> tuple[int | None, str]:
    parts = relative.split("/")
    if len(parts) == 3 and parts[0] == PATIENTS_DIR and parts[1].isdigit():
        return int(parts[1]), parts[2]
    return None, relative


def _first(tables: dict[str, Any], table: str) -> dict[str, Any]:
    docs = tables.get(table) or {}
    return next(iter(docs.values()), {}) if isinstance(docs, dict) else {}


def _links(
    report: Report, profiles: dict[int, dict[str, Any]], specialists: dict[int, dict[str, Any]]
) -> None:
    """Consent lives in the patient's file; the specialist's list of patients is its index."""
    shares: set[tuple[int, int]] = set()
    for patient_id, tables in sorted(profiles.items()):
        for link in (tables.get(LINKS_TABLE) or {}).values():
            specialist_id = int(link.get("specialist_id", 0))
            shares.add((patient_id, specialist_id))
            index = specialists.get(specialist_id, {}).get("patients", [])
            if specialist_id not in specialists:
                report.problems.append(
                    f"patient {patient_id} shares with {specialist_id}, who has no specialist file"
                )
            elif patient_id not in index:
                report.problems.append(
                    f"patient {patient_id} shares with {specialist_id}, whose list lacks them"
                )
    for specialist_id, doc in sorted(specialists.items()):
        for patient_id in doc.get("patients", []):
            if (patient_id, specialist_id) not in shares:
                report.problems.append(
                    f"specialist {specialist_id} lists patient {patient_id}, who does not "
                    "share with them (nothing is shown; the list entry is stale)"
                )


def _codes(
    report: Report, codes: list[dict[str, Any]], profiles: dict[int, Any], now: datetime
) -> None:
    report.share_codes = len(codes)
    for code in codes:
        if str(code.get("expires_at", "")) <= now.isoformat():
            report.expired_codes += 1
        elif code.get("patient_id") not in profiles:
            report.problems.append(
                f"a live share code points to patient {code.get('patient_id')}, who has no file"
            )
