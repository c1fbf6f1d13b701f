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
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from diarybot import texts
from diarybot.bot import (
    chart_commands,
    checkin,
    erasure,
    export_command,
    flare_messages,
    guided_exercises,
    keyboards,
    onboarding,
    patient_sharing,
    peg_check,
    reminders,
    specialist,
)
from diarybot.bot.context import CONTEXT_TYPES, Awaiting, BotContext, DiaryApp, Services
from diarybot.bot.replies import patient_id, reply
from diarybot.domain import safety
from diarybot.domain.localtime import utc_now
from diarybot.runtime import jobs
from diarybot.runtime.rate_limit import MAX_IN_FLIGHT, PatientRateLimiter
from diarybot.runtime.redelivery import HandledUpdates
from diarybot.runtime.render_pool import RenderPool
from diarybot.runtime.transport import AiohttpRequest
from diarybot.runtime.update_order import PerPatientUpdateProcessor
from diarybot.settings import Settings
from diarybot.storage.atomic import StorageError
from diarybot.storage.store import Store

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
) -> DiaryApp:
    """Build the real application; tests call this too, with a fake API URL and a clock.

    Charts and reports are drawn in worker processes the application starts on first use; a
    `render_executor` given here is used instead and left open (tests share one).
    """
    builder = (
        ApplicationBuilder()
        .token(settings.token)
        .context_types(CONTEXT_TYPES)
        .rate_limiter(rate_limiter or PatientRateLimiter())
        .concurrent_updates(PerPatientUpdateProcessor())
        # HTTP on aiohttp (diarybot/transport.py: half the CPU per request of PTB's httpx).
        # The limiter lets at most MAX_IN_FLIGHT requests out at once, so no more connections.
        .request(AiohttpRequest(MAX_IN_FLIGHT))
        # A cancelled long poll can keep its connection at shutdown; a second one lets the
        # final confirming getUpdates through instead of failing on a pool timeout.
        .get_updates_request(AiohttpRequest(2))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if settings.api_base_url:
        builder = builder.base_url(settings.api_base_url)
    if settings.api_base_file_url:
        builder = builder.base_file_url(settings.api_base_file_url)
    application: DiaryApp = builder.build()
    application.bot_data.services = Services(
        settings=settings,
        store=Store(settings.data_dir),
        clock=clock,
        renderer=RenderPool(render_executor),
    )
    application.bot_data.handled = HandledUpdates(settings.data_dir)
    _add_handlers(application)
    return application


def _add_handlers(app: DiaryApp) -> None:
    # Order matters: group -2 drops updates Telegram delivered again, group -1 sees every new
    # update first (reachability), group 0 does the work, group 1 runs afterwards (telling a
    # patient their file had to be set aside), and the last group marks the update handled.
    handled = app.bot_data.handled
    app.add_handler(TypeHandler(Update, handled.drop_if_seen), group=-2)
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
        "chart": chart_commands.chart_command,
        "weekly": chart_commands.weekly_command,
        "export": export_command.export_command,
        "share": patient_sharing.share_command,
        "sharing": patient_sharing.sharing_command,
        "unshare": patient_sharing.sharing_command,
        "name": patient_sharing.name_command,
        "link": specialist.link_command,
        "patients": specialist.patients_command,
        "summary": specialist.summary_command,
        "digest": specialist.digest_command,
        "alerts": flare_messages.alerts_command,
        "breathe": guided_exercises.breathe_command,
        "relax": guided_exercises.relax_command,
        "practice": guided_exercises.practice_command,
        "peg": peg_check.peg_command,
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
        keyboards.LINK_ALLOW: patient_sharing.link_answer_button,
        keyboards.LINK_DECLINE: patient_sharing.link_answer_button,
        keyboards.UNSHARE: patient_sharing.unshare_button,
        keyboards.SUMMARY: specialist.summary_button,
        keyboards.EX_PATTERN: guided_exercises.pattern_button,
        keyboards.EX_BEFORE: guided_exercises.before_button,
        keyboards.EX_AFTER: guided_exercises.after_button,
        keyboards.EX_STOP: guided_exercises.stop_button,
        keyboards.PEG: peg_check.answer_button,
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
    app.add_handler(TypeHandler(Update, handled.mark_handled), group=2)
    app.add_error_handler(on_error)


async def route_text(update: Update, context: BotContext) -> None:
    """Plain text: the answer to what we last asked, or else a pain score."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    text = message.text
    state = context.state
    if state.awaiting is Awaiting.NOTE and state.entry_id is not None:
        # A note is stored whatever it says; note_text adds the care pointer when needed.
        await checkin.note_text(update, context, state.entry_id, text)
        return
    # Before anything else we were waiting for: someone in trouble is answered first.
    if safety.sounds_like_emergency(text):
        await reply(update, texts.SAFETY_EMERGENCY_TEXT)
        return
    if len(text) > MAX_TEXT:
        await reply(update, texts.TOO_LONG)
        return
    if state.awaiting is Awaiting.TIMEZONE:
        await onboarding.apply_timezone_text(update, context, text)
    elif state.awaiting is Awaiting.REMINDER_TIME:
        await onboarding.apply_time_text(update, context, text)
    else:
        await checkin.typed_score(update, context, text)


async def not_text(update: Update, _context: BotContext) -> None:
    """Stickers, photos, voice: we only read text."""
    await reply(update, texts.SCORE_INVALID)


async def private_only(update: Update, _context: BotContext) -> None:
    """Groups and channels: health data stays in private chats."""
    message = update.effective_message
    if message is not None and message.text and message.text.startswith("/"):
        await reply(update, texts.PRIVATE_ONLY)


async def unknown_command(update: Update, _context: BotContext) -> None:
    """A command we do not have."""
    await reply(update, texts.UNKNOWN_COMMAND)


async def cancel(update: Update, context: BotContext) -> None:
    """/cancel forgets what we were waiting for (a time zone, a time, a note) and stops a
    running exercise."""
    had = context.state.clear()
    user_id = patient_id(update)
    queue = context.job_queue
    if user_id is not None and queue and jobs.find(queue, guided_exercises.step_job_name(user_id)):
        jobs.remove(queue, guided_exercises.step_job_name(user_id))
        had = True
    await reply(update, texts.CANCELLED if had else texts.NOTHING_TO_CANCEL)


async def _mark_reachable(update: Update, context: BotContext) -> None:
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


async def _tell_if_recovered(update: Update, context: BotContext) -> None:
    """After any update: if this patient's file had to be set aside, say so plainly, once."""
    user_id = patient_id(update)
    if user_id is not None and context.services.store.recovered.take(user_id):
        await reply(update, texts.FILE_RECOVERED)


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
    text = texts.NOT_SAVED if isinstance(error, StorageError | OSError) else texts.ERROR_GENERIC
    try:
        await update.effective_chat.send_message(text)
    except Exception:  # the error reply is best effort; the original error is already logged
        logger.warning("Could not send the error reply")


async def _post_init(application: DiaryApp) -> None:
    """Set the command menu, rebuild every reminder, and tell patients whose file was set aside."""
    bot = application.bot
    await bot.set_my_commands(
        [BotCommand(name, description) for name, description in texts.COMMANDS],
        scope=BotCommandScopeAllPrivateChats(),
    )
    svc = application.bot_data.services
    profiles = await svc.store.profiles.all()
    assert application.job_queue is not None
    caught_up = reminders.rebuild(application.job_queue, profiles, svc.clock())
    logger.info("Scheduled reminders for %d patients (%d catch-ups)", len(profiles), caught_up)
    specialists = await svc.store.specialists.all()
    specialist.rebuild_digests(application.job_queue, specialists, svc.clock())
    application.job_queue.run_repeating(
        application.bot_data.handled.save_job,
        interval=HANDLED_SAVE_INTERVAL,
        name="handled-updates",
    )
    for user_id in svc.store.recovered.pending():
        if svc.store.recovered.take(user_id):
            await _notify_recovered(application, user_id)


async def _notify_recovered(application: DiaryApp, user_id: int) -> None:
    try:
        await application.bot.send_message(user_id, texts.FILE_RECOVERED)
    except Exception as exc:  # they will be told on their next message instead
        logger.warning("Could not tell a patient about a set-aside file: %s", type(exc).__name__)
        application.bot_data.services.store.recovered.remember(user_id)


async def _post_shutdown(application: DiaryApp) -> None:
    """Let writes in flight finish before the process exits, and remember what was handled."""
    svc = application.bot_data.services
    svc.store.close()
    svc.renderer.close()
    application.bot_data.handled.save()
