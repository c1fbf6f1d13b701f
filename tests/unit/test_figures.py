"""The figures of a specialist summary: definitions, clinical thresholds and invariants."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diarybot.domain.entries import Entry, Technique
from diarybot.domain.period_figures import period_figures
from diarybot.texts import report as report_texts

BERLIN = ZoneInfo("Europe/Berlin")
START = date(2026, 11, 2)  # a Monday
END = date(2026, 11, 29)  # 28 days


def entry(day, score, *, hour=20, techniques=(), medication=False, uid=None, answered=True):
    """An entry whose techniques question was answered unless `answered=False`."""
    recorded = datetime.combine(day, time(hour), tzinfo=BERLIN).astimezone(UTC)
    return Entry(
        id=uid or f"{day.isoformat()}-{hour}-{score}",
        recorded_at=recorded,
        local_date=day,
        score=score,
        techniques=tuple(techniques),
        medication=medication,
        techniques_answered=answered,
    )


def day(n):
    """The n-th day of the period (0-based)."""
    return START + timedelta(days=n)


def test_averages_weigh_each_logged_day_once_not_each_entry():
    entries = [entry(day(0), s, hour=h) for h, s in ((8, 2), (12, 2), (16, 2), (20, 8))]
    entries.append(entry(day(1), 8))
    figures = period_figures(entries, START, END)
    # Daily means 3.5 and 8.0; the entry mean (4.4) would let the busy day dominate.
    assert figures.mean == pytest.approx(5.75)
    assert figures.median == pytest.approx(5.75)
    assert (figures.worst, figures.least) == (8, 2)
    assert figures.entry_count == 5
    assert figures.days_logged == 2
    assert figures.days_in_period == 28
    assert figures.adherence == pytest.approx(2 / 28)


def test_median_is_over_daily_means():
    entries = [entry(day(0), 1), entry(day(1), 2), entry(day(2), 9), entry(day(2), 9, hour=8)]
    assert period_figures(entries, START, END).median == 2


def test_days_are_the_patients_local_dates_and_outside_entries_are_ignored():
    # 00:30 in Berlin on the 3rd is still the 2nd in UTC; it belongs to the 3rd.
    late = Entry(
        id="late",
        recorded_at=datetime(2026, 11, 2, 23, 30, tzinfo=UTC),
        local_date=date(2026, 11, 3),
        score=4,
    )
    outside = [entry(START - timedelta(days=1), 10), entry(END + timedelta(days=1), 10)]
    figures = period_figures([late, entry(day(0), 6), *outside], START, END)
    assert figures.days_logged == 2
    assert figures.worst == 6


def test_high_pain_days_use_the_daily_maximum_and_medication_days_any_entry():
    entries = [
        entry(day(0), 7, hour=8),
        entry(day(0), 1, hour=20, medication=True),
        entry(day(1), 6, medication=True),
        entry(day(2), 9),
    ]
    figures = period_figures(entries, START, END)
    assert figures.high_pain_days == 2
    assert figures.medication_days == 2


def test_empty_period_has_no_values_but_still_its_length():
    figures = period_figures([], START, END, previous=[])
    assert figures.days_in_period == 28
    assert figures.days_logged == figures.entry_count == 0
    assert figures.adherence == 0
    assert figures.mean is figures.median is figures.worst is figures.least is None
    assert figures.trend is None
    assert figures.change is None
    assert figures.techniques == ()
    assert figures.flare_days == 0


def test_end_before_start_is_rejected():
    with pytest.raises(ValueError, match="before its start"):
        period_figures([], END, START)


# --- trend ---


def test_trend_slope_is_in_points_per_week_with_first_and_last_week():
    # One point down every 4 days, days 0..24: −0.25 a day, −1.75 a week.
    entries = [entry(day(4 * k), 10 - k) for k in range(7)]
    trend = period_figures(entries, START, END).trend
    assert trend is not None
    assert trend.slope_per_week == pytest.approx(-1.75)
    assert trend.first_week_mean == pytest.approx(9.5)  # days 0 and 4
    assert trend.last_week_mean == pytest.approx(4.0)  # day 24
    assert report_texts.trend_text(trend) == (
        "−1.8 points per week (first week 9.5, last week 4.0)"
    )


def test_trend_needs_seven_logged_days():
    six = [entry(day(n * 4), 5) for n in range(6)]
    assert period_figures(six, START, END).trend is None


def test_trend_needs_a_fourteen_day_span():
    thirteen = [entry(day(n * 2), 5) for n in range(7)]  # days 0..12: a 13-day span
    assert period_figures(thirteen, START, END).trend is None
    fourteen = [*thirteen, entry(day(13), 5)]
    trend = period_figures(fourteen, START, END).trend
    assert trend is not None
    assert trend.slope_per_week == pytest.approx(0.0)


def test_trend_weeks_without_entries_are_none():
    entries = [entry(day(n), 5) for n in range(7, 21)]
    trend = period_figures(entries, START, END).trend
    assert trend is not None
    assert trend.first_week_mean is None
    assert trend.last_week_mean is None


# --- change against the previous period (Farrar 2001) ---


def previous_days(mean_score, count=10):
    return [entry(START - timedelta(days=n), mean_score) for n in range(1, count + 1)]


@pytest.mark.parametrize(
    ("before", "now", "absolute", "important"),
    [
        (6, 4, -2.0, True),  # two points
        (6, 5, -1.0, False),  # 17 %
        (3, 2, -1.0, True),  # 33 %
        (4, 5, 1.0, False),  # 25 %, worse
        (4, 6, 2.0, True),  # worse by two points: flagged too
    ],
)
def test_change_is_flagged_at_two_points_or_thirty_percent(before, now, absolute, important):
    current = [entry(day(n), now) for n in range(10)]
    change = period_figures(current, START, END, previous=previous_days(before)).change
    assert change is not None
    assert change.absolute == absolute
    assert change.previous_mean == before
    assert change.percent == pytest.approx(absolute / before * 100)
    assert change.clinically_important is important


def test_exactly_thirty_percent_is_flagged_despite_floating_point():
    # Previous mean 3.0; now nine days at 2 and one at 3: mean 2.1, a change of exactly 30 %.
    current = [entry(day(n), 2) for n in range(9)] + [
        entry(day(20), 3, uid="a"),
        entry(day(20), 3, uid="b", hour=8),
    ]
    figures = period_figures(current, START, END, previous=previous_days(3))
    assert figures.mean == pytest.approx(2.1)
    assert figures.change is not None
    assert figures.change.absolute == pytest.approx(-0.9)
    assert figures.change.clinically_important


def test_change_flag_agrees_with_the_one_decimal_figures_shown():
    # Means 5.96 → 3.96 print as 6.0 → 4.0; a reader sees −2.0, so it must be flagged.
    prev = [entry(START - timedelta(days=n), 6) for n in range(1, 25)] + [
        entry(START - timedelta(days=25), 5)
    ]
    now = [entry(day(n), 4) for n in range(24)] + [entry(day(24), 3)]
    change = period_figures(now, START, END, previous=prev).change
    assert change is not None
    assert (change.previous_mean, change.absolute) == (6.0, -2.0)
    assert change.clinically_important


def test_change_uses_only_the_previous_period_of_the_same_length():
    long_ago = [entry(START - timedelta(days=40), 10)]
    previous = previous_days(4) + long_ago
    change = period_figures([entry(day(0), 4)], START, END, previous=previous).change
    assert change is not None
    assert change.previous_start == date(2026, 10, 5)
    assert change.previous_end == date(2026, 11, 1)
    assert change.previous_mean == 4.0
    assert change.absolute == 0.0


def test_entries_may_be_passed_as_one_shot_iterators():
    figures = period_figures(
        iter([entry(day(0), 4)]), START, END, previous=(e for e in previous_days(6))
    )
    assert figures.change is not None
    assert figures.change.absolute == -2.0


def test_change_is_none_without_previous_data_or_without_current_data():
    assert period_figures([entry(day(0), 4)], START, END).change is None
    assert period_figures([entry(day(0), 4)], START, END, previous=[]).change is None
    assert period_figures([], START, END, previous=previous_days(4)).change is None


def test_change_from_a_zero_mean_has_no_percent_and_counts_points_only():
    small = period_figures([entry(day(0), 1)], START, END, previous=previous_days(0)).change
    assert small is not None
    assert small.percent is None
    assert not small.clinically_important
    big = period_figures([entry(day(0), 2)], START, END, previous=previous_days(0)).change
    assert big is not None
    assert big.clinically_important


# --- coping techniques ---


def test_technique_comparison_uses_daily_means_on_days_with_and_without():
    breathing = (Technique.BREATHING,)
    entries = [
        entry(day(0), 4, techniques=breathing),
        entry(day(0), 2, hour=8),  # same day, no tick: the day still counts as "with"
        entry(day(1), 3, techniques=breathing),
        entry(day(2), 3, techniques=breathing),
        entry(day(3), 6),
        entry(day(4), 6),
        entry(day(5), 7),
    ]
    (figures,) = period_figures(entries, START, END).techniques
    assert figures.technique is Technique.BREATHING
    assert (figures.days_used, figures.days_without) == (3, 3)
    assert figures.mean_with == pytest.approx(3.0)
    assert figures.mean_without == pytest.approx(19 / 3)
    assert figures.comparison_shown
    assert report_texts.technique_observation(figures) == (
        "On the 3 days with breathing exercises the average pain was 3.0; "
        "on the 3 days without, 6.3."
    )


@pytest.mark.parametrize(("with_days", "without_days"), [(2, 5), (5, 2)])
def test_technique_comparison_needs_three_days_with_and_three_without(with_days, without_days):
    tens = (Technique.TENS,)
    entries = [entry(day(n), 5, techniques=tens) for n in range(with_days)] + [
        entry(day(10 + n), 5) for n in range(without_days)
    ]
    (figures,) = period_figures(entries, START, END).techniques
    assert figures.days_used == with_days
    assert not figures.comparison_shown
    assert report_texts.technique_observation(figures) == (
        f"TENS: used on {with_days} days; too few days to compare averages."
    )


def test_only_techniques_used_in_the_period_are_listed_in_a_stable_order():
    entries = [entry(day(0), 5, techniques=(Technique.TENS, Technique.BREATHING))]
    techniques = period_figures(entries, START, END).techniques
    assert [t.technique for t in techniques] == [Technique.BREATHING, Technique.TENS]


# --- flares ---


def test_two_consecutive_days_at_seven_or_more_are_a_flare():
    entries = [entry(day(3), 7), entry(day(4), 8, hour=8), entry(day(4), 2), entry(day(9), 9)]
    figures = period_figures(entries, START, END)
    assert figures.flare_dates == (day(3), day(4))  # day 9 is high but alone
    assert figures.flare_days == 2


def test_a_flare_can_begin_the_day_before_the_period():
    figures = period_figures(
        [entry(day(0), 8)], START, END, previous=[entry(START - timedelta(days=1), 8)]
    )
    assert figures.flare_dates == (START,)


def test_a_jump_of_three_points_above_the_fourteen_day_baseline_is_a_flare():
    baseline = [entry(day(n), 3) for n in range(14)]
    figures = period_figures([*baseline, entry(day(14), 6), entry(day(15), 5)], START, END)
    assert figures.flare_dates == (day(14),)


def test_a_jump_of_exactly_three_points_counts_despite_floating_point():
    # Baseline days average 7/3 (2, 2, 3); the jump day averages 16/3, exactly 3 more.
    baseline = [entry(day(n), s, hour=h) for n in range(7) for h, s in ((8, 2), (12, 2), (16, 3))]
    jump = [entry(day(7), s, hour=h) for h, s in ((8, 5), (12, 5), (16, 6))]
    assert period_figures(baseline + jump, START, END).flare_dates == (day(7),)


def test_a_jump_needs_seven_logged_days_of_baseline():
    sparse = [entry(day(n), 2) for n in range(0, 14, 3)]  # 5 logged days
    figures = period_figures([*sparse, entry(day(14), 6)], START, END)
    assert figures.flare_dates == ()


# --- invariants ---

entry_strategy = st.builds(
    lambda offset, hour, score, techniques, medication, uid: entry(
        START + timedelta(days=offset),
        score,
        hour=hour,
        techniques=sorted(techniques),
        medication=medication,
        uid=str(uid),
    ),
    offset=st.integers(-30, 30),
    hour=st.integers(0, 23),
    score=st.integers(0, 10),
    techniques=st.frozensets(st.sampled_from(list(Technique)), max_size=3),
    medication=st.booleans(),
    uid=st.uuids(),
)


@settings(max_examples=150)
@given(entries=st.lists(entry_strategy, max_size=60), data=st.data())
def test_figures_are_consistent_and_independent_of_entry_order(entries, data):
    previous = [e for e in entries if e.local_date < START]
    figures = period_figures(entries, START, END, previous=previous)
    assert 0 <= figures.adherence <= 1
    assert figures.days_logged <= figures.days_in_period
    assert figures.high_pain_days <= figures.days_logged
    assert figures.flare_days <= figures.days_logged
    assert figures.medication_days <= figures.days_logged
    if figures.days_logged:
        assert figures.least <= figures.median <= figures.worst
        assert figures.least <= figures.mean <= figures.worst
    for technique in figures.techniques:
        assert technique.days_used + technique.days_without == figures.days_logged
    shuffled = data.draw(st.permutations(entries))
    previous_shuffled = data.draw(st.permutations(previous))
    assert period_figures(shuffled, START, END, previous=previous_shuffled) == figures


def test_technique_comparison_uses_only_entries_whose_techniques_were_answered():
    used = [entry(day(n), 3, techniques=[Technique.TENS]) for n in range(3)]
    said_none = [entry(day(n), 6) for n in range(3, 6)]
    # Low-pain days where the keyboard was left: they say nothing about TENS.
    unanswered = [entry(day(n), 1, answered=False) for n in range(6, 12)]
    [tens] = period_figures([*used, *said_none, *unanswered], START, END).techniques
    assert (tens.days_used, tens.days_without) == (3, 3)
    assert (tens.mean_with, tens.mean_without) == (3, 6)
    assert tens.comparison_shown
    # Everything else still counts every scored entry.
    assert period_figures([*used, *said_none, *unanswered], START, END).days_logged == 12
