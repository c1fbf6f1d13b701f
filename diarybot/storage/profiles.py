"""Patients' settings (`profile.json`): read and written here, with a memory copy
(`profile_cache.py`) and once-a-day markers (`daily_claims.py`) composed in."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from datetime import date
from typing import Any

from tinydb import TinyDB

from diarybot.domain.people import Profile
from diarybot.storage.atomic import CorruptFileError, StorageError, parse_file
from diarybot.storage.daily_claims import DailyClaims
from diarybot.storage.folders import PatientFolders
from diarybot.storage.profile_cache import ProfileCache

logger = logging.getLogger(__name__)

PROFILE_FILE = "profile.json"
PROFILE_TABLE = "profile"


class Profiles:
    """Each patient's settings, with the latest ones kept in memory (`ProfileCache`) and the
    once-a-day markers claimed through `DailyClaims`.

    A hop to a storage thread for a few hundred bytes costs the loop more than the read itself,
    so `get` answers from memory when nothing of this patient's is queued (a queued write might
    change the profile, so then it waits its turn). The memory copy is set only after the file
    is written, so it never runs ahead of the disk.
    """

    def __init__(self, folders: PatientFolders) -> None:
        self._folders = folders
        self._known = ProfileCache()
        self._claims = DailyClaims(folders, self)

    async def get(self, user_id: int) -> Profile | None:
        """The patient's settings, or None for someone who never started the bot."""
        known = self._known.get(user_id)
        if known is not None and not self._folders.busy(user_id):
            return known
        return await self._folders.run(user_id, lambda: self.read(user_id))

    async def save(self, profile: Profile) -> None:
        """Write the whole profile."""
        await self._folders.run(profile.user_id, lambda: self.write(profile))

    async def update(self, user_id: int, **changes: Any) -> Profile | None:
        """Change some settings (read-modify-write in one turn); None if there is no profile."""
        return await self._folders.run(user_id, lambda: self._update(user_id, changes))

    async def claim_day(
        self, user_id: int, field: str, day: date, also: Mapping[str, Any] | None = None
    ) -> tuple[bool, date | None]:
        """Set a once-a-day marker (`last_reminded`, …) to `day` unless it already is, and
        the fields in `also` with it (in the same write).

        Returns whether this call claimed the day and the previous value, so a sender that then
        fails for sure can give the day back (`release_day`). Check and set are one turn.
        """
        return await self._claims.claim(user_id, field, day, also)

    async def release_day(
        self, user_id: int, field: str, day: date, previous: date | None
    ) -> None:
        """Undo `claim_day` if the marker still holds `day`."""
        await self._claims.release(user_id, field, day, previous)

    async def all(self) -> list[Profile]:
        """Every readable profile, loaded on one storage thread (start-up).

        One thread, not all of them: parsing is Python work that holds the GIL, and four
        threads contending for it took three times as long (10 000 profiles: 1.3 s vs 0.4 s).
        """
        return await asyncio.to_thread(self._load_all)

    def forget(self, user_id: int) -> None:
        """Drop the memory copy (erasure)."""
        self._known.forget(user_id)

    # -- file work (storage threads, under the patient's lock) ----------------------------------

    def read(self, user_id: int) -> Profile | None:
        """Read the profile from its file (`get` is the async way)."""
        path = self._folders.folder(user_id) / PROFILE_FILE

        def parse(db: TinyDB) -> Profile | None:
            docs = db.table(PROFILE_TABLE).all()
            if not docs:
                return None
            try:
                return Profile.from_doc(dict(docs[0]))
            except (KeyError, TypeError, ValueError) as exc:
                # Valid JSON but not a profile (edited by hand): nothing can be done safely
                # for this patient without valid settings, so it is treated like a torn file.
                raise CorruptFileError(path) from exc

        with self._folders.lock(user_id):  # so the memory copy is never stale
            profile = self._folders.use_existing(user_id, PROFILE_FILE, parse, None)
            self._known.remember(user_id, profile)
            return profile

    def write(self, profile: Profile) -> None:
        """Write the profile to its file (`save` is the async way)."""

        def put(db: TinyDB) -> None:
            table = db.table(PROFILE_TABLE)
            if table.contains(doc_id=1):
                table.update(profile.to_doc(), doc_ids=[1])
            else:
                table.insert(profile.to_doc())

        with self._folders.lock(profile.user_id):
            self._folders.use(profile.user_id, PROFILE_FILE, put)
            self._known.remember(profile.user_id, profile)

    def _update(self, user_id: int, changes: dict[str, Any]) -> Profile | None:
        profile = self.read(user_id)
        if profile is None:
            return None
        updated = profile.replace(**changes)
        self.write(updated)
        return updated

    def _load_all(self) -> list[Profile]:
        profiles = []
        for user_id in self._folders.owners():
            try:
                profile = self._at_startup(user_id)
            except Exception as exc:
                # One unreadable patient must not stop everyone else's reminders. The message
                # could quote a field of the file, so only its type is logged.
                logger.error(  # noqa: TRY400 - a traceback could quote the file
                    "Could not load the profile in folder %s: %s", user_id, type(exc).__name__
                )
                continue
            if profile is not None:
                profiles.append(profile)
        return profiles

    def _at_startup(self, user_id: int) -> Profile | None:
        """The profile parsed straight from its file: opening a TinyDB per patient costs more
        than parsing the file itself. Anything unusual goes the normal way, which sets bad
        files aside and tells the patient."""
        path = self._folders.folder(user_id) / PROFILE_FILE
        try:
            docs = parse_file(path.read_bytes(), path).get(PROFILE_TABLE) or {}
            return Profile.from_doc(dict(next(iter(docs.values())))) if docs else None
        except FileNotFoundError:
            return None
        except (StorageError, OSError, KeyError, TypeError, ValueError, StopIteration):
            return self.read(user_id)
