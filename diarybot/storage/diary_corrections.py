"""Corrections to diary entries with their audit trail (`diary.json`): each change and the old
values it replaced are written together, so the trail never misses a change."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from tinydb import TinyDB

from diarybot.domain.corrections import Correction, changes_between, removal
from diarybot.domain.entries import Entry
from diarybot.storage.diary_layout import CORRECTIONS_TABLE, DIARY_FILE, ENTRIES_TABLE, find_entry
from diarybot.storage.folders import PatientFolders

T = TypeVar("T")


class DiaryCorrections:
    """Changes and removals made from /history (and /undo), and the trail they leave."""

    def __init__(self, folders: PatientFolders) -> None:
        self._folders = folders

    async def correct(
        self, user_id: int, entry_id: str, at: datetime, **changes: Any
    ) -> Entry | None:
        """Change fields of one entry as a correction: the entry takes the new values and the
        audit trail records each old one, in the same write. None when the entry is gone."""
        return await self._folders.run(
            user_id,
            lambda: self._existing(
                user_id, lambda db: write_correction(db, entry_id, at, changes), None
            ),
        )

    async def answer(
        self, user_id: int, entry_id: str, at: datetime, **changes: Any
    ) -> Entry | None:
        """A check-in's answer to one of its questions: a plain change, except on an entry
        already corrected in /history, where it is one more correction. A check-in keyboard
        left open cannot overwrite a correction without a trace."""

        def write(db: TinyDB) -> Entry | None:
            if was_corrected(db, entry_id):
                return write_correction(db, entry_id, at, changes)
            return write_change(db, entry_id, changes)

        return await self._folders.run(user_id, lambda: self._existing(user_id, write, None))

    async def remove(self, user_id: int, entry_id: str, at: datetime) -> bool:
        """Remove one entry and record what it held in the audit trail; False when gone."""

        def write(db: TinyDB) -> bool:
            doc = find_entry(db.table(ENTRIES_TABLE), entry_id)
            if doc is None:
                return False
            tables = db.storage.read() or {}
            del tables[ENTRIES_TABLE][str(doc.doc_id)]
            _append_trail(tables, [removal(Entry.from_doc(dict(doc)), at).to_doc()])
            db.storage.write(tables)
            db.table(ENTRIES_TABLE).clear_cache()
            return True

        return await self._folders.run(user_id, lambda: self._existing(user_id, write, False))

    async def trail(self, user_id: int) -> list[Correction]:
        """The audit trail, oldest first."""

        def read(db: TinyDB) -> list[dict[str, Any]]:
            return [dict(d) for d in db.table(CORRECTIONS_TABLE).all()]

        docs: list[dict[str, Any]] = await self._folders.run(
            user_id, lambda: self._existing(user_id, read, [])
        )
        return [Correction.from_doc(d) for d in docs]

    def _existing(self, user_id: int, action: Callable[[TinyDB], T], missing: T) -> T:
        return self._folders.use_existing(user_id, DIARY_FILE, action, missing)


def _append_trail(tables: dict[str, dict[str, Any]], docs: list[dict[str, Any]]) -> None:
    """Add audit records to the file's tables (written by the caller with the entry change)."""
    trail = tables.setdefault(CORRECTIONS_TABLE, {})
    next_id = max((int(k) for k in trail), default=0) + 1
    for offset, doc in enumerate(docs):
        trail[str(next_id + offset)] = doc


def write_change(db: TinyDB, entry_id: str, changes: dict[str, Any]) -> Entry | None:
    """Change fields of one entry, leaving no trail; None when it no longer exists."""
    table = db.table(ENTRIES_TABLE)
    doc = find_entry(table, entry_id)
    if doc is None:
        return None
    updated = Entry.from_doc(dict(doc)).replace(**changes)
    table.update(updated.to_doc(), doc_ids=[doc.doc_id])
    return updated


def write_correction(
    db: TinyDB, entry_id: str, at: datetime, changes: dict[str, Any]
) -> Entry | None:
    """Change fields of one entry and record each old value in the trail, in one write."""
    table = db.table(ENTRIES_TABLE)
    doc = find_entry(table, entry_id)
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


def was_corrected(db: TinyDB, entry_id: str) -> bool:
    """Whether the trail holds a correction of this entry."""
    return any(doc.get("entry_id") == entry_id for doc in db.table(CORRECTIONS_TABLE).all())
