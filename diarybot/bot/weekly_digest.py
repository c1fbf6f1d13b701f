"""The weekly digest: one message with a table of all linked patients and one PDF.

Delivered in parts (the table's message or messages, then the PDF). Each part is recorded as
delivered only after Telegram accepted it, so a part that failed is sent again by a retry a few
minutes later while the parts already delivered are not sent twice; one part's failure does not
stop the others. Every part is sent only if each patient in it still shares their diary at that
moment (their own file decides); if one stopped while the digest was drawn, it is drawn again
without them.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date, datetime, timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.error import Forbidden, TelegramError

from diarybot.bot import button_data
from diarybot.bot.context import BotContext, Services
from diarybot.bot.specialist_delivery import MAX_RENDERS, still_shared
from diarybot.domain.digest import HISTORY_DAYS, DigestRow, PatientWeek, digest_period
from diarybot.domain.localtime import local_date, zone
from diarybot.domain.people import Profile, Specialist
from diarybot.domain.schedule import weekday_due
from diarybot.domain.treatments import in_period
from diarybot.reports.content import display_name
from diarybot.runtime import jobs
from diarybot.runtime.digest_tasks import DigestFiles, digest_files
from diarybot.texts import digest as dt
from diarybot.texts import i18n
from diarybot.texts import report as rt
from diarybot.texts import specialist as st

logger = logging.getLogger(__name__)

#: Rows per message: 20 rows of at most ~180 characters stay under Telegram's 4096, and their
#: buttons far under its 100 per keyboard.
ROWS_PER_MESSAGE = 20
#: A part that failed is tried again after this long (the same day).
RETRY_AFTER = timedelta(minutes=10)
PDF_PART = "pdf"


def digest_due(specialist: Specialist, now: datetime) -> bool:
    """On the chosen weekday, after the chosen time, until every part was delivered."""
    return specialist.digest_on and weekday_due(
        specialist.digest_weekday,
        specialist.digest_time,
        specialist.timezone,
        specialist.last_digest,
        now,
    )


def retry_job_id(specialist_id: int) -> str:
    """The one-off job that sends the parts of a digest that failed."""
    return f"digest-retry:{specialist_id}"


async def send_digest(context: BotContext) -> None:
    """Job callback: this week's digest, each part at most once."""
    job = context.job
    if job is None or job.user_id is None:
        return
    specialist_id = job.user_id
    running = context.bot_data.digests_running
    if specialist_id in running:  # the weekly job and a catch-up or retry at the same time
        return
    running.add(specialist_id)
    try:
        await _deliver(context, specialist_id)
    finally:
        running.discard(specialist_id)


async def _deliver(context: BotContext, specialist_id: int) -> None:
    svc = context.services
    for _ in range(MAX_RENDERS):
        specialist = await svc.store.specialists.get(specialist_id)
        now = svc.clock()
        if specialist is None or not digest_due(specialist, now):
            return
        today = local_date(now, zone(specialist.timezone))
        patients = await svc.store.sharing.linked_patients(specialist_id)
        if not patients:
            return
        with i18n.speaking(specialist.language):  # the specialist's words, PDF included
            files = await _render(svc, specialist, patients, today)
            outcome = await _send_parts(context, specialist, files, today)
        if outcome == "consent changed":
            continue  # drawn again without whoever stopped sharing meanwhile
        if outcome == "failed" and context.job_queue is not None:
            jobs.once(
                context.job_queue,
                send_digest,
                retry_job_id(specialist_id),
                RETRY_AFTER,
                user_id=specialist_id,
            )
        return


async def _render(
    svc: Services, specialist: Specialist, patients: list[Profile], today: date
) -> tuple[date, date, DigestFiles]:
    start, end = digest_period(today)
    weeks = [await _patient_week(svc, profile, start, end) for profile in patients]
    files = await svc.renderer.run(
        digest_files, weeks, start, end, specialist.timezone, svc.clock()
    )
    return start, end, files


async def _patient_week(svc: Services, profile: Profile, start: date, end: date) -> PatientWeek:
    """What the digest draws of one linked patient: entries, PEGs and the week's treatments.

    The treatments are those a report to this specialist marks on its chart, whatever the
    sharing level (`report_delivery.build_report`); their words are dropped, as in a summary-only
    report, since the digest carries only what every level includes and the chart shows kinds.
    """
    entries = await svc.store.diary.entries(
        profile.user_id, start - timedelta(days=HISTORY_DAYS), end
    )
    pegs = await svc.store.diary.pegs(profile.user_id)
    events = in_period(await svc.store.treatments.all(profile.user_id), start, end)
    return PatientWeek(
        patient_id=profile.user_id,
        name=display_name(profile),
        reference=profile.report_reference,
        tz_name=profile.timezone,
        entries=tuple(entries),
        pegs=tuple(p for p in pegs if p.local_date <= end),
        events=tuple(replace(e, words="") for e in events),
    )


async def _send_parts(
    context: BotContext,
    specialist: Specialist,
    rendered: tuple[date, date, DigestFiles],
    today: date,
) -> str:
    """'done', 'failed' (retry later), 'blocked', or 'consent changed' (draw again)."""
    svc = context.services
    start, end, files = rendered
    sent = set(specialist.digest_parts) if specialist.digest_day == today else set()
    parts = _message_parts(files.rows, start, end)
    pdf_caption = st.digest_caption().format(start=rt.short_date(start), end=rt.short_date(end))
    failed = False
    for name, rows, send in [
        *((f"table-{n}", rows, (text, markup)) for n, (rows, text, markup) in enumerate(parts, 1)),
        (PDF_PART, list(files.rows), None),
    ]:
        if name in sent:
            continue
        if not await _all_still_shared(svc, rows, specialist.user_id):
            return "consent changed"
        try:
            if send is None:
                filename = f"digest-{start}-{end}.pdf"
                await context.bot.send_document(
                    specialist.chat_id,
                    InputFile(files.pdf, filename=filename),
                    caption=pdf_caption,
                )
            else:
                text, markup = send
                await context.bot.send_message(specialist.chat_id, text, reply_markup=markup)
        except Forbidden:
            logger.info("A specialist blocked the bot; their digest stops")
            return "blocked"
        except TelegramError as exc:
            logger.warning(
                "A digest part was not delivered (%s); retrying later", type(exc).__name__
            )
            failed = True
            continue
        await svc.store.specialists.digest_parts_done(specialist.user_id, today, name)
    if failed:
        return "failed"
    await svc.store.specialists.digest_finished(specialist.user_id, today)
    return "done"


async def _all_still_shared(svc: Services, rows: list[DigestRow], specialist_id: int) -> bool:
    for row in rows:
        if await still_shared(svc, row.patient_id, specialist_id) is None:
            return False
    return True


def _message_parts(
    rows: tuple[DigestRow, ...], start: date, end: date
) -> list[tuple[list[DigestRow], str, InlineKeyboardMarkup]]:
    """The table as one message, or several of `ROWS_PER_MESSAGE` rows for a long list."""
    chunks = [list(rows[i : i + ROWS_PER_MESSAGE]) for i in range(0, len(rows), ROWS_PER_MESSAGE)]
    parts = []
    words = {"start": rt.short_date(start), "end": rt.short_date(end)}
    for index, chunk in enumerate(chunks):
        first_rank = index * ROWS_PER_MESSAGE + 1
        title = (
            st.digest_title().format(count=len(rows), **words)
            if index == 0
            else st.digest_title_part().format(part=index + 1, parts=len(chunks), **words)
        )
        lines = [dt.message_row(first_rank + n, row) for n, row in enumerate(chunk)]
        text = "\n".join([title, "", *lines, "", st.digest_legend()])
        buttons = [
            [
                InlineKeyboardButton(
                    dt.patient_title().format(rank=first_rank + n, name=rt.patient_name(row.name))[
                        :60
                    ],
                    callback_data=f"{button_data.SUMMARY}:{row.patient_id}",
                )
            ]
            for n, row in enumerate(chunk)
        ]
        parts.append((chunk, text, InlineKeyboardMarkup(buttons)))
    return parts
