"""The optional daily items a patient may switch on in /settings (pure, typed).

Each is asked right after the pain score, on its own one-tap keyboard, and may be skipped:
sleep quality last night (0–10), mood (0–10), and where the pain is (body regions). All are off
by default, so the check-in of a patient who switched none on is exactly the one-tap check-in.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

MIN_RATING = 0
MAX_RATING = 10


class DailyItem(enum.StrEnum):
    """An item the check-in can ask after the score; the value is what is stored."""

    SLEEP = "sleep"
    MOOD = "mood"
    REGIONS = "regions"


class Region(enum.StrEnum):
    """A body region where the pain is; the value is what is stored (stable codes)."""

    HEAD = "head"
    NECK = "neck"
    SHOULDERS = "shoulders"
    UPPER_BACK = "upper_back"
    LOWER_BACK = "lower_back"
    ARMS_HANDS = "arms_hands"
    HIPS = "hips"
    LEGS_KNEES = "legs_knees"
    FEET = "feet"
    ABDOMEN = "abdomen"
    CHEST = "chest"
    WIDESPREAD = "widespread"


def ordered_items(items: Iterable[DailyItem]) -> tuple[DailyItem, ...]:
    """The items in the order the check-in asks them (sleep, mood, regions), each once."""
    chosen = set(items)
    return tuple(item for item in DailyItem if item in chosen)


def switched(items: Iterable[DailyItem], item: DailyItem) -> tuple[DailyItem, ...]:
    """The switched-on items with `item` switched over (on when it was off, and back)."""
    chosen = set(items) ^ {item}
    return ordered_items(chosen)


def next_item(items: Iterable[DailyItem], after: DailyItem | None) -> DailyItem | None:
    """The item asked after `after` (None: the first one); None when none is left."""
    ordered = ordered_items(items)
    if after is None:
        return ordered[0] if ordered else None
    later = [
        item for item in ordered if list(DailyItem).index(item) > list(DailyItem).index(after)
    ]
    return later[0] if later else None


def valid_rating(value: object) -> bool:
    """Whether `value` is a 0–10 rating (an int, not a bool)."""
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and MIN_RATING <= value <= MAX_RATING
    )


def regions_from_doc(value: object) -> tuple[Region, ...]:
    """Stored region codes back as regions, in the fixed order; entries before schema 3 have
    none."""
    if not value or not isinstance(value, list | tuple):
        return ()
    chosen = {Region(str(code)) for code in value}
    return tuple(region for region in Region if region in chosen)


def toggled_region(regions: Iterable[Region], region: Region) -> tuple[Region, ...]:
    """The regions with one tapped on or off, in the fixed order."""
    chosen = set(regions) ^ {region}
    return tuple(r for r in Region if r in chosen)
