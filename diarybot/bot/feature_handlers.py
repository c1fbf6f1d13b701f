"""The patient's own features' commands and buttons, one function per feature, for group 0 of
`app`; `care_handlers` holds what passes between patient and specialist.

A feature's handlers match only its own updates (a command's name, its own prefix of callback
data), so no two features compete for an update; `app` adds the catch-alls after them all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from diarybot.bot import (
    button_data,
    chart_commands,
    checkin,
    checkin_notes,
    checkin_techniques,
    daily_items,
    erasure,
    export_command,
    guided_exercises,
    history,
    history_items,
    language,
    medications,
    onboarding,
    peg_check,
    quick_log,
    undo,
    words,
)
from diarybot.bot.context import DiaryApp

PRIVATE = filters.ChatType.PRIVATE

Callback = Callable[..., Any]


def add_table(
    app: DiaryApp,
    commands: dict[str, Callback] | None = None,
    buttons: dict[str, Callback] | None = None,
    plain: dict[str, Callback] | None = None,
) -> None:
    """Commands (private chats only), buttons by the prefix of their callback data ("sc:…"),
    and plain buttons whose callback data is the prefix alone."""
    for name, callback in (commands or {}).items():
        app.add_handler(CommandHandler(name, callback, filters=PRIVATE))
    for prefix, callback in (buttons or {}).items():
        app.add_handler(CallbackQueryHandler(callback, pattern=rf"^{prefix}:"))
    for data, callback in (plain or {}).items():
        app.add_handler(CallbackQueryHandler(callback, pattern=rf"^{data}$"))


def _add_onboarding(app: DiaryApp) -> None:
    """/start, /help, the settings (time zone, reminder time, language), pausing reminders."""
    add_table(
        app,
        commands={
            "start": onboarding.start,
            "help": onboarding.help_command,
            "timezone": onboarding.timezone_command,
            "remind": onboarding.remind_command,
            "settings": onboarding.settings_command,
            "language": language.language_command,
            "pause": onboarding.pause,
            "resume": onboarding.resume,
        },
        buttons={
            button_data.TIMEZONE: onboarding.timezone_button,
            button_data.REMINDER_TIME: onboarding.time_button,
            button_data.LANGUAGE: language.language_button,
        },
        plain={button_data.OWN_DIARY: onboarding.own_diary_button},
    )


def _add_checkin(app: DiaryApp) -> None:
    """The check-in (score, the daily items switched on in /settings, techniques, note), /log
    and /undo."""
    add_table(
        app,
        commands={
            "checkin": checkin.checkin_command,
            "log": quick_log.log_command,
            "undo": undo.undo_command,
        },
        buttons={
            button_data.SCORE: checkin.score_button,
            button_data.TOGGLE: checkin_techniques.toggle_button,
            button_data.TECHNIQUES_DONE: checkin_techniques.techniques_done,
            button_data.TECHNIQUES_NONE: checkin_techniques.techniques_done,
            button_data.LOG_YESTERDAY: checkin.yesterday_button,
            button_data.NOTE_SKIP: checkin_notes.note_skipped,
            button_data.UNDO_YES: undo.undo_button,
            button_data.SETTINGS_ITEM: daily_items.settings_toggle,
            button_data.ITEM_RATING: daily_items.rating_button,
            button_data.ITEM_REGION: daily_items.region_button,
            button_data.ITEM_REGIONS_END: daily_items.regions_end,
        },
        plain={button_data.UNDO_NO: undo.undo_button},
    )


def _add_medications(app: DiaryApp) -> None:
    """/meds, and the check-in's medication list."""
    add_table(
        app,
        commands={"meds": medications.meds_command},
        buttons={
            button_data.MEDS_MENU: medications.menu_button,
            button_data.MEDS_USE: medications.use_button,
            button_data.MEDS_OPEN: medications.open_button,
            button_data.MEDS_RENAME: medications.rename_button,
            button_data.MEDS_STOP: medications.stop_button,
            button_data.CHECKIN_MEDS: medications.checkin_list_button,
            button_data.CHECKIN_TAKEN: medications.checkin_list_button,
            button_data.CHECKIN_MEDS_CLEAR: medications.checkin_list_button,
            button_data.CHECKIN_MEDS_BACK: medications.checkin_list_button,
        },
    )


def _add_history(app: DiaryApp) -> None:
    """/history: paging, and correcting or removing an entry."""
    add_table(
        app,
        commands={"history": history.history_command},
        buttons={
            button_data.HISTORY_TECHNIQUES_NONE: history.correction_button,
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
            button_data.HISTORY_ITEM: history_items.item_button,
            button_data.HISTORY_ITEM_RATING: history_items.rating_button,
            button_data.HISTORY_REGION: history_items.region_button,
            button_data.HISTORY_REGIONS_END: history_items.regions_end,
        },
    )


def _add_own_words(app: DiaryApp) -> None:
    """What to do with words typed outside a question."""
    add_table(app, buttons={button_data.OFFER: words.offer_button})


def _add_reports(app: DiaryApp) -> None:
    """The patient's own charts and files."""
    add_table(
        app,
        commands={
            "chart": chart_commands.chart_command,
            "weekly": chart_commands.weekly_command,
            "export": export_command.export_command,
        },
    )


def _add_self_care(app: DiaryApp) -> None:
    """Guided exercises and the PEG check."""
    add_table(
        app,
        commands={
            "breathe": guided_exercises.breathe_command,
            "relax": guided_exercises.relax_command,
            "practice": guided_exercises.practice_command,
            "peg": peg_check.peg_command,
        },
        buttons={
            button_data.EX_PATTERN: guided_exercises.pattern_button,
            button_data.EX_BEFORE: guided_exercises.before_button,
            button_data.EX_AFTER: guided_exercises.after_button,
            button_data.EX_STOP: guided_exercises.stop_button,
            button_data.PEG: peg_check.answer_button,
        },
    )


def _add_erasure(app: DiaryApp) -> None:
    """/delete: erase everything (after offering a copy first)."""
    add_table(
        app,
        commands={"delete": erasure.delete_command},
        plain={
            button_data.DELETE_YES: erasure.delete_button,
            button_data.DELETE_NO: erasure.delete_button,
            button_data.DELETE_EXPORT: erasure.send_everything_button,
        },
    )


def add_features(app: DiaryApp) -> None:
    """The patient's own features' commands and buttons (in any order: no two compete for an
    update); `care_handlers` adds those between patient and specialist."""
    _add_onboarding(app)
    _add_checkin(app)
    _add_medications(app)
    _add_history(app)
    _add_own_words(app)
    _add_reports(app)
    _add_self_care(app)
    _add_erasure(app)
