"""When a patient's message or score calls for a pointer to their care team, emergency
services or a crisis line (pure): every language's phrase lists applied to one message.

The bot gives no medical advice; these checks only decide when to add a calm pointer to people
who can help. What counts as alarming is DATA, kept where a clinician can review it without
reading code: `safety_data/<language>.toml` (phrases by kind, the everyday idioms and the
negations that must not alarm); the files say how, in words. How one language's file reads a
message is `crisis_matching`; whom the reply points to is `crisis_lines`.

Every language file is applied to every message: a patient may write in any language whatever
their Telegram settings say, and a false alarm costs one calm message.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

from diarybot.domain.crisis_lines import CRISIS_LINES_FILE, DATA_FOLDER, DATA_PACKAGE
from diarybot.domain.crisis_matching import BLANKED, Concern, Language, words

HIGH_SCORE = 9  # 9 and 10: "worst pain imaginable" territory on the NRS


def is_high_score(score: int) -> bool:
    """Whether a score is high enough to add the care-team pointer."""
    return score >= HIGH_SCORE


def concerns(text: str) -> frozenset[Concern]:
    """What `text` reads like, in any language we have a list for (empty: nothing alarming)."""
    # An idiom is an idiom whichever list reads it: "casi me da un infarto" (a fright) must not
    # alarm through the Portuguese "infarto" either. The message is normalised and every
    # language's idioms blanked once; each language then reads that line.
    line = words(text)
    every_idiom = _every_idiom()
    if every_idiom is not None:
        line = every_idiom.sub(BLANKED, line)
    found: set[Concern] = set()
    for language in _languages():
        found |= language.concerns_in(line)
    return frozenset(found)


def sounds_like_emergency(text: str) -> bool:
    """Whether free text reads like self-harm or a medical emergency."""
    return bool(concerns(text))


# -- the data files ----------------------------------------------------------------------------


def _data_files() -> list[tuple[str, str]]:
    folder = resources.files(DATA_PACKAGE).joinpath(DATA_FOLDER)
    return sorted(
        (entry.name, entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".toml")
    )


@cache
def _languages() -> tuple[Language, ...]:
    """Every language file (all but the crisis lines), compiled once."""
    return tuple(
        Language.from_data(tomllib.loads(text))
        for name, text in _data_files()
        if name != CRISIS_LINES_FILE
    )


@cache
def _every_idiom() -> re.Pattern[str] | None:
    """The idioms of every language file as one pattern."""
    patterns = [language.idioms.pattern for language in _languages() if language.idioms]
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


def languages() -> tuple[str, ...]:
    """The language codes we have phrase lists for."""
    return tuple(language.code for language in _languages())
