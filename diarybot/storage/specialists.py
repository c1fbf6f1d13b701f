"""Specialists' own settings (`specialist.json`): weekly digest, flare alerts, patient index."""

from __future__ import annotations

from datetime import date
from typing import Any

from tinydb import TinyDB

from diarybot.domain.people import Specialist
from diarybot.storage.folders import PatientFolders

SPECIALIST_FILE = "specialist.json"
SPECIALIST_TABLE = "specialist"


class Specialists:
    """Each specialist's settings. `patients` there is an index for listing and scheduling
    only: access to a patient's data is always decided by the patient's own file."""

    def __init__(self, folders: PatientFolders) -> None:
        self._folders = folders

    async def get(self, user_id: int) -> Specialist | None:
        """A specialist's settings, or None."""
        return await self._folders.run(user_id, lambda: self._read(user_id))

    async def update(
        self, user_id: int, default: Specialist | None = None, **changes: Any
    ) -> Specialist | None:
        """Change some settings; starts from `default` when there are none yet."""

        def change() -> Specialist | None:
            current = self._read(user_id) or default
            if current is None:
                return None
            updated = current.replace(**changes)
            self._write(updated)
            return updated

        return await self._folders.run(user_id, change)

    async def reindex(
        self,
        user_id: int,
        default: Specialist | None,
        *,
        add: int | None = None,
        remove: int | None = None,
    ) -> None:
        """Add or remove a patient in a specialist's index, in one turn."""

        def change() -> None:
            current = self._read(user_id) or default
            if current is None:
                return
            patients = [p for p in current.patients if p not in (add, remove)]
            if add is not None:
                patients.append(add)
            self._write(current.replace(patients=tuple(patients)))

        await self._folders.run(user_id, change)

    async def digest_parts_done(self, user_id: int, day: date, part: str) -> bool:
        """Record one part of `day`'s digest as delivered (after Telegram accepted it).

        Returns False if that part was already recorded: a second run must not send it again.
        When every part is in, the day is the `last_digest`.
        """

        def record() -> bool:
            specialist = self._read(user_id)
            if specialist is None:
                return False
            parts = specialist.digest_parts if specialist.digest_day == day else ()
            if part in parts:
                return False
            self._write(specialist.replace(digest_day=day, digest_parts=(*parts, part)))
            return True

        return await self._folders.run(user_id, record)

    async def digest_finished(self, user_id: int, day: date) -> None:
        """Every part of `day`'s digest is delivered: it is not due again that day."""
        await self.update(user_id, last_digest=day)

    async def all(self) -> list[Specialist]:
        """Everyone with specialist settings (start-up scheduling of weekly digests)."""

        def load() -> list[Specialist]:
            found = (self._read(uid) for uid in self._folders.owners() if self._has_file(uid))
            return [s for s in found if s is not None]

        return await self._folders.run(0, load)

    def _has_file(self, user_id: int) -> bool:
        return (self._folders.folder(user_id) / SPECIALIST_FILE).exists()

    def _read(self, user_id: int) -> Specialist | None:
        def read(db: TinyDB) -> Specialist | None:
            docs = db.table(SPECIALIST_TABLE).all()
            return Specialist.from_doc(dict(docs[0])) if docs else None

        return self._folders.use_existing(user_id, SPECIALIST_FILE, read, None)

    def _write(self, specialist: Specialist) -> None:
        def write(db: TinyDB) -> None:
            table = db.table(SPECIALIST_TABLE)
            table.truncate()
            table.insert(specialist.to_doc())

        self._folders.use(specialist.user_id, SPECIALIST_FILE, write)
