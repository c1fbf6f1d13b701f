"""/undo: remove the most recent entry, after asking (kept in the audit trail like a removal
from /history)."""

from __future__ import annotations

from telegram import Update

from diarybot import texts
from diarybot.bot import button_data, keyboard_shapes
from diarybot.bot.context import BotContext
from diarybot.bot.replies import edit, pressed, profile_or_prompt, reply
from diarybot.domain.localtime import zone


async def undo_command(update: Update, context: BotContext) -> None:
    """/undo: offer to remove the most recent entry."""
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    entries = await context.services.store.diary.entries(profile.user_id)
    if not entries:
        await reply(update, texts.undo_nothing())
        return
    last = entries[-1]
    line = texts.entry_line(last, last.recorded_at.astimezone(zone(profile.timezone)))
    markup = keyboard_shapes.confirm_keyboard(
        texts.button_yes_remove(), f"{button_data.UNDO_YES}:{last.id}", button_data.UNDO_NO
    )
    await reply(update, texts.undo_confirm().format(entry=line), reply_markup=markup)


async def undo_button(update: Update, context: BotContext) -> None:
    """The answer to /undo's question."""
    press = await pressed(update)
    if press is None:
        return
    query, callback, user_id = press.query, press.callback, press.user_id
    if callback.kind == button_data.UNDO_NO:
        await edit(query, texts.undo_kept())
        return
    # Recorded in the audit trail like a removal from /history.
    removed = await context.services.store.diary.remove(
        user_id, callback.args[0], context.services.clock()
    )
    await edit(query, texts.undo_done() if removed else texts.entry_gone())
