"""One-time sharing codes and the limit on wrong guesses (pure).

A code is what a patient hands their specialist; only its hash is ever stored. Codes come from
the OS's CSPRNG, are long enough that guessing is hopeless at the allowed rate, single-use and
short-lived (OWASP's advice for such tokens).
"""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta

# No 0/O, 1/I/L: codes are read aloud and typed from paper.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10  # 31**10 ≈ 8e14 codes; with 5 wrong guesses an hour, guessing is hopeless
CODE_LIFETIME = timedelta(hours=24)
MAX_WRONG_CODES = 5
WRONG_CODE_WINDOW = timedelta(hours=1)
#: Users with recent wrong codes kept in memory (a few hundred bytes each).
MAX_GUESSERS_TRACKED = 10_000


def new_code() -> str:
    """A fresh one-time code from the OS's CSPRNG."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code: str) -> str:
    """Grouped for reading: ABCDE-FGHJK."""
    return f"{code[:5]}-{code[5:]}"


def normalize_code(text: str) -> str | None:
    """What a specialist typed, as a code (case, spaces and dashes forgiven), or None."""
    cleaned = unicodedata.normalize("NFKC", text).upper().replace("-", "").replace(" ", "")
    if len(cleaned) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in cleaned):
        return None
    return cleaned


def hash_code(code: str) -> str:
    """Only hashes are stored: a copy of the data folder does not hand out live codes."""
    return hashlib.sha256(code.encode()).hexdigest()


@dataclass
class AttemptLimiter:
    """Wrong link codes per user in a sliding window (in memory: a restart forgives).

    Users whose window has emptied are forgotten, so the table holds only recent guessers, and
    never more than `max_users` of them: past that, whoever guessed wrong longest ago is
    forgotten first (each Telegram account still gets only `limit` guesses an hour; evicting
    one's own record would take `max_users` other accounts).
    """

    limit: int = MAX_WRONG_CODES
    window: timedelta = WRONG_CODE_WINDOW
    max_users: int = MAX_GUESSERS_TRACKED
    # Ordered by each user's latest wrong code, oldest first: expiry and eviction pop the front.
    _failures: OrderedDict[int, deque[datetime]] = field(default_factory=OrderedDict)

    def blocked(self, user_id: int, now: datetime) -> bool:
        """Whether this user has used up their wrong guesses for now."""
        failures = self._failures.get(user_id)
        if failures is None:
            return False
        while failures and now - failures[0] >= self.window:
            failures.popleft()
        if not failures:
            del self._failures[user_id]
            return False
        return len(failures) >= self.limit

    def failed(self, user_id: int, now: datetime) -> None:
        """Record one wrong code (and forget everyone whose window has passed)."""
        self._failures.setdefault(user_id, deque()).append(now)
        self._failures.move_to_end(user_id)
        while self._failures:
            oldest, failures = next(iter(self._failures.items()))
            if now - failures[-1] < self.window and len(self._failures) <= self.max_users:
                break
            del self._failures[oldest]

    def __len__(self) -> int:
        return len(self._failures)
