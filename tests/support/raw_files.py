"""The bot's data files read (and, for fault tests, edited) as the raw TinyDB JSON on disk.

Tests that check what is stored through these helpers, instead of through the storage classes,
keep working whatever shape the storage code takes: the file layout and the TinyDB JSON format
are the contract with every data folder already out there.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

DIARY = "diary.json"
PROFILE = "profile.json"
SPECIALIST = "specialist.json"
SHARE_CODES = "share_codes.json"

Doc = dict[str, Any]


def patient_file(data_dir: Path, user_id: int, name: str) -> Path:
    """Where one of a person's files lives: `data_dir/patients/<id>/<name>`."""
    return data_dir / "patients" / str(user_id) / name


def table(path: Path, name: str) -> list[Doc]:
    """The documents of one TinyDB table in a file (empty when the file or table is missing)."""
    if not path.exists():
        return []
    return list(json.loads(path.read_bytes()).get(name, {}).values())


def rewrite_table(path: Path, name: str, keep: Callable[[Doc], bool]) -> None:
    """Drop the documents of a table that `keep` rejects, leaving the rest of the file as is.

    Only for a bot that is not running: a running bot holds its files in memory.
    """
    data = json.loads(path.read_bytes())
    data[name] = {doc_id: doc for doc_id, doc in data.get(name, {}).items() if keep(doc)}
    path.write_text(json.dumps(data))


def linked_specialists(data_dir: Path, patient_id: int) -> list[int]:
    """Whom the patient's own file says they share with (the consent record)."""
    links = table(patient_file(data_dir, patient_id, PROFILE), "links")
    return [doc["specialist_id"] for doc in links]


def indexed_patients(data_dir: Path, specialist_id: int) -> list[int]:
    """The patients a specialist's own index lists (a convenience copy, not consent)."""
    docs = table(patient_file(data_dir, specialist_id, SPECIALIST), "specialist")
    return list(docs[0]["patients"]) if docs else []


def diary_entries(data_dir: Path, patient_id: int) -> list[Doc]:
    """The patient's diary entries as stored."""
    return table(patient_file(data_dir, patient_id, DIARY), "entries")
