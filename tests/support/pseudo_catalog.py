"""A pseudo-translation: every message comes back marked, so a test sees which words were
looked up in a catalog as one whole message and which were glued on in code.

``«xx» Saved: {score}/10 «/xx»``: a text built from one message starts with the opening mark and
ends with the closing one; a fragment added before or after it shows outside the marks, and a
placeholder the code fills stays inside.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from diarybot.texts import i18n

OPEN = "«xx» "
CLOSE = " «/xx»"


def mark(message: str) -> str:
    """``message`` as the pseudo catalog returns it."""
    return f"{OPEN}{message}{CLOSE}"


class PseudoCatalog(gettext.NullTranslations):
    """Wraps every message (and the plural form English would choose, tagged with it)."""

    def gettext(self, message: str) -> str:
        return mark(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return mark(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return mark(message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return mark(msgid1 if n == 1 else msgid2)


@contextmanager
def pseudo_language(monkeypatch: pytest.MonkeyPatch) -> Iterator[PseudoCatalog]:
    """Every text made inside the block goes through the pseudo catalog."""
    catalog = PseudoCatalog()
    monkeypatch.setattr(i18n, "translations", lambda _language: catalog)
    yield catalog
