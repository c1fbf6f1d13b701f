"""The translation catalogs are up to date with the code and with each other (#15).

CI fails when a text was added or changed without `make messages` (the template and every
language's catalog), or without `make compile-messages` (the .mo files the bot loads), and when
a translation breaks its message: a placeholder renamed or dropped, a wrong number of plural
forms, a %-format that no longer matches.
"""

from __future__ import annotations

import io
import re
import shlex
import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from diarybot.texts import i18n

ROOT = Path(__file__).resolve().parents[2]
POT = i18n.LOCALE_DIR / f"{i18n.DOMAIN}.pot"
LANGUAGES = [code for code in i18n.LANGUAGES if code != i18n.DEFAULT]


def po_path(language: str) -> Path:
    return i18n.LOCALE_DIR / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"


def read_catalog(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file)


def extract_options() -> list[str]:
    """The options `make messages` extracts with, read from the Makefile (one source)."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(r"^EXTRACT_OPTIONS := (.+)$", makefile, re.MULTILINE)
    assert match is not None, "the Makefile's EXTRACT_OPTIONS line"
    return shlex.split(match.group(1).replace("\\#", "#"))  # make's escape for '#'


def without_creation_date(text: str) -> str:
    return re.sub(r'^"POT-Creation-Date: .*\n', "", text, flags=re.MULTILINE)


def ids(catalog: Catalog) -> set[object]:
    """The message keys (id, and context where there is one), header left out."""
    return {
        message.id if not message.context else (message.context, message.id)
        for message in catalog
        if message.id
    }


def fields(text: str) -> set[str]:
    """The named placeholders of a `str.format` text ("{name}", "{count:d}" → name, count)."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def placeholder_errors(message: Message) -> list[str]:
    """What is wrong with a translation's placeholders (nothing for untranslated messages)."""
    msgids = message.id if isinstance(message.id, tuple | list) else (message.id,)
    expected = set().union(*(fields(m) for m in msgids))
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return [
        f"{translated!r} has {sorted(fields(translated))}, the message {sorted(expected)}"
        for translated in strings
        if translated and fields(translated) != expected
    ]


def translation_errors(catalog: Catalog) -> list[str]:
    """Babel's checkers (python_format, num_plurals) and the placeholders, per translation."""
    errors = [f"{message.id!r}: {error}" for message, found in catalog.check() for error in found]
    for message in catalog:
        if message.id and message.string and not message.fuzzy:
            errors += [f"{message.id!r}: {e}" for e in placeholder_errors(message)]
    return errors


def test_template_is_up_to_date_with_the_code(tmp_path, monkeypatch):
    fresh = tmp_path / "fresh.pot"
    monkeypatch.chdir(ROOT)  # babel.cfg's patterns and the locations are relative to it
    status = CommandLineInterface().run(
        ["pybabel", "-q", "extract", *extract_options(), "-o", str(fresh), "."]
    )
    assert not status
    committed = POT.read_text(encoding="utf-8")
    assert without_creation_date(fresh.read_text(encoding="utf-8")) == without_creation_date(
        committed
    ), "texts changed without `make messages`"


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_has_exactly_the_templates_messages(language):
    template, catalog = read_catalog(POT), read_catalog(po_path(language))
    assert ids(catalog) == ids(template), f"run `make messages` ({language})"
    assert catalog.locale is not None and str(catalog.locale) == language


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalog_matches_its_source(language):
    source = read_catalog(po_path(language))
    compiled_now = io.BytesIO()
    write_mo(compiled_now, source)  # what `make compile-messages` writes (fuzzy left out)
    compiled_now.seek(0)
    mo = po_path(language).with_suffix(".mo")
    with mo.open("rb") as file:
        committed = read_mo(file)
    expected = read_mo(compiled_now)
    translations = {(m.context, str(m.id)): m.string for m in expected if m.id}
    assert {(m.context, str(m.id)): m.string for m in committed if m.id} == translations, (
        f"run `make compile-messages` ({language})"
    )
    assert committed.plural_forms == expected.plural_forms


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_their_placeholders_and_plural_forms(language):
    assert translation_errors(read_catalog(po_path(language))) == []


def test_russian_has_three_plural_forms_and_spanish_two():
    assert read_catalog(po_path("ru")).num_plurals == 3
    assert read_catalog(po_path("es")).num_plurals == 2


def test_the_checks_catch_a_broken_translation():
    catalog = Catalog(locale="ru")
    catalog.add("Saved: {score}/10 at {time}.", "Сохранено: {score}/10 в {tiempo}.")
    catalog.add(("{count} day", "{count} days"), ("{count} день", "{count} дня"))
    catalog.add("%(n)s left", "осталось %(m)s", flags=["python-format"])
    errors = "\n".join(translation_errors(catalog))
    assert "tiempo" in errors  # a renamed placeholder
    assert "plural forms" in errors  # two forms where Russian needs three
    assert "%(n)s left" in errors  # python_format: a different %-placeholder
