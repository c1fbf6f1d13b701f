"""The disk misbehaving under the running bot: unreadable files, a full disk, a flood of entries.

(SIGKILL in the middle of writes is tests/unit/test_crash_safety.py; the storage layer on its
own is tests/unit/test_storage.py. Here the same faults go through the real bot over the fake
Bot API.)
"""

from __future__ import annotations

import errno
import json
import logging
import os
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pytest

from diarybot import texts
from diarybot.domain.people import Profile
from diarybot.runtime.rate_limit import PatientRateLimiter
from diarybot.runtime.update_order import MAX_PENDING_PER_USER
from diarybot.storage import atomic as storage
from diarybot.storage.diary_layout import DIARY_FILE
from diarybot.storage.profiles import PROFILE_FILE
from tests.conftest import Clock, Harness, running_bot
from tests.support.disk import DiskFiles
from tests.support.disk_faults import fail_once
from tests.support.fake_bot_api import FakeBotAPI

WEDNESDAY = date(2026, 11, 4)
SECRET_NOTE = "flare after the funeral, told nobody"
SECRET_NAME = "Verity Quince"


@pytest.fixture(autouse=True)
def _morning(clock: Clock) -> None:
    """A fixed morning: with the wall clock, a seeded 20:00 reminder would be caught up at
    start-up on evening runs and answer in the middle of these conversations."""
    clock.set(datetime(2026, 12, 2, 9, 0, tzinfo=UTC))


def seed_profile(data_dir: Path, user_id: int, **changes: Any) -> None:
    DiskFiles(data_dir).save_profile(
        Profile(
            user_id=user_id,
            chat_id=user_id,
            timezone="UTC",
            reminder_time=time(20),
            onboarded=True,
            display_name=SECRET_NAME,
        ).replace(**changes)
    )


def set_aside(folder: Path, name: str) -> list[Path]:
    return sorted(folder.glob(f"{name}.corrupt-*"))


async def test_unreadable_files_at_start_up_are_set_aside_the_patient_told_others_served(
    api: FakeBotAPI, tmp_path: Path, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    data = tmp_path / "data"
    for uid in (1, 2, 3):
        seed_profile(data, uid)
    files = DiskFiles(data)
    files.add_entry(2, _entry(SECRET_NOTE))
    # 1: a truncated settings file; 2: a diary with garbage after a torn write.
    profile_1 = data / "patients" / "1" / PROFILE_FILE
    torn_profile = profile_1.read_bytes()[:-17]
    profile_1.write_bytes(torn_profile)
    diary_2 = data / "patients" / "2" / DIARY_FILE
    torn_diary = diary_2.read_bytes() + b"\x00\x00garbage}"
    diary_2.write_bytes(torn_diary)
    clock.set(datetime.combine(WEDNESDAY, time(20, 30), UTC))  # 3's reminder was missed

    harness = Harness(api=api, data_dir=data, clock=clock)
    with caplog.at_level(logging.INFO):
        async with running_bot(harness):
            # 1 is told at start-up; 3 gets the missed reminder as if nothing happened.
            await api.wait_for("sendMessage", chat_id=1)
            await api.wait_for("sendMessage", chat_id=3)
            assert api.sent_texts(1) == [texts.file_recovered()]
            assert api.sent_texts(3) == [texts.reminder()]
            # 2's diary is only read when 2 writes: the entry is saved, then 2 is told.
            replies = await harness.say(harness.user(2), "/log 4")
            assert replies[0].startswith("Saved: 4/10")
            assert replies[-1] == texts.file_recovered()
            assert (await harness.say(harness.user(3), "/log 2"))[0].startswith("Saved: 2/10")
            # Told once, not on every message.
            assert texts.file_recovered() not in await harness.say(harness.user(2), "/log 5")

    [aside_1] = set_aside(profile_1.parent, PROFILE_FILE)
    [aside_2] = set_aside(diary_2.parent, DIARY_FILE)
    assert aside_1.read_bytes() == torn_profile  # never overwritten, byte for byte
    assert aside_2.read_bytes() == torn_diary
    assert [e.score for e in harness.files.entries(2)] == [4, 5]
    assert [e.score for e in harness.files.entries(3)] == [2]
    parsed = [r.getMessage() for r in caplog.records if "could not be parsed" in r.getMessage()]
    assert len(parsed) == 2
    assert any("1/profile.json" in m and aside_1.name in m for m in parsed)
    assert any("2/diary.json" in m and aside_2.name in m for m in parsed)
    assert SECRET_NOTE not in caplog.text and SECRET_NAME not in caplog.text
    assert "garbage" not in caplog.text


async def test_a_profile_that_parses_but_is_malformed_is_set_aside_like_a_torn_one(
    api: FakeBotAPI, tmp_path: Path, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    data = tmp_path / "data"
    seed_profile(data, 5)
    seed_profile(data, 6)
    path = data / "patients" / "5" / PROFILE_FILE
    doc = json.loads(path.read_bytes())
    next(iter(doc["profile"].values()))["reminder_time"] = "25:99"  # edited by hand
    path.write_text(json.dumps(doc))
    original = path.read_bytes()
    harness = Harness(api=api, data_dir=data, clock=clock)
    async with running_bot(harness):
        await api.wait_for("sendMessage", chat_id=5)
        assert api.sent_texts(5) == [texts.file_recovered()]
        assert (await harness.say(harness.user(5), "/start"))[0] == texts.welcome()
        assert (await harness.say(harness.user(6), "/log 3"))[0].startswith("Saved: 3/10")
    [aside] = path.parent.glob(f"{PROFILE_FILE}.corrupt-*")
    assert aside.read_bytes() == original
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == [
        f"Data file 5/profile.json could not be parsed; moved aside unchanged as {aside.name}"
    ]


async def test_a_torn_diary_met_first_by_a_chart_is_set_aside_and_the_patient_told(
    harness: Harness,
) -> None:
    # The render worker reads the diary itself; a file it cannot parse goes back to the bot.
    pat = harness.user(7)
    await harness.onboard(pat, tz="UTC")
    diary = harness.data_dir / "patients" / "7" / DIARY_FILE
    diary.write_bytes(b'{"entries": {"1": {"score": 6, "no')
    replies = await harness.say(pat, "/chart")
    assert replies[0].startswith("No entries between")
    assert replies[-1] == texts.file_recovered()
    assert (
        set_aside(diary.parent, DIARY_FILE)[0].read_bytes()
        == b'{"entries": {"1": {"score": 6, "no'
    )
    assert (await harness.say(pat, "/log 6"))[0].startswith("Saved: 6/10")
    assert [e.score for e in harness.files.entries(7)] == [6]


def _entry(note: str) -> Any:
    from diarybot.domain.entries import Entry  # noqa: PLC0415

    return Entry(
        id="0000000001",
        recorded_at=datetime(2026, 11, 3, 9, tzinfo=UTC),
        local_date=date(2026, 11, 3),
        score=6,
        note=note,
    )


@pytest.mark.parametrize(
    ("call", "code"), [("write", errno.ENOSPC), ("fsync", errno.EIO), ("write", errno.EIO)]
)
async def test_disk_full_during_a_checkin_says_not_saved_and_keeps_the_old_file(
    harness: Harness, monkeypatch: pytest.MonkeyPatch, call: str, code: int
) -> None:
    pat = harness.user()
    await harness.onboard(pat)
    await harness.say(pat, "/log 2 before the disk filled up")
    diary = harness.data_dir / "patients" / str(pat.id) / DIARY_FILE
    before = diary.read_bytes()

    # storage.os is the os module itself; the stand-in only fails for our diary's temp file.
    wrapper, failed = fail_once(getattr(os, call), DIARY_FILE, code)
    monkeypatch.setattr(storage.os, call, wrapper)
    await harness.say(pat, "/checkin")
    prompt = harness.api.last_message(pat.id)
    replies = await harness.press(pat, "6")
    assert failed, "the fault was never hit"
    assert replies == [texts.not_saved()]
    assert diary.read_bytes() == before
    assert [p.name for p in diary.parent.iterdir() if p.name.endswith(".tmp")] == []
    assert [e.score for e in harness.files.entries(pat.id)] == [2]

    # The disk has room again: the same button saves, and so does everything after it.
    replies = await harness.press(pat, "6", message_id=prompt.message_id)
    assert replies[0].startswith("Saved: 6/10")
    assert (await harness.say(pat, "/log 3"))[0].startswith("Saved: 3/10")
    assert [e.score for e in DiskFiles(harness.data_dir).entries(pat.id)] == [2, 6, 3]


async def test_200_log_updates_at_once_from_ten_patients_store_200_entries(
    api: FakeBotAPI, tmp_path: Path, clock: Clock
) -> None:
    # Telegram's pacing is not what is tested here; without it the 200 replies take 7 s.
    fast = PatientRateLimiter(overall_per_second=10_000, per_chat_per_second=10_000)
    harness = Harness(api=api, data_dir=tmp_path / "data", clock=clock, rate_limiter=fast)
    # Each patient sends as many as may be pending at once (more is a flood: test_fairness).
    patients = [harness.user(1001 + p) for p in range(200 // MAX_PENDING_PER_USER)]
    async with running_bot(harness):
        for pat in patients:
            await harness.onboard(pat)
        mark = api.mark()
        for n in range(200):
            api.send_text(patients[n % len(patients)], f"/log {n % 9} burst #{n}")
        await harness.settle(timeout=60)
        saved = [
            t
            for pat in patients
            for t in harness.replies_since(mark, pat.id)
            if t.startswith("Saved: ")
        ]
    files = DiskFiles(tmp_path / "data")
    for p, pat in enumerate(patients):
        notes = [e.note for e in files.entries(pat.id)]
        assert sorted(notes) == sorted(f"burst #{n}" for n in range(p, 200, len(patients)))
    assert len(saved) == 200
