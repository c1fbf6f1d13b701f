"""Treatment events, kept in the patient's diary file (`diary.json`, table `treatments`).

In the diary file, not a file of their own: they are part of the diary, so they are written
atomically with it, erased with the folder, and copied and checked by backup and `check` the way
the diary is, with no new file for any of those to learn about.
"""

from __future__ import annotations

from typing import Any

from tinydb import Query, TinyDB

from diarybot.domain.treatments import TreatmentEvent
from diarybot.storage.diary_layout import DIARY_FILE
from diarybot.storage.folders import PatientFolders

TREATMENTS_TABLE = "treatments"


class Treatments:
    """One patient's treatment events; every call queued behind that patient's earlier ones."""

    def __init__(self, folders: PatientFolders) -> None:
        self._folders = folders

    async def add(self, user_id: int, event: TreatmentEvent) -> None:
        """Store one event (the same id twice is stored once)."""

        def write(db: TinyDB) -> None:
            db.table(TREATMENTS_TABLE).upsert(event.to_doc(), Query().id == event.id)

        await self._folders.run(user_id, lambda: self._folders.use(user_id, DIARY_FILE, write))

    async def all(self, user_id: int) -> list[TreatmentEvent]:
        """Every event, oldest day first."""

        def read(db: TinyDB) -> list[dict[str, Any]]:
            return [dict(d) for d in db.table(TREATMENTS_TABLE).all()]

        none: list[dict[str, Any]] = []
        docs = await self._folders.run(
            user_id, lambda: self._folders.use_existing(user_id, DIARY_FILE, read, none)
        )
        return sorted(
            (TreatmentEvent.from_doc(d) for d in docs), key=lambda e: (e.local_date, e.recorded_at)
        )

    async def get(self, user_id: int, event_id: str) -> TreatmentEvent | None:
        """One event of this patient's, by id."""
        return next((e for e in await self.all(user_id) if e.id == event_id), None)

    async def remove(self, user_id: int, event_id: str) -> bool:
        """Remove one event; False when it was already gone."""

        def write(db: TinyDB) -> bool:
            return bool(db.table(TREATMENTS_TABLE).remove(Query().id == event_id))

        return await self._folders.run(
            user_id, lambda: self._folders.use_existing(user_id, DIARY_FILE, write, False)
        )


def events_from_tables(tables: dict[str, Any]) -> list[TreatmentEvent]:
    """The events in a parsed diary file (render workers read the file themselves)."""
    docs = (tables.get(TREATMENTS_TABLE) or {}).values()
    return sorted(
        (TreatmentEvent.from_doc(dict(d)) for d in docs),
        key=lambda e: (e.local_date, e.recorded_at),
    )
