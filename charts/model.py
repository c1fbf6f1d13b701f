"""Plain data for the pain chart and the arithmetic behind it.

Everything here is pure and timezone-explicit so that what the chart draws can be tested without
rendering a single pixel. The definitions are deliberately simple, because a pain specialist
reading the chart needs to know exactly what each number means:

* a *day* is a calendar day in the patient's own timezone, not in UTC;
* a day's value is the mean of that day's scores; days without entries have no value (never 0);
* the period mean is the mean of the daily means, so a day with five entries weighs the same as a
  day with one (otherwise bad days, when patients tend to log more often, would dominate);
* "worst" and "least" are single scores, not daily means.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

MIN_SCORE = 0
MAX_SCORE = 10


@dataclass(frozen=True)
class ChartEntry:
    """One diary entry as the chart needs it.

    ``at`` must be timezone-aware: a naive time cannot be placed on the patient's local day, and
    guessing would silently move late-evening entries to the wrong day.
    """

    at: datetime
    score: int
    techniques: tuple[str, ...] = ()
    medication: bool = False
    #: The patient's own names of the medications taken ("ibuprofen 400 mg"), as written.
    medications: tuple[str, ...] = ()
    #: Optional daily items, 0–10 (``None``: not asked or skipped).
    sleep: int | None = None
    mood: int | None = None

    def __post_init__(self) -> None:
        """Reject entries the chart could only draw wrongly."""
        if self.at.tzinfo is None or self.at.utcoffset() is None:
            raise ValueError(f"ChartEntry.at must be timezone-aware, got {self.at!r}")
        if isinstance(self.score, bool) or not isinstance(self.score, int):
            raise TypeError(f"ChartEntry.score must be an int, got {self.score!r}")
        if not MIN_SCORE <= self.score <= MAX_SCORE:
            raise ValueError(
                f"ChartEntry.score must be {MIN_SCORE}..{MAX_SCORE}, got {self.score}"
            )
        for name, value in (("sleep", self.sleep), ("mood", self.mood)):
            if value is not None and not MIN_SCORE <= value <= MAX_SCORE:
                raise ValueError(f"ChartEntry.{name} must be {MIN_SCORE}..{MAX_SCORE}")


@dataclass(frozen=True)
class ChartEvent:
    """Something done on a local day (a treatment), marked on the time axis with a short label.

    The caller gives the label already worded (a few characters: a day can be a few pixels).
    """

    day: date
    label: str


@dataclass(frozen=True)
class DayStat:
    """Everything logged on one local day; ``scores`` is empty for a day without entries."""

    day: date
    scores: tuple[int, ...] = ()
    techniques: frozenset[str] = frozenset()
    medication: bool = False
    medications: frozenset[str] = frozenset()
    sleep: tuple[int, ...] = ()
    mood: tuple[int, ...] = ()

    def item_mean(self, item: str) -> float | None:
        """The day's mean of a daily item (``"sleep"`` or ``"mood"``), ``None`` when none."""
        values: tuple[int, ...] = self.sleep if item == "sleep" else self.mood
        return sum(values) / len(values) if values else None

    @property
    def mean(self) -> float | None:
        """The day's mean score, or ``None`` (not 0) when nothing was logged."""
        if not self.scores:
            return None
        return sum(self.scores) / len(self.scores)

    @property
    def low(self) -> int | None:
        """The day's lowest score, or ``None`` when nothing was logged."""
        return min(self.scores) if self.scores else None

    @property
    def high(self) -> int | None:
        """The day's highest score, or ``None`` when nothing was logged."""
        return max(self.scores) if self.scores else None


@dataclass(frozen=True)
class Summary:
    """The key numbers printed on the chart.

    ``mean`` is the mean of daily means (each logged day weighs the same); ``worst`` and
    ``least`` are the highest and lowest single scores. All three are ``None`` without data.
    """

    days_in_period: int
    days_logged: int
    mean: float | None
    worst: int | None
    least: int | None


def period_days(start: date, end: date) -> list[date]:
    """Every calendar day from ``start`` to ``end`` inclusive."""
    if end < start:
        raise ValueError(f"period end {end} is before its start {start}")
    return [start + timedelta(days=offset) for offset in range((end - start).days + 1)]


def local_day(entry: ChartEntry, tz: ZoneInfo) -> date:
    """The calendar day on which the patient made ``entry``, in their own timezone."""
    return entry.at.astimezone(tz).date()


def daily_stats(
    entries: Iterable[ChartEntry], tz: ZoneInfo, start: date, end: date
) -> list[DayStat]:
    """Group entries by local day: one ``DayStat`` per day from ``start`` to ``end`` inclusive.

    Entries whose local day falls outside the period are ignored, so callers may pass a wider
    slice of the diary than they chart. Scores within a day keep chronological order.
    """
    days = period_days(start, end)
    scores: dict[date, list[int]] = {day: [] for day in days}
    techniques: dict[date, set[str]] = {day: set() for day in days}
    medication: set[date] = set()
    named: dict[date, set[str]] = {day: set() for day in days}
    items: dict[date, dict[str, list[int]]] = {day: {"sleep": [], "mood": []} for day in days}
    for entry in sorted(entries, key=lambda item: item.at):
        day = local_day(entry, tz)
        if day not in scores:
            continue
        scores[day].append(entry.score)
        techniques[day].update(entry.techniques)
        named[day].update(entry.medications)
        if entry.medication or entry.medications:
            medication.add(day)
        for item, value in (("sleep", entry.sleep), ("mood", entry.mood)):
            if value is not None:
                items[day][item].append(value)
    return [
        DayStat(
            day=day,
            scores=tuple(scores[day]),
            techniques=frozenset(techniques[day]),
            medication=day in medication,
            medications=frozenset(named[day]),
            sleep=tuple(items[day]["sleep"]),
            mood=tuple(items[day]["mood"]),
        )
        for day in days
    ]


def rolling_mean(
    stats: Sequence[DayStat], window: int = 7, min_days: int = 4
) -> list[float | None]:
    """Trailing rolling mean of the daily means, one value per day (``None`` where undefined).

    The value for day *i* is the mean of the daily means of days *i − window + 1* … *i* that have
    entries, and it exists only when at least ``min_days`` of those ``window`` days have entries.
    Days before the first element of ``stats`` count as days without entries, so the line starts
    at the earliest on the ``min_days``-th day. A day without entries can still carry a value when
    enough of its window is logged: the average is about the week, not the day. Requiring
    ``min_days`` keeps one or two isolated entries from being passed off as a weekly trend.
    """
    if window < 1:
        raise ValueError(f"window must be at least 1, got {window}")
    if not 1 <= min_days <= window:
        raise ValueError(f"min_days must be between 1 and window ({window}), got {min_days}")
    means = [stat.mean for stat in stats]
    result: list[float | None] = []
    for index in range(len(means)):
        logged = [m for m in means[max(0, index - window + 1) : index + 1] if m is not None]
        result.append(sum(logged) / len(logged) if len(logged) >= min_days else None)
    return result


def summarize(stats: Sequence[DayStat]) -> Summary:
    """Key numbers of a period: mean of daily means, worst and least single score, days logged."""
    logged = [stat for stat in stats if stat.scores]
    all_scores = [score for stat in logged for score in stat.scores]
    daily_means = [stat.mean for stat in logged if stat.mean is not None]
    return Summary(
        days_in_period=len(stats),
        days_logged=len(logged),
        mean=sum(daily_means) / len(daily_means) if daily_means else None,
        worst=max(all_scores) if all_scores else None,
        least=min(all_scores) if all_scores else None,
    )
