"""The pain around a treatment event: windows, fewer days, Farrar's flag and the PEG."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from charts import ChartEntry, ChartEvent, daily_stats, render_trend
from charts.render import event_marks
from diarybot.domain.entries import Entry
from diarybot.domain.practice import PegResponse
from diarybot.domain.treatments import Kind, TreatmentEvent, clean_words, in_period, response

EVENT_DAY = date(2026, 11, 15)
RECORDED = datetime(2026, 11, 15, 9, tzinfo=UTC)


def _event(day: date = EVENT_DAY, kind: Kind = Kind.INJECTION) -> TreatmentEvent:
    return TreatmentEvent(id="a1b2c3d4e5", local_date=day, kind=kind, recorded_at=RECORDED)


def _entry(day: date, score: int | None, n: int = 0) -> Entry:
    at = datetime(day.year, day.month, day.day, 20, n, tzinfo=UTC)
    note = "" if score is not None else "a note"
    return Entry(id=f"{day:%m%d}{n:06d}", recorded_at=at, local_date=day, score=score, note=note)


def _days(first: int, last: int, score: int) -> list[Entry]:
    """One entry a day at offsets first..last from the event day."""
    return [_entry(EVENT_DAY + timedelta(days=k), score) for k in range(first, last + 1)]


def _peg(day: date, pain: int, enjoyment: int, activity: int) -> PegResponse:
    return PegResponse(
        id=f"p{day:%m%d}",
        local_date=day,
        asked_at=RECORDED,
        pain=pain,
        enjoyment=enjoyment,
        activity=activity,
    )


def test_windows_are_the_14_days_either_side_without_the_event_day() -> None:
    entries = [
        *_days(-15, -15, 10),  # outside the window
        *_days(-14, -1, 6),
        *_days(0, 0, 10),  # the event day belongs to neither side
        *_days(1, 14, 4),
        *_days(15, 15, 0),
    ]
    result = response(_event(), entries, [], as_of=EVENT_DAY + timedelta(days=30))
    assert (result.before.mean, result.before.days_logged, result.before.days_available) == (
        6.0,
        14,
        14,
    )
    assert (result.after.mean, result.after.days_logged, result.after.days_available) == (
        4.0,
        14,
        14,
    )
    assert result.change == -2.0
    assert result.percent == pytest.approx(-33.33, abs=0.01)


def test_days_are_weighed_equally_by_their_daily_mean() -> None:
    # Day −2: 2 and 8 (mean 5); day −1: 8 → mean of daily means 6.5, not 6.0.
    entries = [
        _entry(EVENT_DAY - timedelta(days=2), 2, 0),
        _entry(EVENT_DAY - timedelta(days=2), 8, 1),
        _entry(EVENT_DAY - timedelta(days=1), 8),
        _entry(EVENT_DAY - timedelta(days=3), None),  # a note-only entry is no day logged
    ]
    result = response(_event(), entries, [], as_of=EVENT_DAY)
    assert result.before.mean == 6.5
    assert result.before.days_logged == 2


def test_fewer_days_after_when_the_report_ends_sooner() -> None:
    entries = [*_days(-14, -1, 5), *_days(1, 5, 5)]
    result = response(_event(), entries, [], as_of=EVENT_DAY + timedelta(days=3))
    assert result.after.days_available == 3
    assert result.after.days_logged == 3  # days 4 and 5 are after the report's end
    on_the_day = response(_event(), entries, [], as_of=EVENT_DAY)
    assert on_the_day.after.days_available == 0
    assert on_the_day.after.mean is None
    assert on_the_day.change is None
    assert on_the_day.clinically_important is False


@pytest.mark.parametrize(
    ("before", "after", "important"),
    [
        (8, 6, True),  # exactly 2 points (25 %)
        (8, 7, False),  # 1 point, 12.5 %
        (5, 4, False),  # 1 point, 20 %
        (3, 2, True),  # 1 point, 33 %: the fraction alone
        (10, 7, True),  # exactly 30 % (and 3 points)
        (4, 5, False),  # worse by 1 point, 25 %
        (6, 8, True),  # worse by 2 points: flagged in either direction
    ],
)
def test_farrar_flag_at_two_points_or_thirty_percent(
    before: int, after: int, important: bool
) -> None:
    entries = [*_days(-14, -1, before), *_days(1, 14, after)]
    result = response(_event(), entries, [], as_of=EVENT_DAY + timedelta(days=14))
    assert result.clinically_important is important


def test_thirty_percent_edge_on_one_decimal_means() -> None:
    # 4.3 → 3.0: −1.3 is 30.2 % of 4.3 (flagged); 4.4 → 3.1: −1.3 is 29.5 % (not).
    def with_means(before: list[int], after: list[int]) -> bool:
        entries = [
            *(_entry(EVENT_DAY - timedelta(days=k + 1), s) for k, s in enumerate(before)),
            *(_entry(EVENT_DAY + timedelta(days=k + 1), s) for k, s in enumerate(after)),
        ]
        return response(
            _event(), entries, [], as_of=EVENT_DAY + timedelta(days=14)
        ).clinically_important

    assert with_means([5] * 10, [3] * 5 + [4] * 5) is True  # 5.0 → 3.5: exactly 30 %
    assert with_means([4] * 7 + [5] * 3, [3] * 10) is True  # 4.3 → 3.0
    assert with_means([4] * 6 + [5] * 4, [3] * 9 + [4]) is False  # 4.4 → 3.1


def test_peg_before_and_after_are_the_latest_in_each_window() -> None:
    pegs = [
        _peg(EVENT_DAY - timedelta(days=20), 9, 9, 9),  # too early
        _peg(EVENT_DAY - timedelta(days=10), 8, 8, 8),
        _peg(EVENT_DAY - timedelta(days=3), 7, 7, 7),
        _peg(EVENT_DAY + timedelta(days=4), 6, 5, 4),
        _peg(EVENT_DAY + timedelta(days=11), 4, 4, 5),
        PegResponse(id="px", local_date=EVENT_DAY + timedelta(days=12), asked_at=RECORDED, pain=1),
    ]
    result = response(_event(), [], pegs, as_of=EVENT_DAY + timedelta(days=30))
    assert result.peg_before == (EVENT_DAY - timedelta(days=3), 7.0)
    assert result.peg_after == (EVENT_DAY + timedelta(days=11), 4.3)
    early = response(_event(), [], pegs, as_of=EVENT_DAY + timedelta(days=5))
    assert early.peg_after == (EVENT_DAY + timedelta(days=4), 5.0)
    assert response(_event(), [], [], as_of=EVENT_DAY).peg_before is None


def test_event_round_trips_and_is_listed_by_period() -> None:
    event = TreatmentEvent(
        id="0123456789",
        local_date=EVENT_DAY,
        kind=Kind.PHYSIO_START,
        recorded_at=RECORDED,
        words="twice a week",
        specialist_id=42,
        recorded_by="Dr Lee",
    )
    assert TreatmentEvent.from_doc(event.to_doc()) == event
    early = _event(EVENT_DAY - timedelta(days=40))
    assert in_period([event, early], EVENT_DAY - timedelta(days=1), EVENT_DAY) == [event]
    assert clean_words("  a   b ") == "a b"
    assert clean_words("   ") is None
    assert clean_words("x" * 201) is None


def test_chart_marks_only_events_in_the_period_and_joins_one_days_labels() -> None:
    tz = ZoneInfo("UTC")
    start, end = date(2026, 11, 1), date(2026, 11, 7)
    stats = daily_stats([], tz, start, end)
    events = [
        ChartEvent(date(2026, 11, 3), "Injection"),
        ChartEvent(date(2026, 11, 3), "Med change"),
        ChartEvent(date(2026, 10, 31), "Surgery"),  # before the period
    ]
    [mark] = event_marks(stats, events)
    assert (mark.day, mark.label) == (2, "Injection + Med change")
    entries = [ChartEntry(at=datetime(2026, 11, d, 9, tzinfo=UTC), score=4) for d in (1, 2, 5)]
    plain = render_trend(entries, tz, start, end)
    assert render_trend(entries, tz, start, end, events=events) != plain
    assert render_trend(entries, tz, start, end, events=events[2:]) == plain
