"""The files a patient exports and a specialist receives: PDF, CSV, FHIR and the chart.

Built from the patient's entries in a render worker process (the PDF of a long period takes
about a second), in memory only: nothing is written to disk, so there are no export files to
clean up.

A chart or report someone asks for is prepared after their handler has returned
(`in_background`): their next message is answered meanwhile, and a second request while one
is in flight gets "already working on it" instead of a second render. The PDF lists at most
`MAX_PDF_ENTRIES` entries (the latest; it says how many earlier ones it left out and where
they are), since its entry table is what makes a five-year export cost ~30 s of a worker; the
figures, the CSV and the FHIR file cover everything.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import date, timedelta

from telegram import Bot, InputFile, Update

from diarybot import texts
from diarybot.bot.context import BotContext, Services
from diarybot.bot.replies import reply
from diarybot.domain.item_figures import item_figures
from diarybot.domain.localtime import zone
from diarybot.domain.medication_figures import medication_figures
from diarybot.domain.people import Profile
from diarybot.domain.treatments import in_period, response
from diarybot.reports.content import Extras, ReportFiles
from diarybot.runtime.render_pool import RenderTimedOutError
from diarybot.runtime.report_tasks import report_files
from diarybot.texts import fairness

logger = logging.getLogger(__name__)

# Longest period drawn as a chart on a report; longer exports still list every entry.
MAX_CHART_DAYS = 366
# The figures compare with the previous period of the same length, and flares look back 14 days.
FLARE_LOOKBACK = timedelta(days=14)
# Entries listed in a PDF's table: ~6 ms of a worker each (fpdf2 tables), so 500 cost ~3 s and
# ~19 pages; that is a year and a half of daily entries, more than a specialist reads.
MAX_PDF_ENTRIES = 500


async def in_background(
    update: Update,
    context: BotContext,
    user_id: int,
    work: Callable[[], Awaitable[None]],
    *,
    too_long: str,
) -> None:
    """Prepare and send a chart or report for `user_id` after this handler returns.

    Answers "already working on it" when they have one in flight; `too_long` is the reply
    when a render hits its time limit. Other errors reach the error handler with the update.
    """
    in_flight = context.services.in_flight
    if not in_flight.claim(user_id):
        await reply(update, fairness.already_working())
        return
    context.application.create_task(
        _prepare(update, context.services, user_id, work, too_long), update=update
    )


async def _prepare(
    update: Update,
    svc: Services,
    user_id: int,
    work: Callable[[], Awaitable[None]],
    too_long: str,
) -> None:
    try:
        await work()
        # Reading the diary may have set a torn file aside; the after-update notice
        # (lifecycle.tell_if_recovered) ran before this did, so tell them here.
        if svc.store.recovered.take(user_id):
            await reply(update, texts.file_recovered())
    except RenderTimedOutError:
        logger.warning("A render hit its time limit")
        await reply(update, too_long)
    finally:
        svc.in_flight.release(user_id)


async def build_report(
    svc: Services,
    profile: Profile,
    start: date,
    end: date,
    *,
    with_files: bool = True,
    with_entries: bool = True,
) -> ReportFiles | None:
    """All report files for a period, or None when the period has no entries.

    `with_files`: the CSV and FHIR files are sent with the PDF (so the PDF can point to them
    for the entries it leaves out). Without `with_entries` the PDF is the summary only: no
    entry table, no notes.
    """
    length = (end - start).days + 1
    history_from = start - timedelta(days=length) - FLARE_LOOKBACK
    history = await svc.store.diary.entries(profile.user_id, history_from, end)
    period = [e for e in history if start <= e.local_date <= end]
    if not period:
        return None
    extras = await _extras(svc, profile.user_id, start, end)
    events = in_period(await svc.store.treatments.all(profile.user_id), start, end)
    if not with_entries:
        # A summary-only consent carries no words of the patient's, a treatment's included.
        events = [replace(e, words="") for e in events]
    # `history` reaches back past `start` by the period's length plus 14 days, so it holds the
    # 14 days before every event in the period and everything after it up to `end`.
    extras = replace(
        extras,
        medications=medication_figures(period, profile.medications, start, end),
        items=item_figures(period),
        treatments=tuple(response(e, history, extras.pegs, as_of=end) for e in events),
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
        pdf_limit=MAX_PDF_ENTRIES,
        files_alongside=with_files,
        with_entries=with_entries,
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
        documents += files.data_files()
    for data, suffix in documents:
        await bot.send_document(chat_id, InputFile(data, filename=f"{files.stem()}.{suffix}"))
