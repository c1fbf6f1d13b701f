"""The diary itself (`diary.json`): entries, guided exercise sessions and weekly PEG answers."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from tinydb import Query, TinyDB
from tinydb.table import Document, Table

from diarybot.domain.models import Entry, ExerciseSession, PegResponse, entries_between
from diarybot.storage.folders import PatientFolders

DIARY_FILE = "diary.json"
ENTRIES_TABLE = "entries"
SESSIONS_TABLE = "sessions"
PEG_TABLE = "peg"

T = TypeVar("T")


class Diary:
    """One patient's diary file; every call is queued behind that patient's earlier ones."""

    def __init__(self, folders: PatientFolders) -> None:
        self._folders = folders

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
            doc = _find(db.table(ENTRIES_TABLE), entry_id)
            return Entry.from_doc(dict(doc)) if doc is not None else None

        return await self._folders.run(user_id, lambda: self._existing(user_id, read, None))

    async def update(self, user_id: int, entry_id: str, **changes: Any) -> Entry | None:
        """Change some fields of one entry; None when it no longer exists."""

        def write(db: TinyDB) -> Entry | None:
            table = db.table(ENTRIES_TABLE)
            doc = _find(table, entry_id)
            if doc is None:
                return None
            updated = Entry.from_doc(dict(doc)).replace(**changes)
            table.update(updated.to_doc(), doc_ids=[doc.doc_id])
            return updated

        return await self._folders.run(user_id, lambda: self._existing(user_id, write, None))

    async def delete(self, user_id: int, entry_id: str) -> bool:
        """Remove one entry; False when it was already gone."""

        def write(db: TinyDB) -> bool:
            table = db.table(ENTRIES_TABLE)
            doc = _find(table, entry_id)
            return doc is not None and bool(table.remove(doc_ids=[doc.doc_id]))

        return await self._folders.run(user_id, lambda: self._existing(user_id, write, False))

    async def entries(
        self, user_id: int, start: date | None = None, end: date | None = None
    ) -> list[Entry]:
        """Entries on local days `start`..`end` (inclusive; None: open), oldest first."""
        return await self._folders.run(user_id, lambda: self._entries(user_id, start, end))

    async def save_session(self, user_id: int, session: ExerciseSession) -> None:
        """Insert or replace a guided exercise session."""
        await self._put(user_id, SESSIONS_TABLE, session.to_doc())

    async def sessions(self, user_id: int) -> list[ExerciseSession]:
        """Every guided exercise session, in the order they were first stored."""
        return [ExerciseSession.from_doc(d) for d in await self._records(user_id, SESSIONS_TABLE)]

    async def save_peg(self, user_id: int, response: PegResponse) -> None:
        """Insert or replace a weekly PEG response."""
        await self._put(user_id, PEG_TABLE, response.to_doc())

    async def pegs(self, user_id: int) -> list[PegResponse]:
        """Every weekly PEG response, in the order they were first stored."""
        return [PegResponse.from_doc(d) for d in await self._records(user_id, PEG_TABLE)]

    # -- file work (storage threads, under the patient's lock) ----------------------------------

    def _existing(self, user_id: int, action: Callable[[TinyDB], T], missing: T) -> T:
        return self._folders.use_existing(user_id, DIARY_FILE, action, missing)

    def _add(self, user_id: int, entry: Entry) -> bool:
        def write(db: TinyDB) -> bool:
            table = db.table(ENTRIES_TABLE)
            if _find(table, entry.id) is not None:
                return False
            table.insert(Document(entry.to_doc(), _doc_id(entry.id)))
            return True

        return self._folders.use(user_id, DIARY_FILE, write)

    def _entries(self, user_id: int, start: date | None, end: date | None) -> list[Entry]:
        def read(db: TinyDB) -> list[Entry]:
            # The stored documents as they are: `Table.all()` would first wrap every entry of
            # the diary (a year: ~1 100) in a Document, for a flare check that needs two weeks.
            tables = db.storage.read() or {}
            return entries_between(tables.get(ENTRIES_TABLE, {}).values(), start, end)

        return self._existing(user_id, read, [])

    async def _put(self, user_id: int, table: str, doc: dict[str, Any]) -> None:
        def write(db: TinyDB) -> None:
            db.table(table).upsert(doc, Query().id == doc["id"])

        await self._folders.run(user_id, lambda: self._folders.use(user_id, DIARY_FILE, write))

    async def _records(self, user_id: int, table: str) -> list[dict[str, Any]]:
        def read(db: TinyDB) -> list[dict[str, Any]]:
            return [dict(d) for d in db.table(table).all()]

        return await self._folders.run(user_id, lambda: self._existing(user_id, read, []))


def _doc_id(entry_id: str) -> int:
    """Entries are stored under a TinyDB doc id derived from their own id, so finding one is a
    dict lookup instead of a query over the whole diary. Our ids are 10 hex digits (+1: TinyDB
    ids start at 1); any other id is hashed above that range, so ids never collide."""
    if len(entry_id) == 10:
        try:
            return int(entry_id, 16) + 1
        except ValueError:
            pass
    digest = hashlib.sha256(entry_id.encode()).digest()
    return 16**10 + 1 + int.from_bytes(digest[:6], "big")


def _find(table: Table, entry_id: str) -> Document | None:
    """One entry's document by entry id (every entry is stored under `_doc_id` of its id)."""
    doc = table.get(doc_id=_doc_id(entry_id))
    return doc if isinstance(doc, Document) and doc.get("id") == entry_id else None
