"""The patient's side of sharing: their links and the requests waiting for their answer, kept
in their own `profile.json`, because the patient's consent is the one record every access is
checked against."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from tinydb import Query, TinyDB

from diarybot.domain.links import Link, ShareLevel
from diarybot.storage.folders import PatientFolders
from diarybot.storage.profiles import PROFILE_FILE, Profiles

logger = logging.getLogger(__name__)

LINKS_TABLE = "links"
PENDING_TABLE = "pending_links"

T = TypeVar("T")


class PatientLinks:
    """Links and pending requests in each patient's file; every call is one turn under the
    patient's lock, and someone without a profile has neither."""

    def __init__(self, folders: PatientFolders, profiles: Profiles) -> None:
        self._folders = folders
        self._profiles = profiles

    async def links(self, patient_id: int) -> list[Link]:
        """The specialists this patient shares with."""
        return await self._run(patient_id, lambda: self._links(patient_id, LINKS_TABLE))

    async def pending(self, patient_id: int) -> list[Link]:
        """The specialists who asked and are waiting for the patient's answer."""
        return await self._run(patient_id, lambda: self._links(patient_id, PENDING_TABLE))

    async def change(self, patient_id: int, specialist_id: int, **changes: Any) -> Link | None:
        """Change a linked specialist's link (read-modify-write); None when not linked."""

        def change() -> Link | None:
            links = self._links(patient_id, LINKS_TABLE)
            current = next((lk for lk in links if lk.specialist_id == specialist_id), None)
            if current is None:
                return None
            updated = current.replace(**changes)
            self._put(patient_id, updated, LINKS_TABLE)
            return updated

        return await self._run(patient_id, change)

    async def request(self, patient_id: int, specialist: Link) -> None:
        """Record a specialist's request, waiting for the patient's answer."""
        await self._run(patient_id, lambda: self._put(patient_id, specialist, PENDING_TABLE))

    async def accept(
        self, patient_id: int, specialist_id: int, now: datetime, level: ShareLevel
    ) -> Link | None:
        """Turn a pending request into a link sharing `level` (None if none pending)."""

        def turn_into_link() -> Link | None:
            pending = self._links(patient_id, PENDING_TABLE)
            request = next((p for p in pending if p.specialist_id == specialist_id), None)
            if request is None:
                return None
            link = Link(
                specialist_id,
                request.name,
                request.username,
                since=now,
                level=level,
                language=request.language,
            )
            self._put(patient_id, link, LINKS_TABLE)
            self._drop(patient_id, specialist_id, PENDING_TABLE)
            return link

        return await self._run(patient_id, turn_into_link)

    async def decline(self, patient_id: int, specialist_id: int) -> bool:
        """Forget a pending request; False when there was none."""
        return await self._run(
            patient_id, lambda: self._drop(patient_id, specialist_id, PENDING_TABLE)
        )

    async def unlink(self, patient_id: int, specialist_id: int) -> bool:
        """Forget a link; False when there was none."""
        return await self._run(
            patient_id, lambda: self._drop(patient_id, specialist_id, LINKS_TABLE)
        )

    async def drop_both(self, patient_id: int, specialist_id: int) -> None:
        """Forget both a link and a pending request, in one turn."""

        def drop_both() -> None:
            self._drop(patient_id, specialist_id, LINKS_TABLE)
            self._drop(patient_id, specialist_id, PENDING_TABLE)

        await self._run(patient_id, drop_both)

    # -- file work (storage threads, under the patient's lock) ----------------------------------

    async def _run(self, patient_id: int, work: Callable[[], T]) -> T:
        return await self._folders.run(patient_id, work)

    def _links(self, patient_id: int, table: str) -> list[Link]:
        if self._profiles.read(patient_id) is None:
            return []
        docs = self._folders.use(patient_id, PROFILE_FILE, lambda db: db.table(table).all())
        return _valid(docs, Link.from_doc)

    def _put(self, patient_id: int, link: Link, table: str) -> None:
        def write(db: TinyDB) -> None:
            db.table(table).upsert(link.to_doc(), Query().specialist_id == link.specialist_id)

        self._folders.use(patient_id, PROFILE_FILE, write)

    def _drop(self, patient_id: int, specialist_id: int, table: str) -> bool:
        if self._profiles.read(patient_id) is None:
            return False

        def write(db: TinyDB) -> bool:
            return bool(db.table(table).remove(Query().specialist_id == specialist_id))

        return self._folders.use(patient_id, PROFILE_FILE, write)


def _valid(docs: list[Any], parse: Callable[[dict[str, Any]], Link]) -> list[Link]:
    """Parse each stored document, skipping (and logging, without content) any that does not.

    Only a hand-edited file can hold one; it stays in the file untouched (TinyDB rewrites
    stored documents as they are), so nothing is lost by not showing it.
    """
    parsed = []
    for doc in docs:
        try:
            parsed.append(parse(dict(doc)))
        except (KeyError, TypeError, ValueError):
            # No traceback: its message could quote the record.
            logger.error(  # noqa: TRY400
                "Skipped a stored record that does not parse (doc id %s)", doc.doc_id
            )
    return parsed
