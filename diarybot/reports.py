"""The files a patient exports and a specialist receives: PDF, CSV, FHIR and the chart.

Built from the patient's entries off the event loop (the PDF of a long period takes about a
second), in memory only: nothing is written to disk, so there are no export files to clean up.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from telegram import Bot, InputFile

from diarybot import report_texts as rt
from diarybot import texts
from diarybot.exercises import practice_figures, practice_lines
from diarybot.exports import entries_csv, fhir_json, pdf_report
from diarybot.figures import period_figures
from diarybot.guided import SESSIONS_TABLE
from diarybot.localtime import zone
from diarybot.models import Entry, ExerciseSession, PegResponse, Profile
from diarybot.peg import peg_trend
from diarybot.peg_questions import PEG_TABLE
from diarybot.services import Services
from diarybot.trend import render_chart

# Longest period drawn as a chart on a report; longer exports still list every entry.
MAX_CHART_DAYS = 366
# The figures compare with the previous period of the same length, and flares look back 14 days.
FLARE_LOOKBACK = timedelta(days=14)
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


async def build_report(
    svc: Services, profile: Profile, start: date, end: date
) -> ReportFiles | None:
    """All report files for a period, or None when the period has no entries."""
    length = (end - start).days + 1
    history_from = start - timedelta(days=length) - FLARE_LOOKBACK
    history = await svc.store.entries(profile.user_id, history_from, end)
    period = [e for e in history if start <= e.local_date <= end]
    if not period:
        return None
    extras = await _extras(svc, profile.user_id, start, end)
    tz = zone(profile.timezone)
    chart = await render_chart(svc, period, tz, start, end) if length <= MAX_CHART_DAYS else None
    now = svc.clock()
    async with svc.render_slots:
        return await asyncio.to_thread(
            _files,
            profile,
            history,
            period,
            bounds=(start, end),
            chart=chart,
            tz=tz,
            now=now,
            extras=extras,
        )


async def _extras(svc: Services, user_id: int, start: date, end: date) -> Extras:
    files = svc.store.files
    sessions = await svc.store.run(user_id, files.records, user_id, SESSIONS_TABLE)
    pegs = await svc.store.run(user_id, files.records, user_id, PEG_TABLE)
    return Extras(
        sessions=tuple(
            s
            for s in (ExerciseSession.from_doc(d) for d in sessions)
            if start <= s.local_date <= end
        ),
        pegs=tuple(
            sorted(
                (p for p in (PegResponse.from_doc(d) for d in pegs) if p.local_date <= end),
                key=lambda p: p.local_date,
            )
        ),
    )


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


def _files(
    profile: Profile,
    history: Sequence[Entry],
    period: Sequence[Entry],
    *,
    bounds: tuple[date, date],
    chart: bytes | None,
    tz: ZoneInfo,
    now: datetime,
    extras: Extras,
) -> ReportFiles:
    start, end = bounds
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


async def send_report(
    bot: Bot, chat_id: int, files: ReportFiles, *, caption: str, raw: bool = True
) -> None:
    """Send the chart (if any) and the PDF; with `raw`, also the CSV and FHIR files."""
    if files.chart is not None:
        await bot.send_photo(
            chat_id, InputFile(files.chart, filename=f"{files.stem()}.png"), caption=caption
        )
    documents = [(files.pdf, "pdf")]
    if raw:
        documents += [(files.csv, "csv"), (files.fhir, "fhir.json")]
    for data, suffix in documents:
        await bot.send_document(chat_id, InputFile(data, filename=f"{files.stem()}.{suffix}"))


def period_caption(template: str, profile: Profile, files: ReportFiles) -> str:
    """A caption naming the patient and the period."""
    return template.format(
        name=display_name(profile),
        start=texts.short_date(files.start),
        end=texts.short_date(files.end),
    )
