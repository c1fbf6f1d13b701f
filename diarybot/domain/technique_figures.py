"""How each coping technique was used in a period, and pain on logged days with and without
it (pure). The means are observations, not effects."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from diarybot.domain.entries import Technique
from diarybot.domain.logged_days import LoggedDay, mean_or_none

#: Bearable's rule for its factor reports: compare only with >= 3 days with and 3 without.
COMPARISON_MIN_DAYS = 3


@dataclass(frozen=True)
class TechniqueFigures:
    """How one coping technique was used, and pain on logged days with and without it.

    The means are observations, not effects: days with a technique may differ in other ways.
    `comparison_shown` is False (and the report prints only `days_used`) unless there are at
    least `COMPARISON_MIN_DAYS` logged days with and as many without the technique.
    """

    technique: Technique
    days_used: int
    days_without: int
    mean_with: float | None
    mean_without: float | None
    comparison_shown: bool


def figures_per_technique(days: Mapping[date, LoggedDay]) -> tuple[TechniqueFigures, ...]:
    """Figures for each technique used at least once in the period, in the enum's order."""
    result = []
    for technique in Technique:
        with_it = [day.mean for day in days.values() if technique in day.techniques]
        if not with_it:
            continue
        without = [day.mean for day in days.values() if technique not in day.techniques]
        shown = len(with_it) >= COMPARISON_MIN_DAYS and len(without) >= COMPARISON_MIN_DAYS
        result.append(
            TechniqueFigures(
                technique=technique,
                days_used=len(with_it),
                days_without=len(without),
                mean_with=mean_or_none(with_it),
                mean_without=mean_or_none(without),
                comparison_shown=shown,
            )
        )
    return tuple(result)
