"""Is today a flare, and what helped before? (pure)

The thresholds are those of the specialist figures (`flare_definition`: FLARE_HIGH_SCORE on two
consecutive days, or FLARE_JUMP_POINTS above the mean of the previous FLARE_BASELINE_DAYS days,
which needs FLARE_BASELINE_MIN_DAYS logged), so the patient's message and the report agree.
Today is judged by its highest score so far: the message should come when the high score does.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from diarybot.domain.entries import Entry, Technique
from diarybot.domain.flare_definition import (
    FLARE_BASELINE_DAYS,
    FLARE_BASELINE_MIN_DAYS,
    FLARE_HIGH_SCORE,
    FLARE_JUMP_POINTS,
)
from diarybot.domain.period_figures import period_figures

HELPFUL_LOOKBACK_DAYS = 60


@dataclass(frozen=True)
class Flare:
    """Why today counts as a flare."""

    today: int
    yesterday: int | None = None
    baseline: float | None = None


def flare_today(entries: Sequence[Entry], today: date) -> Flare | None:
    """A flare on `today` by either rule, or None."""
    by_day: dict[date, list[int]] = {}
    for entry in entries:
        if entry.score is not None:  # a note-only entry is never a score
            by_day.setdefault(entry.local_date, []).append(entry.score)
    if today not in by_day:
        return None
    worst = max(by_day[today])
    yesterday = by_day.get(today - timedelta(days=1))
    if worst >= FLARE_HIGH_SCORE and yesterday and max(yesterday) >= FLARE_HIGH_SCORE:
        return Flare(today=worst, yesterday=max(yesterday))
    window = [today - timedelta(days=n) for n in range(1, FLARE_BASELINE_DAYS + 1)]
    means = [math.fsum(by_day[d]) / len(by_day[d]) for d in window if d in by_day]
    if len(means) < FLARE_BASELINE_MIN_DAYS:
        return None
    baseline = math.fsum(means) / len(means)
    if worst >= baseline + FLARE_JUMP_POINTS:
        return Flare(today=worst, baseline=baseline)
    return None


def helpful_techniques(entries: Sequence[Entry], today: date) -> list[Technique]:
    """Techniques whose days had lower pain than days without (enough days of each), before
    today; an observation to remind the patient of, not a recommendation."""
    start = today - timedelta(days=HELPFUL_LOOKBACK_DAYS)
    figures = period_figures(entries, start, today - timedelta(days=1))
    return [
        t.technique
        for t in figures.techniques
        if t.comparison_shown
        and t.mean_with is not None
        and t.mean_without is not None
        and t.mean_with < t.mean_without
    ]


def flare_runs(days: Sequence[date]) -> list[tuple[date, date]]:
    """Flare days as runs of consecutive days, first and last day of each, in order.

    A flare usually lasts several days; a report names "05 Oct – 08 Oct" rather than four
    dates, which keeps a bad month's list to a line or two.
    """
    runs: list[tuple[date, date]] = []
    for day in sorted(set(days)):
        if runs and day - runs[-1][1] == timedelta(days=1):
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs
