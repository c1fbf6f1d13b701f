"""Per-medication figures for a report period (pure): days taken, doses, and for as-needed
medication the mean pain on logged days it was and was not taken (observations, not effects)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from diarybot.domain.entries import Entry
from diarybot.domain.medications import Medication, Use, doses_of
from diarybot.domain.technique_figures import COMPARISON_MIN_DAYS


@dataclass(frozen=True)
class MedicationFigures:
    """One medication in one period.

    `comparison_shown` is True only for as-needed medication with at least
    `COMPARISON_MIN_DAYS` logged days taken and as many not taken (the techniques' rule).
    """

    medication: Medication
    start: date
    end: date
    days_taken: int
    doses: int
    first_taken: date
    last_taken: date
    mean_taken: float | None = None
    mean_not_taken: float | None = None
    days_not_taken: int = 0
    comparison_shown: bool = False


def medication_figures(
    entries: Iterable[Entry], medications: Iterable[Medication], start: date, end: date
) -> tuple[MedicationFigures, ...]:
    """Figures for each listed medication taken at least once in `start`..`end`, list order."""
    in_period = [e for e in entries if start <= e.local_date <= end]
    result = []
    for med in medications:
        taken_days = {e.local_date for e in in_period if doses_of(e.doses, med.id)}
        if not taken_days:
            continue
        figures = MedicationFigures(
            medication=med,
            start=start,
            end=end,
            days_taken=len(taken_days),
            doses=sum(doses_of(e.doses, med.id) for e in in_period),
            first_taken=min(taken_days),
            last_taken=max(taken_days),
        )
        if med.use is Use.AS_NEEDED:
            figures = _with_comparison(figures, in_period, taken_days)
        result.append(figures)
    return tuple(result)


def _with_comparison(
    figures: MedicationFigures, entries: list[Entry], taken_days: set[date]
) -> MedicationFigures:
    # Only days whose medication question was answered count as "not taken": an unanswered
    # keyboard says nothing about what the patient took.
    day_scores: dict[date, list[int]] = {}
    answered: set[date] = set()
    for entry in entries:
        if entry.score is None:  # a note-only entry is never a score
            continue
        day_scores.setdefault(entry.local_date, []).append(entry.score)
        if entry.techniques_answered:
            answered.add(entry.local_date)
    taken = [_mean(s) for day, s in day_scores.items() if day in taken_days]
    not_taken = [
        _mean(s) for day, s in day_scores.items() if day in answered and day not in taken_days
    ]
    shown = len(taken) >= COMPARISON_MIN_DAYS and len(not_taken) >= COMPARISON_MIN_DAYS
    return MedicationFigures(
        **{
            **figures.__dict__,
            "mean_taken": _mean(taken) if taken else None,
            "mean_not_taken": _mean(not_taken) if not_taken else None,
            "days_not_taken": len(not_taken),
            "comparison_shown": shown,
        }
    )


def _mean(values: list[float] | list[int]) -> float:
    return math.fsum(values) / len(values)
