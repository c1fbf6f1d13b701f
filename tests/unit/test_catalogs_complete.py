"""Every message has a reviewed translation in every catalog (#15): a text added to the code
without its translations fails CI (after `make messages` puts it in the catalogs)."""

from __future__ import annotations

import pytest
from babel.messages.catalog import Message

from tests.unit.test_catalogs import LANGUAGES, po_path, read_catalog


def translated(message: Message) -> bool:
    """Whether every form of the message has a reviewed (not fuzzy) translation."""
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return not message.fuzzy and all(strings)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_in_every_catalog(language):
    catalog = read_catalog(po_path(language))
    missing = [message.id for message in catalog if message.id and not translated(message)]
    assert missing == [], f"{len(missing)} messages untranslated or fuzzy in {language}"
