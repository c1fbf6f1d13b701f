"""The words of /settings and of the commands that change them (/remind, /timezone, /pause,
/resume)."""

from __future__ import annotations

from diarybot.domain.people import Profile
from diarybot.texts.formats import format_time
from diarybot.texts.i18n import _, pgettext


def settings() -> str:
    return _(
        "Your settings:\n"
        "• Time zone: {tz}\n"
        "• Daily reminder: {reminder}\n"
        "• Weekly chart: {weekly}\n"
        "• Entries stored: {count}\n\n"
        "Change them with /timezone, /remind, /pause, /resume, /weekly."
    )


def reminder_state_paused() -> str:
    # Translators: the daily reminder in /settings, e.g. "20:00 (paused)".
    return _("{time} (paused)")


def reminder_state_blocked() -> str:
    # Translators: the daily reminder in /settings when Telegram refused to deliver it.
    return _("{time} (stopped: I could not reach you)")


def switched_on() -> str:
    # Translators: the state of a setting (the weekly chart) in /settings.
    return pgettext("setting", "on")


def switched_off() -> str:
    # Translators: the state of a setting (the weekly chart) in /settings.
    return pgettext("setting", "off")


def paused() -> str:
    return _("Daily reminders paused. You can still log at any time. /resume turns them back on.")


def resumed() -> str:
    return _("Daily reminders back on, every day at {time} ({tz}).")


def remind_usage() -> str:
    return _("Send the time like this: /remind 20:00 (or 8pm, or 20.00).")


def timezone_usage() -> str:
    return _("Send your time zone like this: /timezone Europe/Berlin")


def settings_text(profile: Profile, entry_count: int) -> str:
    """The /settings reply."""
    at = format_time(profile.reminder_time)
    if profile.blocked:
        at = reminder_state_blocked().format(time=at)
    elif profile.paused:
        at = reminder_state_paused().format(time=at)
    return settings().format(
        tz=profile.timezone,
        reminder=at,
        weekly=switched_on() if profile.weekly_chart else switched_off(),
        count=entry_count,
    )
