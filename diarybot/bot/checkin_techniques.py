"""The check-in's second question: which coping techniques (and pain medication) helped today,
ticked on the entry's own keyboard; Done or "None of these" moves on to the note."""

from __future__ import annotations

from telegram import Update

from diarybot import texts
from diarybot.bot import button_data, checkin_keyboards
from diarybot.bot.context import Awaiting, BotContext
from diarybot.bot.replies import edit, edit_markup, pressed
from diarybot.domain.entries import Technique
from diarybot.domain.medications import active


async def toggle_button(update: Update, context: BotContext) -> None:
    """Tick or untick a technique (or medication) on the entry the keyboard belongs to."""
    press = await pressed(update)
    if press is None:
        return
    query, callback, user_id = press.query, press.callback, press.user_id
    entry_id, code = callback.args
    store = context.services.store
    entry = await store.diary.get(user_id, entry_id)
    if entry is None:
        await edit(query, texts.entry_gone())
        return
    techniques, medication = entry.techniques, entry.medication
    if code == button_data.MEDICATION_CODE:
        medication = not medication
    else:
        chosen = set(techniques) ^ {Technique(code)}
        techniques = tuple(t for t in Technique if t in chosen)
    # A tick is an answer; unticking everything again is back to "not answered".
    entry = await store.diary.answer(
        user_id,
        entry_id,
        context.services.clock(),
        techniques=techniques,
        medication=medication,
        techniques_answered=bool(techniques) or medication,
    )
    if entry is None:
        await edit(query, texts.entry_gone())
        return
    profile = await store.profiles.get(user_id)
    has_list = profile is not None and bool(active(profile.medications))
    await edit_markup(query, checkin_keyboards.techniques_keyboard(entry, has_list=has_list))


async def techniques_done(update: Update, context: BotContext) -> None:
    """Done (or "None of these") with techniques: show what was saved and offer a note."""
    press = await pressed(update)
    if press is None:
        return
    query, callback, user_id = press.query, press.callback, press.user_id
    diary = context.services.store.diary
    if callback.kind == button_data.TECHNIQUES_NONE:
        # The patient said so: no technique and no medication, answered.
        entry = await diary.answer(
            user_id,
            callback.args[0],
            context.services.clock(),
            techniques=(),
            medication=False,
            doses=(),
            techniques_answered=True,
        )
    else:
        entry = await diary.get(user_id, callback.args[0])
    if entry is None:
        await edit(query, texts.entry_gone())
        return
    context.state.expect(Awaiting.NOTE, entry.id)
    summary = texts.checkin_summary_ask_note().format(
        score=entry.score, techniques=texts.technique_list(entry)
    )
    await edit(query, summary, checkin_keyboards.note_keyboard(entry.id))
