"""/delete: erase everything stored about a patient, after a confirmation."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from diarybot import keyboards, reminders, sharing, specialist, texts
from diarybot.replies import edit, patient_id, reply
from diarybot.services import services


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
    query = update.callback_query
    assert query is not None
    await query.answer()
    user_id = patient_id(update)
    if user_id is None:
        return
    if query.data != keyboards.DELETE_YES:
        await edit(query, texts.DELETE_KEPT)
        return
    if context.job_queue is not None:
        reminders.unschedule(context.job_queue, user_id)
        for job in context.job_queue.get_jobs_by_name(specialist.digest_job_id(user_id)):
            job.schedule_removal()
    store = services(context).store
    await sharing.erase_person(store, user_id)
    await store.erase(user_id)
    if context.user_data is not None:
        context.user_data.clear()
    await context.application.drop_user_data(user_id)
    await edit(query, texts.DELETE_DONE)
