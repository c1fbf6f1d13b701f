"""How a message is read against one language's crisis phrase lists (pure): normalising the
words, compiling a language file's phrases, and telling a negated phrase ("no chest pain")
from one that is not. `diarybot.domain.safety` applies every language; the syntax of the
phrases is described in `safety_data/en.toml`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from diarybot.domain.folding import fold

_APOSTROPHES = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'", "\u2032": "'"}
)
# Numbers first (so "2.5" stays one word), then words, then what ends a clause.
_TOKENS = re.compile(r"\d+(?:[.,]\d+)*|[\w']+|[.,;:!?\n]")
CLAUSE_END = "|"
BLANKED = "~"
GAP_WORDS = 4
# Characters around a match searched for a negation (far more than a few words take).
NEGATION_REACH = 200


class Concern(StrEnum):
    """What a message sounds like; the data files group their phrases by these names."""

    SELF_HARM = "self_harm"
    MEDICAL_EMERGENCY = "medical_emergency"


def words(text: str) -> str:
    """`text` as the phrase lists are written: folded (no case, no accents), no apostrophes,
    one space between words, and "|" where a clause ends."""
    cleaned = fold(text.translate(_APOSTROPHES))
    pieces = (
        CLAUSE_END if piece in ".,;:!?\n" else piece.replace("'", "")
        for piece in _TOKENS.findall(cleaned)
    )
    return " ".join(piece for piece in pieces if piece)


def _phrase_pattern(phrase: str) -> str:
    """The regular expression for one phrase of the data files (syntax: see en.toml)."""
    parts: list[str] = []
    for raw in phrase.split():
        if raw == "...":
            parts.append(rf"(?:[^ |]+ ){{0,{GAP_WORDS}}}")
        elif raw == "#":
            parts.append(r"\d[\d.,]* ")
        else:
            word = words(raw.rstrip("*"))
            stem = re.escape(word).replace(r"\ ", " ")
            parts.append(f"{stem}[^ |]* " if raw.endswith("*") else f"{stem} ")
    return "".join(parts).rstrip()


def _alternatives(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for `phrases`, each matching whole words only. The word boundaries stand
    once around all of them: repeated inside every alternative they made each search several
    times slower, and every message is searched by every language's lists."""
    patterns = [_phrase_pattern(p) for p in phrases]
    if not patterns:
        return None
    return re.compile(r"(?<![^ ])(?:" + "|".join(patterns) + r")(?![^ ])")


@dataclass(frozen=True)
class _Kind:
    concern: Concern
    pattern: re.Pattern[str] | None
    negatable: bool


@dataclass(frozen=True)
class Language:
    """One language's lists, compiled."""

    code: str
    same_as: dict[str, str]
    short_forms: re.Pattern[str] | None
    idioms: re.Pattern[str] | None
    kinds: tuple[_Kind, ...]
    negation_before: tuple[tuple[str, ...], ...]
    negation_after: tuple[tuple[str, ...], ...]
    window_before: int
    window_after: int
    clause_breaks: frozenset[str]

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Language:
        """Compile the lists of one language file."""
        same_as = {words(k): words(v) for k, v in data.get("same_as", {}).items()}
        # One pass for all short forms, longest first so "can not" wins over a shorter key.
        keys = sorted(same_as, key=len, reverse=True)
        short_forms = "|".join(re.escape(k) for k in keys)
        negation = data.get("negation", {})
        return cls(
            code=str(data["language"]),
            same_as=same_as,
            short_forms=re.compile(rf"(?<![^ ])(?:{short_forms})(?![^ ])") if keys else None,
            idioms=_alternatives(data.get("idioms", {}).get("phrases", [])),
            kinds=tuple(
                _Kind(
                    concern,
                    _alternatives(data.get(concern.value, {}).get("phrases", [])),
                    bool(data.get(concern.value, {}).get("negatable", False)),
                )
                for concern in Concern
            ),
            negation_before=tuple(tuple(words(n).split()) for n in negation.get("before", [])),
            negation_after=tuple(tuple(words(n).split()) for n in negation.get("after", [])),
            window_before=int(negation.get("window_before", 3)),
            window_after=int(negation.get("window_after", 2)),
            clause_breaks=frozenset(words(b) for b in negation.get("clause_breaks", [])),
        )

    def read(self, text: str) -> str:
        """The message as this language's phrases see it: normalised, short forms spelled
        out, idioms blanked."""
        return self._reading(words(text))

    def _reading(self, line: str) -> str:
        if self.short_forms is not None:
            line = self.short_forms.sub(lambda m: self.same_as[m.group(0)], line)
        if self.idioms is not None:
            line = self.idioms.sub(BLANKED, line)
        return line

    def concerns(self, text: str) -> frozenset[Concern]:
        """The kinds of alarming phrase in `text` that are not negated."""
        return self.concerns_in(words(text))

    def concerns_in(self, line: str) -> frozenset[Concern]:
        """`concerns` of a message already normalised by `words`."""
        line = self._reading(line)
        found = set()
        for kind in self.kinds:
            if kind.pattern is None:
                continue
            for match in _matches(kind.pattern, line):
                if not (kind.negatable and self._negated(line, match)):
                    found.add(kind.concern)
                    break
        return frozenset(found)

    def _negated(self, line: str, match: re.Match[str]) -> bool:
        # Only the few words around the match matter; slicing the whole line for each match
        # would make a long message with many matches quadratic.
        start, end = match.start(), match.end()
        before_text = line[max(0, start - NEGATION_REACH) : start].split()
        after_text = line[end : end + NEGATION_REACH].split()
        # A word cut by the slice is not a word of the message.
        if start > NEGATION_REACH and before_text:
            before_text = before_text[1:]
        if end + NEGATION_REACH < len(line) and after_text:
            after_text = after_text[:-1]
        before = self._clause(reversed(before_text), self.window_before)
        after = self._clause(iter(after_text), self.window_after)
        return _contains_any(list(reversed(before)), self.negation_before) or _contains_any(
            after, self.negation_after
        )

    def _clause(self, tokens: Iterator[str], window: int) -> list[str]:
        """Up to `window` words from `tokens`, stopping where the clause ends."""
        taken: list[str] = []
        for token in tokens:
            if token == CLAUSE_END or token in self.clause_breaks or len(taken) == window:
                break
            taken.append(token)
        return taken


def _matches(pattern: re.Pattern[str], line: str) -> Iterator[re.Match[str]]:
    # Overlapping occurrences: the first may be negated and a later one not.
    position = 0
    while (match := pattern.search(line, position)) is not None:
        yield match
        position = match.start() + 1


def _contains_any(tokens: list[str], cues: tuple[tuple[str, ...], ...]) -> bool:
    return any(
        tokens[i : i + len(cue)] == list(cue)
        for cue in cues
        for i in range(len(tokens) - len(cue) + 1)
    )
