"""A diary's scores grouped by the patient's local day: the unit every figure of a period is
taken over (pure; see `diarybot.domain.period_figures` for the definitions)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from diarybot.domain.entries import Entry, Technique


@dataclass(frozen=True)
class LoggedDay:
    """Everything logged on one local day."""

    scores: tuple[int, ...]
    techniques: frozenset[Technique]
    medication: bool

    @property
    def mean(self) -> float:
        return sum(self.scores) / len(self.scores)

    @property
    def high(self) -> int:
        return max(self.scores)


def by_day(entries: Iterable[Entry]) -> dict[date, LoggedDay]:
    """The scored entries grouped by local day, in date order."""
    scores: dict[date, list[int]] = {}
    techniques: dict[date, set[Technique]] = {}
    medication: set[date] = set()
    for entry in entries:
        if entry.score is None:  # a note-only entry is never a score
            continue
        scores.setdefault(entry.local_date, []).append(entry.score)
        techniques.setdefault(entry.local_date, set()).update(entry.techniques)
        if entry.medication:
            medication.add(entry.local_date)
    return {
        day: LoggedDay(tuple(sorted(scores[day])), frozenset(techniques[day]), day in medication)
        for day in sorted(scores)
    }


def mean_or_none(values: Sequence[float]) -> float | None:
    """The mean, or None for no values; fsum so the result does not depend on the order."""
    return math.fsum(values) / len(values) if values else None
