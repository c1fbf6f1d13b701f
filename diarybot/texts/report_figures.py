"""The report's key figures in words: the table of page 1, the trend, the change, and how
they are computed (the definitions paragraph)."""

from __future__ import annotations

from diarybot.domain.flare_definition import (
    FLARE_BASELINE_DAYS,
    FLARE_BASELINE_MIN_DAYS,
    FLARE_HIGH_SCORE,
    FLARE_JUMP_POINTS,
)
from diarybot.domain.period_figures import HIGH_PAIN_SCORE, PeriodFigures
from diarybot.domain.trend_figures import (
    IMPORTANT_CHANGE_FRACTION,
    IMPORTANT_CHANGE_POINTS,
    TREND_MIN_DAYS_LOGGED,
    TREND_MIN_SPAN_DAYS,
    Change,
    Trend,
)
from diarybot.texts.i18n import _, ngettext
from diarybot.texts.report_formats import no_value, number, percent, signed
from diarybot.texts.techniques import medication_name


def key_figures() -> str:
    return _("Key figures")


def row_days_logged() -> str:
    return _("Days logged")


def row_mean() -> str:
    return _("Average pain")


def row_median() -> str:
    return _("Median pain")


def row_worst_least() -> str:
    return _("Worst / least single score")


def row_high_pain() -> str:
    return _("High-pain days (a score ≥ {high_pain_score})").format(
        high_pain_score=HIGH_PAIN_SCORE
    )


def row_flares() -> str:
    return _("Flare days")


def row_medication() -> str:
    return _("Days with {medication}").format(medication=medication_name().lower())


def row_trend() -> str:
    return _("Trend")


def row_change(days: int) -> str:
    return ngettext("Change vs previous {days} day", "Change vs previous {days} days", days)


def days_logged(entries: int) -> str:
    # Translators: days with an entry of the days in the period, {percent} is e.g. "45 %".
    return ngettext(
        "{logged} of {days} ({percent}) · {entries} entry",
        "{logged} of {days} ({percent}) · {entries} entries",
        entries,
    )


def days_of_logged(logged: int) -> str:
    return ngettext("{n} of {logged} logged day", "{n} of {logged} logged days", logged)


def worst_least() -> str:
    return _("{worst} / {least}")


def trend_value() -> str:
    # Translators: {slope} is always a signed decimal number, e.g. "−0,4".
    return _("{slope} points per week")


def trend_value_weeks() -> str:
    # Translators: {slope}, {first} and {last} are decimal numbers.
    return _("{slope} points per week (first week {first}, last week {last})")


def trend_none() -> str:
    return _(
        "not shown: needs ≥ {trend_min_days_logged} logged days spread over ≥ "
        "{trend_min_span_days} days"
    ).format(trend_min_days_logged=TREND_MIN_DAYS_LOGGED, trend_min_span_days=TREND_MIN_SPAN_DAYS)


def change_value(important: bool) -> str:
    # Translators: {absolute} and {previous} are decimal numbers, {percent} e.g. "−32 %".
    if important:
        return _("{absolute} points ({percent}) from {previous} · clinically important")
    return _("{absolute} points ({percent}) from {previous}")


def change_value_no_percent(important: bool) -> str:
    if important:
        return _("{absolute} points from {previous} · clinically important")
    return _("{absolute} points from {previous}")


def change_none() -> str:
    return _("not shown: needs entries in both periods")


def definitions() -> str:
    return _(
        "How these figures are computed. Days are the patient's local calendar days. Average, "
        "median, trend and comparisons use each logged day's mean score, so a day counts once "
        "however often it was logged; worst and least are single scores. Flare day: a daily "
        "maximum ≥ {flare_high_score} on two consecutive days, or a daily mean ≥ "
        "{flare_jump_points} points above the mean of the previous {flare_baseline_days} days "
        "(when ≥ {flare_baseline_min_days} of them were logged). Trend: least-squares slope of "
        "the daily means. Clinically important change: ≥ {important_change_points} points or ≥ "
        "{important_change_fraction} of the previous average (Farrar et al., Pain 2001)."
    ).format(
        flare_high_score=FLARE_HIGH_SCORE,
        flare_jump_points=FLARE_JUMP_POINTS,
        flare_baseline_days=FLARE_BASELINE_DAYS,
        flare_baseline_min_days=FLARE_BASELINE_MIN_DAYS,
        important_change_points=IMPORTANT_CHANGE_POINTS,
        important_change_fraction=IMPORTANT_CHANGE_FRACTION,
    )


def key_figure_rows(figures: PeriodFigures) -> list[tuple[str, str]]:
    """The compact table of page 1: (label, value) pairs."""
    return [
        (row_days_logged(), _days_logged(figures)),
        (row_mean(), number(figures.mean)),
        (row_median(), number(figures.median)),
        (row_worst_least(), _worst_least(figures)),
        (row_high_pain(), _of_logged(figures.high_pain_days, figures)),
        (row_flares(), _of_logged(figures.flare_days, figures)),
        (row_medication(), _of_logged(figures.medication_days, figures)),
        (row_trend(), trend_text(figures.trend)),
        (
            row_change(figures.days_in_period).format(days=figures.days_in_period),
            change_text(figures.change),
        ),
    ]


def _days_logged(figures: PeriodFigures) -> str:
    return days_logged(figures.entry_count).format(
        logged=figures.days_logged,
        days=figures.days_in_period,
        percent=percent(figures.adherence),
        entries=figures.entry_count,
    )


def _of_logged(n: int, figures: PeriodFigures) -> str:
    if not figures.days_logged:
        return no_value()
    return days_of_logged(figures.days_logged).format(n=n, logged=figures.days_logged)


def _worst_least(figures: PeriodFigures) -> str:
    if figures.worst is None or figures.least is None:
        return no_value()
    return worst_least().format(worst=figures.worst, least=figures.least)


def trend_text(trend: Trend | None) -> str:
    """'−0.4 points per week (first week 5.6, last week 4.5)'."""
    if trend is None:
        return trend_none()
    slope = signed(trend.slope_per_week)
    if trend.first_week_mean is None or trend.last_week_mean is None:
        return trend_value().format(slope=slope)
    return trend_value_weeks().format(
        slope=slope, first=number(trend.first_week_mean), last=number(trend.last_week_mean)
    )


def change_text(change: Change | None) -> str:
    """'−2.1 points (−32 %) from 6.5 · clinically important'."""
    if change is None:
        return change_none()
    previous = number(change.previous_mean)
    important = change.clinically_important
    if change.percent is None:
        return change_value_no_percent(important).format(
            absolute=signed(change.absolute), previous=previous
        )
    return change_value(important).format(
        absolute=signed(change.absolute),
        percent=percent(change.percent / 100, sign=True),
        previous=previous,
    )
