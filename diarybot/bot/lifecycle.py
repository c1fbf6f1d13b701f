"""What runs around the handlers: start-up and shutdown hooks, the update guards of handler
groups -1 and 1, and the one error handler."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest, NetworkError

from diarybot import texts
from diarybot.bot import digest_settings, language, reminders, user_states
from diarybot.bot.context import BotContext, DiaryApp
from diarybot.bot.replies import patient_id, reply
from diarybot.storage.atomic import StorageError

logger = logging.getLogger(__name__)

HANDLED_SAVE_INTERVAL = 5  # seconds


async def mark_reachable(update: Update, context: BotContext) -> None:
    """A patient who had blocked the bot and writes again gets their reminders back."""
    user_id = patient_id(update)
    if user_id is None:
        return
    svc = context.services
    profile = await svc.store.profiles.get(user_id)
    if profile is not None and profile.blocked:
        profile = await svc.store.profiles.update(user_id, blocked=False)
        if profile is not None and context.job_queue is not None:
            reminders.schedule(context.job_queue, profile)


async def tell_if_recovered(update: Update, context: BotContext) -> None:
    """After any update: if this patient's file had to be set aside, say so plainly, once."""
    user_id = patient_id(update)
    if user_id is not None and context.services.store.recovered.take(user_id):
        await reply(update, texts.file_recovered())


async def on_error(update: object, context: BotContext) -> None:
    """Log the failure (never the update's content) and tell the patient something useful."""
    error = context.error
    logger.error("Error while handling an update", exc_info=error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if isinstance(error, NetworkError) and not isinstance(error, BadRequest):
        # Telegram was unreachable while answering: whatever the handler saved is saved, and
        # "please try again" would invite a duplicate entry. The next message would most
        # likely not get through either.
        return
    text = (
        texts.not_saved() if isinstance(error, StorageError | OSError) else texts.error_generic()
    )
    try:
        await update.effective_chat.send_message(text)
    except Exception:  # the error reply is best effort; the original error is already logged
        logger.warning("Could not send the error reply")


async def post_init(application: DiaryApp) -> None:
    """Set the command menu, rebuild every reminder, and tell patients whose file was set aside."""
    await language.set_command_menus(application.bot)
    svc = application.bot_data.services
    profiles = await svc.store.profiles.all()
    assert application.job_queue is not None
    caught_up = reminders.rebuild(application.job_queue, profiles, svc.clock())
    logger.info("Scheduled reminders for %d patients (%d catch-ups)", len(profiles), caught_up)
    specialists = await svc.store.specialists.all()
    digest_settings.rebuild_digests(application.job_queue, specialists, svc.clock())
    application.job_queue.run_repeating(
        application.bot_data.handled.save_job,
        interval=HANDLED_SAVE_INTERVAL,
        name="handled-updates",
    )
    application.job_queue.run_repeating(
        user_states.forget_stale, interval=user_states.FORGET_INTERVAL, name=user_states.JOB_NAME
    )
    for user_id in svc.store.recovered.pending():
        if svc.store.recovered.take(user_id):
            await _notify_recovered(application, user_id)


async def _notify_recovered(application: DiaryApp, user_id: int) -> None:
    try:
        await application.bot.send_message(user_id, texts.file_recovered())
    except Exception as exc:  # they will be told on their next message instead
        logger.warning("Could not tell a patient about a set-aside file: %s", type(exc).__name__)
        application.bot_data.services.store.recovered.remember(user_id)


async def post_shutdown(application: DiaryApp) -> None:
    """Let writes in flight finish before the process exits, and remember what was handled."""
    svc = application.bot_data.services
    svc.store.close()
    svc.renderer.close()
    application.bot_data.handled.save()
