"""/start and the settings commands (time zone, reminder time, pause and resume), /help, and
the answer to a button no feature can read (old, forged)."""

from __future__ import annotations

from datetime import time

from telegram import Update

from diarybot import texts
from diarybot.bot import (
    digest_settings,
    language,
    reminders,
    settings_keyboards,
    specialist_linking,
)
from diarybot.bot.checkin_steps import settings_keyboard
from diarybot.bot.context import Awaiting, BotContext
from diarybot.bot.replies import known_zone, patient_id, pressed, profile_or_prompt, reply
from diarybot.domain.localtime import zone
from diarybot.domain.parsing import normalize_timezone, parse_time_of_day
from diarybot.domain.people import Profile
from diarybot.domain.schedule import rebase_reminded_day
from diarybot.texts import daily_items as item_texts
from diarybot.texts import i18n
from diarybot.texts import specialist as st


async def start(update: Update, context: BotContext) -> None:
    """Welcome, privacy notice, then the time zone; a specialist's link or welcome instead.

    `/start <code>` is what a specialist sends by opening the link a patient forwarded: it
    starts the link flow, never the patient onboarding.
    """
    user_id = patient_id(update)
    if user_id is None:
        return
    svc = context.services
    if context.args:
        if await svc.store.profiles.get(user_id) is None:
            await specialist_linking.specialist_welcome(update)
        await specialist_linking.request_link(update, context, "".join(context.args))
        return
    profile = await svc.store.profiles.get(user_id)
    if profile is None and await svc.store.specialists.get(user_id) is not None:
        await specialist_linking.specialist_welcome(update)
        return
    await start_diary(update, context)


async def own_diary_button(update: Update, context: BotContext) -> None:
    """A specialist who wants a pain diary of their own starts the patient onboarding."""
    if await pressed(update) is None:
        return
    await start_diary(update, context)


async def start_diary(update: Update, context: BotContext) -> None:
    """The patient onboarding: welcome, privacy notice, then ask for the time zone."""
    user_id = patient_id(update)
    if user_id is None:
        return
    svc = context.services
    profile = await svc.store.profiles.get(user_id)
    if profile is None:
        user = update.effective_user
        profile = Profile(
            user_id=user_id,
            chat_id=user_id,
            timezone=svc.settings.default_timezone,
            display_name=user.full_name if user else "",
            created_at=svc.clock(),
            # Telegram's language of their app (made active for this update), English if we
            # have no catalog for it; /language changes it.
            language=i18n.active(),
        )
    await svc.store.profiles.save(profile.replace(blocked=False))
    context.state.expect(Awaiting.TIMEZONE)
    await reply(update, texts.welcome())
    await reply(update, texts.ask_timezone(), reply_markup=settings_keyboards.timezone_keyboard())


async def timezone_command(update: Update, context: BotContext) -> None:
    """/timezone NAME sets it; without a name, offers choices (a specialist's own, for one
    who keeps no diary)."""
    user_id = patient_id(update)
    svc = context.services
    if (
        user_id is not None
        and await svc.store.profiles.get(user_id) is None
        and await svc.store.specialists.get(user_id) is not None
    ):
        if not context.args:
            await reply(
                update,
                texts.timezone_usage(),
                reply_markup=settings_keyboards.specialist_timezone_keyboard(),
            )
            return
        await digest_settings.set_specialist_timezone(update, context, " ".join(context.args))
        return
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    if not context.args:
        context.state.expect(Awaiting.TIMEZONE)
        await reply(
            update, texts.timezone_usage(), reply_markup=settings_keyboards.timezone_keyboard()
        )
        return
    await apply_timezone_text(update, context, " ".join(context.args))


async def apply_timezone_text(update: Update, context: BotContext, typed: str) -> None:
    """Validate a typed zone name: set it, or suggest close matches."""
    name = await known_zone(update, typed, settings_keyboards.timezone_keyboard)
    if name is not None:
        await _set_timezone(update, context, name)


async def timezone_button(update: Update, context: BotContext) -> None:
    """A time zone picked from the keyboard."""
    press = await pressed(update)
    name = normalize_timezone(press.callback.args[0]) if press else None
    if name is None:
        await reply(update, texts.button_expired())
        return
    await _set_timezone(update, context, name)


async def _set_timezone(update: Update, context: BotContext, name: str) -> None:
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    svc = context.services
    # The day of the last reminder moves with the zone, or moving west could skip a day.
    reminded = rebase_reminded_day(profile, name)
    profile = (
        await svc.store.profiles.update(profile.user_id, timezone=name, last_reminded=reminded)
        or profile
    )
    local_now = svc.clock().astimezone(zone(name))
    await reply(
        update,
        texts.timezone_set().format(tz=name, local_time=texts.format_time(local_now.time())),
    )
    if not profile.onboarded:
        context.state.expect(Awaiting.REMINDER_TIME)
        await reply(
            update,
            texts.ask_reminder_time(),
            reply_markup=settings_keyboards.reminder_time_keyboard(),
        )
        return
    context.state.clear()
    reminders.schedule(context.queue, profile)


async def remind_command(update: Update, context: BotContext) -> None:
    """/remind HH:MM changes the daily reminder time."""
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    if not context.args:
        context.state.expect(Awaiting.REMINDER_TIME)
        await reply(
            update, texts.remind_usage(), reply_markup=settings_keyboards.reminder_time_keyboard()
        )
        return
    await apply_time_text(update, context, " ".join(context.args))


async def apply_time_text(update: Update, context: BotContext, typed: str) -> None:
    """Validate a typed time of day and set it."""
    at = parse_time_of_day(typed)
    if at is None:
        await reply(update, texts.time_unknown().format(text=texts.shorten(typed)))
        return
    await _set_reminder_time(update, context, at)


async def time_button(update: Update, context: BotContext) -> None:
    """A reminder time picked from the keyboard."""
    press = await pressed(update)
    at = parse_time_of_day(press.callback.args[0]) if press else None
    if at is None:
        await reply(update, texts.button_expired())
        return
    await _set_reminder_time(update, context, at)


async def _set_reminder_time(update: Update, context: BotContext, at: time) -> None:
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    svc = context.services
    first_time = not profile.onboarded
    updated = await svc.store.profiles.update(profile.user_id, reminder_time=at, onboarded=True)
    context.state.clear()
    profile = updated or profile
    reminders.schedule(context.queue, profile)
    template = texts.onboarded() if first_time else texts.reminder_set()
    await reply(update, template.format(time=texts.format_time(at), tz=profile.timezone))


async def settings_command(update: Update, context: BotContext) -> None:
    """/settings shows time zone, reminder time and state, and toggles the daily items."""
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    count = len(await context.services.store.diary.entries(profile.user_id))
    paragraphs = (
        texts.settings_text(profile, count),
        item_texts.settings_items(),
        language.settings_paragraph(profile.language or i18n.active()),
    )
    await reply(update, "\n\n".join(paragraphs), reply_markup=settings_keyboard(profile))


async def pause(update: Update, context: BotContext) -> None:
    """/pause stops daily reminders (logging still works)."""
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    await context.services.store.profiles.update(profile.user_id, paused=True)
    reminders.unschedule(context.queue, profile.user_id)
    await reply(update, texts.paused())


async def resume(update: Update, context: BotContext) -> None:
    """/resume turns daily reminders back on."""
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    updated = await context.services.store.profiles.update(
        profile.user_id, paused=False, blocked=False
    )
    profile = updated or profile
    reminders.schedule(context.queue, profile)
    await reply(
        update,
        texts.resumed().format(time=texts.format_time(profile.reminder_time), tz=profile.timezone),
    )


async def help_command(update: Update, context: BotContext) -> None:
    """/help lists the commands of the role(s) this person has."""
    user_id = patient_id(update)
    if user_id is None:
        return
    store = context.services.store
    is_patient = await store.profiles.get(user_id) is not None
    is_specialist = await store.specialists.get(user_id) is not None
    await reply(update, st.help_for(patient=is_patient, specialist=is_specialist))


async def answer_expired(update: Update, _context: BotContext) -> None:
    """Any button we cannot read (old, forged, from a removed feature)."""
    query = update.callback_query
    if query is not None:
        await query.answer(texts.button_expired(), show_alert=False)
