"""Diary files of schema 2 (committed as the previous diarybot wrote them, before the optional
daily items) are read with no items, and migrated to schema 3 on their first write."""

import json
from datetime import UTC, date, datetime

import pytest

from diarybot.domain.daily_items import DailyItem, Region
from diarybot.domain.entries import Entry, Technique
from diarybot.domain.people import Profile
from diarybot.storage.atomic import SCHEMA_VERSION
from tests.support.disk import DiskFiles
from tests.support.old_files import FIXTURES, place_old_diary, schema

FIXTURE = FIXTURES / "diary_schema_v2.json"
USER = 42


@pytest.fixture
def old_diary(tmp_path):
    return place_old_diary(tmp_path, FIXTURE, USER)


def test_the_fixture_is_a_schema_2_file_without_items():
    assert schema(FIXTURE) == 2 < SCHEMA_VERSION == 3
    assert "sleep" not in FIXTURE.read_text()


def test_a_schema_2_file_reads_with_no_items_and_is_not_rewritten_by_reading(old_diary):
    files, path = old_diary
    before = path.read_bytes()
    entries = files.entries(USER)
    assert [(e.id, e.score, e.note) for e in entries] == [
        ("00000000c1", 7, "knee after stairs"),
        ("00000000c2", 5, ""),
        ("00000000c3", None, "slept badly ☾"),
    ]
    first = entries[0]
    assert first.techniques == (Technique.HEAT_COLD,) and first.doses == (("a1b2c3", 2),)
    assert all(e.sleep is None and e.mood is None and e.regions == () for e in entries)
    assert path.read_bytes() == before


def test_the_first_write_migrates_to_schema_3_and_keeps_every_entry(old_diary):
    files, path = old_diary
    new = Entry(
        id="00000000d1",
        recorded_at=datetime(2026, 11, 27, 19, tzinfo=UTC),
        local_date=date(2026, 11, 27),
        score=6,
        sleep=3,
        mood=7,
        regions=(Region.LOWER_BACK, Region.HIPS),
    )
    files.add_entry(USER, new)
    assert schema(path) == SCHEMA_VERSION
    again = DiskFiles(path.parents[2]).entries(USER)
    assert [e.id for e in again] == ["00000000c1", "00000000c2", "00000000c3", "00000000d1"]
    assert again[-1] == new
    assert again[0].doses == (("a1b2c3", 2),) and again[0].sleep is None
    # An old entry changed later is written in the new form, its items still empty.
    files.update_entry(USER, "00000000c2", mood=4)
    stored = json.loads(path.read_bytes())["entries"]
    doc = next(d for d in stored.values() if d["id"] == "00000000c2")
    assert (doc["sleep"], doc["mood"], doc["regions"]) == (None, 4, [])


def test_a_profile_without_daily_items_has_all_of_them_off():
    doc = Profile(user_id=1, chat_id=1).to_doc()
    del doc["daily_items"]
    assert Profile.from_doc(doc).daily_items == ()
    doc["daily_items"] = ["regions", "sleep", "from-a-newer-bot"]
    assert Profile.from_doc(doc).daily_items == (DailyItem.SLEEP, DailyItem.REGIONS)


def test_an_entry_refuses_a_sleep_or_mood_outside_0_to_10():
    with pytest.raises(ValueError, match="0–10"):
        Entry(
            id="00000000e1",
            recorded_at=datetime(2026, 11, 27, tzinfo=UTC),
            local_date=date(2026, 11, 27),
            score=5,
            sleep=11,
        )
