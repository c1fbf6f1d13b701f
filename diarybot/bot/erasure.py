"""/delete: erase everything stored about a patient, after a confirmation."""

from __future__ import annotations

from telegram import Update

from diarybot import texts
from diarybot.bot import keyboards, specialist
from diarybot.bot.context import BotContext
from diarybot.bot.replies import edit, patient_id, pressed, reply


async def delete_command(update: Update, _context: BotContext) -> None:
    """/delete asks before erasing anything."""
    if patient_id(update) is None:
        return
    markup = keyboards.confirm_keyboard(
        texts.BUTTON_YES_ERASE, keyboards.DELETE_YES, keyboards.DELETE_NO
    )
    await reply(update, texts.DELETE_CONFIRM, reply_markup=markup)


async def delete_button(update: Update, context: BotContext) -> None:
    """The answer to /delete's question: erase files, jobs and in-memory state, or nothing."""
    press = await pressed(update)
    if press is None:
        return
    query, user_id = press.query, press.user_id
    if press.callback.kind != keyboards.DELETE_YES:
        await edit(query, texts.DELETE_KEPT)
        return
    if context.job_queue is not None:
        # Every job of this person (reminders, retries, digests, exercise steps) is named
        # "<kind>:<user id>"; none may outlive the erasure and write again.
        for job in context.job_queue.jobs():
            if job.name and job.name.rsplit(":", 1)[-1] == str(user_id):
                job.schedule_removal()
    store = context.services.store
    profile = await store.profiles.get(user_id)
    links = await store.sharing.links(user_id)
    await store.erase(user_id)
    if profile is not None:  # erasing stops sharing too: each specialist hears it once
        for link in links:
            await specialist.tell_stopped(context, link.specialist_id, profile)
    context.state.clear()
    context.application.drop_user_data(user_id)
    await edit(query, texts.DELETE_DONE)
