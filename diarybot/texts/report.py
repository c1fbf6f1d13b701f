"""Every word and number format the specialist PDF shows, in one place.

Wording rules: the report describes, it never advises. Technique figures are observations
("on the days with …"), never effects, and the page says so. Numbers carry one decimal and a
real minus sign. Dates and numbers are written the reader's way by Babel (CLDR data:
"Wed, 2 Dec 2026" / "mié, 2 dic 2026", "5.3" / "5,3"), never by `strftime`, which follows the
server's locale rather than the reader's language. The report is made inside
``i18n.speaking(reader's language)``: the specialist's for a report sent to them, the patient's
for their own export.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from babel import numbers as babel_numbers

from diarybot.domain.entries import Entry, Technique
from diarybot.domain.figures import HIGH_PAIN_SCORE, PeriodFigures
from diarybot.domain.flare_rules import (
    FLARE_BASELINE_DAYS,
    FLARE_BASELINE_MIN_DAYS,
    FLARE_HIGH_SCORE,
    FLARE_JUMP_POINTS,
)
from diarybot.domain.technique_figures import COMPARISON_MIN_DAYS, TechniqueFigures
from diarybot.domain.trend_figures import (
    IMPORTANT_CHANGE_FRACTION,
    IMPORTANT_CHANGE_POINTS,
    TREND_MIN_DAYS_LOGGED,
    TREND_MIN_SPAN_DAYS,
    Change,
    Trend,
)
from diarybot.texts import BOT_NAME, medication_name, technique_names, words
from diarybot.texts.i18n import _, format_decimal, format_skeleton, locale, ngettext


def minus() -> str:
    return _("−")


def no_value() -> str:
    return _("–")


def title() -> str:
    return _("Pain diary summary")


def running_head() -> str:
    return _("Pain diary summary · {name} · {period}")


def patient() -> str:
    return _("Patient")


def name_not_given() -> str:
    return _("(no name given)")


def period() -> str:
    return _("Period")


def period_range(days: int) -> str:
    return ngettext("{start} – {end} ({days} day)", "{start} – {end} ({days} days)", days)


def date_range() -> str:
    # Translators: a period in a running head, e.g. "2 Nov 2026 – 29 Nov 2026".
    return _("{start} – {end}")


def times_in() -> str:
    return _("Times are local to {tz}.")


def generated() -> str:
    # Translators: the footer of every page; {bot} is the bot's name.
    return _("Generated {date} at {time} by {bot}")


def page() -> str:
    return _("Page {page} of {pages}")


def scale() -> str:
    return _("Pain is rated from 0 (no pain) to 10 (worst pain imaginable).")


def disclaimer() -> str:
    return _(
        "Patient-reported data from a self-tracking diary; not a diagnosis and not medical advice."
    )


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


def techniques() -> str:
    return _("Coping techniques")


def techniques_none() -> str:
    return _("No coping techniques were recorded in this period.")


#: How a technique reads inside a sentence (the check-in labels are capitalised buttons).
def technique_phrases() -> dict[Technique, str]:
    return {
        Technique.BREATHING: _("breathing exercises"),
        Technique.RELAXATION: _("relaxation / PMR"),
        Technique.MINDFULNESS: _("mindfulness or meditation"),
        Technique.MOVEMENT: _("stretching, exercise or physio"),
        Technique.HEAT_COLD: _("heat or cold"),
        Technique.TENS: _("TENS"),
        Technique.DISTRACTION: _("distraction or a pleasant activity"),
        Technique.OTHER: _("another technique"),
    }


def technique_compared() -> str:
    return _(
        "On the {days_with} with {phrase} the average pain was {mean_with}; "
        "on the {days_without} without, {mean_without}."
    )


def technique_used_only() -> str:
    return _("{name}: used on {days_with}; too few days to compare averages.")


def techniques_caveat() -> str:
    return _(
        "These are observations, not effects: days with and without a technique may differ in "
        "other ways. Averages are compared only with at least {comparison_min_days} logged days "
        "with and {comparison_min_days} without."
    ).format(comparison_min_days=COMPARISON_MIN_DAYS)


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


def chart_alt() -> str:
    return _("Chart of daily pain scores over the period")


def entries_heading() -> str:
    return _("All entries")


def entries_empty() -> str:
    return _("No entries in this period.")


def columns() -> tuple[str, ...]:
    return (_("Date"), _("Time"), _("Score"), _("Techniques"), _("Medication"), _("Note"))


# The score cell of a note-only entry (the patient wrote without rating): never a number.
def no_score() -> str:
    return _("note")


#: In the Date column of the rows a long note continues in.
def note_continued() -> str:
    return _("(cont.)")


#: Ends a note too long for the PDF; the CSV and FHIR files hold every word of it.
def note_cut() -> str:
    return _("[… the full note is in the CSV file]")


def yes() -> str:
    return _("yes")


def no() -> str:
    return _("no")


def days(n: int) -> str:
    """A number of days inside a sentence: '1 day', '3 days' (Russian: '3 дня', '5 дней')."""
    return ngettext("{n} day", "{n} days", n).format(n=n)


def number(value: float | None, decimals: int = 1) -> str:
    """A figure with one decimal in the reader's form ('5.3', '5,3'), a real minus sign, or a
    dash when there is none."""
    if value is None:
        return no_value()
    text = format_decimal(abs(value), decimals)
    zero = format_decimal(0, decimals)
    return minus() + text if value < 0 and text != zero else text


def signed(value: float, decimals: int = 1) -> str:
    """A change with an explicit sign: '+0.4', '−1,2', '0.0'."""
    text = format_decimal(abs(value), decimals)
    if text == format_decimal(0, decimals):
        return text
    return ("+" if value > 0 else minus()) + text


def percent(fraction: float, *, sign: bool = False) -> str:
    """A whole percentage the reader's way: '45%' in English, '45 %' in German and French;
    with `sign`, '+12%' or '−32 %' (no sign on zero)."""
    text = babel_numbers.format_percent(abs(fraction), locale=locale())
    if sign and text != babel_numbers.format_percent(0, locale=locale()):
        return ("+" if fraction > 0 else minus()) + text
    return text


def day_label(day: date, *, with_year: bool = True) -> str:
    """'Mon, Nov 2, 2026' / 'lun, 2 nov 2026' (without the year inside a table)."""
    return format_skeleton("yMMMEd" if with_year else "MMMEd", day)


def short_date(day: date) -> str:
    """'Nov 2, 2026' / '2 nov 2026' / '2. Nov. 2026', for the running head and footer."""
    return format_skeleton("yMMMd", day)


def time_of_day(when: datetime) -> str:
    """A clock time, 24-hour in every language: a clinical record, never '8:15 PM'."""
    return format_skeleton("Hm", when)


def period_label(start: date, end: date) -> str:
    """The period as the first page shows it."""
    days_in = (end - start).days + 1
    return period_range(days_in).format(start=day_label(start), end=day_label(end), days=days_in)


def short_period(start: date, end: date) -> str:
    """'Nov 2, 2026 – Nov 29, 2026', for a running head."""
    return date_range().format(start=short_date(start), end=short_date(end))


def generated_label(when: datetime) -> str:
    """The footer's generation stamp (`when` already in the patient's time zone)."""
    return generated().format(date=short_date(when.date()), time=time_of_day(when), bot=BOT_NAME)


def patient_name(name: str) -> str:
    """The name exactly as the patient chose it, or a placeholder."""
    return name.strip() or name_not_given()


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


def technique_observation(figures: TechniqueFigures) -> str:
    """One technique as an observation, never as advice."""
    if not figures.comparison_shown:
        return technique_used_only().format(
            name=technique_names()[figures.technique], days_with=days(figures.days_used)
        )
    return technique_compared().format(
        days_with=days(figures.days_used),
        phrase=technique_phrases()[figures.technique],
        mean_with=number(figures.mean_with),
        days_without=days(figures.days_without),
        mean_without=number(figures.mean_without),
    )


def entry_techniques(entry: Entry) -> str:
    """The techniques of one entry for the entries table (medication has its own column)."""
    if not entry.techniques and entry.techniques_answered:
        return words.techniques_none_cell()  # said so; an empty cell means "not answered"
    return ", ".join(technique_names()[t] for t in entry.techniques)


def yes_no(value: bool) -> str:
    """A boolean as a table cell."""
    return yes() if value else no()


# -- guided exercises and the weekly PEG (page 1 sections) --------------------------------------
def exercises_heading() -> str:
    return _("Guided exercises")


def peg_heading() -> str:
    return _("Weekly PEG (pain, enjoyment of life, general activity; 0–10)")


def peg_line() -> str:
    return _("{day}: PEG {score} (pain {pain}, enjoyment {enjoyment}, activity {activity})")


def peg_trend(important: bool) -> str:
    # Translators: {first} and {change} are decimal numbers, {percent} e.g. "−32 %".
    if important:
        return _(
            "Change since the first PEG ({first_day}, {first}): {change} points ({percent}) — "
            "clinically important (≥ 2 points or ≥ 30 %)"
        )
    return _("Change since the first PEG ({first_day}, {first}): {change} points ({percent})")


def peg_incomplete() -> str:
    return _("{day}: PEG not completed")


# -- entries left out of a long report's table (bot/report_delivery.py: MAX_PDF_ENTRIES) -------


def left_out_heading() -> str:
    return _("Entries not listed in this PDF")


def left_out_one() -> str:
    # Translators: {listed} is the number of entries the table lists (always many).
    return _(
        "The entry table lists the latest {listed} entries. The one earlier entry, from {first}, "
        "is not listed; the figures above include it, and it is in {where}."
    )


def left_out_many(count: int) -> str:
    return ngettext(
        "The entry table lists the latest {listed} entries. The {count} earlier entry, from "
        "{first} to {last}, is not listed; the figures above include it, and it is in {where}.",
        "The entry table lists the latest {listed} entries. The {count} earlier entries, from "
        "{first} to {last}, are not listed; the figures above include them, and they are in "
        "{where}.",
        count,
    )


def where_files_alongside() -> str:
    return _("the CSV and FHIR files sent with this report")


def where_files_on_request() -> str:
    return _("the CSV and FHIR files of a full /summary or the patient's /export")


def left_out(earlier: Sequence[Entry], listed: Sequence[Entry], files_alongside: bool) -> str:
    """The note for entries left out of the table: how many, from when, and where they are."""
    where = where_files_alongside() if files_alongside else where_files_on_request()
    first, last = earlier[0].local_date, earlier[-1].local_date
    if len(earlier) == 1:
        return left_out_one().format(listed=len(listed), first=short_date(first), where=where)
    return left_out_many(len(earlier)).format(
        listed=len(listed),
        count=len(earlier),
        first=short_date(first),
        last=short_date(last),
        where=where,
    )
