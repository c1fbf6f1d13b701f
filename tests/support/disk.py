"""What is on disk, read and written synchronously by tests: a fresh `Store` with its file
work inline (never the bot's in-memory copies), under the method names tests read best."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from diarybot.domain.entries import Entry
from diarybot.domain.links import Link
from diarybot.domain.people import Profile, Specialist
from diarybot.domain.practice import ExerciseSession, PegResponse
from diarybot.storage.folders import run_inline
from diarybot.storage.store import Store


class DiskFiles:
    """A synchronous view of a data folder."""

    def __init__(self, data_dir: Path) -> None:
        self.store = Store(Path(data_dir), threads=0)

    def folder(self, user_id: int) -> Path:
        return self.store.folders.folder(user_id)

    def diary_path(self, user_id: int) -> Path:
        return self.store.diary.path(user_id)

    def get_profile(self, user_id: int) -> Profile | None:
        return run_inline(self.store.profiles.get(user_id))

    def save_profile(self, profile: Profile) -> None:
        run_inline(self.store.profiles.save(profile))

    def update_profile(self, user_id: int, **changes: Any) -> Profile | None:
        return run_inline(self.store.profiles.update(user_id, **changes))

    def claim_day(self, user_id: int, field: str, day: date) -> tuple[bool, date | None]:
        return run_inline(self.store.profiles.claim_day(user_id, field, day))

    def release_day(self, user_id: int, field: str, day: date, previous: date | None) -> None:
        run_inline(self.store.profiles.release_day(user_id, field, day, previous))

    def add_entry(self, user_id: int, entry: Entry) -> bool:
        return run_inline(self.store.diary.add(user_id, entry))

    def get_entry(self, user_id: int, entry_id: str) -> Entry | None:
        return run_inline(self.store.diary.get(user_id, entry_id))

    def update_entry(self, user_id: int, entry_id: str, **changes: Any) -> Entry | None:
        return run_inline(self.store.diary.update(user_id, entry_id, **changes))

    def delete_entry(self, user_id: int, entry_id: str) -> bool:
        return run_inline(self.store.diary.delete(user_id, entry_id))

    def entries(
        self, user_id: int, start: date | None = None, end: date | None = None
    ) -> list[Entry]:
        return run_inline(self.store.diary.entries(user_id, start, end))

    def sessions(self, user_id: int) -> list[ExerciseSession]:
        return run_inline(self.store.diary.sessions(user_id))

    def pegs(self, user_id: int) -> list[PegResponse]:
        return run_inline(self.store.diary.pegs(user_id))

    def links(self, user_id: int) -> list[Link]:
        return run_inline(self.store.sharing.links(user_id))

    def pending(self, user_id: int) -> list[Link]:
        return run_inline(self.store.sharing.pending(user_id))

    def get_specialist(self, user_id: int) -> Specialist | None:
        return run_inline(self.store.specialists.get(user_id))

    def take_recovery_notice(self, user_id: int) -> bool:
        return self.store.recovered.take(user_id)

    def erase(self, user_id: int) -> None:
        run_inline(self.store.erase(user_id))
