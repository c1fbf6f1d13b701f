"""A specialist's patients: /patients a page at a time, and /summary, each patient's last 30 days
as one PDF (and the CSV and FHIR files), as the patient's consent allows.

Every path to a patient's data goes through `sharing.is_linked`, checked against the patient's
own file at the moment of access; the specialist's index only decides whom to list.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from telegram import InlineKeyboardMarkup, Update

from diarybot import texts
from diarybot.bot import button_data, keyboard_shapes, sharing_keyboards
from diarybot.bot.context import BotContext, Services
from diarybot.bot.replies import Pressed, edit, patient_id, pressed, reply
from diarybot.bot.report_delivery import build_report, in_background
from diarybot.bot.specialist_delivery import consented_report, send_document, still_shared
from diarybot.domain.links import Link
from diarybot.domain.localtime import local_date, zone
from diarybot.domain.people import Profile
from diarybot.reports.content import display_name
from diarybot.texts import fairness
from diarybot.texts import specialist as st

SUMMARY_DAYS = 30
#: Buttons on one page of /patients (Telegram allows 100 per keyboard; 10 fit a phone screen).
PATIENTS_PER_PAGE = 10


async def patients_command(update: Update, context: BotContext) -> None:
    """/patients: who shares their diary with this specialist, a page of buttons at a time."""
    user_id = patient_id(update)
    if user_id is None:
        return
    text, markup = await _patients_page(context.services, user_id, 0)
    await reply(update, text, reply_markup=markup)


async def patients_page_button(update: Update, context: BotContext) -> None:
    """Previous / Next on /patients."""
    press = await pressed(update)
    if press is None:
        return
    page = int(press.callback.args[0])
    text, markup = await _patients_page(context.services, press.user_id, page)
    await edit(press.query, text, markup)


async def _patients_page(
    svc: Services, user_id: int, page: int
) -> tuple[str, InlineKeyboardMarkup | None]:
    patients = sorted(
        await svc.store.sharing.linked_patients(user_id), key=lambda p: display_name(p).lower()
    )
    if not patients:
        had = await svc.store.specialists.get(user_id) is not None
        return (st.patients_none_now() if had else st.patients_none()), None
    pages = math.ceil(len(patients) / PATIENTS_PER_PAGE)
    page = min(max(page, 0), pages - 1)
    shown = patients[page * PATIENTS_PER_PAGE : (page + 1) * PATIENTS_PER_PAGE]
    head = (
        st.patients_page(len(patients)).format(count=len(patients), page=page + 1, pages=pages)
        if pages > 1
        else st.patients_header(len(patients)).format(count=len(patients))
    )
    markup = sharing_keyboards.paged_people_keyboard(
        button_data.SUMMARY, _people(shown), page, pages
    )
    line = st.patient_line()
    lines = "\n".join(line.format(name=display_name(p)) for p in shown)
    return st.patients_list().format(heading=head, lines=lines), markup


async def summary_command(update: Update, context: BotContext) -> None:
    """/summary: pick a patient; their last 30 days up to today arrive as one PDF."""
    user_id = patient_id(update)
    if user_id is None:
        return
    text, markup = await _patients_page(context.services, user_id, 0)
    if markup is not None:
        text = st.summary_pick(SUMMARY_DAYS).format(days=SUMMARY_DAYS)
    await reply(update, text, reply_markup=markup)


def _people(patients: list[Profile]) -> list[tuple[int, str]]:
    return [(p.user_id, display_name(p)) for p in patients]


async def _shared_patient(context: BotContext, press: Pressed) -> tuple[Profile, Link] | None:
    """The patient a specialist's button names, with the link as the patient's file says it
    now; None (and the specialist told so) when the patient is gone or no longer shares."""
    svc = context.services
    target = int(press.callback.args[0])
    profile = await svc.store.profiles.get(target)
    link = await still_shared(svc, target, press.user_id) if profile else None
    if profile is None or link is None:
        await context.bot.send_message(press.user_id, st.not_available())
        return None
    return profile, link


async def summary_button(update: Update, context: BotContext) -> None:
    """A patient picked for a report: checked against the patient's consent, then sent."""
    press = await pressed(update)
    shared = await _shared_patient(context, press) if press else None
    if press is None or shared is None:
        return
    profile, _link = shared
    # One render in flight per specialist, within the render time limit (issue #12 item 2).
    too_long = fairness.summary_too_long().format(name=display_name(profile))
    await in_background(
        update,
        context,
        press.user_id,
        lambda: send_summary(context, press.user_id, profile),
        too_long=too_long,
    )


def summary_period(svc: Services, profile: Profile, days: int) -> tuple[date, date]:
    """The last `days` local days of the patient, today included (as their own /export)."""
    end = local_date(svc.clock(), zone(profile.timezone))
    return end - timedelta(days=days - 1), end


async def send_summary(context: BotContext, specialist_id: int, profile: Profile) -> None:
    """The patient's report as one PDF (chart and figures on page 1), as consent allows."""
    svc = context.services
    start, end = summary_period(svc, profile, SUMMARY_DAYS)
    result = await consented_report(svc, profile, specialist_id, start, end)
    if result is None:
        await context.bot.send_message(specialist_id, st.not_available())
        return
    link, files = result
    name = display_name(profile)
    words = {
        "name": name,
        "start": texts.short_date(start),
        "end": texts.short_date(end),
        "days": SUMMARY_DAYS,
    }
    if files is None:
        last = await _last_logged(svc, profile.user_id)
        if last is None:
            text = st.summary_empty_never_logged(SUMMARY_DAYS).format(**words)
        else:
            text = st.summary_empty_last_logged(SUMMARY_DAYS).format(
                **words, day=texts.short_date(last)
            )
        await context.bot.send_message(specialist_id, text)
        return
    markup = (
        keyboard_shapes.single_button(
            st.button_data_files(), f"{button_data.DATA_FILES}:{profile.user_id}"
        )
        if link.level.with_files
        else None
    )
    await send_document(
        context.bot,
        svc,
        patient_id=profile.user_id,
        specialist_id=specialist_id,
        data=files.pdf,
        filename=f"{files.stem()}.pdf",
        caption=st.summary_caption(SUMMARY_DAYS).format(**words),
        markup=markup,
    )


async def _last_logged(svc: Services, user_id: int) -> date | None:
    entries = await svc.store.diary.entries(user_id)
    return max((e.local_date for e in entries), default=None)


async def data_files_button(update: Update, context: BotContext) -> None:
    """The specialist asks for the CSV and FHIR files: only when the patient shares them."""
    press = await pressed(update)
    shared = await _shared_patient(context, press) if press else None
    if press is None or shared is None:
        return
    profile, link = shared
    svc, target = context.services, profile.user_id
    if not link.level.with_files:
        await context.bot.send_message(
            press.user_id, st.files_not_shared().format(name=display_name(profile))
        )
        return
    start, end = summary_period(svc, profile, SUMMARY_DAYS)
    files = await build_report(svc, profile, start, end)
    for data, suffix in files.data_files() if files else ():
        fresh = await still_shared(svc, target, press.user_id)
        if fresh is None or not fresh.level.with_files:
            return
        await send_document(
            context.bot,
            svc,
            patient_id=target,
            specialist_id=press.user_id,
            data=data,
            filename=f"{files.stem()}.{suffix}" if files else suffix,
        )
