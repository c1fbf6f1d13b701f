"""The diary itself (`diary.json`): entries, guided exercise sessions and weekly PEG answers."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from tinydb import Query, TinyDB
from tinydb.table import Document, Table

from diarybot.domain.corrections import Correction, changes_between, removal
from diarybot.domain.entries import Entry, entries_between
from diarybot.domain.practice import ExerciseSession, PegResponse
from diarybot.storage.folders import PatientFolders

DIARY_FILE = "diary.json"
ENTRIES_TABLE = "entries"
SESSIONS_TABLE = "sessions"
PEG_TABLE = "peg"
#: The audit trail of corrections made from /history (and /undo): what changed, and when.
CORRECTIONS_TABLE = "corrections"

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

    async def correct(
        self, user_id: int, entry_id: str, at: datetime, **changes: Any
    ) -> Entry | None:
        """Change fields of one entry as a correction: the entry takes the new values and the
        audit trail records each old one, in the same write. None when the entry is gone."""

        def write(db: TinyDB) -> Entry | None:
            table = db.table(ENTRIES_TABLE)
            doc = _find(table, entry_id)
            if doc is None:
                return None
            before = Entry.from_doc(dict(doc))
            after = before.replace(**changes)
            trail = [c.to_doc() for c in changes_between(before, after, at)]
            if trail:
                # TinyDB writes the file once per call: both tables change in one write.
                tables = db.storage.read() or {}
                tables.setdefault(ENTRIES_TABLE, {})[str(doc.doc_id)] = after.to_doc()
                _append_trail(tables, trail)
                db.storage.write(tables)
                table.clear_cache()
            return after

        return await self._folders.run(user_id, lambda: self._existing(user_id, write, None))

    async def remove(self, user_id: int, entry_id: str, at: datetime) -> bool:
        """Remove one entry and record what it held in the audit trail; False when gone."""

        def write(db: TinyDB) -> bool:
            doc = _find(db.table(ENTRIES_TABLE), entry_id)
            if doc is None:
                return False
            tables = db.storage.read() or {}
            del tables[ENTRIES_TABLE][str(doc.doc_id)]
            _append_trail(tables, [removal(Entry.from_doc(dict(doc)), at).to_doc()])
            db.storage.write(tables)
            db.table(ENTRIES_TABLE).clear_cache()
            return True

        return await self._folders.run(user_id, lambda: self._existing(user_id, write, False))

    async def corrections(self, user_id: int) -> list[Correction]:
        """The audit trail, oldest first."""
        docs = await self._records(user_id, CORRECTIONS_TABLE)
        return [Correction.from_doc(d) for d in docs]

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


def _append_trail(tables: dict[str, dict[str, Any]], docs: list[dict[str, Any]]) -> None:
    """Add audit records to the file's tables (written by the caller with the entry change)."""
    trail = tables.setdefault(CORRECTIONS_TABLE, {})
    next_id = max((int(k) for k in trail), default=0) + 1
    for offset, doc in enumerate(docs):
        trail[str(next_id + offset)] = doc


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
