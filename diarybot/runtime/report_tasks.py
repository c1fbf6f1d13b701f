"""What the render workers run for a report: every file of one report (the PDF, its chart, the
CSV and FHIR files) and the data files of a whole diary; plain, picklable data in and out.

fpdf (through `diarybot.reports.pdf`) is imported inside these functions, so it is loaded in the
workers and never in the bot process. The language is the one `RenderPool.run` makes active in
the worker, as for a chart (`render_tasks`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from diarybot.domain.entries import Entry
from diarybot.domain.localtime import local_date
from diarybot.domain.people import Profile
from diarybot.domain.period_figures import period_figures
from diarybot.domain.practice import PegResponse
from diarybot.domain.treatments import TreatmentEvent, response
from diarybot.reports.content import (
    Extras,
    ReportFiles,
    display_name,
    patient_reference,
    report_sections,
)
from diarybot.runtime.render_tasks import chart, chart_options
from diarybot.texts import report as rt


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
    pdf_limit: int | None = None,
    files_alongside: bool = True,
    with_entries: bool = True,
) -> ReportFiles:
    """Every file of one report, the chart included when asked (runs in a render worker).

    The PDF's entry table lists the latest `pdf_limit` entries of the period and says how many
    earlier ones it left out (in the CSV and FHIR files, `files_alongside` or not); the figures,
    the CSV and the FHIR file cover the whole period.
    """
    # Imported here, not at the top: only the render workers need fpdf (and its ~0.4 s import).
    from diarybot.reports.csv_file import entries_csv, treatments_csv  # noqa: PLC0415

    start, end = bounds
    events = [item.event for item in extras.treatments]
    options = chart_options(profile)
    png = (
        chart(period, tz.key, start, end, options=options, events=events).png
        if with_chart
        else None
    )
    pdf = _report_pdf(
        profile,
        history,
        period,
        bounds=bounds,
        chart_png=png,
        tz=tz,
        now=now,
        extras=extras,
        pdf_limit=pdf_limit,
        files_alongside=files_alongside,
        with_entries=with_entries,
    )
    return ReportFiles(
        start=start,
        end=end,
        pdf=pdf,
        csv=entries_csv(period, tz, profile.medications),
        fhir=_report_fhir(
            profile, period, start=start, tz=tz, now=now, extras=extras, events=events
        ),
        chart=png,
        treatments_csv=treatments_csv(extras.treatments) if extras.treatments else None,
    )


def _report_pdf(
    profile: Profile,
    history: Sequence[Entry],
    period: Sequence[Entry],
    *,
    bounds: tuple[date, date],
    chart_png: bytes | None,
    tz: ZoneInfo,
    now: datetime,
    extras: Extras,
    pdf_limit: int | None,
    files_alongside: bool,
    with_entries: bool,
) -> bytes:
    """The report's PDF: figures of the whole period, the latest `pdf_limit` entries listed and
    a section saying how many earlier ones were left out."""
    from diarybot.reports.pdf import pdf_report  # noqa: PLC0415 - see the module docstring

    start, end = bounds
    figures = period_figures(history, start, end, previous=history)
    listed, left_out = _latest(period, pdf_limit)
    sections = report_sections(extras, start)
    if left_out:
        sections.append((rt.left_out_heading(), [rt.left_out(left_out, listed, files_alongside)]))
    return pdf_report(
        patient_name=display_name(profile),
        period_start=start,
        period_end=end,
        entries=listed,
        figures=figures,
        chart_png=chart_png,
        tz=tz,
        generated_at=now,
        sections=sections,
        with_entries=with_entries,
        reference=profile.report_reference,
    )


def _report_fhir(
    profile: Profile,
    period: Sequence[Entry],
    *,
    start: date,
    tz: ZoneInfo,
    now: datetime,
    extras: Extras,
    events: Sequence[TreatmentEvent],
) -> bytes:
    """The report's FHIR file: the period's entries, the PEGs from its start on, the
    medications and the treatment events."""
    from diarybot.reports.fhir import fhir_json  # noqa: PLC0415 - see the module docstring

    return fhir_json(
        period,
        patient_reference(profile),
        display_name(profile),
        tz,
        now,
        pegs=[p for p in extras.pegs if p.local_date >= start],
        medications=extras.medications,
        treatments=events,
    )


def _latest(entries: Sequence[Entry], limit: int | None) -> tuple[list[Entry], list[Entry]]:
    """The latest `limit` entries (all without a limit) and the earlier ones, oldest first."""
    ordered = sorted(entries, key=lambda e: (e.recorded_at, e.id))
    if limit is None or len(ordered) <= limit:
        return ordered, []
    cut = len(ordered) - limit
    return ordered[cut:], ordered[:cut]


def everything_files(
    profile: Profile,
    entries: Sequence[Entry],
    pegs: Sequence[PegResponse],
    *,
    tz: ZoneInfo,
    now: datetime,
    treatments: Sequence[TreatmentEvent] = (),
) -> list[tuple[bytes, str]]:
    """The data files of a whole diary, however long, with their name suffixes: the CSV and
    FHIR files and, when there are treatment events, their own CSV (runs in a render worker).

    Sent before an erasure: these formats hold every entry, where the PDF is a report to
    read and is bounded by what a reader can take in.
    """
    from diarybot.reports.csv_file import entries_csv, treatments_csv  # noqa: PLC0415
    from diarybot.reports.fhir import fhir_json  # noqa: PLC0415

    fhir = fhir_json(
        entries,
        patient_reference(profile),
        display_name(profile),
        tz,
        now,
        pegs=pegs,
        treatments=treatments,
    )
    files = [(entries_csv(entries, tz, profile.medications), "csv"), (fhir, "fhir.json")]
    if treatments:
        today = local_date(now, tz)
        responses = [response(e, entries, pegs, as_of=today) for e in treatments]
        files.append((treatments_csv(responses), "treatments.csv"))
    return files
