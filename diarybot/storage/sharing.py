"""Consented sharing with specialists: requests, links, codes, and the one authorization check.

Deny by default: a specialist reaches a patient's data only while the patient's own file lists
them as linked. Links and pending requests live in the patient's `profile.json`
(`PatientLinks`), because the patient's consent is the one record every access is checked
against; the specialist's index (`Specialists`) only decides whom to list and schedule, and
share codes live in their own index (`ShareCodes`). `Sharing` keeps the three in step.
"""

from __future__ import annotations

from datetime import datetime

from diarybot.domain.links import Link, ShareLevel
from diarybot.domain.people import Profile, Specialist
from diarybot.domain.share_codes import CODE_LIFETIME, hash_code, new_code
from diarybot.storage.patient_links import PatientLinks
from diarybot.storage.profiles import Profiles
from diarybot.storage.share_codes import ShareCodes
from diarybot.storage.specialists import Specialists


class Sharing:
    """Who shares with whom, kept in both directions and checked on the patient's side."""

    def __init__(
        self,
        links: PatientLinks,
        profiles: Profiles,
        specialists: Specialists,
        codes: ShareCodes,
    ) -> None:
        self._links = links
        self._profiles = profiles
        self._specialists = specialists
        self._codes = codes

    async def links(self, patient_id: int) -> list[Link]:
        """The specialists this patient shares with."""
        return await self._links.links(patient_id)

    async def pending(self, patient_id: int) -> list[Link]:
        """The specialists who asked and are waiting for the patient's answer."""
        return await self._links.pending(patient_id)

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
        return await self._links.change(patient_id, specialist_id, level=level)

    async def set_plan(
        self, patient_id: int, specialist_id: int, plan: str, at: datetime | None = None
    ) -> Link | None:
        """Store a linked specialist's plan note (written `at`); None when not linked."""
        return await self._links.change(patient_id, specialist_id, plan=plan, plan_at=at)

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
        await self._links.request(patient_id, specialist)

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
        link = await self._links.accept(patient_id, specialist_id, now, level)
        if link is not None:
            # A specialist new to us speaks the language their request came in.
            first = defaults.replace(language=link.language or defaults.language)
            await self._specialists.reindex(specialist_id, first, add=patient_id)
        return link

    async def decline(self, patient_id: int, specialist_id: int) -> bool:
        """The patient says no (or withdraws a request): forget it."""
        return await self._links.decline(patient_id, specialist_id)

    async def unlink(self, patient_id: int, specialist_id: int) -> bool:
        """Stop sharing with one specialist, effective for every later access."""
        removed = await self._links.unlink(patient_id, specialist_id)
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
        await self._links.drop_both(patient_id, specialist_id)
