"""What a report says, assembled from entries into its files: PDF, CSV, FHIR.

Pure and picklable on purpose: `report_files` runs in a render worker process (see
`diarybot.render_pool`), so the bot process never loads fpdf or spends its GIL on a PDF.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from diarybot.domain.exercises import practice_figures, practice_lines
from diarybot.domain.figures import period_figures
from diarybot.domain.models import Entry, ExerciseSession, PegResponse, Profile
from diarybot.domain.peg_score import peg_trend
from diarybot.runtime import render_tasks
from diarybot.texts import report as rt

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

    def stem(self) -> str:
        """The common file name stem."""
        return f"pain-diary-{self.start}-{self.end}"


def patient_reference(profile: Profile) -> str:
    """A stable pseudonymous FHIR id: the Telegram id is not put in clinical systems."""
    return f"Patient/diarybot-{uuid.uuid5(PATIENT_NAMESPACE, str(profile.user_id))}"


def display_name(profile: Profile) -> str:
    """The name the patient chose for their reports."""
    return profile.display_name or "Patient"


@dataclass(frozen=True)
class Extras:
    """What the patient did beyond scores in the period: exercise sessions and weekly PEGs."""

    sessions: tuple[ExerciseSession, ...] = ()
    pegs: tuple[PegResponse, ...] = ()


def report_sections(extras: Extras, start: date) -> list[tuple[str, list[str]]]:
    """Page-1 blocks for guided exercises and the PEG, only when there is something to show."""
    sections = []
    practice = practice_lines(practice_figures(extras.sessions))
    if practice:
        sections.append((rt.EXERCISES_HEADING, [line.removeprefix("• ") for line in practice]))
    in_period = [p for p in extras.pegs if p.local_date >= start]
    if in_period:
        lines = [_peg_line(p) for p in in_period]
        trend = peg_trend(extras.pegs)
        if trend is not None:
            percent = f"{trend.change / trend.first:+.0%}" if trend.first else "–"
            line = rt.PEG_TREND.format(
                first_day=rt.short_date(trend.points[0][0]),
                first=rt.number(trend.first),
                change=rt.signed(trend.change),
                percent=percent,
            )
            lines.append(line + (rt.PEG_IMPORTANT if trend.clinically_important else ""))
        sections.append((rt.PEG_HEADING, lines))
    return sections


def _peg_line(response: PegResponse) -> str:
    if response.score is None:
        return rt.PEG_INCOMPLETE.format(day=rt.short_date(response.local_date))
    return rt.PEG_LINE.format(
        day=rt.short_date(response.local_date),
        score=rt.number(response.score),
        pain=response.pain,
        enjoyment=response.enjoyment,
        activity=response.activity,
    )


def report_files(
    profile: Profile,
    history: Sequence[Entry],
    period: Sequence[Entry],
    *,
    bounds: tuple[date, date],
    with_chart: bool,
    tz: ZoneInfo,
    now: datetime,
    extras: Extras,
) -> ReportFiles:
    """Every file of one report, the chart included when asked (runs in a render worker)."""
    # Imported here, not at the top: only the render workers need fpdf (and its ~0.4 s import).
    from diarybot.reports import entries_csv, fhir_json, pdf_report  # noqa: PLC0415

    start, end = bounds
    chart = render_tasks.chart(period, tz.key, start, end).png if with_chart else None
    figures = period_figures(history, start, end, previous=history)
    pdf = pdf_report(
        patient_name=display_name(profile),
        period_start=start,
        period_end=end,
        entries=period,
        figures=figures,
        chart_png=chart,
        tz=tz,
        generated_at=now,
        sections=report_sections(extras, start),
    )
    ref = patient_reference(profile)
    return ReportFiles(
        start=start,
        end=end,
        pdf=pdf,
        csv=entries_csv(period, tz),
        fhir=fhir_json(
            period,
            ref,
            display_name(profile),
            tz,
            now,
            pegs=[p for p in extras.pegs if p.local_date >= start],
        ),
        chart=chart,
    )
