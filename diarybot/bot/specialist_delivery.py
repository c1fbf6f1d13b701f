"""Sending a patient's data to a specialist, with consent checked at the moment of each send.

Rendering a report takes seconds; a patient can /unshare, lower what they share or /delete in
the meantime. So the link is read from the patient's own file immediately before every message
that carries their data, not only before rendering: whatever was rendered under a consent that
is gone is dropped, and what was rendered with more than the patient now shares is redone.
"""

from __future__ import annotations

import logging
from datetime import date

from telegram import Bot, InlineKeyboardMarkup, InputFile

from diarybot.bot.context import Services
from diarybot.bot.report_delivery import build_report
from diarybot.domain.links import Link
from diarybot.domain.people import Profile
from diarybot.reports.content import ReportFiles

logger = logging.getLogger(__name__)

#: Renders redone because consent changed while one was being drawn, before giving up.
MAX_RENDERS = 3


async def still_shared(svc: Services, patient_id: int, specialist_id: int) -> Link | None:
    """The link as the patient's own file says now; None if gone (or the patient is gone)."""
    if await svc.store.profiles.get(patient_id) is None:
        return None
    return await svc.store.sharing.link(patient_id, specialist_id)


async def consented_report(
    svc: Services, profile: Profile, specialist_id: int, start: date, end: date
) -> tuple[Link, ReportFiles | None] | None:
    """The report as the patient's consent allows it right now (None: no longer shared).

    The files are None when the period has no entries. Consent is read again after rendering;
    a report drawn with entries the patient has since withdrawn is drawn again.
    """
    for _ in range(MAX_RENDERS):
        before = await still_shared(svc, profile.user_id, specialist_id)
        if before is None:
            return None
        files = await build_report(
            svc,
            profile,
            start,
            end,
            with_entries=before.level.with_entries,
            # The PDF may point to the data files only where the specialist can have them.
            with_files=before.level.with_files,
        )
        after = await still_shared(svc, profile.user_id, specialist_id)
        if after is None:
            return None
        if after.level.with_entries or not before.level.with_entries:
            return after, files
    return None


async def send_document(
    bot: Bot,
    svc: Services,
    *,
    patient_id: int,
    specialist_id: int,
    data: bytes,
    filename: str,
    caption: str | None = None,
    markup: InlineKeyboardMarkup | None = None,
) -> bool:
    """Send one document of a patient's data if they still share; whether it was sent."""
    if await still_shared(svc, patient_id, specialist_id) is None:
        logger.info("Consent withdrawn while a report was prepared; nothing sent")
        return False
    await bot.send_document(
        specialist_id, InputFile(data, filename=filename), caption=caption, reply_markup=markup
    )
    return True
