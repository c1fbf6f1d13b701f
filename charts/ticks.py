"""Date ticks and period text, computed from local calendar days rather than matplotlib dates.

The x axis counts days (0 … n−1), so ticks are chosen here and every label is built from
``ChartLabels`` month and weekday names, independent of the server's locale and timezone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from charts.labels import ChartLabels

#: Up to this many days every day gets a labelled tick.
DAILY_TICKS_UP_TO = 14
#: Up to this many days each daily label carries its month too.
FULL_DAILY_LABELS_UP_TO = 7
#: Up to this many days ticks fall on Mondays; longer periods get month ticks.
WEEKLY_TICKS_UP_TO = 120
#: Beyond this many days weekly labels are too close for "14 Sep" and drop repeated months.
COMPACT_WEEKLY_AFTER = 60
#: Month steps tried in turn until the labels fit the width.
MONTH_STEPS = (1, 2, 3, 6, 12)
MAX_MONTH_TICKS = 13


@dataclass(frozen=True)
class DateTicks:
    """Tick positions (day indexes) with their labels, plus unlabelled minor positions."""

    major: list[int]
    labels: list[str]
    minor: list[int]


def day_month(day: date, labels: ChartLabels) -> str:
    """``"3 Nov"`` (``"Nov 3"``, ``"3. Nov."``: the order is the language's)."""
    return labels.date(day)


def format_period(start: date, end: date, labels: ChartLabels) -> str:
    """``"1 Nov – 30 Nov 2026"``; the year appears twice only when the period spans two."""
    last = labels.date(end, with_year=True)
    if start == end:
        return last
    first = labels.date(start, with_year=start.year != end.year)
    return labels.period_range.format(start=first, end=last)


def date_ticks(days: Sequence[date], labels: ChartLabels) -> DateTicks:
    """Daily ticks for up to two weeks, weekly (Mondays) up to ~4 months, then months."""
    if len(days) <= DAILY_TICKS_UP_TO:
        return _daily(days, labels)
    if len(days) <= WEEKLY_TICKS_UP_TO:
        return _weekly(days, labels)
    return _monthly(days, labels)


def _daily(days: Sequence[date], labels: ChartLabels) -> DateTicks:
    """Every day, weekday over date."""
    texts = []
    for index, day in enumerate(days):
        weekday = labels.weekday_abbr[day.weekday()]
        # Over a week "10 Oct" no longer fits a day: the month shows where it starts or changes.
        full = len(days) <= FULL_DAILY_LABELS_UP_TO or index == 0 or day.day == 1
        texts.append(f"{weekday}\n{day_month(day, labels) if full else day.day}")
    return DateTicks(major=list(range(len(days))), labels=texts, minor=[])


def _weekly(days: Sequence[date], labels: ChartLabels) -> DateTicks:
    """Mondays labelled, the other days as small unlabelled ticks."""
    mondays = [i for i, day in enumerate(days) if day.weekday() == 0]
    if len(days) <= COMPACT_WEEKLY_AFTER:
        texts = [day_month(days[i], labels) for i in mondays]
    else:
        texts = _compact_weekly([days[i] for i in mondays], labels)
    return DateTicks(
        major=mondays,
        labels=texts,
        minor=[i for i, day in enumerate(days) if day.weekday() != 0],
    )


def _compact_weekly(mondays: Sequence[date], labels: ChartLabels) -> list[str]:
    """``7`` over ``Sep``, then ``14``, ``21``…: the month only where it changes, so 13 weekly
    labels fit the width."""
    texts = []
    for position, day in enumerate(mondays):
        new_month = position == 0 or day.month != mondays[position - 1].month
        texts.append(f"{day.day}\n{labels.month(day)}" if new_month else str(day.day))
    return texts


def _monthly(days: Sequence[date], labels: ChartLabels) -> DateTicks:
    """First days of months (every 2nd, 3rd… month for multi-year periods)."""
    firsts = [i for i, day in enumerate(days) if day.day == 1]
    step = next((s for s in MONTH_STEPS if len(firsts[::s]) <= MAX_MONTH_TICKS), MONTH_STEPS[-1])
    major = [i for i in firsts if _month_number(days[i]) % step == 0] if step > 1 else firsts
    texts = []
    for position, index in enumerate(major):
        day = days[index]
        name = labels.month(day)
        # The year is shown where it changes (and once at the start) so a long chart is datable.
        texts.append(f"{name}\n{day.year}" if position == 0 or day.month == 1 else name)
    minor_source = firsts if step > 1 else [i for i, day in enumerate(days) if day.weekday() == 0]
    return DateTicks(major=major, labels=texts, minor=[i for i in minor_source if i not in major])


def _month_number(day: date) -> int:
    """Months since year 0, so multi-month steps land on the same months every year."""
    return day.year * 12 + day.month - 1
