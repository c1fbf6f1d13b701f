"""The numbers of a specialist summary for any period, computed from diary entries (pure).

Every figure is defined so that a pain specialist can say exactly what it means:

* A *day* is the patient's local calendar day (`Entry.local_date`), never a UTC day.
* A *daily mean* is the mean of that day's scores. Averages over a period (mean, median, trend,
  technique comparisons, change against the previous period) are taken over daily means, so
  each logged day weighs the same: patients tend to log more often on bad days, and averaging
  single entries would let those days dominate. Days without entries have no value (never 0).
* *Worst* and *least* are single scores: one bad moment is clinically relevant on its own.

The clinical thresholds live below as named constants, each with its source, so that changing
one (after clinical sign-off) is a one-line edit.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from diarybot.domain.entries import Entry, Technique

# --- Clinically important change (Farrar JT, Young JP Jr, LaMoreaux L, Werth JL, Poole RM.
# "Clinical importance of changes in chronic pain intensity measured on an 11-point numerical
# pain rating scale." Pain 2001;94(2):149-158, PMID 11690728): on average a change of about two
# points or about 30 % matched patients' own rating of "much improved". Farrar studied
# reductions from a baseline of at least 4/10; we flag either direction and report the sign.
IMPORTANT_CHANGE_POINTS = 2.0
IMPORTANT_CHANGE_FRACTION = 0.30

#: A daily maximum at or above this makes a "high-pain day" (the upper third of the NRS,
#: conventionally "severe" pain).
HIGH_PAIN_SCORE = 7

# --- Flares. A day belongs to a flare when either rule holds (thresholds need clinical
# sign-off; they are a starting point, not a validated definition):
#: (a) its daily maximum is >= this, and so is the day before's or the day after's;
FLARE_HIGH_SCORE = 7
#: (b) its daily mean is at least this many points above the patient's recent baseline, ...
FLARE_JUMP_POINTS = 3.0
#: ... the mean of the daily means of the previous this-many calendar days, ...
FLARE_BASELINE_DAYS = 14
#: ... provided at least this many of those days were logged (half the window), so that a
#: baseline of two or three scattered days does not turn an ordinary day into a "flare".
FLARE_BASELINE_MIN_DAYS = 7

# --- Trend: a slope means little on few points or a short stretch of time.
TREND_MIN_DAYS_LOGGED = 7
TREND_MIN_SPAN_DAYS = 14
DAYS_PER_WEEK = 7

#: Bearable's rule for its factor reports: compare only with >= 3 days with and 3 without.
COMPARISON_MIN_DAYS = 3

#: Figures are printed with one decimal; the change flag is decided on those printed values so
#: that the flag and the numbers a specialist reads never disagree (e.g. 6.0 → 4.0 flagged).
REPORT_DECIMALS = 1
#: Daily means are fractions like 16/3; "at least 3 above" must not fail on the last bit.
_EPSILON = 1e-9


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


@dataclass(frozen=True)
class Trend:
    """Direction of pain over the period.

    `slope_per_week` is the least-squares slope of daily means against the day, in points per
    week (negative = improving). The first- and last-week means (the period's first and last
    seven days) are None when that week has no entries.
    """

    slope_per_week: float
    first_week_mean: float | None
    last_week_mean: float | None


@dataclass(frozen=True)
class Change:
    """The period's mean against the previous period of the same length.

    Both means are rounded to `REPORT_DECIMALS` first (see there). `percent` is relative to the
    previous mean and None when that mean is 0.
    """

    previous_start: date
    previous_end: date
    previous_mean: float
    absolute: float
    percent: float | None
    clinically_important: bool


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


@dataclass(frozen=True)
class _Day:
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
    days = _by_day(every)
    in_period = {day: days[day] for day in sorted(days) if start <= day <= end}
    # With/without a technique compares only entries whose techniques question was answered:
    # a keyboard left unanswered says nothing about what the patient used.
    answered = _by_day(e for e in every if e.techniques_answered)
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
        mean=_mean(means),
        median=statistics.median(means) if means else None,
        worst=max(scores) if scores else None,
        least=min(scores) if scores else None,
        high_pain_days=sum(1 for day in in_period.values() if day.high >= HIGH_PAIN_SCORE),
        flare_dates=tuple(day for day in in_period if _in_flare(day, days)),
        medication_days=sum(1 for day in in_period.values() if day.medication),
        trend=_trend(in_period, start, end),
        change=None if earlier is None else _change(_mean(means), earlier, start, end),
        techniques=_technique_figures(answered_in_period),
    )


def _unique(*groups: Iterable[Entry]) -> list[Entry]:
    """Entries from all groups, each id once (callers may pass overlapping slices)."""
    seen: dict[str, Entry] = {}
    for group in groups:
        for entry in group:
            seen.setdefault(entry.id, entry)
    return list(seen.values())


def _by_day(entries: Iterable[Entry]) -> dict[date, _Day]:
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
        day: _Day(tuple(sorted(scores[day])), frozenset(techniques[day]), day in medication)
        for day in sorted(scores)
    }


def _mean(values: Sequence[float]) -> float | None:
    """The mean, or None for no values; fsum so the result does not depend on the order."""
    return math.fsum(values) / len(values) if values else None


def _in_flare(day: date, days: Mapping[date, _Day]) -> bool:
    """Whether `day` is in a flare by either rule (see the FLARE_* constants)."""
    if days[day].high >= FLARE_HIGH_SCORE:
        for neighbour in (day - timedelta(days=1), day + timedelta(days=1)):
            if neighbour in days and days[neighbour].high >= FLARE_HIGH_SCORE:
                return True
    window = (day - timedelta(days=offset) for offset in range(1, FLARE_BASELINE_DAYS + 1))
    baseline = [days[previous].mean for previous in window if previous in days]
    if len(baseline) < FLARE_BASELINE_MIN_DAYS:
        return False
    return days[day].mean >= math.fsum(baseline) / len(baseline) + FLARE_JUMP_POINTS - _EPSILON


def _trend(days: Mapping[date, _Day], start: date, end: date) -> Trend | None:
    """The least-squares trend, or None on too few days or too short a stretch."""
    logged = sorted(days)
    if len(logged) < TREND_MIN_DAYS_LOGGED:
        return None
    if (logged[-1] - logged[0]).days + 1 < TREND_MIN_SPAN_DAYS:
        return None
    xs = [float((day - start).days) for day in logged]
    ys = [days[day].mean for day in logged]
    x_mean, y_mean = math.fsum(xs) / len(xs), math.fsum(ys) / len(ys)
    covariance = math.fsum((x - x_mean) * (y - y_mean) for x, y in zip(xs, ys, strict=True))
    variance = math.fsum((x - x_mean) ** 2 for x in xs)
    last_week_start = end - timedelta(days=DAYS_PER_WEEK - 1)
    first_week_end = start + timedelta(days=DAYS_PER_WEEK - 1)
    return Trend(
        slope_per_week=covariance / variance * DAYS_PER_WEEK,
        first_week_mean=_mean([d.mean for day, d in days.items() if day <= first_week_end]),
        last_week_mean=_mean([d.mean for day, d in days.items() if day >= last_week_start]),
    )


def _change(
    mean: float | None, previous: Iterable[Entry], start: date, end: date
) -> Change | None:
    """The change against the previous period of the same length, or None without data."""
    previous_end = start - timedelta(days=1)
    previous_start = previous_end - (end - start)
    before = _by_day(e for e in previous if previous_start <= e.local_date <= previous_end)
    previous_mean = _mean([day.mean for day in before.values()])
    if mean is None or previous_mean is None:
        return None
    now, then = round(mean, REPORT_DECIMALS), round(previous_mean, REPORT_DECIMALS)
    absolute = round(now - then, REPORT_DECIMALS)
    important = clinically_important(absolute, then)
    return Change(
        previous_start=previous_start,
        previous_end=previous_end,
        previous_mean=then,
        absolute=absolute,
        percent=absolute / then * 100 if then > 0 else None,
        clinically_important=important,
    )


def clinically_important(change: float, baseline: float) -> bool:
    """Whether a change from `baseline` reaches Farrar's threshold (either rule above).

    Callers pass values rounded to `REPORT_DECIMALS`, so the flag agrees with the printed
    numbers (exact on one-decimal values: the rounded doubles compare like the printed ones).
    """
    return abs(change) >= IMPORTANT_CHANGE_POINTS or (
        baseline > 0 and abs(change) >= IMPORTANT_CHANGE_FRACTION * baseline
    )


def _technique_figures(days: Mapping[date, _Day]) -> tuple[TechniqueFigures, ...]:
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
                mean_with=_mean(with_it),
                mean_without=_mean(without),
                comparison_shown=shown,
            )
        )
    return tuple(result)
