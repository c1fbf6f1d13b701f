"""A pseudo-translation for tests: every message of language xx reads "«xx» <English>".

Real translations come later from translators; this shows now which words went through the
catalog of which language (a leak of English, or of the wrong person's language, shows as a
missing or wrong mark). Installed in the test process and, through a pool initializer, in the
render workers, where reports and charts are written.
"""

from __future__ import annotations

from collections.abc import Iterable

from babel.support import Translations

from diarybot.texts import i18n


class PseudoCatalog(Translations):
    """Marks every message with its language instead of translating it."""

    def __init__(self, language: str) -> None:
        super().__init__(fp=None, domain=i18n.DOMAIN)
        self.language = language

    def mark(self, message: str) -> str:
        """The message as this catalog "translates" it."""
        return f"«{self.language}» {message}"

    def gettext(self, message: str) -> str:
        return self.mark(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.mark(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return self.mark(message)


def mark(language: str, message: str) -> str:
    """What `message` reads as in the pseudo catalog of `language`."""
    return PseudoCatalog(language).mark(message)


def install(languages: Iterable[str]) -> None:
    """Serve the pseudo catalog for each of `languages` in this process (a pool initializer)."""
    for language in languages:
        i18n.install(language, PseudoCatalog(language))


def uninstall(languages: Iterable[str]) -> None:
    """Back to the compiled catalogs."""
    for language in languages:
        i18n.install(language, None)
