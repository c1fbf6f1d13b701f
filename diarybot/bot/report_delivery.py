"""The files a patient exports and a specialist receives: PDF, CSV, FHIR and the chart.

Built from the patient's entries in a render worker process (the PDF of a long period takes
about a second), in memory only: nothing is written to disk, so there are no export files to
clean up.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from telegram import Bot, InputFile

from diarybot import texts
from diarybot.bot.context import Services
from diarybot.domain.localtime import zone
from diarybot.domain.medication_figures import medication_figures
from diarybot.domain.people import Profile
from diarybot.reports.content import Extras, ReportFiles, display_name
from diarybot.runtime.render_tasks import report_files

# Longest period drawn as a chart on a report; longer exports still list every entry.
MAX_CHART_DAYS = 366
# The figures compare with the previous period of the same length, and flares look back 14 days.
FLARE_LOOKBACK = timedelta(days=14)


async def build_report(
    svc: Services, profile: Profile, start: date, end: date
) -> ReportFiles | None:
    """All report files for a period, or None when the period has no entries."""
    length = (end - start).days + 1
    history_from = start - timedelta(days=length) - FLARE_LOOKBACK
    history = await svc.store.diary.entries(profile.user_id, history_from, end)
    period = [e for e in history if start <= e.local_date <= end]
    if not period:
        return None
    extras = await _extras(svc, profile.user_id, start, end)
    extras = replace(
        extras, medications=medication_figures(period, profile.medications, start, end)
    )
    tz = zone(profile.timezone)
    # One worker call for everything: the entries are sent to the worker once.
    return await svc.renderer.run(
        report_files,
        profile,
        history,
        period,
        bounds=(start, end),
        with_chart=length <= MAX_CHART_DAYS,
        tz=tz,
        now=svc.clock(),
        extras=extras,
    )


async def _extras(svc: Services, user_id: int, start: date, end: date) -> Extras:
    sessions = await svc.store.diary.sessions(user_id)
    pegs = await svc.store.diary.pegs(user_id)
    return Extras(
        sessions=tuple(s for s in sessions if start <= s.local_date <= end),
        pegs=tuple(sorted((p for p in pegs if p.local_date <= end), key=lambda p: p.local_date)),
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
