"""The diary itself (`diary.json`): entries, read and written here; corrections with their
audit trail (`diary_corrections.py`) and guided exercise sessions and weekly PEG answers
(`diary_practice.py`) composed in; where each lives in the file is `diary_layout.py`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from tinydb import TinyDB
from tinydb.table import Document

from diarybot.domain.corrections import Correction
from diarybot.domain.entries import Entry, entries_between
from diarybot.domain.practice import ExerciseSession, PegResponse
from diarybot.storage.diary_corrections import DiaryCorrections, write_change
from diarybot.storage.diary_layout import DIARY_FILE, ENTRIES_TABLE, entry_doc_id, find_entry
from diarybot.storage.diary_practice import PracticeRecords
from diarybot.storage.folders import PatientFolders

T = TypeVar("T")


class Diary:
    """One patient's diary file; every call is queued behind that patient's earlier ones."""

    def __init__(self, folders: PatientFolders) -> None:
        self._folders = folders
        self._corrections = DiaryCorrections(folders)
        self._practice = PracticeRecords(folders)

    def path(self, user_id: int) -> Path:
        """Where the diary file is (render workers read it themselves)."""
        return self._folders.folder(user_id) / DIARY_FILE

    async def add(self, user_id: int, entry: Entry) -> bool:
        """Append one entry; returns once it is on disk. An entry whose id is already stored is
        left as it was (False): storing the same update twice must not duplicate it."""
        return await self._folders.run(user_id, lambda: self._add(user_id, entry))

    async def record(self, user_id: int, entry: Entry, since: date) -> list[Entry]:
        """`add`, then the entries from `since` to the entry's day read in the same turn: what
        the flare check needs, without a second trip to the file."""

        def add_and_read() -> list[Entry]:
            self._add(user_id, entry)
            return self._entries(user_id, since, entry.local_date)

        return await self._folders.run(user_id, add_and_read)

    async def get(self, user_id: int, entry_id: str) -> Entry | None:
        """One entry of this patient's, by id (never another's: ids are per file)."""

        def read(db: TinyDB) -> Entry | None:
            doc = find_entry(db.table(ENTRIES_TABLE), entry_id)
            return Entry.from_doc(dict(doc)) if doc is not None else None

        return await self._folders.run(user_id, lambda: self._existing(user_id, read, None))

    async def update(self, user_id: int, entry_id: str, **changes: Any) -> Entry | None:
        """Change some fields of one entry, leaving no trail; None when it no longer exists.
        A check-in's answers go through `answer` instead."""
        return await self._folders.run(
            user_id,
            lambda: self._existing(user_id, lambda db: write_change(db, entry_id, changes), None),
        )

    async def delete(self, user_id: int, entry_id: str) -> bool:
        """Remove one entry; False when it was already gone."""

        def write(db: TinyDB) -> bool:
            table = db.table(ENTRIES_TABLE)
            doc = find_entry(table, entry_id)
            return doc is not None and bool(table.remove(doc_ids=[doc.doc_id]))

        return await self._folders.run(user_id, lambda: self._existing(user_id, write, False))

    async def entries(
        self, user_id: int, start: date | None = None, end: date | None = None
    ) -> list[Entry]:
        """Entries on local days `start`..`end` (inclusive; None: open), oldest first."""
        return await self._folders.run(user_id, lambda: self._entries(user_id, start, end))

    # -- corrections and practice records (see their modules) -----------------------------------

    async def correct(
        self, user_id: int, entry_id: str, at: datetime, **changes: Any
    ) -> Entry | None:
        """Change fields of one entry, recording the old values in the audit trail."""
        return await self._corrections.correct(user_id, entry_id, at, **changes)

    async def answer(
        self, user_id: int, entry_id: str, at: datetime, **changes: Any
    ) -> Entry | None:
        """A check-in's answer: a plain change, or a correction once /history corrected it."""
        return await self._corrections.answer(user_id, entry_id, at, **changes)

    async def remove(self, user_id: int, entry_id: str, at: datetime) -> bool:
        """Remove one entry, recording what it held in the audit trail; False when gone."""
        return await self._corrections.remove(user_id, entry_id, at)

    async def corrections(self, user_id: int) -> list[Correction]:
        """The audit trail, oldest first."""
        return await self._corrections.trail(user_id)

    async def save_session(self, user_id: int, session: ExerciseSession) -> None:
        """Insert or replace a guided exercise session."""
        await self._practice.save_session(user_id, session)

    async def sessions(self, user_id: int) -> list[ExerciseSession]:
        """Every guided exercise session, in the order they were first stored."""
        return await self._practice.sessions(user_id)

    async def save_peg(self, user_id: int, response: PegResponse) -> None:
        """Insert or replace a weekly PEG response."""
        await self._practice.save_peg(user_id, response)

    async def pegs(self, user_id: int) -> list[PegResponse]:
        """Every weekly PEG response, in the order they were first stored."""
        return await self._practice.pegs(user_id)

    # -- file work (storage threads, under the patient's lock) ----------------------------------

    def _existing(self, user_id: int, action: Callable[[TinyDB], T], missing: T) -> T:
        return self._folders.use_existing(user_id, DIARY_FILE, action, missing)

    def _add(self, user_id: int, entry: Entry) -> bool:
        def write(db: TinyDB) -> bool:
            table = db.table(ENTRIES_TABLE)
            if find_entry(table, entry.id) is not None:
                return False
            table.insert(Document(entry.to_doc(), entry_doc_id(entry.id)))
            return True

        return self._folders.use(user_id, DIARY_FILE, write)

    def _entries(self, user_id: int, start: date | None, end: date | None) -> list[Entry]:
        def read(db: TinyDB) -> list[Entry]:
            # The stored documents as they are: `Table.all()` would first wrap every entry of
            # the diary (a year: ~1 100) in a Document, for a flare check that needs two weeks.
            tables = db.storage.read() or {}
            return entries_between(tables.get(ENTRIES_TABLE, {}).values(), start, end)

        return self._existing(user_id, read, [])
