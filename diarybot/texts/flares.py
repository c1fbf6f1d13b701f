"""A flare in chat: the patient's notice, the specialist's alert, and /alerts."""

from __future__ import annotations

from diarybot.texts.argument_words import with_argument_words
from diarybot.texts.i18n import _


def flare_notice() -> str:
    return _(
        "Your pain looks higher than usual ({reason}). I'm sorry it's a hard time.\n\n"
        "If this goes on or worries you, please contact your care team; in an "
        "emergency, call your local emergency number."
    )


def flare_notice_helped() -> str:
    return _(
        "Your pain looks higher than usual ({reason}). I'm sorry it's a hard time.\n\n"
        "On earlier days, your pain was lower on days you used: {techniques}. "
        "Maybe one of them is worth a try today, if it feels right.\n\n"
        "If this goes on or worries you, please contact your care team; in an "
        "emergency, call your local emergency number."
    )


def flare_reason_high() -> str:
    return _("{today}/10 today after {yesterday}/10 yesterday")


def flare_reason_jump() -> str:
    return _("{today}/10 today, your 14-day average is {baseline}")


def flare_alert() -> str:
    return _("Flare alert: {name} logged high pain ({reason}).")


def flare_alert_unnamed() -> str:
    return _("Flare alert: a patient logged high pain ({reason}).")


def alerts_on() -> str:
    return _("Flare alerts on: you'll get a short message when a linked patient has a flare.")


def alerts_off() -> str:
    return _("Flare alerts off.")


def alerts_usage_on() -> str:
    # Translators: {on} and {off}: words the command reads, in your language.
    text = _("Flare alerts are on. /alerts {on} or /alerts {off}.")
    return with_argument_words(text)


def alerts_usage_off() -> str:
    # Translators: {on} and {off}: words the command reads, in your language.
    text = _("Flare alerts are off. /alerts {on} or /alerts {off}.")
    return with_argument_words(text)
