"""Old diary files (schema 1, committed as written by the previous diarybot) are read, and
migrated on their first write; a file from a newer diarybot is still refused."""

import json
from datetime import UTC, date, datetime

import pytest

from diarybot.domain.entries import Entry, Technique
from diarybot.storage.atomic import SCHEMA_VERSION, UnsupportedSchemaError
from tests.support.disk import DiskFiles
from tests.support.old_files import FIXTURES, place_old_diary, schema

FIXTURE = FIXTURES / "diary_schema_v1.json"
USER = 42


@pytest.fixture
def old_diary(tmp_path):
    return place_old_diary(tmp_path, FIXTURE, USER)


def test_the_fixture_is_an_old_file():
    assert schema(FIXTURE) == 1 < SCHEMA_VERSION


def test_an_old_file_is_read_as_it_was_and_not_rewritten_by_reading(old_diary):
    files, path = old_diary
    before = path.read_bytes()
    entries = files.entries(USER)
    assert [(e.id, e.score, e.note) for e in entries] == [
        ("00000000a1", 6, "after the long drive"),
        ("00000000a2", 4, ""),
        ("00000000a3", 3, "Rücken ☀"),
    ]
    assert entries[0].techniques == (Technique.BREATHING,) and entries[0].medication
    assert path.read_bytes() == before


def test_the_first_write_stamps_the_new_version_and_keeps_every_entry(old_diary):
    files, path = old_diary
    note = Entry(
        id="00000000b1",
        recorded_at=datetime(2026, 11, 23, 8, tzinfo=UTC),
        local_date=date(2026, 11, 23),
        score=None,
        note="a note without a score",
    )
    files.add_entry(USER, note)
    assert schema(path) == SCHEMA_VERSION
    assert [e.id for e in DiskFiles(path.parents[2]).entries(USER)] == [
        "00000000a1",
        "00000000a2",
        "00000000a3",
        "00000000b1",
    ]


def test_a_file_from_a_newer_diarybot_is_refused_and_left_alone(old_diary):
    _files, path = old_diary
    data = json.loads(path.read_bytes())
    data["meta"]["1"]["schema_version"] = SCHEMA_VERSION + 1
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    with pytest.raises(UnsupportedSchemaError):
        DiskFiles(path.parents[2]).entries(USER)
    assert path.read_bytes() == before
