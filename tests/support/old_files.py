"""Diary files as earlier diarybot versions wrote them (tests/fixtures/), placed in a data
folder for the schema migration tests."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.support.disk import DiskFiles

FIXTURES = Path(__file__).parents[1] / "fixtures"


def schema(path: Path) -> int:
    """The schema version a diary file says it was written in."""
    [meta] = json.loads(path.read_bytes())["meta"].values()
    return meta["schema_version"]


def place_old_diary(data_dir: Path, fixture: Path, user_id: int) -> tuple[DiskFiles, Path]:
    """Copy `fixture` in as `user_id`'s diary; the reader and the file's path."""
    files = DiskFiles(data_dir)
    target = files.diary_path(user_id)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(fixture, target)
    return files, target
