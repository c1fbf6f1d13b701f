"""Synthetic patients written to disk through diarybot's own storage code, quickly.

Benchmarks need thousands of patients on disk before they start. Everything is written by the
real code (the store's repositories, `storage.open_db`), so the files are exactly what the
bot writes, but with `os.fsync` switched off while seeding (one `os.sync()` at the end): the
measurements that follow always run with real, durable writes.
"""

from __future__ import annotations

import dataclasses
import os
import random
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

from diarybot.domain.entries import Entry, Source, Technique, new_id
from diarybot.domain.people import Profile
from diarybot.storage.atomic import FILE_MODE, ensure_private_dir, open_db
from diarybot.storage.diary_layout import DIARY_FILE, ENTRIES_TABLE
from diarybot.storage.folders import run_inline
from diarybot.storage.store import Store


class InlineStore:
    """The real repositories with their file work run inline, for synchronous seeding and
    timing (the bot runs the same work on its storage threads)."""

    def __init__(self, data_dir: Path) -> None:
        self.store = Store(data_dir, threads=0)

    def folder(self, user_id: int) -> Path:
        return self.store.folders.folder(user_id)

    def save_profile(self, profile: Profile) -> None:
        run_inline(self.store.profiles.save(profile))

    def add_entry(self, user_id: int, entry: Entry) -> bool:
        return run_inline(self.store.diary.add(user_id, entry))


# Local hours of the day's entries: morning, afternoon, evening (no DST gap at 2–3 am).
ENTRY_HOURS = (8, 14, 20)
NOTES = (
    "slept badly",
    "long walk, knee sore after",
    "rainy day, stiff all morning",
    "busy at work",
    "flare after gardening",
    "better after physio",
)
SEED = 20_26


@contextmanager
def fast_writes() -> Iterator[None]:
    """Skip fsync while seeding; flush everything to disk once at the end."""
    with mock.patch.object(os, "fsync", lambda _fd: None):
        yield
    os.sync()


def entries_for(days: int, per_day: int, end: date, tz: ZoneInfo, seed: int = SEED) -> list[Entry]:
    """`per_day` entries on each of the `days` local days ending at `end`, oldest first.

    Shaped like real diaries (a 0–10 score around a slow rhythm, some techniques, medication
    now and then, a short note on some entries), so file sizes are realistic.
    """
    rng = random.Random(seed)  # reproducible fake data, not security
    entries = []
    for offset in range(days):
        day = end - timedelta(days=days - 1 - offset)
        for slot in range(per_day):
            hour = ENTRY_HOURS[slot % len(ENTRY_HOURS)]
            local = datetime.combine(day, time(hour, rng.randrange(60)), tzinfo=tz)
            entries.append(_entry(rng, local, offset))
    return entries


def _entry(rng: random.Random, local: datetime, offset: int) -> Entry:
    level = 5 + 2 * ((offset // 9) % 3 - 1) + rng.choice((-1, 0, 0, 1))
    techniques = rng.sample(list(Technique), rng.choice((0, 1, 1, 2, 3)))
    return Entry(
        id=new_id(),
        recorded_at=local.astimezone(UTC),
        local_date=local.date(),
        score=max(0, min(10, level)),
        techniques=tuple(techniques),
        medication=rng.random() < 0.3,
        note=rng.choice(NOTES) if rng.random() < 0.15 else "",
        source=rng.choice(list(Source)),
    )


def onboarded_profile(
    user_id: int, tz: str, at: time, last_reminded: date | None = None
) -> Profile:
    """A patient who finished onboarding: zone and daily reminder time chosen."""
    return Profile(
        user_id=user_id,
        chat_id=user_id,
        timezone=tz,
        reminder_time=at,
        onboarded=True,
        last_reminded=last_reminded,
    )


def done_today(profile: Profile, today: date, *, daily: bool = True) -> Profile:
    """The profile with today's weekly items (if any) and, with `daily`, today's reminder sent.

    The benchmarks then see the same traffic whatever the weekday: with `daily`, the scheduler
    sends such a patient nothing today; without, only the daily reminder.
    """
    names = {f.name for f in dataclasses.fields(profile)}
    marks = ["last_peg_asked", "last_weekly_chart"] + (["last_reminded"] if daily else [])
    return profile.replace(**{name: today for name in marks if name in names})


def write_profiles(data_dir: Path, profiles: Iterable[Profile]) -> None:
    """Save each profile through the profile repository (call inside `fast_writes`)."""
    files = InlineStore(data_dir)
    for profile in profiles:
        files.save_profile(profile)


def write_diary(data_dir: Path, user_id: int, entries: list[Entry]) -> Path:
    """One patient's diary file, written in one go by the real TinyDB storage."""
    folder = InlineStore(data_dir).folder(user_id)
    ensure_private_dir(folder)
    db = open_db(folder / DIARY_FILE)
    db.table(ENTRIES_TABLE).insert_multiple([e.to_doc() for e in entries])
    return folder / DIARY_FILE


def fresh_copy(template: Path, target: Path) -> Path:
    """A copy of a seeded data folder for one bot process, flushed to disk.

    Every bot process gets its own copy: diarybot remembers the update ids it handled (in the
    data folder), and each benchmark run's fake Bot API numbers its updates from 1 again.
    """
    shutil.copytree(template, target)
    os.sync()
    return target


def copy_diary(template: Path, data_dir: Path, user_ids: Iterable[int]) -> None:
    """Give each patient a copy of one diary file (entries carry no patient id)."""
    files = InlineStore(data_dir)
    for user_id in user_ids:
        folder = files.folder(user_id)
        ensure_private_dir(folder)
        target = folder / DIARY_FILE
        shutil.copyfile(template, target)
        target.chmod(FILE_MODE)
