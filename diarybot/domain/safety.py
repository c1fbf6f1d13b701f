"""When to point a patient to their care team or emergency services (pure, thresholds here).

The bot gives no medical advice; these checks only decide when to add a calm pointer to people
who can help. Thresholds live here so they are reviewed in one place.
"""

from __future__ import annotations

import re
import unicodedata

HIGH_SCORE = 9  # 9 and 10: "worst pain imaginable" territory on the NRS

# Whole words and phrases, case-insensitive, after NFKC and with every apostrophe made "'".
# Plurals and common ways of saying the same thing count ("chest pains", "can not breathe",
# "killing myself"): a patient in trouble does not choose their words for a regex.
_EMERGENCY = re.compile(
    r"\b("
    r"suicid\w*|kill(?:ing)? (?:my ?self|me)|end(?:ing)? (?:it all|my life)|"
    r"take my (?:own )?life|want(?:ed)? to die|self[- ]?harm\w*|(?:hurt|harm)(?:ing)? my ?self|"
    r"(?:do not|don't|dont) want to (?:live|be alive|be here|wake up)|no reason to live|"
    r"better off (?:\w+ ){0,5}dead|"
    r"overdos\w*|chest pains?|"
    r"(?:can'?t|cannot|can not|unable to|struggling to|hard to|trouble) breathe?|"
    r"(?:difficulty|trouble|problems?) breathing|short(?:ness)? of breath|"
    r"unconscious|passed out|fainted|collapsed|"
    r"emergency|call (?:an )?ambulance|stroke|heart attack"
    r")\b",
    re.IGNORECASE,
)
_APOSTROPHES = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"}
)


def is_high_score(score: int) -> bool:
    """Whether a score is high enough to add the care-team pointer."""
    return score >= HIGH_SCORE


def sounds_like_emergency(text: str) -> bool:
    """Whether free text reads like an emergency (deliberately broad: a false alarm is cheap)."""
    cleaned = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)
    return bool(_EMERGENCY.search(cleaned))
