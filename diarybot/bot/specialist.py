"""The specialist's side: linking with a patient's code, /patients, /summary, /digest settings.

Every path to a patient's data goes through `sharing.is_linked`, checked against the patient's
own file at the moment of access; the specialist's index only decides whom to list.
"""

from __future__ import annotations

import logging
import math
from datetime import date, datetime, timedelta
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import JobQueue

from diarybot import texts
from diarybot.bot import button_data, keyboards, settings_keyboards, sharing_keyboards
from diarybot.bot.context import BotContext, Services
from diarybot.bot.reminders import MISFIRE_GRACE, LocalDailyTrigger
from diarybot.bot.replies import edit, known_zone, patient_id, pressed, reply
from diarybot.bot.report_delivery import build_report, in_background
from diarybot.bot.specialist_delivery import consented_report, send_document, still_shared
from diarybot.bot.weekly_digest import digest_due, send_digest
from diarybot.domain.localtime import local_date, zone
from diarybot.domain.parsing import (
    normalize_timezone,
    parse_time_of_day,
    parse_weekday,
)
from diarybot.domain.people import Link, Profile, Specialist
from diarybot.domain.share_codes import normalize_code
from diarybot.reports.content import display_name
from diarybot.runtime import jobs
from diarybot.texts import fairness, i18n
from diarybot.texts import specialist as st

logger = logging.getLogger(__name__)

SUMMARY_DAYS = 30
#: Buttons on one page of /patients (Telegram allows 100 per keyboard; 10 fit a phone screen).
PATIENTS_PER_PAGE = 10


async def link_command(update: Update, context: BotContext) -> None:
    """/link CODE: ask the patient behind a sharing code to confirm the link."""
    if not context.args:
        await reply(update, texts.link_usage())
        return
    await request_link(update, context, "".join(context.args))


async def request_link(update: Update, context: BotContext, typed: str) -> None:
    """A specialist sent a patient's code (/link or the forwarded deep link): ask the patient."""
    user_id = patient_id(update)
    user = update.effective_user
    if user_id is None or user is None:
        return
    svc = context.services
    now = svc.clock()
    attempts = context.bot_data.link_attempts
    if attempts.blocked(user_id, now):
        await reply(update, texts.link_rate_limited())
        return
    code = normalize_code(typed)
    owner = await svc.store.sharing.redeem_code(code, now) if code else None
    if owner is None:
        attempts.failed(user_id, now)
        await reply(update, texts.link_invalid())
        return
    if owner == user_id:
        await reply(update, texts.link_own_code())
        return
    # The specialist's language (stored, or their Telegram app's) goes with the request: the
    # record made when the patient confirms speaks to them in it.
    request = Link(user_id, user.full_name, user.username or "", since=now, language=i18n.active())
    await svc.store.sharing.request(owner, request)
    patient = await svc.store.profiles.get(owner)
    with i18n.speaking(patient.language if patient else None):
        await context.bot.send_message(
            owner,
            st.link_confirm().format(who=request.who),
            reply_markup=sharing_keyboards.link_keyboard(user_id),
        )
    await reply(update, texts.link_requested())


async def specialist_welcome(update: Update) -> None:
    """What a specialist receives, how consent works, and their commands."""
    await reply(
        update,
        st.specialist_welcome().format(commands=st.command_lines(st.specialist_commands())),
        reply_markup=keyboards.single_button(st.button_own_diary(), button_data.OWN_DIARY),
    )


async def welcome_linked(
    context: BotContext, specialist_id: int, patient: Profile, link: Link
) -> None:
    """Tell the specialist the patient confirmed (the first time: /digest, /alerts, time
    zone), and schedule their weekly digest."""
    svc = context.services
    specialist = await svc.store.specialists.get(specialist_id)
    if specialist is None:
        return
    if context.job_queue is not None:
        schedule_digest(context.job_queue, specialist)
    with i18n.speaking(specialist.language):  # the patient's tap, the specialist's words
        words = {"patient": display_name(patient), "level": st.level_names()[link.level]}
        if specialist.welcomed:
            await context.bot.send_message(specialist_id, st.link_confirmed().format(**words))
            return
        await svc.store.specialists.update(specialist_id, welcomed=True)
        await context.bot.send_message(
            specialist_id,
            st.link_confirmed_first().format(**words, **_digest_words(specialist)),
            reply_markup=settings_keyboards.specialist_timezone_keyboard(),
        )


async def tell_stopped(context: BotContext, specialist_id: int, patient: Profile) -> None:
    """The patient stopped sharing: the specialist hears it once (best effort)."""
    specialist = await context.services.store.specialists.get(specialist_id)
    try:
        with i18n.speaking(specialist.language if specialist else None):
            text = st.patient_stopped().format(patient=display_name(patient))
        await context.bot.send_message(specialist_id, text)
    except TelegramError as exc:
        logger.info("Could not tell a specialist that sharing stopped: %s", type(exc).__name__)


async def set_specialist_timezone(update: Update, context: BotContext, typed: str) -> None:
    """A specialist's /timezone NAME (their digest's clock): set it, or suggest close matches."""
    user_id = patient_id(update)
    if user_id is None:
        return
    name = await known_zone(update, typed, settings_keyboards.specialist_timezone_keyboard)
    if name is None:
        return
    svc = context.services
    default = Specialist(
        user_id, user_id, timezone=svc.settings.default_timezone, language=i18n.active()
    )
    updated = await svc.store.specialists.update(user_id, default, timezone=name)
    if updated is None:
        return
    if context.job_queue is not None:
        schedule_digest(context.job_queue, updated)
    await reply(update, st.specialist_timezone_set().format(**_digest_words(updated)))


async def specialist_timezone_button(update: Update, context: BotContext) -> None:
    """A time zone picked from the specialist's keyboard."""
    press = await pressed(update)
    if press is None:
        return
    await set_specialist_timezone(update, context, press.callback.args[0])


def _digest_words(specialist: Specialist) -> dict[str, str]:
    return {
        "weekday": texts.weekdays()[specialist.digest_weekday],
        "time": texts.format_time(specialist.digest_time),
        "tz": specialist.timezone,
    }


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


async def summary_button(update: Update, context: BotContext) -> None:
    """A patient picked for a report: checked against the patient's consent, then sent."""
    press = await pressed(update)
    if press is None:
        return
    svc = context.services
    target = int(press.callback.args[0])
    profile = await svc.store.profiles.get(target)
    if profile is None or await still_shared(svc, target, press.user_id) is None:
        await context.bot.send_message(press.user_id, st.not_available())
        return
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
        keyboards.single_button(
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
    if press is None:
        return
    svc = context.services
    target = int(press.callback.args[0])
    profile = await svc.store.profiles.get(target)
    link = await still_shared(svc, target, press.user_id) if profile else None
    if profile is None or link is None:
        await context.bot.send_message(press.user_id, st.not_available())
        return
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


async def digest_command(update: Update, context: BotContext) -> None:
    """/digest [weekday HH:MM [zone] | off]: when weekly summaries arrive."""
    user_id = patient_id(update)
    if user_id is None:
        return
    svc = context.services
    current = await svc.store.specialists.get(user_id)
    current = current or Specialist(
        user_id, user_id, timezone=svc.settings.default_timezone, language=i18n.active()
    )
    changes = _digest_changes(list(context.args or []))
    if changes is None:
        usage = (
            texts.digest_usage_on().format(**_digest_words(current))
            if current.digest_on
            else texts.digest_usage_off()
        )
        await reply(update, usage)
        return
    updated = await svc.store.specialists.update(user_id, current, **changes)
    if context.job_queue is not None and updated is not None:
        schedule_digest(context.job_queue, updated)
    if updated is None or not updated.digest_on:
        await reply(update, texts.digest_off())
        return
    await reply(update, texts.digest_set().format(**_digest_words(updated)))


def _digest_changes(args: list[str]) -> dict[str, Any] | None:
    """Parse `/digest` arguments into changes; None when they are missing or wrong."""
    if [a.lower() for a in args] == ["off"]:
        return {"digest_on": False}
    if len(args) not in (2, 3):
        return None
    weekday = parse_weekday(args[0])
    at = parse_time_of_day(args[1])
    tz = normalize_timezone(args[2]) if len(args) == 3 else None
    if weekday is None or at is None or (len(args) == 3 and tz is None):
        return None
    changes: dict[str, Any] = {"digest_weekday": weekday, "digest_time": at, "digest_on": True}
    if tz is not None:
        changes["timezone"] = tz
    return changes


def digest_job_id(specialist_id: int) -> str:
    """The stable id of a specialist's weekly summary job."""
    return f"digest:{specialist_id}"


def schedule_digest(job_queue: JobQueue[Any], specialist: Specialist) -> None:
    """(Re)place the weekly summary job, or remove it when turned off or nobody is linked."""
    name = digest_job_id(specialist.user_id)
    if not specialist.digest_on or not specialist.patients:
        jobs.remove(job_queue, name)
        return
    trigger = LocalDailyTrigger(
        specialist.digest_time, specialist.timezone, weekday=specialist.digest_weekday
    )
    jobs.schedule(
        job_queue,
        send_digest,
        name,
        trigger,
        user_id=specialist.user_id,
        misfire_grace=MISFIRE_GRACE,
    )


def rebuild_digests(
    job_queue: JobQueue[Any], specialists: list[Specialist], now: datetime
) -> None:
    """Schedule every specialist's weekly job at start-up; catch up one missed today."""
    for specialist in specialists:
        schedule_digest(job_queue, specialist)
        if specialist.patients and digest_due(specialist, now):
            jobs.once(
                job_queue,
                send_digest,
                f"digest-catchup:{specialist.user_id}",
                timedelta(seconds=1),
                user_id=specialist.user_id,
            )
