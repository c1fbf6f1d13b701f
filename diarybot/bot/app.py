"""The one factory that builds the bot: handlers, jobs, start-up and shutdown hooks."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from concurrent.futures import Executor
from datetime import datetime
from typing import Any

from telegram import BotCommand, BotCommandScopeAllPrivateChats, Update
from telegram.error import BadRequest, NetworkError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from diarybot import texts
from diarybot.bot import chart_commands as trend
from diarybot.bot import checkin, erasure, keyboards, onboarding, reminders, specialist
from diarybot.bot import export_command as export
from diarybot.bot import flare_messages as flare_notice
from diarybot.bot import guided_exercises as guided
from diarybot.bot import patient_sharing as consent
from diarybot.bot import peg_check as peg_questions
from diarybot.bot.context import KEY, Services, services, services_of
from diarybot.bot.replies import patient_id, reply
from diarybot.domain import safety
from diarybot.domain.localtime import utc_now
from diarybot.domain.models import Specialist
from diarybot.runtime import jobs, redelivery
from diarybot.runtime.rate_limit import MAX_IN_FLIGHT, PatientRateLimiter
from diarybot.runtime.render_pool import RenderPool
from diarybot.runtime.update_order import PerPatientUpdateProcessor
from diarybot.settings import Settings
from diarybot.storage.atomic import StorageError
from diarybot.storage.patients import PatientStore

logger = logging.getLogger(__name__)

# Opt in to PTB's timedelta durations (RetryAfter.retry_after and friends) now: the int form is
# deprecated and merely constructing a RetryAfter warns, which would hide 429s in tests.
os.environ.setdefault("PTB_TIMEDELTA", "true")

PRIVATE = filters.ChatType.PRIVATE
# Longest a patient message is read as a score or setting; longer texts get a short reply.
MAX_TEXT = 5000
HANDLED_SAVE_INTERVAL = 5  # seconds


def build_application(
    settings: Settings,
    *,
    clock: Callable[[], datetime] = utc_now,
    rate_limiter: PatientRateLimiter | None = None,
    render_executor: Executor | None = None,
) -> Application[Any, Any, Any, Any, Any, Any]:
    """Build the real application; tests call this too, with a fake API URL and a clock.

    Charts and reports are drawn in worker processes the application starts on first use; a
    `render_executor` given here is used instead and left open (tests share one).
    """
    builder = (
        ApplicationBuilder()
        .token(settings.token)
        .rate_limiter(rate_limiter or PatientRateLimiter())
        .concurrent_updates(PerPatientUpdateProcessor())
        # PTB's own HTTP (httpx), sized to the limiter: it lets at most MAX_IN_FLIGHT requests
        # out at once, so more connections would only sit idle (BENCHMARKS.md, "Transport").
        .connection_pool_size(MAX_IN_FLIGHT)
        # A cancelled long poll can keep its connection at shutdown; a second one lets the
        # final confirming getUpdates through instead of failing on a pool timeout.
        .get_updates_connection_pool_size(2)
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if settings.api_base_url:
        builder = builder.base_url(settings.api_base_url)
    if settings.api_base_file_url:
        builder = builder.base_file_url(settings.api_base_file_url)
    application = builder.build()
    application.bot_data[KEY] = Services(
        settings=settings,
        store=PatientStore(settings.data_dir),
        clock=clock,
        renderer=RenderPool(render_executor),
    )
    application.bot_data[redelivery.KEY] = redelivery.HandledUpdates(settings.data_dir)
    _add_handlers(application)
    return application


def _add_handlers(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    # Order matters: group -2 drops updates Telegram delivered again, group -1 sees every new
    # update first (reachability), group 0 does the work, group 1 runs afterwards (telling a
    # patient their file had to be set aside), and the last group marks the update handled.
    app.add_handler(TypeHandler(Update, redelivery.drop_if_seen), group=-2)
    app.add_handler(TypeHandler(Update, _mark_reachable), group=-1)
    commands: dict[str, Callable[..., Any]] = {
        "start": onboarding.start,
        "help": onboarding.help_command,
        "timezone": onboarding.timezone_command,
        "remind": onboarding.remind_command,
        "settings": onboarding.settings_command,
        "pause": onboarding.pause,
        "resume": onboarding.resume,
        "checkin": checkin.checkin_command,
        "log": checkin.log_command,
        "history": checkin.history_command,
        "undo": checkin.undo_command,
        "chart": trend.chart_command,
        "weekly": trend.weekly_command,
        "export": export.export_command,
        "share": consent.share_command,
        "sharing": consent.sharing_command,
        "unshare": consent.sharing_command,
        "name": consent.name_command,
        "link": specialist.link_command,
        "patients": specialist.patients_command,
        "summary": specialist.summary_command,
        "digest": specialist.digest_command,
        "alerts": flare_notice.alerts_command,
        "breathe": guided.breathe_command,
        "relax": guided.relax_command,
        "practice": guided.practice_command,
        "peg": peg_questions.peg_command,
        "delete": erasure.delete_command,
        "cancel": cancel,
    }
    for name, callback in commands.items():
        app.add_handler(CommandHandler(name, callback, filters=PRIVATE))
    buttons: dict[str, Callable[..., Any]] = {
        keyboards.SCORE: checkin.score_button,
        keyboards.TOGGLE: checkin.toggle_button,
        keyboards.TECHNIQUES_DONE: checkin.techniques_done,
        keyboards.NOTE_SKIP: checkin.note_skipped,
        keyboards.UNDO_YES: checkin.undo_button,
        keyboards.TIMEZONE: onboarding.timezone_button,
        keyboards.REMINDER_TIME: onboarding.time_button,
        keyboards.LINK_ALLOW: consent.link_answer_button,
        keyboards.LINK_DECLINE: consent.link_answer_button,
        keyboards.UNSHARE: consent.unshare_button,
        keyboards.SUMMARY: specialist.summary_button,
        keyboards.EX_PATTERN: guided.pattern_button,
        keyboards.EX_BEFORE: guided.before_button,
        keyboards.EX_AFTER: guided.after_button,
        keyboards.EX_STOP: guided.stop_button,
        keyboards.PEG: peg_questions.answer_button,
    }
    for prefix, callback in buttons.items():
        app.add_handler(CallbackQueryHandler(callback, pattern=rf"^{prefix}:"))
    app.add_handler(CallbackQueryHandler(checkin.undo_button, pattern=rf"^{keyboards.UNDO_NO}$"))
    app.add_handler(
        CallbackQueryHandler(
            erasure.delete_button, pattern=rf"^({keyboards.DELETE_YES}|{keyboards.DELETE_NO})$"
        )
    )
    app.add_handler(CallbackQueryHandler(onboarding.answer_expired))
    app.add_handler(MessageHandler(PRIVATE & filters.COMMAND, unknown_command))
    app.add_handler(MessageHandler(PRIVATE & filters.TEXT, route_text))
    app.add_handler(MessageHandler(PRIVATE & ~filters.TEXT, not_text))
    app.add_handler(MessageHandler(~PRIVATE & filters.ALL, private_only))
    app.add_handler(TypeHandler(Update, _tell_if_recovered), group=1)
    app.add_handler(TypeHandler(Update, redelivery.mark_handled), group=2)
    app.add_error_handler(on_error)


async def route_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Plain text: the answer to what we last asked, or else a pain score."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    text = message.text
    awaiting = (context.user_data or {}).get(onboarding.AWAITING, "")
    if awaiting.startswith(checkin.AWAIT_NOTE):
        # A note is stored whatever it says; note_text adds the care pointer when needed.
        await checkin.note_text(update, context, awaiting.removeprefix(checkin.AWAIT_NOTE), text)
        return
    # Before anything else we were waiting for: someone in trouble is answered first.
    if safety.sounds_like_emergency(text):
        await reply(update, texts.SAFETY_EMERGENCY_TEXT)
        return
    if len(text) > MAX_TEXT:
        await reply(update, texts.TOO_LONG)
        return
    if awaiting == onboarding.AWAIT_TIMEZONE:
        await onboarding.apply_timezone_text(update, context, text)
    elif awaiting == onboarding.AWAIT_TIME:
        await onboarding.apply_time_text(update, context, text)
    else:
        await checkin.typed_score(update, context, text)


async def not_text(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stickers, photos, voice: we only read text."""
    await reply(update, texts.SCORE_INVALID)


async def private_only(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    """Groups and channels: health data stays in private chats."""
    message = update.effective_message
    if message is not None and message.text and message.text.startswith("/"):
        await reply(update, texts.PRIVATE_ONLY)


async def unknown_command(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    """A command we do not have."""
    await reply(update, texts.UNKNOWN_COMMAND)


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/cancel forgets what we were waiting for (a time zone, a time, a note) and stops a
    running exercise."""
    had = context.user_data.pop(onboarding.AWAITING, None) if context.user_data else None
    user_id = patient_id(update)
    queue = context.job_queue
    if user_id is not None and queue and jobs.find(queue, guided.step_job_name(user_id)):
        jobs.remove(queue, guided.step_job_name(user_id))
        had = True
    await reply(update, texts.CANCELLED if had else texts.NOTHING_TO_CANCEL)


async def _mark_reachable(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A patient who had blocked the bot and writes again gets their reminders back."""
    user_id = patient_id(update)
    if user_id is None:
        return
    svc = services(context)
    profile = await svc.store.get_profile(user_id)
    if profile is not None and profile.blocked:
        profile = await svc.store.update_profile(user_id, blocked=False)
        if profile is not None and context.job_queue is not None:
            reminders.schedule(context.job_queue, profile)


async def _tell_if_recovered(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """After any update: if this patient's file had to be set aside, say so plainly, once."""
    user_id = patient_id(update)
    if user_id is not None and services(context).store.take_recovery_notice(user_id):
        await reply(update, texts.FILE_RECOVERED)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
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
    text = texts.NOT_SAVED if isinstance(error, StorageError | OSError) else texts.ERROR_GENERIC
    try:
        await update.effective_chat.send_message(text)
    except Exception:  # the error reply is best effort; the original error is already logged
        logger.warning("Could not send the error reply")


async def _post_init(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Set the command menu, rebuild every reminder, and tell patients whose file was set aside."""
    bot = application.bot
    await bot.set_my_commands(
        [BotCommand(name, description) for name, description in texts.COMMANDS],
        scope=BotCommandScopeAllPrivateChats(),
    )
    svc = services_of(application)
    profiles = await svc.store.all_profiles()
    assert application.job_queue is not None
    caught_up = reminders.rebuild(application.job_queue, profiles, svc.clock())
    logger.info("Scheduled reminders for %d patients (%d catch-ups)", len(profiles), caught_up)
    specialists = await svc.store.run(0, _load_specialists, svc)
    specialist.rebuild_digests(application.job_queue, specialists, svc.clock())
    application.job_queue.run_repeating(
        redelivery.save_job, interval=HANDLED_SAVE_INTERVAL, name="handled-updates"
    )
    for user_id in svc.store.files.awaiting_recovery_notice():
        if svc.store.take_recovery_notice(user_id):
            await _notify_recovered(application, user_id)


def _load_specialists(svc: Services) -> list[Specialist]:
    files = svc.store.files
    found = (files.get_specialist(uid) for uid in files.specialist_ids())
    return [s for s in found if s is not None]


async def _notify_recovered(
    application: Application[Any, Any, Any, Any, Any, Any], user_id: int
) -> None:
    try:
        await application.bot.send_message(user_id, texts.FILE_RECOVERED)
    except Exception as exc:  # they will be told on their next message instead
        logger.warning("Could not tell a patient about a set-aside file: %s", type(exc).__name__)
        services_of(application).store.files.remember_recovery(user_id)


async def _post_shutdown(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Let writes in flight finish before the process exits, and remember what was handled."""
    svc = services_of(application)
    svc.store.close()
    svc.renderer.close()
    redelivery.save_now(application)
