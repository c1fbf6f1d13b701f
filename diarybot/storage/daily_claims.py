"""Once-a-day markers in a patient's profile (`last_reminded`, `last_weekly_chart`, …), set by
check-and-set in one turn, so a reminder or chart goes out at most once a day, and given back
when sending surely failed."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from diarybot.storage.folders import PatientFolders

if TYPE_CHECKING:  # Profiles composes this class, so it cannot be imported at run time.
    from diarybot.storage.profiles import Profiles


class DailyClaims:
    """Claims on a day, read and written through the patient's profile."""

    def __init__(self, folders: PatientFolders, profiles: Profiles) -> None:
        self._folders = folders
        self._profiles = profiles

    async def claim(
        self, user_id: int, field: str, day: date, also: Mapping[str, Any] | None = None
    ) -> tuple[bool, date | None]:
        """Set the marker `field` to `day` unless it already is, with the fields in `also`
        (same write); whether this call claimed the day, and the previous value."""
        changes = dict(also or {})
        return await self._folders.run(user_id, lambda: self._claim(user_id, field, day, changes))

    async def release(self, user_id: int, field: str, day: date, previous: date | None) -> None:
        """Undo `claim` if the marker still holds `day`."""

        def release() -> None:
            profile = self._profiles.read(user_id)
            if profile is not None and getattr(profile, field) == day:
                self._profiles.write(profile.replace(**{field: previous}))

        await self._folders.run(user_id, release)

    def _claim(
        self, user_id: int, field: str, day: date, changes: dict[str, Any]
    ) -> tuple[bool, date | None]:
        profile = self._profiles.read(user_id)
        if profile is None or getattr(profile, field) == day:
            return False, None
        previous: date | None = getattr(profile, field)
        self._profiles.write(profile.replace(**changes, **{field: day}))
        return True, previous
