"""Small reply helpers shared by handlers: editing in place safely, reading the caller."""

from __future__ import annotations

import logging
from typing import Any

from telegram import CallbackQuery, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from diarybot import texts
from diarybot.models import Profile
from diarybot.services import services

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


async def profile_or_prompt(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Profile | None:
    """The caller's profile, or None after telling them to /start (or for a non-private chat)."""
    user_id = patient_id(update)
    if user_id is None:
        return None
    profile = await services(context).store.get_profile(user_id)
    if profile is None:
        await reply(update, texts.NEED_START)
    return profile
