"""The arithmetic behind the pain chart: local days, daily means and ranges, gaps, rolling mean,
key numbers. Pure functions, no rendering."""

import math
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from charts import ChartEntry, DayStat, daily_stats, rolling_mean, summarize

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
START = date(2026, 11, 2)  # a Monday


def at(day, hour, minute=0, tz=BERLIN):
    """A UTC instant for a local wall-clock time."""
    return datetime.combine(day, time(hour, minute), tzinfo=tz).astimezone(UTC)


def entry(day, score, hour=12, **kwargs):
    return ChartEntry(at=at(day, hour), score=score, **kwargs)


def day_with(*scores):
    return DayStat(day=START, scores=tuple(scores))


def stats_of(means):
    """DayStats whose single score is each value (None: a day without entries)."""
    return [
        DayStat(day=START + timedelta(days=i), scores=() if m is None else (m,))
        for i, m in enumerate(means)
    ]


# --- ChartEntry -------------------------------------------------------------------------------


def test_entry_rejects_naive_time():
    with pytest.raises(ValueError, match="timezone-aware"):
        ChartEntry(at=datetime(2026, 11, 2, 12), score=5)


@pytest.mark.parametrize("score", [-1, 11])
def test_entry_rejects_score_outside_scale(score):
    with pytest.raises(ValueError, match=r"0\.\.10"):
        ChartEntry(at=at(START, 12), score=score)


def test_entry_rejects_non_int_score():
    with pytest.raises(TypeError):
        ChartEntry(at=at(START, 12), score=True)


# --- DayStat ----------------------------------------------------------------------------------


def test_day_mean_and_range_of_several_entries():
    day = day_with(3, 8, 4)
    assert day.mean == pytest.approx(5.0)
    assert (day.low, day.high) == (3, 8)


def test_day_without_entries_has_no_value_never_zero():
    day = day_with()
    assert day.mean is None
    assert day.low is None
    assert day.high is None


def test_day_with_a_zero_score_is_zero_not_missing():
    assert day_with(0).mean == 0.0


# --- daily_stats ------------------------------------------------------------------------------


def test_one_stat_per_local_day_inclusive_with_gaps_empty():
    stats = daily_stats(
        [entry(START, 4), entry(START + timedelta(days=2), 6)],
        BERLIN,
        START,
        START + timedelta(days=6),
    )
    assert [s.day for s in stats] == [START + timedelta(days=i) for i in range(7)]
    assert [s.scores for s in stats] == [(4,), (), (6,), (), (), (), ()]
    assert [s.mean for s in stats][1] is None


def test_entries_outside_the_period_are_ignored():
    entries = [
        entry(START - timedelta(days=1), 9),
        entry(START, 2),
        entry(START + timedelta(days=1), 9),
    ]
    assert [s.scores for s in daily_stats(entries, BERLIN, START, START)] == [(2,)]


def test_period_ending_before_it_starts_is_an_error():
    with pytest.raises(ValueError, match="before"):
        daily_stats([], BERLIN, START, START - timedelta(days=1))


def test_scores_in_a_day_keep_the_order_they_were_made():
    entries = [entry(START, 7, hour=20), entry(START, 2, hour=8), entry(START, 5, hour=13)]
    assert daily_stats(entries, BERLIN, START, START)[0].scores == (2, 5, 7)


def test_late_utc_entry_belongs_to_the_next_local_day_in_berlin():
    late = ChartEntry(at=datetime(2026, 11, 3, 23, 30, tzinfo=UTC), score=6)
    stats = daily_stats([late], BERLIN, date(2026, 11, 3), date(2026, 11, 4))
    assert [s.scores for s in stats] == [(), (6,)]


def test_late_utc_entry_stays_on_the_same_local_day_in_new_york():
    late = ChartEntry(at=datetime(2026, 11, 3, 23, 30, tzinfo=UTC), score=6)
    stats = daily_stats([late], NEW_YORK, date(2026, 11, 3), date(2026, 11, 4))
    assert [s.scores for s in stats] == [(6,), ()]


def test_day_boundaries_follow_the_spring_dst_change():
    # Berlin switches to UTC+2 at 01:00 UTC on 29 March 2026.
    entries = [
        ChartEntry(at=datetime(2026, 3, 28, 23, 30, tzinfo=UTC), score=1),  # 00:30 CET, 29th
        ChartEntry(at=datetime(2026, 3, 29, 21, 59, tzinfo=UTC), score=2),  # 23:59 CEST, 29th
        ChartEntry(at=datetime(2026, 3, 29, 22, 30, tzinfo=UTC), score=3),  # 00:30 CEST, 30th
    ]
    stats = daily_stats(entries, BERLIN, date(2026, 3, 28), date(2026, 3, 30))
    assert [s.scores for s in stats] == [(), (1, 2), (3,)]


def test_day_boundaries_follow_the_autumn_dst_change():
    # Back to UTC+1 on 25 October 2026: 22:30 UTC is 23:30 that day, not 00:30 the next.
    entries = [ChartEntry(at=datetime(2026, 10, 25, 22, 30, tzinfo=UTC), score=4)]
    stats = daily_stats(entries, BERLIN, date(2026, 10, 25), date(2026, 10, 26))
    assert [s.scores for s in stats] == [(4,), ()]


def test_techniques_and_medication_are_collected_per_day():
    entries = [
        entry(START, 5, hour=8, techniques=("breathing",)),
        entry(START, 7, hour=20, techniques=("heat_cold", "breathing"), medication=True),
        entry(START + timedelta(days=1), 3, techniques=("movement",)),
    ]
    first, second = daily_stats(entries, BERLIN, START, START + timedelta(days=1))
    assert first.techniques == {"breathing", "heat_cold"}
    assert first.medication
    assert second.techniques == {"movement"}
    assert not second.medication


# --- rolling_mean -----------------------------------------------------------------------------


def test_rolling_mean_needs_four_logged_days_in_the_window():
    values = rolling_mean(stats_of([2, 4, 6, 8, 10]))
    assert values[:3] == [None, None, None]
    assert values[3] == pytest.approx(5.0)
    assert values[4] == pytest.approx(6.0)


def test_rolling_mean_is_trailing_and_seven_days_wide():
    values = rolling_mean(stats_of([0, 0, 0, 0, 0, 0, 0, 7]))
    assert values[6] == 0.0  # a later day does not leak backwards
    assert values[7] == pytest.approx(1.0)  # day 0 has left the window


def test_rolling_mean_averages_daily_means_not_entries():
    stats = [DayStat(day=START, scores=(10, 10, 10, 10)), *stats_of([None, 0, 0, 0])[1:]]
    assert rolling_mean(stats)[3] == pytest.approx(2.5)  # not 40 / 7


def test_rolling_mean_undefined_when_too_few_days_in_window():
    values = rolling_mean(stats_of([2, None, None, 4, 6, 8, None, None]))
    assert values[4] is None  # three logged days
    assert values[5] == pytest.approx(5.0)  # four logged of six (days before the start count
    assert values[6] == pytest.approx(5.0)  # as unlogged); a gap day keeps its weekly value
    assert values[7] is None  # day 0 left the window: three logged among days 1..7


@pytest.mark.parametrize(("window", "min_days"), [(0, 1), (7, 0), (7, 8)])
def test_rolling_mean_rejects_impossible_parameters(window, min_days):
    with pytest.raises(ValueError):
        rolling_mean(stats_of([1, 2, 3]), window=window, min_days=min_days)


# --- summarize --------------------------------------------------------------------------------


def test_summary_mean_weighs_each_logged_day_equally():
    stats = [
        DayStat(day=START, scores=(9, 9, 9)),
        DayStat(day=START + timedelta(days=1), scores=()),
        DayStat(day=START + timedelta(days=2), scores=(3,)),
    ]
    summary = summarize(stats)
    assert summary.mean == pytest.approx(6.0)  # not (9+9+9+3)/4 = 7.5
    assert (summary.worst, summary.least) == (9, 3)
    assert (summary.days_logged, summary.days_in_period) == (2, 3)


def test_summary_of_a_period_without_entries_has_no_numbers():
    summary = summarize(stats_of([None, None]))
    assert summary.mean is None
    assert summary.worst is None
    assert summary.least is None
    assert (summary.days_logged, summary.days_in_period) == (0, 2)


# --- invariants -------------------------------------------------------------------------------

entries_strategy = st.lists(
    st.builds(
        ChartEntry,
        at=st.datetimes(
            min_value=datetime(2026, 10, 20),
            max_value=datetime(2026, 11, 20),
            timezones=st.just(UTC),
        ),
        score=st.integers(0, 10),
    ),
    max_size=60,
)


@settings(max_examples=60, deadline=None)
@given(entries=entries_strategy, tz=st.sampled_from([BERLIN, NEW_YORK, ZoneInfo("Asia/Kolkata")]))
def test_aggregation_invariants(entries, tz):
    start, end = date(2026, 10, 25), date(2026, 11, 15)
    stats = daily_stats(entries, tz, start, end)
    inside = [e for e in entries if start <= e.at.astimezone(tz).date() <= end]
    assert len(stats) == (end - start).days + 1
    assert sum(len(s.scores) for s in stats) == len(inside)
    for stat in stats:
        if stat.scores:
            assert stat.low <= stat.mean <= stat.high
        else:
            assert stat.mean is None
    for value in rolling_mean(stats):
        assert value is None or 0 <= value <= 10
    means = [s.mean for s in stats if s.mean is not None]
    summary = summarize(stats)
    if means:
        assert math.isclose(summary.mean, sum(means) / len(means))
    else:
        assert summary.mean is None
