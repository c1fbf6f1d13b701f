"""The check-in's last step: the patient's own note on the entry, typed or skipped."""

from __future__ import annotations

from telegram import Update

from diarybot import texts
from diarybot.bot.context import Awaiting, BotContext
from diarybot.bot.diary_entries import append_note, message_entry_id
from diarybot.bot.replies import edit, patient_id, pressed, reply
from diarybot.texts import words


async def note_skipped(update: Update, context: BotContext) -> None:
    """Skip the note: the check-in is complete."""
    press = await pressed(update)
    if press is None:
        return
    query, callback, user_id = press.query, press.callback, press.user_id
    if context.state.entry_id == callback.args[0]:
        context.state.clear()
    entry = await context.services.store.diary.get(user_id, callback.args[0])
    if entry is None:
        await edit(query, texts.entry_gone())
        return
    summary = texts.checkin_summary_done().format(
        score=entry.score, techniques=texts.technique_list(entry)
    )
    await edit(query, summary)


async def note_text(update: Update, context: BotContext, entry_id: str, text: str) -> None:
    """The typed note for the entry we asked about (or whose techniques keyboard is open).

    Added below a note the entry already has, never replacing it; however long, it is kept.
    """
    user_id = patient_id(update)
    if user_id is None:
        return
    ticking = context.state.awaiting is Awaiting.TECHNIQUES
    entry = await context.services.store.diary.get(user_id, entry_id)
    count = 0
    if entry is not None:
        entry, count = await append_note(context, user_id, entry, text, message_entry_id(update))
    if entry is None:
        context.state.clear()
        await reply(update, texts.entry_gone())
    elif ticking:
        # The keyboard is still open: the patient may go on ticking, then tap Done.
        await reply(update, words.note_saved_keep_ticking())
    else:
        context.state.clear()
        await reply(update, texts.note_saved())
    if count > 1:
        await reply(update, words.note_continued(count).format(count=count))
