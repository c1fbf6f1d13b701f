"""The latest settings of the patients seen most recently, kept in memory: every update reads
them, often twice, and a hop to a storage thread costs more than the read itself."""

from __future__ import annotations

from collections import OrderedDict

from diarybot.domain.people import Profile

#: Settings kept in memory: every update reads them, often twice.
PROFILES_CACHED = 10_000


class ProfileCache:
    """At most `PROFILES_CACHED` profiles, the least recently used dropped first.

    `Profiles` sets a copy only after the file is written (or read), so it never runs ahead
    of the disk.
    """

    def __init__(self) -> None:
        self._known: OrderedDict[int, Profile] = OrderedDict()

    def get(self, user_id: int) -> Profile | None:
        """The copy in memory, or None."""
        return self._known.get(user_id)

    def remember(self, user_id: int, profile: Profile | None) -> None:
        """Keep this copy (None: the patient has no profile, so drop any copy)."""
        if profile is None:
            self._known.pop(user_id, None)
            return
        self._known[user_id] = profile
        self._known.move_to_end(user_id)
        while len(self._known) > PROFILES_CACHED:
            self._known.popitem(last=False)

    def forget(self, user_id: int) -> None:
        """Drop the copy (erasure)."""
        self._known.pop(user_id, None)

    def __len__(self) -> int:
        return len(self._known)
