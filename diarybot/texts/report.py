"""The specialist PDF's frame (title, running head, footer, scale, disclaimer) and its page-1
sections on guided exercises and the weekly PEG.

Wording rules for the whole report: the report describes, it never advises; figures are
observations, never effects. The report is made inside ``i18n.speaking(reader's language)``:
the specialist's for a report sent to them, the patient's for their own export. The rest of its
words live in modules named for their part: `report_formats` (numbers, dates, names),
`report_figures` (the key figures), `report_techniques`, `report_entries` (the entries table)
and `report_page` (reference, flares). The names callers use as ``rt.name`` are re-exported
here.
"""

from __future__ import annotations

from datetime import datetime

from diarybot.texts.i18n import _
from diarybot.texts.report_entries import (
    columns,
    entries_empty,
    entries_heading,
    entry_techniques,
    left_out,
    left_out_heading,
    no_score,
    note_continued,
    note_cut,
    where_files_alongside,
    yes_no,
)
from diarybot.texts.report_figures import (
    days_logged,
    definitions,
    key_figure_rows,
    key_figures,
    row_mean,
    trend_text,
)
from diarybot.texts.report_formats import (
    day_label,
    days,
    no_value,
    number,
    patient_name,
    percent,
    period_label,
    short_date,
    short_period,
    signed,
    time_of_day,
)
from diarybot.texts.report_techniques import (
    technique_observation,
    techniques,
    techniques_caveat,
    techniques_none,
)

__all__ = [
    "BOT_NAME",
    "chart_alt",
    "columns",
    "day_label",
    "days",
    "days_logged",
    "definitions",
    "disclaimer",
    "entries_empty",
    "entries_heading",
    "entry_techniques",
    "exercises_heading",
    "generated",
    "generated_label",
    "key_figure_rows",
    "key_figures",
    "left_out",
    "left_out_heading",
    "no_score",
    "no_value",
    "note_continued",
    "note_cut",
    "number",
    "page",
    "patient",
    "patient_name",
    "peg_heading",
    "peg_incomplete",
    "peg_line",
    "peg_trend",
    "percent",
    "period",
    "period_label",
    "row_mean",
    "running_head",
    "scale",
    "short_date",
    "short_period",
    "signed",
    "technique_observation",
    "techniques",
    "techniques_caveat",
    "techniques_none",
    "time_of_day",
    "times_in",
    "title",
    "trend_text",
    "where_files_alongside",
    "yes_no",
]


def title() -> str:
    return _("Pain diary summary")


def running_head() -> str:
    return _("Pain diary summary · {name} · {period}")


def patient() -> str:
    return _("Patient")


def period() -> str:
    return _("Period")


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


def chart_alt() -> str:
    return _("Chart of daily pain scores over the period")


BOT_NAME = "diarybot"


def generated_label(when: datetime) -> str:
    """The footer's generation stamp (`when` already in the patient's time zone)."""
    return generated().format(date=short_date(when.date()), time=time_of_day(when), bot=BOT_NAME)


# -- guided exercises and the weekly PEG (page 1 sections) ---------------------------------------
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
