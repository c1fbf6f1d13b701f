"""A whole patient day and a specialist's summary in Spanish and in Russian, with the real
catalogs, over the fake Bot API (#15): every word received is in the person's language.

"No English leaks" is checked against the catalog itself: every fixed piece of an English
message (the text between its placeholders, a few words long) that the language translates
differently must not appear in anything the person receives — messages, edits, buttons, the
command menu, the chart's caption and the PDF's text.
"""

from __future__ import annotations

import io
import re
from functools import cache

import pytest
from babel.messages.pofile import read_po
from pypdf import PdfReader

from diarybot import texts
from diarybot.domain.entries import Technique
from diarybot.domain.links import ShareLevel
from diarybot.texts import i18n
from diarybot.texts import safety as safety_texts
from diarybot.texts import specialist as st
from tests.support.fake_bot_api import FakeUser
from tests.support.sharing import share_code

#: Words a patient reads in each language: a sample of the real catalog, not the pseudo one.
EXPECTED = {
    "es": {"dolor", "registro"},
    "ru": {"боль", "дневник"},
}


@cache
def english_pieces(language: str) -> frozenset[str]:
    """The fixed pieces of every English message the catalog translates differently."""
    path = i18n.LOCALE_DIR / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    pieces = set()
    for message in catalog:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not message.id or set(ids) & set(strings):
            continue  # the same in both languages (a name, an abbreviation): not a leak
        for english in ids:
            for raw in re.split(r"\{\w*\}|\n", english):
                piece = raw.strip(" .,:;()·–-—/\"“”'")
                if len(piece) >= 12 and len(piece.split()) >= 2:
                    pieces.add(piece)
    return frozenset(pieces)


def assert_no_english(language: str, received: list[str]) -> None:
    everything = "\n".join(received)
    leaks = sorted(p for p in english_pieces(language) if p in everything)
    assert leaks == [], f"English in a {language} conversation: {leaks[:5]}"


def in_language(language: str, text_function, /, **words) -> str:
    with i18n.speaking(language):
        text = text_function()
    return text.format(**words) if words else text


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def everything_sent_to(harness, chat_id: int) -> list[str]:
    """Texts, captions and button labels the person received."""
    sent = []
    for call in harness.api.all_calls:
        if not call.ok or call.params.get("chat_id") != chat_id:
            continue
        for key in ("text", "caption"):
            if isinstance(call.params.get(key), str):
                sent.append(call.params[key])
        markup = call.params.get("reply_markup")
        if isinstance(markup, dict):
            for row in markup.get("inline_keyboard", []):
                sent.extend(button.get("text", "") for button in row)
    return sent


def documents(harness, chat_id: int) -> list[bytes]:
    return [c.files["document"].data for c in harness.api.calls_for("sendDocument", chat_id)]


@pytest.mark.parametrize("language", ["es", "ru"])
async def test_a_whole_day_and_a_specialist_summary_in_the_persons_language(harness, language):
    pat = harness.users.setdefault(
        3001, FakeUser(id=3001, first_name="Paz", language_code=language)
    )
    replies = await harness.say(pat, "/start")
    assert replies[0] == in_language(language, texts.welcome)
    await harness.say(pat, "Europe/Madrid")
    await harness.say(pat, "20:00")

    [ask] = await harness.say(pat, "/checkin")
    assert ask == in_language(language, texts.ask_score)
    await harness.press(pat, "6")
    with i18n.speaking(language):
        breathing = texts.toggle_label(texts.technique_names()[Technique.BREATHING], ticked=False)
        done = texts.button_done()
    await harness.press(pat, breathing)
    await harness.press(pat, done)
    [saved] = await harness.say(pat, "rodilla peor por la tarde / колено хуже вечером")
    assert saved == in_language(language, texts.note_saved)

    # Their own words: a number word of their language, and words of crisis.
    number = {"es": "siete, mala noche", "ru": "семь, плохая ночь"}[language]
    await harness.say(pat, number)
    crisis = {"es": "quiero morirme", "ru": "хочу умереть"}[language]
    crisis_replies = await harness.say(pat, crisis)
    assert in_language(language, safety_texts.nothing_sent) in crisis_replies[0]
    scores = sorted(e.score for e in harness.files.entries(pat.id) if e.score is not None)
    assert scores == [6, 7]

    await harness.say(pat, "/history")
    await harness.say(pat, "/settings")
    await harness.say(pat, "/chart")
    await harness.api.wait_until(lambda: harness.api.calls_for("sendPhoto", pat.id), timeout=60)

    # The specialist, in the same language, links and asks for the summary.
    doc = harness.users.setdefault(
        5001, FakeUser(id=5001, first_name="Vera", language_code=language, username="dravera")
    )
    with i18n.speaking(language):
        code = await share_code(harness, pat)
    await harness.say(doc, f"/link {code}")
    await harness.press(pat, in_language(language, lambda: st.level_buttons()[ShareLevel.FILES]))
    await harness.say(doc, "/summary")
    harness.api.press_label(doc, "Paz")
    await harness.api.wait_until(lambda: documents(harness, doc.id), timeout=90)
    report = pdf_text(documents(harness, doc.id)[0])

    patient_saw = everything_sent_to(harness, pat.id)
    specialist_saw = [*everything_sent_to(harness, doc.id), report]
    for words in (patient_saw, specialist_saw):
        assert_no_english(language, words)
    joined = " ".join(patient_saw).lower()
    assert all(word in joined for word in EXPECTED[language]), EXPECTED[language]
    assert any(word in report.lower() for word in EXPECTED[language])
