"""Reading what patients write in their own words (pure): a score with a note, number words,
and notes too long for one entry.

Number words are data, one table per language code, so a translation adds "siete" or "sieben"
by adding a table, not code.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from diarybot.domain.entries import MAX_SCORE, MIN_SCORE, NOTE_MAX_CHARS

DEFAULT_LANGUAGE = "en"

#: The words for 0–10 that patients type instead of digits, per language code.
NUMBER_WORDS: dict[str, dict[str, int]] = {
    "en": {
        "zero": 0,
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
    },
}

# A score first: digits or one word, an optional "/10" or "out of 10", then either the end or a
# separator and the note. The note must not start with a digit, so "7.5", "7 5" or "12 3" are
# never half-read as a score.
_LEADING = re.compile(
    r"^\s*(?P<score>\d{1,2}|[^\W\d_]+)"
    r"(?:\s*/\s*10|\s+out\s+of\s+(?:10|ten))?"
    r"(?:[\s.!]*$|(?:\s*[-–—:,;.!]\s*|\s+)(?P<note>[^\d\s].*))",
    re.DOTALL | re.IGNORECASE,
)


@dataclass(frozen=True)
class ScoredText:
    """A score read from free text, and the rest of it as the note ("" when there is none)."""

    score: int
    note: str = ""


def read_score_and_note(text: str, language: str = DEFAULT_LANGUAGE) -> ScoredText | None:
    """`6`, `6/10`, `seven`, `6 knee bad again`, `6/10 knee`, `6 - knee`: a score and a note.

    None when the text does not start with a 0–10 score (it is then a note for the patient to
    place). Only ASCII digits count as digits: a patient should see exactly what was stored.
    """
    cleaned = unicodedata.normalize("NFC", text)
    match = _LEADING.match(cleaned)
    if match is None:
        return None
    score = _score_word(match.group("score"), language)
    if score is None:
        return None
    return ScoredText(score, (match.group("note") or "").strip())


_NUMBER_ONLY = re.compile(r"^\s*[-+]?\d+(?:[.,]\d*)?\s*(?:/\s*\d+)?\s*$")


def is_bad_number(text: str) -> bool:
    """A number alone that is not a 0–10 score (`11`, `-1`, `7.5`, `12/10`): a typing slip to
    point out, not words to keep."""
    return _NUMBER_ONLY.match(text) is not None and read_score_and_note(text) is None


def read_score_word(word: str, language: str = DEFAULT_LANGUAGE) -> int | None:
    """One word that is a score: `6`, `6/10`, `seven`, `seven/10`; None for anything else."""
    number, slash, ten = word.partition("/")
    if slash and ten != "10":
        return None
    return _score_word(number, language)


def _score_word(word: str, language: str) -> int | None:
    if word.isascii() and word.isdigit():
        value = int(word)
        return value if MIN_SCORE <= value <= MAX_SCORE else None
    words = NUMBER_WORDS.get(language, NUMBER_WORDS[DEFAULT_LANGUAGE])
    return words.get(word.casefold())


def split_note(text: str, limit: int = NOTE_MAX_CHARS) -> list[str]:
    """Text cut into notes of at most `limit` characters, at a line or word break where there
    is one in the second half of a piece; nothing is dropped except the whitespace at a cut."""
    pieces: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        cut = _break_before(rest, limit)
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def _break_before(text: str, limit: int) -> int:
    for separator in ("\n", " "):
        at = text.rfind(separator, limit // 2, limit)
        if at > 0:
            return at
    return limit


def join_notes(old: str, new: str) -> str:
    """A note added to an entry's note: kept below it on a new line, never replacing it."""
    return f"{old}\n{new}" if old else new


def continuation_id(base_id: str, index: int) -> str:
    """The id of the `index`th extra note split off an entry: derived from the entry's id, so
    storing the same message twice (a redelivered update) stores each piece once."""
    return hashlib.sha256(f"{base_id}/{index}".encode()).hexdigest()[:10]
