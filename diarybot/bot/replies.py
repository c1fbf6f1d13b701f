"""Small reply helpers shared by handlers: editing in place safely, reading the caller."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from telegram import CallbackQuery, InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from diarybot import texts
from diarybot.bot.button_data import Callback, parse_callback
from diarybot.bot.context import BotContext
from diarybot.bot.settings_keyboards import COMMON_TIMEZONES
from diarybot.domain.parsing import normalize_timezone, suggest_timezones
from diarybot.domain.people import Profile

logger = logging.getLogger(__name__)


async def edit(
    query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Edit the pressed message; a double tap that changes nothing is not an error."""
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise


async def edit_markup(query: CallbackQuery, markup: InlineKeyboardMarkup | None) -> None:
    """Replace only the keyboard (toggles); "not modified" is ignored as above."""
    try:
        await query.edit_message_reply_markup(reply_markup=markup)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise


def patient_id(update: Update) -> int | None:
    """The user a private-chat update comes from, or None for anything else.

    Every read and write is keyed by this id, taken from Telegram's own `from` field, never
    from anything the client put in a message or in callback data.
    """
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or chat.type != "private" or chat.id != user.id:
        return None
    return user.id


async def reply(update: Update, text: str, **kwargs: Any) -> None:
    """Answer in the chat the update came from."""
    if update.effective_chat is not None:
        await update.effective_chat.send_message(text, **kwargs)


async def profile_or_prompt(update: Update, context: BotContext) -> Profile | None:
    """The caller's profile, or None after telling them to /start (or for a non-private chat)."""
    user_id = patient_id(update)
    if user_id is None:
        return None
    profile = await context.services.store.profiles.get(user_id)
    if profile is None:
        await reply(update, texts.need_start())
    return profile


@dataclass(frozen=True)
class Pressed:
    """A button press that passed validation: the query, its parsed data, and who pressed."""

    query: CallbackQuery
    callback: Callback
    user_id: int


async def pressed(update: Update) -> Pressed | None:
    """Answer the query (always, so the client stops its spinner) and validate the press.

    None when the data is not ours or the press is not from a private chat with its sender;
    such presses change nothing.
    """
    query = update.callback_query
    if query is None:
        return None
    await query.answer()
    callback = parse_callback(query.data)
    user_id = patient_id(update)
    if callback is None or user_id is None:
        return None
    return Pressed(query, callback, user_id)


async def known_zone(
    update: Update, typed: str, keyboard: Callable[[Sequence[str]], InlineKeyboardMarkup]
) -> str | None:
    """The IANA zone `typed` names, or None after offering close matches on `keyboard`
    (patients and specialists answer the same way, with their own buttons)."""
    name = normalize_timezone(typed)
    if name is None:
        suggestions = suggest_timezones(typed)
        template = (
            texts.timezone_unknown_suggest() if suggestions else texts.timezone_unknown_howto()
        )
        message = template.format(text=texts.shorten(typed))
        markup = keyboard(suggestions or COMMON_TIMEZONES)
        await reply(update, message, reply_markup=markup)
    return name
