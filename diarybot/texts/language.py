"""The words of /language: choosing the language the bot writes in."""

from __future__ import annotations

from diarybot.texts.i18n import _


def command() -> str:
    # Translators: the /language command in the command menu.
    return _("The language I write in")


def choose() -> str:
    return _("Which language should I write to you in? Tap one below.")


def changed() -> str:
    # Translators: {language} is the language's own name, e.g. "Español".
    return _("Done: from now on I'll write to you in {language}.")


def settings_line() -> str:
    # Translators: a paragraph below the /settings list; {language} as in the language's own name.
    return _("Language: {language}. Change it with /language.")
