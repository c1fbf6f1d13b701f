"""Who has a chart or report being prepared: at most one per user.

Two render workers serve everyone. A user who asks for `/export all` again and again, or for a
chart while their export is still drawing, would otherwise take both and make everyone else's
charts and weekly summaries wait. A second request while one is in flight is answered "already
working on it" instead (`bot/report_delivery.py`).
"""

from __future__ import annotations


class InFlight:
    """The users with a render in flight (only those: the set empties as renders finish)."""

    def __init__(self) -> None:
        self._users: set[int] = set()

    def claim(self, user_id: int) -> bool:
        """Take this user's one place; False when they already have a render in flight."""
        if user_id in self._users:
            return False
        self._users.add(user_id)
        return True

    def release(self, user_id: int) -> None:
        """Their render finished (or failed): they may ask again."""
        self._users.discard(user_id)

    def __len__(self) -> int:
        return len(self._users)
