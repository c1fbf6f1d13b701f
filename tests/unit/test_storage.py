"""Patient files: atomic, durable, private, one writer at a time, never overwritten when bad."""

import asyncio
import errno
import json
import os
import stat
import threading
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from diarybot.domain.entries import Entry, Technique
from diarybot.domain.people import Profile
from diarybot.storage import atomic as storage
from diarybot.storage.atomic import SCHEMA_VERSION, atomic_write_bytes
from diarybot.storage.diary_layout import DIARY_FILE
from diarybot.storage.folders import run_inline
from diarybot.storage.profiles import PROFILE_FILE
from diarybot.storage.store import Store
from tests.support.disk import DiskFiles


def entry(n: int, score: int = 5) -> Entry:
    return Entry(
        id=f"{n:010x}",
        recorded_at=datetime(2026, 11, 1, 12, tzinfo=UTC),
        local_date=date(2026, 11, 1),
        score=score,
        techniques=(Technique.BREATHING,),
        note=f"note {n}",
    )


def test_entry_round_trips_through_the_file(tmp_path):
    files = DiskFiles(tmp_path)
    files.add_entry(7, entry(1, score=8))
    fresh = DiskFiles(tmp_path)  # a new process would see the same
    assert fresh.entries(7) == [entry(1, score=8)]
    raw = json.loads((tmp_path / "patients" / "7" / DIARY_FILE).read_text())
    assert next(iter(raw["meta"].values()))["schema_version"] == SCHEMA_VERSION


def test_files_are_private(tmp_path):
    files = DiskFiles(tmp_path / "data")
    files.save_profile(Profile(user_id=7, chat_id=7))
    files.add_entry(7, entry(1))
    folder = tmp_path / "data" / "patients" / "7"
    for path in (tmp_path / "data", tmp_path / "data" / "patients", folder):
        assert stat.S_IMODE(path.stat().st_mode) == 0o700, path
    for name in (PROFILE_FILE, DIARY_FILE):
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600, name


def test_write_order_is_fsync_then_replace_then_fsync_dir(tmp_path, monkeypatch):
    events = []
    real_fsync, real_replace = os.fsync, Path.replace

    def fsync(fd):
        events.append("fsync-dir" if stat.S_ISDIR(os.fstat(fd).st_mode) else "fsync-file")
        real_fsync(fd)

    def replace(self, target):
        events.append("replace")
        return real_replace(self, target)

    monkeypatch.setattr(storage.os, "fsync", fsync)
    monkeypatch.setattr(Path, "replace", replace)
    atomic_write_bytes(tmp_path / "f.json", b"{}")
    assert events == ["fsync-file", "replace", "fsync-dir"]


@pytest.mark.parametrize("failing", ["write", "fsync"])
def test_disk_full_or_io_error_leaves_the_old_file_intact(tmp_path, monkeypatch, failing):
    files = DiskFiles(tmp_path)
    files.add_entry(7, entry(1))
    path = tmp_path / "patients" / "7" / DIARY_FILE
    before = path.read_bytes()
    code = errno.ENOSPC if failing == "write" else errno.EIO

    def boom(*_args):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(storage.os, failing, boom)
    with pytest.raises(OSError):
        files.add_entry(7, entry(2))
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    assert files.entries(7) == [entry(1)]  # the in-memory cache was dropped, not trusted
    files.add_entry(7, entry(3))
    assert [e.id for e in DiskFiles(tmp_path).entries(7)] == [entry(1).id, entry(3).id]


@pytest.mark.parametrize(
    "content", [b'{"entries": {"1": {"id": "x"', b"\x00\x01garbage", b"[]", b""]
)
def test_unreadable_file_is_moved_aside_never_overwritten(tmp_path, content, caplog):
    folder = tmp_path / "patients" / "7"
    folder.mkdir(parents=True)
    (folder / DIARY_FILE).write_bytes(content)
    files = DiskFiles(tmp_path)
    files.add_entry(7, entry(1))
    aside = [p for p in folder.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == content
    assert files.entries(7) == [entry(1)]
    assert files.take_recovery_notice(7) is True
    assert files.take_recovery_notice(7) is False
    assert "could not be parsed" in caplog.text
    if content:
        assert content.decode(errors="ignore")[:10] not in caplog.text or not content.strip(
            b"\x00\x01"
        )


def test_other_patients_are_unaffected_by_one_bad_file(tmp_path):
    files = DiskFiles(tmp_path)
    files.save_profile(Profile(user_id=1, chat_id=1))
    files.save_profile(Profile(user_id=2, chat_id=2))
    (tmp_path / "patients" / "1" / PROFILE_FILE).write_text("{not json")
    fresh = DiskFiles(tmp_path)
    assert fresh.get_profile(2) == Profile(
        user_id=2, chat_id=2, created_at=fresh.get_profile(2).created_at
    )
    assert fresh.get_profile(1) is None
    assert fresh.take_recovery_notice(1)


async def test_200_concurrent_entries_for_one_patient_are_all_kept(tmp_path):
    store = Store(tmp_path)
    try:
        await asyncio.gather(*(store.diary.add(7, entry(n)) for n in range(200)))
    finally:
        store.close()
    assert len(DiskFiles(tmp_path).entries(7)) == 200


def test_concurrent_threads_writing_one_patient_keep_every_entry(tmp_path):
    files = DiskFiles(tmp_path)

    def writer(base):
        for n in range(25):
            files.add_entry(7, entry(base + n))

    threads = [threading.Thread(target=writer, args=(i * 100,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(DiskFiles(tmp_path).entries(7)) == 200


def test_claim_day_is_exactly_once(tmp_path):
    files = DiskFiles(tmp_path)
    files.save_profile(Profile(user_id=7, chat_id=7))
    day = date(2026, 11, 2)
    assert files.claim_day(7, "last_reminded", day) == (True, None)
    assert files.claim_day(7, "last_reminded", day) == (False, None)
    files.release_day(7, "last_reminded", day, None)
    assert files.get_profile(7).last_reminded is None


def test_newer_schema_is_refused_and_left_alone(tmp_path):
    folder = tmp_path / "patients" / "7"
    folder.mkdir(parents=True)
    newer = json.dumps({"meta": {"1": {"schema_version": SCHEMA_VERSION + 1}}, "entries": {}})
    (folder / DIARY_FILE).write_text(newer)
    with pytest.raises(storage.UnsupportedSchemaError):
        DiskFiles(tmp_path).entries(7)
    assert (folder / DIARY_FILE).read_text() == newer


def test_erase_removes_the_patient_folder(tmp_path):
    files = DiskFiles(tmp_path)
    files.save_profile(Profile(user_id=7, chat_id=7))
    files.add_entry(7, entry(1))
    files.save_profile(Profile(user_id=8, chat_id=8))
    files.erase(7)
    assert not (tmp_path / "patients" / "7").exists()
    assert files.entries(7) == []
    assert files.get_profile(8) is not None


def test_storing_the_same_entry_twice_keeps_one(tmp_path):
    files = DiskFiles(tmp_path)
    assert files.add_entry(7, entry(5, score=4)) is True
    assert files.add_entry(7, entry(5, score=9)) is False  # a redelivered update
    assert [e.score for e in DiskFiles(tmp_path).entries(7)] == [4]


async def test_profiles_answered_from_memory_match_the_file_after_a_failed_write(
    tmp_path, monkeypatch
):
    store = Store(tmp_path)
    try:
        await store.profiles.save(Profile(user_id=7, chat_id=7, reminder_time=time(20)))

        def disk_full(*_args):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(storage.os, "write", disk_full)
        with pytest.raises(OSError):
            await store.profiles.update(7, reminder_time=time(7))
        monkeypatch.undo()
        on_disk = DiskFiles(tmp_path).get_profile(7)
        assert on_disk.reminder_time == time(20)
        assert await store.profiles.get(7) == on_disk
        await store.profiles.update(7, reminder_time=time(8))
        assert (await store.profiles.get(7)).reminder_time == time(8)
        await store.erase(7)
        assert await store.profiles.get(7) is None
    finally:
        store.close()


async def test_a_profile_read_waits_behind_a_queued_write_of_the_same_patient(tmp_path):
    store = Store(tmp_path)
    try:
        await store.profiles.save(Profile(user_id=7, chat_id=7, reminder_time=time(20)))
        write = asyncio.ensure_future(store.profiles.update(7, reminder_time=time(9)))
        await asyncio.sleep(0)  # the write holds the patient's queue now
        assert (await store.profiles.get(7)).reminder_time == time(9)
        await write
    finally:
        store.close()


def test_record_entry_returns_the_window_including_the_new_entry(tmp_path):
    def on_day(n: int) -> Entry:
        return entry(n).replace(local_date=date(2026, 11, 1 + n))

    files = DiskFiles(tmp_path)
    for n in range(5):
        files.add_entry(7, on_day(n))
    recent = run_inline(files.store.diary.record(7, on_day(5), since=date(2026, 11, 4)))
    assert [e.id for e in recent] == [on_day(3).id, on_day(4).id, on_day(5).id]
    assert DiskFiles(tmp_path).get_entry(7, on_day(5).id) == on_day(5)  # on disk too
