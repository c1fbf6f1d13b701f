"""Consented sharing with specialists: requests, links, codes, and the one authorization check.

Deny by default: a specialist reaches a patient's data only while the patient's own file lists
them as linked. Links and pending requests live in the patient's `profile.json`, because the
patient's consent is the one record every access is checked against; the specialist's index
(`Specialists`) only decides whom to list and schedule.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from tinydb import Query, TinyDB

from diarybot.domain.people import Link, Profile, ShareLevel, Specialist
from diarybot.domain.share_codes import CODE_LIFETIME, hash_code, new_code
from diarybot.storage.folders import PatientFolders
from diarybot.storage.profiles import PROFILE_FILE, Profiles
from diarybot.storage.share_codes import ShareCodes
from diarybot.storage.specialists import Specialists

logger = logging.getLogger(__name__)

LINKS_TABLE = "links"
PENDING_TABLE = "pending_links"

T = TypeVar("T")


class Sharing:
    """Who shares with whom, kept in both directions and checked on the patient's side."""

    def __init__(
        self,
        folders: PatientFolders,
        profiles: Profiles,
        specialists: Specialists,
        codes: ShareCodes,
    ) -> None:
        self._folders = folders
        self._profiles = profiles
        self._specialists = specialists
        self._codes = codes

    async def links(self, patient_id: int) -> list[Link]:
        """The specialists this patient shares with."""
        return await self._run(patient_id, lambda: self._links(patient_id, LINKS_TABLE))

    async def pending(self, patient_id: int) -> list[Link]:
        """The specialists who asked and are waiting for the patient's answer."""
        return await self._run(patient_id, lambda: self._links(patient_id, PENDING_TABLE))

    async def is_linked(self, patient_id: int, specialist_id: int) -> bool:
        """The one authorization check: does the patient's own file list this specialist?"""
        return await self.link(patient_id, specialist_id) is not None

    async def link(self, patient_id: int, specialist_id: int) -> Link | None:
        """This specialist's link in the patient's own file (with what it shares), or None."""
        links = await self.links(patient_id)
        return next((lk for lk in links if lk.specialist_id == specialist_id), None)

    async def set_level(
        self, patient_id: int, specialist_id: int, level: ShareLevel
    ) -> Link | None:
        """Change what a linked specialist receives; None when they are not linked."""
        return await self._change_link(patient_id, specialist_id, level=level)

    async def set_plan(
        self, patient_id: int, specialist_id: int, plan: str, at: datetime | None = None
    ) -> Link | None:
        """Store a linked specialist's plan note (written `at`); None when not linked."""
        return await self._change_link(patient_id, specialist_id, plan=plan, plan_at=at)

    async def _change_link(
        self, patient_id: int, specialist_id: int, **changes: Any
    ) -> Link | None:
        def change() -> Link | None:
            links = self._links(patient_id, LINKS_TABLE)
            current = next((lk for lk in links if lk.specialist_id == specialist_id), None)
            if current is None:
                return None
            updated = current.replace(**changes)
            self._put(patient_id, updated, LINKS_TABLE)
            return updated

        return await self._run(patient_id, change)

    async def linked_patients(self, specialist_id: int) -> list[Profile]:
        """The patients who share with this specialist now (the index checked against consent)."""
        specialist = await self._specialists.get(specialist_id)
        found = []
        for patient_id in specialist.patients if specialist else ():
            profile = await self._profiles.get(patient_id)
            if profile is not None and await self.is_linked(patient_id, specialist_id):
                found.append(profile)
        return found

    async def create_code(self, patient_id: int, now: datetime) -> str:
        """A new single-use code for this patient, valid for 24 hours (replacing older ones)."""
        code = new_code()
        await self._codes.add(hash_code(code), patient_id, (now + CODE_LIFETIME).isoformat())
        return code

    async def redeem_code(self, code: str, now: datetime) -> int | None:
        """The patient a code belongs to, consuming it; None for unknown, used or expired."""
        return await self._codes.redeem(hash_code(code), now.isoformat())

    async def request(self, patient_id: int, specialist: Link) -> None:
        """Record a specialist's request; nothing is shared until the patient confirms it."""
        await self._run(patient_id, lambda: self._put(patient_id, specialist, PENDING_TABLE))

    async def confirm(
        self,
        patient_id: int,
        specialist_id: int,
        defaults: Specialist,
        now: datetime,
        level: ShareLevel = ShareLevel.SUMMARY,
    ) -> Link | None:
        """The patient says yes, choosing what is shared: their pending request becomes a link
        (None if none pending)."""

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

        link = await self._run(patient_id, turn_into_link)
        if link is not None:
            # A specialist new to us speaks the language their request came in.
            first = defaults.replace(language=link.language or defaults.language)
            await self._specialists.reindex(specialist_id, first, add=patient_id)
        return link

    async def decline(self, patient_id: int, specialist_id: int) -> bool:
        """The patient says no (or withdraws a request): forget it."""
        return await self._run(
            patient_id, lambda: self._drop(patient_id, specialist_id, PENDING_TABLE)
        )

    async def unlink(self, patient_id: int, specialist_id: int) -> bool:
        """Stop sharing with one specialist, effective for every later access."""
        removed = await self._run(
            patient_id, lambda: self._drop(patient_id, specialist_id, LINKS_TABLE)
        )
        await self._specialists.reindex(specialist_id, None, remove=patient_id)
        return removed

    async def forget_person(self, user_id: int) -> None:
        """Remove a person's sharing in both directions (before their folder is erased)."""
        for link in await self.links(user_id):
            await self._specialists.reindex(link.specialist_id, None, remove=user_id)
        specialist = await self._specialists.get(user_id)
        for patient_id in specialist.patients if specialist else ():
            await self.unlink_quietly(patient_id, user_id)
        await self._codes.drop(user_id)

    async def unlink_quietly(self, patient_id: int, specialist_id: int) -> None:
        """Drop both a link and a pending request (the specialist erased their data)."""

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
