"""A specialist links with a patient: the code (/link, or the forwarded deep link), the patient's
confirmation request, the specialist's welcome, and word when the patient stops sharing.

The link itself lives in the patient's own file (`store.sharing`); nothing here reads their diary.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError

from diarybot import texts
from diarybot.bot import button_data, keyboard_shapes, settings_keyboards, sharing_keyboards
from diarybot.bot.context import BotContext
from diarybot.bot.digest_settings import digest_words, schedule_digest
from diarybot.bot.replies import patient_id, reply
from diarybot.domain.links import Link
from diarybot.domain.people import Profile
from diarybot.domain.share_codes import normalize_code
from diarybot.reports.content import display_name
from diarybot.texts import i18n
from diarybot.texts import specialist as st

logger = logging.getLogger(__name__)


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
        reply_markup=keyboard_shapes.single_button(st.button_own_diary(), button_data.OWN_DIARY),
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
            st.link_confirmed_first().format(**words, **digest_words(specialist)),
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
