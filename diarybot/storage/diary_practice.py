"""The practice records kept in a patient's `diary.json`: guided exercise sessions and weekly
PEG answers, each stored under its own id (saving one again replaces it)."""

from __future__ import annotations

from typing import Any

from tinydb import Query, TinyDB

from diarybot.domain.practice import ExerciseSession, PegResponse
from diarybot.storage.diary_layout import DIARY_FILE, PEG_TABLE, SESSIONS_TABLE
from diarybot.storage.folders import PatientFolders


class PracticeRecords:
    """Exercise sessions and PEG responses, in the order they were first stored."""

    def __init__(self, folders: PatientFolders) -> None:
        self._folders = folders

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

    async def _put(self, user_id: int, table: str, doc: dict[str, Any]) -> None:
        def write(db: TinyDB) -> None:
            db.table(table).upsert(doc, Query().id == doc["id"])

        await self._folders.run(user_id, lambda: self._folders.use(user_id, DIARY_FILE, write))

    async def _records(self, user_id: int, table: str) -> list[dict[str, Any]]:
        def read(db: TinyDB) -> list[dict[str, Any]]:
            return [dict(d) for d in db.table(table).all()]

        return await self._folders.run(
            user_id, lambda: self._folders.use_existing(user_id, DIARY_FILE, read, [])
        )
