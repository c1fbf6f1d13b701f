"""What a period's optional daily items add up to, for reports (pure, typed)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from diarybot.domain.daily_items import Region
from diarybot.domain.entries import Entry


@dataclass(frozen=True)
class ItemFigures:
    """Means of sleep quality and mood, the days each was answered, and the regions named.

    A day's value is the mean of that day's answers and the period mean is the mean of those
    daily means, as for pain: a day answered twice weighs the same as a day answered once.
    """

    sleep_mean: float | None
    sleep_days: int
    mood_mean: float | None
    mood_days: int
    #: Days each region was named, most frequent first (ties in the fixed region order).
    regions: tuple[tuple[Region, int], ...]

    @property
    def any(self) -> bool:
        """Whether the period holds any answer at all."""
        return bool(self.sleep_days or self.mood_days or self.regions)


def item_figures(entries: Iterable[Entry]) -> ItemFigures:
    """The figures of the entries given (the caller picks the period)."""
    sleep: dict[date, list[int]] = {}
    mood: dict[date, list[int]] = {}
    region_days: dict[Region, set[date]] = {}
    for entry in entries:
        if entry.sleep is not None:
            sleep.setdefault(entry.local_date, []).append(entry.sleep)
        if entry.mood is not None:
            mood.setdefault(entry.local_date, []).append(entry.mood)
        for region in entry.regions:
            region_days.setdefault(region, set()).add(entry.local_date)
    order = list(Region)
    ranked = sorted(
        ((region, len(days)) for region, days in region_days.items()),
        key=lambda pair: (-pair[1], order.index(pair[0])),
    )
    return ItemFigures(
        sleep_mean=_mean_of_days(sleep),
        sleep_days=len(sleep),
        mood_mean=_mean_of_days(mood),
        mood_days=len(mood),
        regions=tuple(ranked),
    )


def _mean_of_days(values: dict[date, list[int]]) -> float | None:
    if not values:
        return None
    daily = [sum(day) / len(day) for day in values.values()]
    return sum(daily) / len(daily)
