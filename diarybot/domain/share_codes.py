"""One-time sharing codes and the limit on wrong guesses (pure).

A code is what a patient hands their specialist; only its hash is ever stored. Codes come from
the OS's CSPRNG, are long enough that guessing is hopeless at the allowed rate, single-use and
short-lived (OWASP's advice for such tokens).
"""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta

# No 0/O, 1/I/L: codes are read aloud and typed from paper.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10  # 31**10 ≈ 8e14 codes; with 5 wrong guesses an hour, guessing is hopeless
CODE_LIFETIME = timedelta(hours=24)
MAX_WRONG_CODES = 5
WRONG_CODE_WINDOW = timedelta(hours=1)


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

    Users whose window has emptied are forgotten, so the table holds only recent guessers.
    """

    limit: int = MAX_WRONG_CODES
    window: timedelta = WRONG_CODE_WINDOW
    _failures: dict[int, deque[datetime]] = field(default_factory=dict)

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
        for other in [u for u, f in self._failures.items() if now - f[-1] >= self.window]:
            del self._failures[other]
