"""What a report says beyond its figures: the page-1 sections, the patient's name and FHIR id.

Pure and picklable: the render workers (`runtime/report_tasks.py`) build report files from it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from diarybot.domain.exercises import practice_figures
from diarybot.domain.item_figures import ItemFigures
from diarybot.domain.medication_figures import MedicationFigures
from diarybot.domain.medications import Use
from diarybot.domain.peg_score import peg_trend
from diarybot.domain.people import Profile
from diarybot.domain.practice import ExerciseSession, PegResponse
from diarybot.domain.technique_figures import COMPARISON_MIN_DAYS
from diarybot.domain.treatments import WINDOW_DAYS, Response, Window
from diarybot.texts import daily_items as item_texts
from diarybot.texts import medications as med_texts
from diarybot.texts import report as rt
from diarybot.texts import treatments as tt
from diarybot.texts.guided import practice_lines

PATIENT_NAMESPACE = uuid.UUID("5b0f7a52-29a4-4a39-9d0e-8f0a4c1de5a1")


@dataclass(frozen=True)
class ReportFiles:
    """Everything one report consists of, as bytes ready to send."""

    start: date
    end: date
    pdf: bytes
    csv: bytes
    fhir: bytes
    chart: bytes | None
    #: The treatment events of the period with the pain around each (None: there were none).
    treatments_csv: bytes | None = None

    def data_files(self) -> list[tuple[bytes, str]]:
        """The data files with their name suffixes: the entries' CSV, the FHIR file and, when
        there were treatments, their own CSV (one row per event, not per entry)."""
        files = [(self.csv, "csv"), (self.fhir, "fhir.json")]
        if self.treatments_csv is not None:
            files.append((self.treatments_csv, "treatments.csv"))
        return files

    def stem(self) -> str:
        """The common file name stem."""
        return f"pain-diary-{self.start}-{self.end}"


def patient_reference(profile: Profile) -> str:
    """A stable pseudonymous FHIR id: the Telegram id is not put in clinical systems."""
    return f"Patient/diarybot-{uuid.uuid5(PATIENT_NAMESPACE, str(profile.user_id))}"


def display_name(profile: Profile) -> str:
    """The name the patient chose for their reports."""
    return profile.display_name or rt.patient()


@dataclass(frozen=True)
class Extras:
    """What the patient did beyond scores in the period: exercise sessions and weekly PEGs."""

    sessions: tuple[ExerciseSession, ...] = ()
    pegs: tuple[PegResponse, ...] = ()
    #: Each listed medication taken in the period (`domain.medication_figures`).
    medications: tuple[MedicationFigures, ...] = ()
    #: The optional daily items answered in the period (`domain.item_figures`).
    items: ItemFigures | None = None
    #: Each treatment event in the period with the pain around it (`domain.treatments`).
    treatments: tuple[Response, ...] = ()


def report_sections(extras: Extras, start: date) -> list[tuple[str, list[str]]]:
    """Page-1 blocks for guided exercises, the PEG, medications and the daily items, only when
    there is something to show."""
    sections = []
    practice = practice_lines(practice_figures(extras.sessions))
    if practice:
        sections.append((rt.exercises_heading(), [line.removeprefix("• ") for line in practice]))
    in_period = [p for p in extras.pegs if p.local_date >= start]
    if in_period:
        lines = [_peg_line(p) for p in in_period]
        trend = peg_trend(extras.pegs)
        if trend is not None:
            percent = rt.percent(trend.change / trend.first, sign=True) if trend.first else None
            line = rt.peg_trend(trend.clinically_important).format(
                first_day=rt.short_date(trend.points[0][0]),
                first=rt.number(trend.first),
                change=rt.signed(trend.change),
                percent=rt.no_value() if percent is None else percent,
            )
            lines.append(line)
        sections.append((rt.peg_heading(), lines))
    if extras.medications:
        sections.append((med_texts.report_heading(), medication_lines(extras.medications)))
    if extras.items is not None and extras.items.any:
        sections.append((item_texts.report_heading(), item_lines(extras.items)))
    if extras.treatments:
        sections.append((tt.report_heading(), treatment_lines(extras.treatments)))
    return sections


def item_lines(figures: ItemFigures) -> list[str]:
    """Mean sleep quality and mood (with the days answered), and the regions most named."""
    lines = []
    if figures.sleep_days:
        lines.append(
            item_texts.report_sleep(figures.sleep_days).format(
                mean=rt.number(figures.sleep_mean), days=figures.sleep_days
            )
        )
    if figures.mood_days:
        lines.append(
            item_texts.report_mood(figures.mood_days).format(
                mean=rt.number(figures.mood_mean), days=figures.mood_days
            )
        )
    if figures.regions:
        names = item_texts.region_names()
        counted = (
            item_texts.report_region_count(days).format(region=names[region], days=days)
            for region, days in figures.regions
        )
        lines.append(item_texts.report_regions().format(regions=item_texts.region_list(counted)))
    return lines


def treatment_lines(responses: tuple[Response, ...]) -> list[str]:
    """Per event: what and when, the mean daily pain before and after with the days logged,
    the change and its flag, and the PEG; then the caveat that this is an observation."""
    lines = []
    names = tt.kind_names()
    for item in responses:
        event = item.event
        words = {"day": rt.short_date(event.local_date), "kind": names[event.kind]}
        heading = tt.report_event_words() if event.words else tt.report_event()
        lines.append(heading.format(words=event.words, **words))
        if event.by_specialist:
            lines.append(tt.report_by_specialist().format(who=event.recorded_by))
        lines.append(tt.report_before().format(**_window_words(item.before)))
        lines.append(tt.report_after().format(**_window_words(item.after)))
        if item.after.days_available < WINDOW_DAYS:
            lines.append(tt.report_fewer_after(item.after.days_available))
        lines.extend(_change_lines(item))
        peg = _treatment_peg_line(item)
        if peg:
            lines.append(peg)
    lines.append(tt.report_caveat())
    return lines


def _window_words(window: Window) -> dict[str, str]:
    days = tt.days_logged(window.days_logged, window.days_available)
    return {"mean": rt.number(window.mean), "days": days}


def _change_lines(item: Response) -> list[str]:
    if item.change is None:
        return [tt.report_no_change()]
    if item.percent is None:
        line = tt.report_change_no_percent().format(change=rt.signed(item.change))
    else:
        line = tt.report_change().format(
            change=rt.signed(item.change), percent=rt.signed(item.percent, 0)
        )
    flag = tt.report_important() if item.clinically_important else tt.report_not_important()
    return [line, flag]


def _treatment_peg_line(item: Response) -> str | None:
    before, after = item.peg_before, item.peg_after
    if before and after:
        return tt.report_peg_both().format(
            before=rt.number(before[1]),
            day_before=rt.short_date(before[0]),
            after=rt.number(after[1]),
            day_after=rt.short_date(after[0]),
        )
    if before:
        return tt.report_peg_before().format(
            before=rt.number(before[1]), day_before=rt.short_date(before[0])
        )
    if after:
        return tt.report_peg_after().format(
            after=rt.number(after[1]), day_after=rt.short_date(after[0])
        )
    return None


def medication_lines(figures: tuple[MedicationFigures, ...]) -> list[str]:
    """Per medication: days and doses; for as-needed ones, pain on days with and without."""
    lines = []
    for item in figures:
        med = item.medication
        lines.append(
            med_texts.report_taken().format(
                name=med.name,
                use=med_texts.use_names()[med.use],
                days=med_texts.days_text(item.days_taken),
                doses=med_texts.doses_text(item.doses),
            )
        )
        if med.use is not Use.AS_NEEDED:
            continue
        if item.comparison_shown:
            lines.append(
                med_texts.report_compared().format(
                    days_taken=med_texts.days_text(item.days_taken),
                    name=med.name,
                    mean_taken=rt.number(item.mean_taken),
                    days_not=med_texts.days_text(item.days_not_taken),
                    mean_not=rt.number(item.mean_not_taken),
                )
            )
        else:
            lines.append(med_texts.report_too_few().format(name=med.name))
    if any(item.medication.use is Use.AS_NEEDED for item in figures):
        lines.append(med_texts.report_caveat().format(min_days=COMPARISON_MIN_DAYS))
    return lines


def _peg_line(response: PegResponse) -> str:
    if response.score is None:
        return rt.peg_incomplete().format(day=rt.short_date(response.local_date))
    return rt.peg_line().format(
        day=rt.short_date(response.local_date),
        score=rt.number(response.score),
        pain=response.pain,
        enjoyment=response.enjoyment,
        activity=response.activity,
    )
