"""Treatments in /history: the list, and removing one."""

from __future__ import annotations

from diarybot.texts.i18n import _


def history_heading() -> str:
    return _("Treatments in your diary:")


def history_line() -> str:
    return _("• {day}: {kind}")


def history_line_words() -> str:
    return _("• {day}: {kind} (“{words}”)")


def history_by_specialist() -> str:
    return _("  recorded by {who}")


def history_hint() -> str:
    return _("Tap one to remove it.")


def button_remove() -> str:
    # Translators: button in /history: remove this treatment event.
    return _("✖ {day}: {kind}")


def confirm_remove() -> str:
    return _("Remove this treatment from your diary? {day}: {kind}")


def button_remove_yes() -> str:
    # Translators: button: yes, remove the treatment.
    return _("Yes, remove it")


def button_keep() -> str:
    # Translators: button: no, keep the treatment.
    return _("No, keep it")


def removed() -> str:
    return _("Removed: {day}, {kind}.")


def kept() -> str:
    return _("Kept. Nothing was removed.")


def gone() -> str:
    return _("That treatment is no longer in your diary.")
