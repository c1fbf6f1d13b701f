"""Reading what patients write in their own words (pure): a score with a note, number words,
and notes too long for one entry.

Number words are data (diarybot/domain/number_words.py), one table per language code, so a
language adds "siete" or "sieben" by adding a table, not code. Every table is read whatever the
patient's language; their own language's table wins if two tables ever disagree on a word.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from diarybot.domain.entries import MAX_SCORE, MIN_SCORE, NOTE_MAX_CHARS
from diarybot.domain.folding import fold
from diarybot.domain.number_words import AMBIGUOUS, NUMBER_WORDS, OUT_OF

DEFAULT_LANGUAGE = "en"


def _alternatives(words: Iterable[str]) -> str:
    """A regex alternation of `words`, longest first, spaces matching any run of spaces."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


# "out of ten" in every language, after a score ("7 de 10", "sieben von zehn", "семь из 10").
_TENS = ("10", *(w for table in NUMBER_WORDS.values() for w, n in table.items() if n == 10))
_OUT_OF = _alternatives(p for phrases in OUT_OF.values() for p in phrases)
# A score first: digits or one word, an optional "/10" or "out of 10", then either the end or a
# separator and the note. The note must not start with a digit, so "7.5", "7 5" or "12 3" are
# never half-read as a score.
_LEADING = re.compile(
    r"^\s*(?P<score>\d{1,2}|[^\W\d_]+)"
    rf"(?P<scale>\s*/\s*10|\s+(?:{_OUT_OF})\s+(?:{_alternatives(_TENS)}|десяти))?"
    r"(?:[\s.!]*$|(?P<separator>\s*[-–—:,;.!]\s*|\s+)(?P<note>[^\d\s].*))",
    re.DOTALL | re.IGNORECASE,
)
# What may follow an ambiguous word ("un", "une", "um") for it to be a score: a dash or colon
# ("um - joelho"), never a space or comma ("un poco de dolor", "une, deux").
_FIRM_SEPARATOR = frozenset("-–—:")


@dataclass(frozen=True)
class ScoredText:
    """A score read from free text, and the rest of it as the note ("" when there is none)."""

    score: int
    note: str = ""


def read_score_and_note(text: str, language: str = DEFAULT_LANGUAGE) -> ScoredText | None:
    """`6`, `6/10`, `seven`, `siete`, `6 knee bad again`, `siete rodilla mal`, `8 de 10`,
    `6 - knee`: a score and a note.

    None when the text does not start with a 0–10 score (it is then a note for the patient to
    place). Only ASCII digits count as digits: a patient should see exactly what was stored. A
    word that is also an article or adjective ("un poco de dolor", "une journée", "neuf jours")
    is a score with the scale ("una de 10"), or alone or before a dash or colon when it is a
    word of the patient's own `language` (number_words.AMBIGUOUS).
    """
    cleaned = unicodedata.normalize("NFC", text)
    match = _LEADING.match(cleaned)
    if match is None:
        return None
    found = _score_word(match.group("score"), language)
    if found is None:
        return None
    note = (match.group("note") or "").strip()
    if found.ambiguous and not match.group("scale"):
        # Alone or before a dash, and only in the patient's own language: "um" is one in
        # Portuguese but "um, not sure" in English.
        firm = not note or (match.group("separator") or "").strip() in _FIRM_SEPARATOR
        if not (firm and found.own_language):
            return None
    return ScoredText(found.score, note)


_NUMBER_ONLY = re.compile(r"^\s*[-+]?\d+(?:[.,]\d*)?\s*(?:/\s*\d+)?\s*$")


def is_bad_number(text: str) -> bool:
    """A number alone that is not a 0–10 score (`11`, `-1`, `7.5`, `12/10`): a typing slip to
    point out, not words to keep."""
    return _NUMBER_ONLY.match(text) is not None and read_score_and_note(text) is None


def read_score_word(word: str, language: str = DEFAULT_LANGUAGE) -> int | None:
    """One word that is a score: `6`, `6/10`, `seven`, `siete/10`; None for anything else.

    A word that is also an article ("un", "eine") counts only with "/10": alone among other
    words ("/log un poco mejor") it is the start of a note.
    """
    number, slash, ten = word.partition("/")
    if slash and ten != "10":
        return None
    found = _score_word(number, language)
    if found is None or (found.ambiguous and not slash):
        return None
    return found.score


@dataclass(frozen=True)
class _Number:
    score: int
    ambiguous: bool  # also an article, adjective or pronoun somewhere (number_words.AMBIGUOUS)
    own_language: bool  # a word of the patient's language (digits count as everyone's)


def _score_word(word: str, language: str) -> _Number | None:
    """The score a word means, read in the patient's language first, then in every other."""
    if word.isascii() and word.isdigit():
        value = int(word)
        return _Number(value, False, True) if MIN_SCORE <= value <= MAX_SCORE else None
    folded = fold(word)
    for code in _reading_order(language):
        for spelling, value in NUMBER_WORDS[code].items():
            if fold(spelling) == folded:
                ambiguous = any(fold(w) == folded for ws in AMBIGUOUS.values() for w in ws)
                return _Number(value, ambiguous, code == language)
    return None


def _reading_order(language: str) -> list[str]:
    """The patient's own language first, then every other table."""
    first = [language] if language in NUMBER_WORDS else []
    return first + [code for code in NUMBER_WORDS if code != language]


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
