"""Who had an unreadable file set aside and is still to be told (see `PatientFolders.use`)."""

from __future__ import annotations

import threading


class RecoveryNotices:
    """Who had a file set aside and has not been told yet (thread-safe)."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._pending: set[int] = set()

    def remember(self, user_id: int) -> None:
        """Keep (or put back) the notice for this person."""
        with self._guard:
            self._pending.add(user_id)

    def pending(self) -> list[int]:
        """Everyone still to be told."""
        with self._guard:
            return sorted(self._pending)

    def take(self, user_id: int) -> bool:
        """True once after this person's file was set aside, so they can be told."""
        with self._guard:
            if user_id in self._pending:
                self._pending.discard(user_id)
                return True
            return False
