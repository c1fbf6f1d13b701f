"""The language a text is written in: gettext catalogs (Babel) and the language now speaking.

Every text function in ``diarybot.texts`` returns its sentence through :func:`_` (or
:func:`ngettext` where a count appears), so the words are looked up in the catalog of the language
*active* at the moment the text is made. The active language is a context variable, the way web
frameworks activate a request's language: the bot sets it once per update from the patient's
profile (and per job, per specialist report, per render task), and code in between never passes a
language around. A report for a specialist is made inside ``speaking(specialist.language)``.

Catalogs: ``diarybot/locale/<lang>/LC_MESSAGES/diarybot.po`` (the source, edited by translators)
and the ``.mo`` compiled from it with ``pybabel compile``, both committed so an install needs no
build step; a test fails when a ``.mo`` differs from its ``.po`` or the ``.pot`` is out of date
with the code. README: "Languages".
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from babel import Locale
from babel import dates as babel_dates
from babel import lists as babel_lists
from babel import numbers as babel_numbers
from babel.support import Translations

#: Babel's list patterns we use: "A, B and C" (standard) and "A or B" (or).
ListStyle = Literal["standard", "or"]
DOMAIN = "diarybot"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DEFAULT = "en"

#: The languages with a complete catalog, each named in its own language (the /language buttons).
LANGUAGES: dict[str, str] = {
    "en": "English",
    "es": "Español",
    "de": "Deutsch",
    "fr": "Français",
    "pt_BR": "Português (Brasil)",
    "ru": "Русский",
}

_active: ContextVar[str] = ContextVar("diarybot_language", default=DEFAULT)


def supported(code: str | None) -> str:
    """The catalog for a Telegram ``language_code`` ("es", "pt-br", "de-AT"), English otherwise.

    Portuguese from Portugal gets the Brazilian catalog: closer than English for a patient.
    """
    if not code:
        return DEFAULT
    normalised = code.replace("-", "_")
    if normalised in LANGUAGES:
        return normalised
    base = normalised.split("_", 1)[0].lower()
    if base == "pt":
        return "pt_BR"
    return base if base in LANGUAGES else DEFAULT


#: Catalogs loaded so far, by language (each .mo is read once per process).
_catalogs: dict[str, gettext.NullTranslations] = {}


def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalog of ``language`` (English is the source: the message ids themselves)."""
    catalog = _catalogs.get(language)
    if catalog is None:
        catalog = _catalogs[language] = _load(language)
    return catalog


def _load(language: str) -> gettext.NullTranslations:
    if language == DEFAULT:
        return gettext.NullTranslations()
    return Translations.load(str(LOCALE_DIR), [language], DOMAIN)


def install(language: str, catalog: gettext.NullTranslations | None) -> None:
    """Serve ``catalog`` for ``language`` in this process (None: the compiled one again).

    For tests and tools: a pseudo-translation shows which words went through the catalog,
    where a real one could not tell (tests/support/pseudo_translations.py).
    """
    if catalog is None:
        _catalogs.pop(language, None)
    else:
        _catalogs[language] = catalog


def active() -> str:
    """The language texts are made in right now."""
    return _active.get()


def use(language: str | None) -> None:
    """Make ``language`` active for the rest of this task (one update, one job)."""
    _active.set(supported(language))


@contextmanager
def speaking(language: str | None) -> Iterator[None]:
    """Make texts in ``language`` inside the block, e.g. a report for a specialist."""
    token = _active.set(supported(language))
    try:
        yield
    finally:
        _active.reset(token)


def _(message: str) -> str:
    """``message`` in the active language."""
    return translations(_active.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The plural form for ``n`` in the active language (Russian has three)."""
    return translations(_active.get()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the active language where the same English word needs two translations."""
    return translations(_active.get()).pgettext(context, message)


def N_(message: str) -> str:
    """Marks ``message`` for extraction without translating it yet (translated where used)."""
    return message


def locale() -> Locale:
    """The Babel locale of the active language (CLDR data: dates, numbers, month names)."""
    return Locale.parse(_active.get())


def format_date(day: date, form: str = "medium") -> str:
    """A date as the active language writes it: "2 Dec 2026", "2 dic 2026", "02.12.2026"."""
    return babel_dates.format_date(day, form, locale=locale())


def format_skeleton(skeleton: str, value: date | datetime) -> str:
    """A date by CLDR skeleton ("MMMd" = "Dec 2", "2 dic"; "EEEd" = "Wed 2"), per language."""
    return babel_dates.format_skeleton(skeleton, value, locale=locale())


def format_decimal(number: float, digits: int = 1, *, signed: bool = False) -> str:
    """A number with ``digits`` decimals in the active language: "5.3", "5,3" (``signed``:
    always with its sign, "+1.5", "-0,5", for a change)."""
    pattern = "0." + "0" * digits if digits else "0"
    if signed:
        pattern = f"+{pattern};-{pattern}"
    return babel_numbers.format_decimal(number, pattern, locale=locale())


def format_list(items: Sequence[str], style: ListStyle = "standard") -> str:
    """Names of a genuine list as the active language joins them: "A, B, and C", "A, B y C".

    Only for a list of equal things (techniques, medications); never to build a sentence.
    """
    return babel_lists.format_list(list(items), style=style, locale=locale())
