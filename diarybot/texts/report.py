"""Every word and number format the specialist PDF shows, in one place.

Wording rules: the report describes, it never advises. Technique figures are observations
("on the days with …"), never effects, and the page says so. Numbers carry one decimal and a
real minus sign. Month and weekday names come from here, not from `strftime`, which follows the
server's locale rather than the reader's language.
"""

from __future__ import annotations

from datetime import date, datetime

from diarybot.domain.entries import Entry, Technique
from diarybot.domain.figures import (
    COMPARISON_MIN_DAYS,
    FLARE_BASELINE_DAYS,
    FLARE_BASELINE_MIN_DAYS,
    FLARE_HIGH_SCORE,
    FLARE_JUMP_POINTS,
    HIGH_PAIN_SCORE,
    IMPORTANT_CHANGE_FRACTION,
    IMPORTANT_CHANGE_POINTS,
    TREND_MIN_DAYS_LOGGED,
    TREND_MIN_SPAN_DAYS,
    Change,
    PeriodFigures,
    TechniqueFigures,
    Trend,
)
from diarybot.texts import BOT_NAME, MEDICATION_NAME, TECHNIQUE_NAMES, words

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MINUS = "−"
NO_VALUE = "–"

TITLE = "Pain diary summary"
RUNNING_HEAD = "Pain diary summary · {name} · {period}"
PATIENT = "Patient"
NAME_NOT_GIVEN = "(no name given)"
PERIOD = "Period"
PERIOD_RANGE = "{start} – {end} ({days} days)"
TIMES_IN = "Times are local to {tz}."
GENERATED = "Generated {when} by {bot}"
PAGE = "Page {page} of {pages}"
SCALE = "Pain is rated from 0 (no pain) to 10 (worst pain imaginable)."
DISCLAIMER = (
    "Patient-reported data from a self-tracking diary; not a diagnosis and not medical advice."
)

KEY_FIGURES = "Key figures"
ROW_DAYS_LOGGED = "Days logged"
ROW_MEAN = "Average pain"
ROW_MEDIAN = "Median pain"
ROW_WORST_LEAST = "Worst / least single score"
ROW_HIGH_PAIN = f"High-pain days (a score ≥ {HIGH_PAIN_SCORE})"
ROW_FLARES = "Flare days"
ROW_MEDICATION = f"Days with {MEDICATION_NAME.lower()}"
ROW_TREND = "Trend"
ROW_CHANGE = "Change vs previous {days} days"

DAYS_LOGGED = "{logged} of {days} ({percent}%) · {entries}"
DAYS_OF_LOGGED = "{n} of {logged} logged days"
WORST_LEAST = "{worst} / {least}"
TREND_VALUE = "{slope} points per week"
TREND_WEEKS = " (first week {first}, last week {last})"
TREND_NONE = (
    f"not shown: needs ≥ {TREND_MIN_DAYS_LOGGED} logged days spread over ≥ "
    f"{TREND_MIN_SPAN_DAYS} days"
)
CHANGE_VALUE = "{absolute} points ({percent}%) from {previous}"
CHANGE_VALUE_NO_PERCENT = "{absolute} points from {previous}"
CHANGE_IMPORTANT = " · clinically important"
CHANGE_NONE = "not shown: needs entries in both periods"

TECHNIQUES = "Coping techniques"
TECHNIQUES_NONE = "No coping techniques were recorded in this period."
#: How a technique reads inside a sentence (the check-in labels are capitalised buttons).
TECHNIQUE_PHRASES: dict[Technique, str] = {
    Technique.BREATHING: "breathing exercises",
    Technique.RELAXATION: "relaxation / PMR",
    Technique.MINDFULNESS: "mindfulness or meditation",
    Technique.MOVEMENT: "stretching, exercise or physio",
    Technique.HEAT_COLD: "heat or cold",
    Technique.TENS: "TENS",
    Technique.DISTRACTION: "distraction or a pleasant activity",
    Technique.OTHER: "another technique",
}
TECHNIQUE_COMPARED = (
    "On the {days_with} with {phrase} the average pain was {mean_with}; "
    "on the {days_without} without, {mean_without}."
)
TECHNIQUE_USED_ONLY = "{name}: used on {days_with}; too few days to compare averages."
TECHNIQUES_CAVEAT = (
    "These are observations, not effects: days with and without a technique may differ in "
    f"other ways. Averages are compared only with at least {COMPARISON_MIN_DAYS} logged days "
    f"with and {COMPARISON_MIN_DAYS} without."
)

DEFINITIONS = (
    "How these figures are computed. Days are the patient's local calendar days. Average, "
    "median, trend and comparisons use each logged day's mean score, so a day counts once "
    "however often it was logged; worst and least are single scores. "
    f"Flare day: a daily maximum ≥ {FLARE_HIGH_SCORE} on two consecutive days, or a daily mean "
    f"≥ {FLARE_JUMP_POINTS:g} points above the mean of the previous {FLARE_BASELINE_DAYS} days "
    f"(when ≥ {FLARE_BASELINE_MIN_DAYS} of them were logged). "
    "Trend: least-squares slope of the daily means. Clinically important change: "
    f"≥ {IMPORTANT_CHANGE_POINTS:g} points or ≥ {IMPORTANT_CHANGE_FRACTION:.0%} of the previous "
    "average (Farrar et al., Pain 2001)."
)

CHART_ALT = "Chart of daily pain scores over the period"
ENTRIES_HEADING = "All entries"
ENTRIES_EMPTY = "No entries in this period."
COLUMNS = ("Date", "Time", "Score", "Techniques", "Medication", "Note")
# The score cell of a note-only entry (the patient wrote without rating): never a number.
NO_SCORE = "note"
#: In the Date column of the rows a long note continues in.
NOTE_CONTINUED = "(cont.)"
#: Ends a note too long for the PDF; the CSV and FHIR files hold every word of it.
NOTE_CUT = "[… the full note is in the CSV file]"
YES = "yes"
NO = "no"


def plural(n: int, one: str, many: str) -> str:
    """'1 day', '3 days'."""
    return f"{n} {one if n == 1 else many}"


def days(n: int) -> str:
    """A number of days in words."""
    return plural(n, "day", "days")


def number(value: float | None) -> str:
    """A figure with one decimal and a real minus sign, or a dash when there is none."""
    if value is None:
        return NO_VALUE
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text.replace("-", MINUS)


def signed(value: float, decimals: int = 1) -> str:
    """A change with an explicit sign: '+0.4', '−1.2', '0.0'."""
    text = f"{abs(value):.{decimals}f}"
    if float(text) == 0:
        return text
    return ("+" if value > 0 else MINUS) + text


def day_label(day: date, *, with_year: bool = True) -> str:
    """'Mon 02 Nov 2026' (or without the year inside a table)."""
    label = f"{WEEKDAYS[day.weekday()]} {day.day:02d} {MONTHS[day.month - 1]}"
    return f"{label} {day.year}" if with_year else label


def short_date(day: date) -> str:
    """'02 Nov 2026', for the running head and footer."""
    return f"{day.day:02d} {MONTHS[day.month - 1]} {day.year}"


def period_label(start: date, end: date) -> str:
    """The period as the first page shows it."""
    return PERIOD_RANGE.format(
        start=day_label(start), end=day_label(end), days=(end - start).days + 1
    )


def generated_label(when: datetime) -> str:
    """The footer's generation stamp (`when` already in the patient's time zone)."""
    stamp = f"{short_date(when.date())} {when:%H:%M}"
    return GENERATED.format(when=stamp, bot=BOT_NAME)


def patient_name(name: str) -> str:
    """The name exactly as the patient chose it, or a placeholder."""
    return name.strip() or NAME_NOT_GIVEN


def key_figure_rows(figures: PeriodFigures) -> list[tuple[str, str]]:
    """The compact table of page 1: (label, value) pairs."""
    return [
        (ROW_DAYS_LOGGED, _days_logged(figures)),
        (ROW_MEAN, number(figures.mean)),
        (ROW_MEDIAN, number(figures.median)),
        (ROW_WORST_LEAST, _worst_least(figures)),
        (ROW_HIGH_PAIN, _of_logged(figures.high_pain_days, figures)),
        (ROW_FLARES, _of_logged(figures.flare_days, figures)),
        (ROW_MEDICATION, _of_logged(figures.medication_days, figures)),
        (ROW_TREND, trend_text(figures.trend)),
        (ROW_CHANGE.format(days=figures.days_in_period), change_text(figures.change)),
    ]


def _days_logged(figures: PeriodFigures) -> str:
    return DAYS_LOGGED.format(
        logged=figures.days_logged,
        days=figures.days_in_period,
        percent=round(figures.adherence * 100),
        entries=plural(figures.entry_count, "entry", "entries"),
    )


def _of_logged(n: int, figures: PeriodFigures) -> str:
    if not figures.days_logged:
        return NO_VALUE
    return DAYS_OF_LOGGED.format(n=n, logged=figures.days_logged)


def _worst_least(figures: PeriodFigures) -> str:
    if figures.worst is None or figures.least is None:
        return NO_VALUE
    return WORST_LEAST.format(worst=figures.worst, least=figures.least)


def trend_text(trend: Trend | None) -> str:
    """'−0.4 points per week (first week 5.6, last week 4.5)'."""
    if trend is None:
        return TREND_NONE
    text = TREND_VALUE.format(slope=signed(trend.slope_per_week))
    if trend.first_week_mean is not None and trend.last_week_mean is not None:
        text += TREND_WEEKS.format(
            first=number(trend.first_week_mean), last=number(trend.last_week_mean)
        )
    return text


def change_text(change: Change | None) -> str:
    """'−2.1 points (−32 %) from 6.5 · clinically important'."""
    if change is None:
        return CHANGE_NONE
    previous = number(change.previous_mean)
    if change.percent is None:
        text = CHANGE_VALUE_NO_PERCENT.format(absolute=signed(change.absolute), previous=previous)
    else:
        text = CHANGE_VALUE.format(
            absolute=signed(change.absolute),
            percent=signed(change.percent, decimals=0),
            previous=previous,
        )
    return text + (CHANGE_IMPORTANT if change.clinically_important else "")


def technique_observation(figures: TechniqueFigures) -> str:
    """One technique as an observation, never as advice."""
    if not figures.comparison_shown:
        return TECHNIQUE_USED_ONLY.format(
            name=TECHNIQUE_NAMES[figures.technique], days_with=days(figures.days_used)
        )
    return TECHNIQUE_COMPARED.format(
        days_with=days(figures.days_used),
        phrase=TECHNIQUE_PHRASES[figures.technique],
        mean_with=number(figures.mean_with),
        days_without=days(figures.days_without),
        mean_without=number(figures.mean_without),
    )


def entry_techniques(entry: Entry) -> str:
    """The techniques of one entry for the entries table (medication has its own column)."""
    if not entry.techniques and entry.techniques_answered:
        return words.TECHNIQUES_NONE_CELL  # said so; an empty cell means "not answered"
    return ", ".join(TECHNIQUE_NAMES[t] for t in entry.techniques)


def yes_no(value: bool) -> str:
    """A boolean as a table cell."""
    return YES if value else NO


# -- guided exercises and the weekly PEG (page 1 sections) --------------------------------------
EXERCISES_HEADING = "Guided exercises"
PEG_HEADING = "Weekly PEG (pain, enjoyment of life, general activity; 0–10)"
PEG_LINE = "{day}: PEG {score} (pain {pain}, enjoyment {enjoyment}, activity {activity})"
PEG_TREND = "Change since the first PEG ({first_day}, {first}): {change} points ({percent})"
PEG_IMPORTANT = " — clinically important (≥ 2 points or ≥ 30 %)"
PEG_INCOMPLETE = "{day}: PEG not completed"
