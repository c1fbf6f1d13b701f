"""The numbers of a specialist summary for any period, computed from diary entries (pure).

Every figure is defined so that a pain specialist can say exactly what it means:

* A *day* is the patient's local calendar day (`Entry.local_date`), never a UTC day.
* A *daily mean* is the mean of that day's scores. Averages over a period (mean, median, trend,
  technique comparisons, change against the previous period) are taken over daily means, so
  each logged day weighs the same: patients tend to log more often on bad days, and averaging
  single entries would let those days dominate. Days without entries have no value (never 0).
* *Worst* and *least* are single scores: one bad moment is clinically relevant on its own.

The clinical thresholds are named constants, each with its source, beside the rule that uses
them (`flare_definition`, `trend_figures`, `technique_figures`, and `HIGH_PAIN_SCORE` here), so
that changing one (after clinical sign-off) is a one-line edit.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from diarybot.domain.entries import Entry
from diarybot.domain.flare_definition import in_flare
from diarybot.domain.logged_days import by_day, mean_or_none
from diarybot.domain.technique_figures import TechniqueFigures, figures_per_technique
from diarybot.domain.trend_figures import Change, Trend, change_of, trend_of

#: A daily maximum at or above this makes a "high-pain day" (the upper third of the NRS,
#: conventionally "severe" pain).
HIGH_PAIN_SCORE = 7


@dataclass(frozen=True)
class PeriodFigures:
    """The key figures of a period (see the module docstring for the definitions).

    `mean` and `median` are over daily means; `worst` and `least` over single entries; all four
    are None when nothing was logged. `adherence` is `days_logged / days_in_period`.
    """

    start: date
    end: date
    days_in_period: int
    days_logged: int
    entry_count: int
    adherence: float
    mean: float | None
    median: float | None
    worst: int | None
    least: int | None
    high_pain_days: int
    flare_dates: tuple[date, ...]
    medication_days: int
    trend: Trend | None
    change: Change | None
    techniques: tuple[TechniqueFigures, ...]

    @property
    def flare_days(self) -> int:
        """How many days of the period were in a flare."""
        return len(self.flare_dates)


def period_figures(
    entries: Iterable[Entry],
    start: date,
    end: date,
    previous: Iterable[Entry] | None = None,
) -> PeriodFigures:
    """The figures for `start`..`end` (inclusive local dates).

    Entries outside the period are ignored for the period's own figures, so callers may pass the
    whole diary. `previous` holds entries of the previous period of the same length (entries
    outside it are ignored for the change); without it `change` is None. All entries given,
    from either argument, serve as history for the flare rules, so a flare that starts the day
    before the period or a baseline reaching back before it are seen.
    """
    if end < start:
        raise ValueError(f"period end {end} is before its start {start}")
    earlier = None if previous is None else list(previous)  # read twice below
    every = _unique(entries, earlier or ())
    days = by_day(every)
    in_period = {day: days[day] for day in sorted(days) if start <= day <= end}
    # With/without a technique compares only entries whose techniques question was answered:
    # a keyboard left unanswered says nothing about what the patient used.
    answered = by_day(e for e in every if e.techniques_answered)
    answered_in_period = {day: answered[day] for day in in_period if day in answered}
    scores = [score for day in in_period.values() for score in day.scores]
    means = [day.mean for day in in_period.values()]
    days_in_period = (end - start).days + 1
    return PeriodFigures(
        start=start,
        end=end,
        days_in_period=days_in_period,
        days_logged=len(in_period),
        entry_count=len(scores),
        adherence=len(in_period) / days_in_period,
        mean=mean_or_none(means),
        median=statistics.median(means) if means else None,
        worst=max(scores) if scores else None,
        least=min(scores) if scores else None,
        high_pain_days=sum(1 for day in in_period.values() if day.high >= HIGH_PAIN_SCORE),
        flare_dates=tuple(day for day in in_period if in_flare(day, days)),
        medication_days=sum(1 for day in in_period.values() if day.medication),
        trend=trend_of(in_period, start, end),
        change=None if earlier is None else change_of(mean_or_none(means), earlier, start, end),
        techniques=figures_per_technique(answered_in_period),
    )


def _unique(*groups: Iterable[Entry]) -> list[Entry]:
    """Entries from all groups, each id once (callers may pass overlapping slices)."""
    seen: dict[str, Entry] = {}
    for group in groups:
        for entry in group:
            seen.setdefault(entry.id, entry)
    return list(seen.values())
