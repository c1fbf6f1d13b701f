"""The language each person reads: made active for every update, chosen with /language, and
set per language in Telegram's command menu."""

from __future__ import annotations

import asyncio
import logging

from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllPrivateChats,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Update,
)

from diarybot import texts
from diarybot.bot import button_data
from diarybot.bot.context import BotContext
from diarybot.bot.replies import edit, patient_id, pressed, reply
from diarybot.texts import i18n
from diarybot.texts import language as lt

logger = logging.getLogger(__name__)


def telegram_code(language: str) -> str:
    """The two-letter ISO 639-1 code Telegram's command menu takes ("pt" for "pt_BR")."""
    return language.split("_", 1)[0]


async def speak_their_language(update: Update, context: BotContext) -> None:
    """Make the sender's language active for every handler of this update.

    Their stored choice first (a patient's, else a specialist's), Telegram's language of their
    app otherwise. A record from before languages (language "") takes Telegram's and keeps it,
    so their reminders and reports follow from then on.
    """
    user = update.effective_user
    if user is None:
        return
    user_id = patient_id(update)
    stored = await _stored_language(context, user_id) if user_id is not None else None
    if stored:
        i18n.use(stored)
        return
    i18n.use(user.language_code)
    if stored == "" and user_id is not None:
        await _keep(context, user_id, i18n.active(), only_unknown=True)


async def _stored_language(context: BotContext, user_id: int) -> str | None:
    """The stored language ("" = not known yet), or None for someone we keep nothing of."""
    store = context.services.store
    profile = await store.profiles.get(user_id)
    if profile is not None:
        return profile.language
    specialist = await store.specialists.get(user_id)
    return specialist.language if specialist is not None else None


async def _keep(context: BotContext, user_id: int, language: str, *, only_unknown: bool) -> bool:
    """Store `language` on whichever records this person has; whether there was one."""
    store = context.services.store
    found = False
    profile = await store.profiles.get(user_id)
    if profile is not None and not (only_unknown and profile.language):
        await store.profiles.update(user_id, language=language)
    found |= profile is not None
    specialist = await store.specialists.get(user_id)
    if specialist is not None and not (only_unknown and specialist.language):
        await store.specialists.update(user_id, language=language)
    return found or specialist is not None


def language_keyboard() -> InlineKeyboardMarkup:
    """One button per language, each named in its own language."""
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(name, callback_data=f"{button_data.LANGUAGE}:{code}")]
            for code, name in i18n.LANGUAGES.items()
        ]
    )


async def language_command(update: Update, context: BotContext) -> None:
    """/language: the languages to choose from."""
    if patient_id(update) is None:
        return
    await reply(update, lt.choose(), reply_markup=language_keyboard())


async def language_button(update: Update, context: BotContext) -> None:
    """A language picked: kept for this person, confirmed in it."""
    press = await pressed(update)
    code = press.callback.args[0] if press else None
    if press is None or code not in i18n.LANGUAGES:
        await reply(update, texts.button_expired())
        return
    if not await _keep(context, press.user_id, code, only_unknown=False):
        await reply(update, texts.need_start())
        return
    i18n.use(code)
    await edit(press.query, lt.changed().format(language=i18n.LANGUAGES[code]))


def settings_paragraph(language: str) -> str:
    """The /settings paragraph naming the language in use."""
    name = i18n.LANGUAGES[i18n.supported(language)]
    return lt.settings_line().format(language=name)


async def set_command_menus(bot: Bot) -> None:
    """The command menu in every language: the default (English) and one per language code.

    Sent at once rather than one after another: start-up waits for them, and each is a round
    trip to Telegram.
    """
    scope = BotCommandScopeAllPrivateChats()
    menus = []
    for language in i18n.LANGUAGES:
        with i18n.speaking(language):
            commands = [BotCommand(name, description) for name, description in texts.commands()]
        # English is the menu of every language we have no catalog for: the default one.
        code = None if language == i18n.DEFAULT else telegram_code(language)
        menus.append(bot.set_my_commands(commands, scope=scope, language_code=code))
    await asyncio.gather(*menus)
