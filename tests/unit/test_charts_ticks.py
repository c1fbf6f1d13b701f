"""Date ticks and the period in the title: density by period length, labels from ChartLabels."""

from datetime import date, timedelta

from charts import ChartLabels
from charts.ticks import date_ticks, format_period

LABELS = ChartLabels()


def days(start, count):
    return [start + timedelta(days=i) for i in range(count)]


def test_a_week_gets_a_labelled_tick_every_day():
    ticks = date_ticks(days(date(2026, 11, 2), 7), LABELS)
    assert ticks.major == list(range(7))
    assert ticks.labels[0] == "Mon\n2 Nov"
    assert ticks.labels[-1] == "Sun\n8 Nov"
    assert ticks.minor == []


def test_two_weeks_get_daily_ticks_naming_the_month_where_it_starts_or_changes():
    ticks = date_ticks(days(date(2026, 10, 26), 14), LABELS)
    assert ticks.major == list(range(14))
    assert ticks.labels[:3] == ["Mon\n26 Oct", "Tue\n27", "Wed\n28"]
    assert ticks.labels[6] == "Sun\n1 Nov"


def test_a_month_gets_weekly_ticks_on_mondays():
    period = days(date(2026, 11, 1), 30)  # 1 Nov 2026 is a Sunday
    ticks = date_ticks(period, LABELS)
    assert ticks.major == [1, 8, 15, 22, 29]
    assert ticks.labels == ["2 Nov", "9 Nov", "16 Nov", "23 Nov", "30 Nov"]
    assert len(ticks.minor) == 25


def test_a_quarter_names_the_month_only_where_it_changes():
    ticks = date_ticks(days(date(2026, 9, 1), 90), LABELS)
    assert all(d.weekday() == 0 for d in (date(2026, 9, 1) + timedelta(i) for i in ticks.major))
    assert ticks.labels[:4] == ["7\nSep", "14", "21", "28"]
    assert ticks.labels[4] == "5\nOct"


def test_a_year_gets_monthly_ticks_with_the_year_where_it_starts_or_changes():
    ticks = date_ticks(days(date(2026, 3, 15), 365), LABELS)
    assert len(ticks.major) == 12
    assert ticks.labels[0] == "Apr\n2026"
    assert "Jan\n2027" in ticks.labels
    assert "Feb" in ticks.labels


def test_several_years_thin_out_to_fit():
    ticks = date_ticks(days(date(2024, 1, 1), 3 * 365), LABELS)
    assert len(ticks.major) <= 13
    assert ticks.labels[0] == "Jan\n2024"


def test_period_text():
    assert format_period(date(2026, 11, 1), date(2026, 11, 30), LABELS) == "1 Nov – 30 Nov 2026"
    assert format_period(date(2026, 12, 28), date(2027, 1, 3), LABELS) == (
        "28 Dec 2026 – 3 Jan 2027"
    )
    assert format_period(date(2026, 11, 5), date(2026, 11, 5), LABELS) == "5 Nov 2026"


def test_month_and_weekday_names_come_from_the_labels():
    german = ChartLabels(
        month_abbr=(
            "Jan",
            "Feb",
            "Mär",
            "Apr",
            "Mai",
            "Jun",
            "Jul",
            "Aug",
            "Sep",
            "Okt",
            "Nov",
            "Dez",
        ),
        weekday_abbr=("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"),
    )
    assert date_ticks(days(date(2026, 12, 1), 1), german).labels == ["Di\n1 Dez"]
    assert format_period(date(2026, 3, 1), date(2026, 3, 2), german) == "1 Mär – 2 Mär 2026"
