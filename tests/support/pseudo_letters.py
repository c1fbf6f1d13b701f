"""A pseudo catalog: every message translated into marked, look-alike letters.

"Pain diary" becomes "«xx» Ṕáíń ďíáŕý": still readable, but no catalog message can pass for
English any more, so any plain English word left in a chart, a PDF or a CSV file is a string
that never went through the catalog (a leak). Placeholders (`{name}`) stay as they are, so
`.format()` still fills them, and every letter has a glyph in DejaVu Sans, so PDFs and charts
draw it.

Use `pseudo_catalog(monkeypatch)` (or `install(monkeypatch, languages)`) in a test: texts made
while one of `languages` is active come out marked; dates and numbers still follow that
language's CLDR data.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterable

import pytest

from diarybot.texts import i18n

MARK = "«xx» "
_PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_LOOK_ALIKE = "áƀçďéƒĝĥíĵķĺḿńóṕʠŕśťúṽẃẋýźÁɃÇĎÉƑĜĤÍĴĶĹḾŃÓṔꝖŔŚŤÚṼẂẊÝŹ"
_TABLE = str.maketrans(_PLAIN, _LOOK_ALIKE)
#: `str.format` fields ("{name}", "{{" escapes) that must survive untouched.
_FIELD = re.compile(r"(\{\{|\}\}|\{[^{}]*\})")


def pseudo(message: str) -> str:
    """`message` marked, its letters (outside format fields) swapped for look-alikes."""
    parts = _FIELD.split(message)
    return MARK + "".join(p if _FIELD.fullmatch(p) else p.translate(_TABLE) for p in parts)


class PseudoTranslations(gettext.NullTranslations):
    """Every message, plural and context form marked by `pseudo`."""

    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return pseudo(message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)


def install(monkeypatch: pytest.MonkeyPatch, languages: Iterable[str] | None = None) -> None:
    """Make `languages` (all, without any) speak the pseudo catalog for the rest of the test."""
    chosen = None if languages is None else set(languages)
    real = i18n.translations
    fake = PseudoTranslations()

    def translations(language: str) -> gettext.NullTranslations:
        return fake if chosen is None or language in chosen else real(language)

    monkeypatch.setattr(i18n, "translations", translations)


def pseudo_catalog(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every language speaks the pseudo catalog."""
    install(monkeypatch)
