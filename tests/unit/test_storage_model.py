"""Patient files against a model: any sequence of operations, restarts and failed writes.

Hypothesis drives the patient repositories (through `tests.support.disk.DiskFiles`) with random
sequences of log, update, delete, erase, profile changes, once-a-day claims, a write that fails
with ENOSPC, a torn file and a restart (a new store on the same folder, as after a crash), and
compares every patient's entries and settings with a plain in-memory model after every step,
through the live object and through a fresh reader of the files on disk.

CI runs a modest number of sequences; DIARYBOT_FUZZ_EXAMPLES=1000 runs many more.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    initialize,
    invariant,
    precondition,
    rule,
)

from diarybot.domain.entries import NOTE_MAX_CHARS, Entry, Source, Technique
from diarybot.domain.people import Profile
from diarybot.storage import atomic as storage
from diarybot.storage.diary_layout import DIARY_FILE
from tests.support.disk import DiskFiles
from tests.support.disk_faults import fail_once

EXAMPLES = int(os.environ.get("DIARYBOT_FUZZ_EXAMPLES", "30"))
PATIENTS = (11, 12)
# fsync on tmpfs is free; the model is about logic, the crash tests are about durability.
SCRATCH = "/dev/shm" if Path("/dev/shm").is_dir() else None

patients = st.sampled_from(PATIENTS)
notes = st.text(max_size=40) | st.sampled_from(["", "x" * NOTE_MAX_CHARS, "née 🙂 \u202eRTL"])
instants = st.datetimes(
    min_value=datetime(2026, 1, 1),  # hypothesis wants naive bounds here
    max_value=datetime(2026, 12, 31),
    timezones=st.just(UTC),
)
technique_sets = st.sets(st.sampled_from(list(Technique))).map(
    lambda chosen: tuple(t for t in Technique if t in chosen)
)
days = st.dates(min_value=date(2026, 3, 1), max_value=date(2026, 3, 5))


@dataclass
class Model:
    """What each patient's files should hold."""

    entries: dict[int, list[Entry]] = field(default_factory=dict)
    profiles: dict[int, Profile] = field(default_factory=dict)

    def expected_entries(self, user_id: int) -> list[Entry]:
        # Oldest first; entries recorded at the same instant keep the order they were added.
        return sorted(self.entries.get(user_id, []), key=lambda e: e.recorded_at)

    def find(self, user_id: int, entry_id: str) -> int | None:
        for index, entry in enumerate(self.entries.get(user_id, [])):
            if entry.id == entry_id:
                return index
        return None


@contextmanager
def disk_full_once(name: str) -> Iterator[list[str]]:
    """The next write to a temp file of `name` fails with ENOSPC (nothing else is touched)."""
    real = os.write
    write, failed = fail_once(real, name, errno.ENOSPC)
    storage.os.write = write  # type: ignore[assignment]
    try:
        yield failed
    finally:
        storage.os.write = real  # type: ignore[assignment]


class StoreMachine(RuleBasedStateMachine):
    """Random operations on two patients' files, checked against `Model` at every step."""

    ids = Bundle("entry_ids")

    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="diarybot-model-", dir=SCRATCH))
        self.files = DiskFiles(self.dir)
        self.model = Model()
        self.counter = 0

    def teardown(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)

    # -- entries -------------------------------------------------------------------------

    @initialize(target=ids, user=patients, score=st.integers(0, 10), at=instants)
    def first_entry(self, user: int, score: int, at: datetime) -> tuple[int, str]:
        return self.log(user, score, "", at)

    @rule(target=ids, user=patients, score=st.integers(0, 10), note=notes, at=instants)
    def log(self, user: int, score: int, note: str, at: datetime) -> tuple[int, str]:
        self.counter += 1
        entry = Entry(
            id=f"{self.counter:010x}",
            recorded_at=at,
            local_date=at.date(),
            score=score,
            note=note,
            source=Source.QUICK_LOG,
        )
        self.files.add_entry(user, entry)
        self.model.entries.setdefault(user, []).append(entry)
        return user, entry.id

    @rule(
        key=ids,
        score=st.integers(0, 10) | st.none(),
        note=notes | st.none(),
        techniques=technique_sets | st.none(),
        medication=st.booleans() | st.none(),
    )
    def update(
        self,
        key: tuple[int, str],
        score: int | None,
        note: str | None,
        techniques: tuple[Technique, ...] | None,
        medication: bool | None,
    ) -> None:
        user, entry_id = key
        changes: dict[str, Any] = {
            name: value
            for name, value in (
                ("score", score),
                ("note", note),
                ("techniques", techniques),
                ("medication", medication),
            )
            if value is not None
        }
        updated = self.files.update_entry(user, entry_id, **changes)
        index = self.model.find(user, entry_id)
        if index is None:  # deleted, erased or set aside: never resurrected by an update
            assert updated is None
            return
        expected = self.model.entries[user][index].replace(**changes)
        self.model.entries[user][index] = expected
        assert updated == expected

    @rule(key=consumes(ids))
    def undo(self, key: tuple[int, str]) -> None:
        user, entry_id = key
        removed = self.files.delete_entry(user, entry_id)
        index = self.model.find(user, entry_id)
        assert removed is (index is not None)
        if index is not None:
            del self.model.entries[user][index]

    @rule(key=ids)
    def delete_twice(self, key: tuple[int, str]) -> None:
        """Undo pressed twice (a double tap, a replayed button): the second is a no-op."""
        self.undo(key)
        assert self.files.delete_entry(*key) is False

    @rule(key=ids)
    def read_one(self, key: tuple[int, str]) -> None:
        user, entry_id = key
        index = self.model.find(user, entry_id)
        expected = None if index is None else self.model.entries[user][index]
        assert self.files.get_entry(user, entry_id) == expected

    # -- settings ------------------------------------------------------------------------

    @rule(
        user=patients,
        tz=st.sampled_from(["UTC", "Europe/Berlin", "America/New_York", "Mars/Base"]),
        hour=st.integers(0, 23),
    )
    def save_profile(self, user: int, tz: str, hour: int) -> None:
        profile = Profile(
            user_id=user,
            chat_id=user,
            timezone=tz,
            reminder_time=time(hour),
            onboarded=True,
            created_at=datetime(2026, 1, 1, tzinfo=UTC),
        )
        self.files.save_profile(profile)
        self.model.profiles[user] = profile

    @rule(user=patients, paused=st.booleans())
    def pause(self, user: int, paused: bool) -> None:
        updated = self.files.update_profile(user, paused=paused)
        if user not in self.model.profiles:
            assert updated is None
            return
        self.model.profiles[user] = self.model.profiles[user].replace(paused=paused)
        assert updated == self.model.profiles[user]

    @rule(user=patients, day=days)
    def claim_reminder_day(self, user: int, day: date) -> None:
        claimed, previous = self.files.claim_day(user, "last_reminded", day)
        profile = self.model.profiles.get(user)
        if profile is None or profile.last_reminded == day:
            assert (claimed, previous) == (False, None)
            return
        assert (claimed, previous) == (True, profile.last_reminded)
        self.model.profiles[user] = profile.replace(last_reminded=day)

    # -- erasure, faults, restarts --------------------------------------------------------

    @rule(user=patients)
    def erase(self, user: int) -> None:
        self.files.erase(user)
        self.model.entries.pop(user, None)
        self.model.profiles.pop(user, None)
        assert not self.files.folder(user).exists()

    @rule(user=patients, score=st.integers(0, 10), at=instants)
    def log_on_a_full_disk(self, user: int, score: int, at: datetime) -> None:
        before = self._diary_bytes(user)
        with disk_full_once(DIARY_FILE) as failed, pytest.raises(OSError):
            self.log(user, score, "lost to ENOSPC", at)
        assert failed  # and `log` never got to add it to the model
        assert self._diary_bytes(user) == before

    @rule(key=ids, score=st.integers(0, 10))
    def update_on_a_full_disk(self, key: tuple[int, str], score: int) -> None:
        user, entry_id = key
        if self.model.find(user, entry_id) is None:
            return
        before = self._diary_bytes(user)
        with disk_full_once(DIARY_FILE) as failed, pytest.raises(OSError):
            self.files.update_entry(user, entry_id, score=score, note="lost to ENOSPC")
        assert failed
        assert self._diary_bytes(user) == before

    @precondition(lambda self: any(self.model.entries.get(u) for u in PATIENTS))
    @rule(user=patients, cut=st.integers(1, 30))
    def tear_the_diary_and_restart(self, user: int, cut: int) -> None:
        """A diary left torn (by hand, a disk fault): it is set aside, never overwritten."""
        diary = self.files.folder(user) / DIARY_FILE
        if not diary.exists():
            return
        torn = diary.read_bytes()[:-cut]
        diary.write_bytes(torn)
        self.restart()
        assert self.files.entries(user) == []
        assert self.files.take_recovery_notice(user)
        [aside] = diary.parent.glob(f"{DIARY_FILE}.corrupt-*")
        assert aside.read_bytes() == torn
        aside.unlink()  # the operator took it; the next tear gets its own
        self.model.entries[user] = []

    @rule()
    def restart(self) -> None:
        self.files = DiskFiles(self.dir)

    def _diary_bytes(self, user: int) -> bytes | None:
        diary = self.files.folder(user) / DIARY_FILE
        return diary.read_bytes() if diary.exists() else None

    # -- the property ----------------------------------------------------------------------

    @invariant()
    def files_equal_the_model(self) -> None:
        fresh = DiskFiles(self.dir)  # what a restarted bot would read from disk
        for user in PATIENTS:
            expected = self.model.expected_entries(user)
            assert self.files.entries(user) == expected
            assert fresh.entries(user) == expected
            assert fresh.get_profile(user) == self.model.profiles.get(user)
            assert all(0 <= e.score <= 10 for e in expected)

    @invariant()
    def no_temp_files_left_behind(self) -> None:
        assert not [p for p in self.dir.rglob("*.tmp")]


StoreMachine.TestCase.settings = settings(
    max_examples=EXAMPLES,
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestStore = StoreMachine.TestCase
