"""When to point a patient to their care team or emergency services (pure, thresholds here).

The bot gives no medical advice; these checks only decide when to add a calm pointer to people
who can help. Thresholds live here so they are reviewed in one place.
"""

from __future__ import annotations

import re
import unicodedata

HIGH_SCORE = 9  # 9 and 10: "worst pain imaginable" territory on the NRS

_EMERGENCY = re.compile(
    r"\b("
    r"suicid\w*|kill (?:my ?self|me)|end (?:it all|my life)|want to die|self[- ]harm|"
    r"overdos\w*|chest pain|can'?t breathe|cannot breathe|unconscious|passed out|"
    r"emergency|call (?:an )?ambulance|stroke|heart attack|fainted"
    r")\b",
    re.IGNORECASE,
)


def is_high_score(score: int) -> bool:
    """Whether a score is high enough to add the care-team pointer."""
    return score >= HIGH_SCORE


def sounds_like_emergency(text: str) -> bool:
    """Whether free text reads like an emergency (deliberately broad: a false alarm is cheap)."""
    cleaned = unicodedata.normalize("NFKC", text).replace("’", "'")
    return bool(_EMERGENCY.search(cleaned))
