"""The one factory that builds the bot: handlers, jobs, start-up and shutdown hooks."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from concurrent.futures import Executor
from datetime import datetime
from typing import TYPE_CHECKING, Any

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
    button_data,
    chart_commands,
    checkin,
    daily_items,
    erasure,
    export_command,
    flare_messages,
    guided_exercises,
    history,
    language,
    lifecycle,
    medications,
    onboarding,
    patient_sharing,
    peg_check,
    plan_notes,
    routing,
    specialist,
    treatments,
    user_states,
    words,
)
from diarybot.bot.context import CONTEXT_TYPES, DiaryApp, Services
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

PRIVATE = filters.ChatType.PRIVATE


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
    commands: dict[str, Callable[..., Any]] = {
        "start": onboarding.start,
        "help": onboarding.help_command,
        "timezone": onboarding.timezone_command,
        "remind": onboarding.remind_command,
        "settings": onboarding.settings_command,
        "language": language.language_command,
        "pause": onboarding.pause,
        "resume": onboarding.resume,
        "checkin": checkin.checkin_command,
        "log": checkin.log_command,
        "history": history.history_command,
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
        "plan": plan_notes.plan_command,
        "breathe": guided_exercises.breathe_command,
        "relax": guided_exercises.relax_command,
        "practice": guided_exercises.practice_command,
        "peg": peg_check.peg_command,
        "meds": medications.meds_command,
        "treatment": treatments.treatment_command,
        "delete": erasure.delete_command,
        "cancel": routing.cancel,
    }
    for name, callback in commands.items():
        app.add_handler(CommandHandler(name, callback, filters=PRIVATE))
    buttons: dict[str, Callable[..., Any]] = {
        button_data.SCORE: checkin.score_button,
        button_data.TOGGLE: checkin.toggle_button,
        button_data.TECHNIQUES_DONE: checkin.techniques_done,
        button_data.TECHNIQUES_NONE: checkin.techniques_done,
        button_data.LOG_YESTERDAY: checkin.yesterday_button,
        button_data.HISTORY_TECHNIQUES_NONE: history.correction_button,
        button_data.NOTE_SKIP: checkin.note_skipped,
        button_data.UNDO_YES: checkin.undo_button,
        button_data.TIMEZONE: onboarding.timezone_button,
        button_data.REMINDER_TIME: onboarding.time_button,
        button_data.LINK_ALLOW: patient_sharing.link_answer_button,
        button_data.LINK_DECLINE: patient_sharing.link_answer_button,
        button_data.UNSHARE: patient_sharing.unshare_button,
        button_data.SUMMARY: specialist.summary_button,
        button_data.DATA_FILES: specialist.data_files_button,
        button_data.PATIENTS_PAGE: specialist.patients_page_button,
        button_data.LANGUAGE: language.language_button,
        button_data.SPECIALIST_TZ: specialist.specialist_timezone_button,
        button_data.SHARING_PICK: patient_sharing.sharing_pick_button,
        button_data.SET_LEVEL: patient_sharing.set_level_button,
        button_data.PLAN_FOR: plan_notes.plan_for_button,
        button_data.PLAN_IN_REMINDERS: plan_notes.plan_in_reminders_button,
        button_data.EX_PATTERN: guided_exercises.pattern_button,
        button_data.EX_BEFORE: guided_exercises.before_button,
        button_data.EX_AFTER: guided_exercises.after_button,
        button_data.EX_STOP: guided_exercises.stop_button,
        button_data.PEG: peg_check.answer_button,
        button_data.OFFER: words.offer_button,
        button_data.HISTORY_PAGE: history.page_button,
        button_data.HISTORY_ENTRY: history.entry_button,
        button_data.HISTORY_SCORE: history.edit_button,
        button_data.HISTORY_TECHNIQUES: history.edit_button,
        button_data.HISTORY_NOTE: history.edit_button,
        button_data.HISTORY_REMOVE: history.edit_button,
        button_data.HISTORY_SET_SCORE: history.correction_button,
        button_data.HISTORY_TOGGLE: history.correction_button,
        button_data.HISTORY_MEDICATION: history.correction_button,
        button_data.HISTORY_REMOVE_YES: history.correction_button,
        button_data.MEDS_MENU: medications.menu_button,
        button_data.MEDS_USE: medications.use_button,
        button_data.MEDS_OPEN: medications.open_button,
        button_data.MEDS_RENAME: medications.rename_button,
        button_data.MEDS_STOP: medications.stop_button,
        button_data.CHECKIN_MEDS: medications.checkin_list_button,
        button_data.CHECKIN_TAKEN: medications.checkin_list_button,
        button_data.CHECKIN_MEDS_CLEAR: medications.checkin_list_button,
        button_data.CHECKIN_MEDS_BACK: medications.checkin_list_button,
        button_data.SETTINGS_ITEM: daily_items.settings_toggle,
        button_data.ITEM_RATING: daily_items.rating_button,
        button_data.ITEM_REGION: daily_items.region_button,
        button_data.ITEM_REGIONS_END: daily_items.regions_end,
        button_data.TREATMENT_WHOSE: treatments.whose_button,
        button_data.TREATMENT_KIND: treatments.kind_button,
        button_data.TREATMENT_DAY: treatments.day_button,
        button_data.TREATMENT_SKIP: treatments.skip_button,
        button_data.TREATMENT_REMOVE: treatments.remove_button,
        button_data.TREATMENT_REMOVE_YES: treatments.remove_answer_button,
        button_data.TREATMENT_KEEP: treatments.remove_answer_button,
    }
    for prefix, callback in buttons.items():
        app.add_handler(CallbackQueryHandler(callback, pattern=rf"^{prefix}:"))
    app.add_handler(CallbackQueryHandler(checkin.undo_button, pattern=rf"^{button_data.UNDO_NO}$"))
    single: dict[str, Callable[..., Any]] = {
        button_data.OWN_DIARY: onboarding.own_diary_button,
        button_data.KEEP_NAME: patient_sharing.keep_name_button,
        button_data.SKIP_REFERENCE: patient_sharing.skip_reference_button,
    }
    for data, callback in single.items():
        app.add_handler(CallbackQueryHandler(callback, pattern=rf"^{data}$"))
    app.add_handler(
        CallbackQueryHandler(
            erasure.delete_button,
            pattern=rf"^({button_data.DELETE_YES}|{button_data.DELETE_NO})$",
        )
    )
    app.add_handler(
        CallbackQueryHandler(
            erasure.send_everything_button, pattern=rf"^{button_data.DELETE_EXPORT}$"
        )
    )
    app.add_handler(CallbackQueryHandler(onboarding.answer_expired))
    app.add_handler(MessageHandler(PRIVATE & filters.COMMAND, routing.unknown_command))
    app.add_handler(MessageHandler(PRIVATE & filters.TEXT, routing.route_text))
    app.add_handler(MessageHandler(PRIVATE & ~filters.TEXT, routing.not_text))
    app.add_handler(MessageHandler(~PRIVATE & filters.ALL, routing.private_only))
    app.add_handler(TypeHandler(Update, lifecycle.tell_if_recovered), group=1)
    app.add_handler(TypeHandler(Update, handled.mark_handled), group=2)
    # Its own group (one handler per group runs): blank conversation state is not kept.
    app.add_handler(TypeHandler(Update, user_states.forget_if_idle), group=3)
    app.add_error_handler(lifecycle.on_error)
