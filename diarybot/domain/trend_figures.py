"""Where pain went over a period: the least-squares trend, and the change against the previous
period with Farrar's threshold for a clinically important change (pure)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from diarybot.domain.entries import Entry
from diarybot.domain.logged_days import LoggedDay, by_day, mean_or_none

# --- Clinically important change (Farrar JT, Young JP Jr, LaMoreaux L, Werth JL, Poole RM.
# "Clinical importance of changes in chronic pain intensity measured on an 11-point numerical
# pain rating scale." Pain 2001;94(2):149-158, PMID 11690728): on average a change of about two
# points or about 30 % matched patients' own rating of "much improved". Farrar studied
# reductions from a baseline of at least 4/10; we flag either direction and report the sign.
IMPORTANT_CHANGE_POINTS = 2.0
IMPORTANT_CHANGE_FRACTION = 0.30

# --- Trend: a slope means little on few points or a short stretch of time.
TREND_MIN_DAYS_LOGGED = 7
TREND_MIN_SPAN_DAYS = 14
DAYS_PER_WEEK = 7

#: Figures are printed with one decimal; the change flag is decided on those printed values so
#: that the flag and the numbers a specialist reads never disagree (e.g. 6.0 → 4.0 flagged).
REPORT_DECIMALS = 1


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


def trend_of(days: Mapping[date, LoggedDay], start: date, end: date) -> Trend | None:
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
        first_week_mean=mean_or_none([d.mean for day, d in days.items() if day <= first_week_end]),
        last_week_mean=mean_or_none([d.mean for day, d in days.items() if day >= last_week_start]),
    )


def change_of(
    mean: float | None, previous: Iterable[Entry], start: date, end: date
) -> Change | None:
    """The change against the previous period of the same length, or None without data."""
    previous_end = start - timedelta(days=1)
    previous_start = previous_end - (end - start)
    before = by_day(e for e in previous if previous_start <= e.local_date <= previous_end)
    previous_mean = mean_or_none([day.mean for day in before.values()])
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
