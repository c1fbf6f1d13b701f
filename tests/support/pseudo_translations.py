"""Pseudo-translations: catalogs that mark every message instead of translating it, so a test
sees which words went through a catalog, and whose, in every text (real translations may be
missing or may look like English).

One catalog class, :class:`PseudoTranslations`, answers every lookup (``gettext``, ``ngettext``,
``pgettext``, ``npgettext``; a plural takes the form English would choose) with its ``mark`` of
the message. Each of the three marking styles serves one check:

- :class:`WholeMessages`, ``«xx» Saved: {score}/10 «/xx»`` (tests/unit/test_texts_gettext.py):
  a chat text made of one message starts with the opening mark and ends with the closing one;
  a fragment glued on before or after it in code shows outside the marks.
- :class:`LanguageMarks`, ``«es» Hello`` (tests/e2e/test_language.py): a reply without its
  person's mark is an English leak, one with someone else's mark is a wrong-language leak.
- :class:`LookAlikeLetters`, ``«xx» Ṕáíń ďíáŕý`` (tests/unit/test_report_language.py): no
  catalog message can pass for English any more, so a plain English word left in a chart, a PDF
  or a CSV file never went through the catalog. Every letter has a glyph in DejaVu Sans, so
  PDFs and charts still draw it.

Placeholders (``{name}``) stay as they are in every style, so ``.format()`` still fills them;
dates and numbers still follow the language's CLDR data.

Installing: :func:`use` puts a style into ``diarybot.texts.i18n``'s catalogs for the rest of a
test (monkeypatch restores the compiled ones); :func:`install` does the same for good in a
process of its own, as the initializer of a render-worker pool.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterable

import pytest

from diarybot.texts import i18n


class PseudoTranslations(gettext.NullTranslations):
    """The catalog of ``language`` in one marking style: every message comes back ``mark``-ed."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language

    def mark(self, message: str) -> str:
        """``message`` as this catalog "translates" it (each style says how)."""
        raise NotImplementedError

    def gettext(self, message: str) -> str:
        return self.mark(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.mark(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return self.mark(message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return self.mark(msgid1 if n == 1 else msgid2)


# -- whole-message marks: glued text ------------------------------------------------------------
OPEN = "«xx» "
CLOSE = " «/xx»"


def whole_message(message: str) -> str:
    """``message`` between the opening and the closing mark."""
    return f"{OPEN}{message}{CLOSE}"


class WholeMessages(PseudoTranslations):
    """Every message between an opening and a closing mark, the same in every language."""

    def mark(self, message: str) -> str:
        return whole_message(message)


# -- per-language marks: English and wrong-language leaks ---------------------------------------
def language_mark(language: str, message: str) -> str:
    """What ``message`` reads as in the pseudo catalog of ``language``: "«es» Hello"."""
    return f"«{language}» {message}"


class LanguageMarks(PseudoTranslations):
    """Every message marked with the catalog's own language."""

    def mark(self, message: str) -> str:
        return language_mark(self.language, message)


# -- look-alike letters: English leaks in reports, charts and files -----------------------------
LOOK_ALIKE_MARK = "«xx» "
_PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_LOOK_ALIKE = "áƀçďéƒĝĥíĵķĺḿńóṕʠŕśťúṽẃẋýźÁɃÇĎÉƑĜĤÍĴĶĹḾŃÓṔꝖŔŚŤÚṼẂẊÝŹ"
_TABLE = str.maketrans(_PLAIN, _LOOK_ALIKE)
#: `str.format` fields ("{name}", "{{" escapes) that must survive untouched.
_FIELD = re.compile(r"(\{\{|\}\}|\{[^{}]*\})")


def look_alike(message: str) -> str:
    """``message`` marked, its letters (outside format fields) swapped for look-alikes."""
    parts = _FIELD.split(message)
    return LOOK_ALIKE_MARK + "".join(
        p if _FIELD.fullmatch(p) else p.translate(_TABLE) for p in parts
    )


class LookAlikeLetters(PseudoTranslations):
    """Every message marked and written in look-alike letters, the same in every language."""

    def mark(self, message: str) -> str:
        return look_alike(message)


# -- installing ---------------------------------------------------------------------------------
def use(
    monkeypatch: pytest.MonkeyPatch,
    style: type[PseudoTranslations],
    languages: Iterable[str] | None = None,
) -> None:
    """Make ``languages`` (every supported one, without any) speak ``style`` for the rest of the
    test; the other languages keep their compiled catalogs."""
    for language in i18n.LANGUAGES if languages is None else languages:
        # What i18n.install does, undone after the test (the compiled catalog, or none loaded).
        monkeypatch.setitem(i18n._catalogs, language, style(language))


def install(languages: Iterable[str], style: type[PseudoTranslations] = LanguageMarks) -> None:
    """Make ``languages`` speak ``style`` in this process for good: a pool initializer, so the
    render workers (where reports and charts are written) speak it too."""
    for language in languages:
        i18n.install(language, style(language))
