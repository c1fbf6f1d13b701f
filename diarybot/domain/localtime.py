"""Calendar arithmetic in the patient's own time zone (pure; DST-aware).

A reminder belongs to a local calendar day. Each local day maps to exactly one instant: a time
that does not exist that day (the clocks jumped forward over it) is moved forward by the jump,
and a time that exists twice (the clocks went back) means its first occurrence. That is what
makes "exactly one reminder per local day" hold on changeover days.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def utc_now() -> datetime:
    """The current instant, timezone-aware."""
    return datetime.now(UTC)


@lru_cache(maxsize=1024)
def zone(name: str) -> ZoneInfo:
    """A ZoneInfo by name, falling back to UTC for a name that no longer resolves.

    A stored name can become invalid (tzdata removed a zone, a file was edited by hand); the
    patient still gets reminders, in UTC, instead of the bot crashing at start-up. ZoneInfo
    reads the name as a path below the zone folder, so a folder's name ("Europe") or an overlong
    one fails with an OSError rather than ZoneInfoNotFoundError.
    """
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return ZoneInfo("UTC")


def local_date(instant: datetime, tz: ZoneInfo) -> date:
    """The patient's calendar day at `instant`."""
    return instant.astimezone(tz).date()


def instant_on(day: date, at: time, tz: ZoneInfo) -> datetime:
    """The UTC instant of local `at` on `day` (gap: shifted forward; overlap: first one)."""
    local = datetime.combine(day, at.replace(tzinfo=None), tzinfo=tz).replace(fold=0)
    return local.astimezone(UTC)


def next_daily(
    at: time,
    tz: ZoneInfo,
    after: datetime,
    *,
    inclusive: bool = False,
    weekday: int | None = None,
) -> datetime:
    """The first occurrence of local `at` after `after` (or at it, when inclusive).

    With `weekday` (0 = Monday), only that day of the week counts: a weekly schedule.
    """
    day = local_date(after, tz) - timedelta(days=1)
    while True:
        candidate = instant_on(day, at, tz)
        on_day = weekday is None or day.weekday() == weekday
        if on_day and (candidate > after or (inclusive and candidate == after)):
            return candidate
        day += timedelta(days=1)


def week_bounds(day: date) -> tuple[date, date]:
    """Monday..Sunday of the ISO week holding `day`."""
    start = day - timedelta(days=day.weekday())
    return start, start + timedelta(days=6)
