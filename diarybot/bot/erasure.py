"""/delete: erase everything stored about a patient, after a confirmation."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from diarybot import texts
from diarybot.bot import keyboards
from diarybot.bot.context import services
from diarybot.bot.replies import edit, patient_id, pressed, reply
from diarybot.storage import sharing


async def delete_command(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    """/delete asks before erasing anything."""
    if patient_id(update) is None:
        return
    markup = keyboards.confirm_keyboard(
        texts.BUTTON_YES_ERASE, keyboards.DELETE_YES, keyboards.DELETE_NO
    )
    await reply(update, texts.DELETE_CONFIRM, reply_markup=markup)


async def delete_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
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
    store = services(context).store
    await sharing.erase_person(store, user_id)
    await store.erase(user_id)
    if context.user_data is not None:
        context.user_data.clear()
    context.application.drop_user_data(user_id)
    await edit(query, texts.DELETE_DONE)
