"""The one factory that builds the bot: handlers, jobs, start-up and shutdown hooks."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from concurrent.futures import Executor
from datetime import datetime
from typing import TYPE_CHECKING

from telegram import Update
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from diarybot.bot import (
    care_handlers,
    feature_handlers,
    language,
    lifecycle,
    onboarding,
    routing,
    user_states,
)
from diarybot.bot.context import CONTEXT_TYPES, DiaryApp, Services
from diarybot.bot.feature_handlers import PRIVATE
from diarybot.domain.localtime import utc_now
from diarybot.runtime.rate_limit import MAX_IN_FLIGHT, PatientRateLimiter
from diarybot.runtime.redelivery import HandledUpdates
from diarybot.runtime.render_pool import RenderPool
from diarybot.runtime.update_order import PerPatientUpdateProcessor
from diarybot.settings import Settings
from diarybot.storage.store import Store

if TYPE_CHECKING:
    from diarybot.runtime.metrics import Metered

logger = logging.getLogger(__name__)

# Opt in to PTB's timedelta durations (RetryAfter.retry_after and friends) now: the int form is
# deprecated and merely constructing a RetryAfter warns, which would hide 429s in tests.
os.environ.setdefault("PTB_TIMEDELTA", "true")


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
    metered = _metered() if settings.metrics else None
    builder = (
        ApplicationBuilder()
        .token(settings.token)
        .context_types(CONTEXT_TYPES)
        .rate_limiter(rate_limiter or PatientRateLimiter())
        .concurrent_updates(metered.updates if metered else PerPatientUpdateProcessor())
        # A cancelled long poll can keep its connection at shutdown; a second one lets the
        # final confirming getUpdates through instead of failing on a pool timeout.
        .get_updates_connection_pool_size(2)
        .post_init(lifecycle.post_init)
        .post_shutdown(lifecycle.post_shutdown)
    )
    # PTB's own HTTP (httpx), sized to the limiter: it lets at most MAX_IN_FLIGHT requests
    # out at once, so more connections would only sit idle (BENCHMARKS.md, "Transport").
    if metered is None:
        builder = builder.connection_pool_size(MAX_IN_FLIGHT)
    else:
        builder = builder.request(metered.request)
    if settings.api_base_url:
        builder = builder.base_url(settings.api_base_url)
    if settings.api_base_file_url:
        builder = builder.base_file_url(settings.api_base_file_url)
    application: DiaryApp = builder.build()
    application.bot_data.services = Services(
        settings=settings,
        store=Store(settings.data_dir),
        clock=clock,
        renderer=metered.renderer(render_executor) if metered else RenderPool(render_executor),
        metrics=metered.metrics if metered else None,
    )
    application.bot_data.handled = HandledUpdates(settings.data_dir)
    _add_handlers(application)
    if metered is not None:
        application.add_error_handler(metered.metrics.count_error)
    return application


def _metered() -> Metered:
    """The metered pieces (DIARYBOT_METRICS=1); prometheus_client is loaded only then."""
    from diarybot.runtime.metrics import Metered  # noqa: PLC0415

    return Metered.build(MAX_IN_FLIGHT)


def _add_handlers(app: DiaryApp) -> None:
    """Every handler, in the order and groups below; the features' own in `feature_handlers`
    and `care_handlers`."""
    # Order matters: group -3 drops updates Telegram delivered again (before anything reads or
    # writes for them), group -2 makes the sender's language active (before any handler makes a
    # text, the error handler's included), group -1 sees every new update first
    # (reachability), group 0 does the work, group 1 runs afterwards (telling a patient their
    # file had to be set aside), group 2 marks the update handled and group 3 forgets blank
    # conversation state. The language stays active for all of them: PTB runs one update's
    # groups in one task, and each update in its own task, so it never leaks to another.
    handled = app.bot_data.handled
    app.add_handler(TypeHandler(Update, handled.drop_if_seen), group=-3)
    app.add_handler(TypeHandler(Update, language.speak_their_language), group=-2)
    app.add_handler(TypeHandler(Update, lifecycle.mark_reachable), group=-1)
    feature_handlers.add_features(app)
    care_handlers.add_care_features(app)
    _add_catch_alls(app)
    app.add_handler(TypeHandler(Update, lifecycle.tell_if_recovered), group=1)
    app.add_handler(TypeHandler(Update, handled.mark_handled), group=2)
    # Its own group (one handler per group runs): blank conversation state is not kept.
    app.add_handler(TypeHandler(Update, user_states.forget_if_idle), group=3)
    app.add_error_handler(lifecycle.on_error)


def _add_catch_alls(app: DiaryApp) -> None:
    """Group 0 after every feature (first match wins): /cancel, a button no feature knows (an
    old one), an unknown command, any text, anything else, and anything from a group chat."""
    app.add_handler(CommandHandler("cancel", routing.cancel, filters=PRIVATE))
    app.add_handler(CallbackQueryHandler(onboarding.answer_expired))
    app.add_handler(MessageHandler(PRIVATE & filters.COMMAND, routing.unknown_command))
    app.add_handler(MessageHandler(PRIVATE & filters.TEXT, routing.route_text))
    app.add_handler(MessageHandler(PRIVATE & ~filters.TEXT, routing.not_text))
    app.add_handler(MessageHandler(~PRIVATE & filters.ALL, routing.private_only))
