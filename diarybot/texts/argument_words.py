"""The words after a command in /help and the usage replies ("/chart month", "/log yesterday 7"),
in the reader's language, taken from the very tables the commands read.

A text names the word by a placeholder ({month}, {yesterday}, {on} …) and the word is filled in
here, so the example a patient copies is always one the command understands in their language;
a translator places the placeholder, the tables in `diarybot.domain` say the word.
"""

from __future__ import annotations

import string

from diarybot.domain.backdating import DAY_WORDS
from diarybot.domain.command_words import SWITCH_WORDS
from diarybot.domain.parsing import PERIOD_WORDS, WEEKDAYS
from diarybot.texts import i18n

MONDAY, FRIDAY, SUNDAY = 0, 4, 6


def argument_words(language: str | None = None) -> dict[str, str]:
    """Placeholder -> the word shown for it in `language` (the active one by default)."""
    code = language or i18n.active()
    periods = PERIOD_WORDS.get(code, PERIOD_WORDS[i18n.DEFAULT])
    switches = SWITCH_WORDS.get(code, SWITCH_WORDS[i18n.DEFAULT])
    days = DAY_WORDS.get(code, DAY_WORDS[i18n.DEFAULT])
    weekdays = WEEKDAYS.get(code, WEEKDAYS[i18n.DEFAULT])
    return {
        "yesterday": next(word for word, back in days.items() if back == 1),
        "month": periods["month"][0],
        "on": switches["on"][0],
        "off": switches["off"][0],
        "all": switches["all"][0],
        "monday": weekdays[MONDAY][0],
        "friday": weekdays[FRIDAY][0],
        "sunday": weekdays[SUNDAY][0],
    }


def with_argument_words(template: str) -> str:
    """`template` with its argument-word placeholders filled and every other placeholder kept
    for the caller's `.format` ({weekday}, {days} …)."""
    words = argument_words()
    fields = list(string.Formatter().parse(template))
    kept = any(field is not None and field not in words for _, field, _, _ in fields)
    parts = []
    for literal, field, spec, conversion in fields:
        # Braces written as {{ }} stay escaped only while a .format is still to come.
        parts.append(literal.replace("{", "{{").replace("}", "}}") if kept else literal)
        if field is None:
            continue
        if field in words:
            parts.append(words[field])
        else:
            parts.append(_placeholder(field, spec, conversion))
    return "".join(parts)


def _placeholder(field: str, spec: str | None, conversion: str | None) -> str:
    """The placeholder as it was written: {name}, {name!r}, {name:.1f}."""
    converted = f"!{conversion}" if conversion else ""
    formatted = f":{spec}" if spec else ""
    return "{" + field + converted + formatted + "}"
