"""The index of live sharing codes (`share_codes.json`): hashes only, one per patient."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from tinydb import Query, TinyDB

from diarybot.storage.folders import SHARED_OWNER, PatientFolders

CODES_FILE = "share_codes.json"
CODES_TABLE = "codes"

T = TypeVar("T")


class ShareCodes:
    """One small file for everyone, worked on under the shared owner's lock."""

    def __init__(self, folders: PatientFolders) -> None:
        self._folders = folders

    async def add(self, code_hash: str, patient_id: int, expires_at: str) -> None:
        """Remember a patient's new code; it replaces any earlier one of theirs, so one person
        cannot grow the file and at most one code of theirs is ever live."""

        def write(db: TinyDB) -> None:
            table = db.table(CODES_TABLE)
            table.remove(Query().patient_id == patient_id)
            table.insert({"hash": code_hash, "patient_id": patient_id, "expires_at": expires_at})

        await self._run(write)

    async def redeem(self, code_hash: str, now_iso: str) -> int | None:
        """Consume a code: its patient's id if it exists and has not expired, else None.

        Expired codes are swept on the way, so the index only ever holds live codes.
        """

        def redeem(db: TinyDB) -> int | None:
            table = db.table(CODES_TABLE)
            table.remove(Query().expires_at <= now_iso)
            found = table.get(Query().hash == code_hash)
            if not isinstance(found, dict):
                return None
            table.remove(doc_ids=[found.doc_id])
            return int(found["patient_id"])

        return await self._run(redeem)

    async def drop(self, patient_id: int) -> None:
        """Forget every code a patient created (erasure)."""
        await self._run(lambda db: db.table(CODES_TABLE).remove(Query().patient_id == patient_id))

    async def _run(self, action: Callable[[TinyDB], T]) -> T:
        return await self._folders.run(
            SHARED_OWNER, lambda: self._folders.use_shared(CODES_FILE, action)
        )
