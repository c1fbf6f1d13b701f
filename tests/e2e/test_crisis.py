"""The crisis reply comes first, wherever the words are typed, and names the right line
(issue #12, items 8 and 9)."""

from __future__ import annotations

import pytest

from diarybot import texts
from diarybot.domain.entries import NOTE_MAX_CHARS
from diarybot.texts import i18n, words
from diarybot.texts import safety as safety_texts
from tests.conftest import Harness
from tests.support.fake_bot_api import FakeUser

NOTHING_SENT = safety_texts.nothing_sent()


@pytest.fixture
async def pat(harness: Harness) -> FakeUser:
    user = harness.user(1001, "Pat")
    await harness.onboard(user, tz="America/New_York")
    return user


async def _awaiting_note(harness: Harness, user: FakeUser, score: str = "6") -> None:
    await harness.say(user, "/checkin")
    await harness.press(user, score)
    await harness.press(user, texts.button_done())


async def test_a_long_note_that_begins_with_suicide_gets_the_crisis_reply_first(harness, pat):
    await _awaiting_note(harness, pat)
    note = "I want to kill myself. " + "Everything hurts and nothing helps. " * 64
    assert len(note) > 2300
    replies = await harness.say(pat, note)
    assert len(replies) == 2
    assert NOTHING_SENT in replies[0] and "988" in replies[0]
    assert replies[1] == texts.note_saved()  # and only then the note is kept, however long
    assert harness.files.entries(pat.id)[-1].note == note


async def test_a_short_alarming_note_is_answered_first_then_saved(harness, pat):
    await _awaiting_note(harness, pat)
    replies = await harness.say(pat, "i wanna die")
    assert NOTHING_SENT in replies[0] and safety_texts.note_later() in replies[0]
    assert replies[1:] == [texts.note_saved()]
    assert harness.files.entries(pat.id)[-1].note == "i wanna die"


async def test_an_alarming_message_is_answered_whatever_we_were_waiting_for(harness, pat):
    for question in ("/timezone", "/remind", None):
        if question:
            await harness.say(pat, question)
        [answer] = await harness.say(pat, "kms")
        assert NOTHING_SENT in answer, question
    too_long = "I can't breathe. " + "It started after lunch. " * 250
    [answer] = await harness.say(pat, too_long)
    assert NOTHING_SENT in answer and texts.too_long() not in answer
    assert harness.files.get_profile(pat.id).timezone == "America/New_York"  # nothing changed


async def test_log_arguments_get_the_crisis_reply_first(harness, pat):
    [answer] = await harness.say(pat, "/log I took all my pills")  # no score: no usage text
    assert NOTHING_SENT in answer
    long_note = "I took all my pills " + "x" * NOTE_MAX_CHARS
    replies = await harness.say(pat, f"/log 8 {long_note}")
    assert NOTHING_SENT in replies[0] and replies[1].startswith("Saved: 8/10")
    long_entries = harness.files.entries(pat.id)  # kept in consecutive notes, not refused
    assert "".join(e.note for e in long_entries).replace(" ", "") == long_note.replace(" ", "")
    await harness.say(pat, "/cancel")
    replies = await harness.say(pat, "/log 7 i wish i was dead")
    assert NOTHING_SENT in replies[0] and replies[1].startswith("Saved: 7/10")
    assert harness.files.entries(pat.id)[-1].note == "i wish i was dead"


def _media_update(user: FakeUser, kind: str, caption: str) -> dict:
    media = {
        "photo": [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}],
        "document": {"file_id": "d", "file_unique_id": "d", "file_name": "scan.pdf"},
    }[kind]
    return {
        "message": {
            "message_id": 700,
            "date": 0,
            "chat": {"id": user.id, "type": "private", "first_name": user.first_name},
            "from": user.to_dict(),
            kind: media,
            "caption": caption,
        }
    }


@pytest.mark.parametrize("kind", ["photo", "document"])
async def test_a_caption_gets_the_crisis_reply(harness, pat, kind):
    mark = harness.api.mark()
    harness.api.add_update(_media_update(pat, kind, "I don't see the point of going on"))
    await harness.settle()
    [answer] = harness.replies_since(mark, pat.id)
    assert NOTHING_SENT in answer and "988" in answer
    mark = harness.api.mark()
    harness.api.add_update(_media_update(pat, kind, "my knee this morning"))
    await harness.settle()
    assert harness.replies_since(mark, pat.id) == [texts.score_invalid()]


@pytest.mark.parametrize(
    ("zone", "line"),
    [
        ("America/New_York", "988"),
        ("Europe/London", "116 123"),
        ("Europe/Dublin", "116 123"),
        ("Europe/Madrid", "024"),
        ("Europe/Paris", "3114"),
        ("Europe/Berlin", "0800 111 0 111"),
        ("Asia/Tokyo", "findahelpline.com"),
    ],
)
async def test_the_reply_names_the_line_of_the_patients_country(harness, zone, line):
    user = harness.user(2002, "Sam")
    await harness.onboard(user, tz=zone)
    mark = harness.api.mark()
    [answer] = await harness.say(user, "I want to end it all")
    assert line in answer and NOTHING_SENT in answer
    # Nothing was sent to anyone else: every request since went to this patient's chat.
    others = [c for c in harness.api.all_calls[mark:] if c.chat_id not in (None, user.id)]
    assert others == []


async def test_before_choosing_a_zone_the_directory_is_named(harness):
    user = harness.user(3003, "New")
    await harness.say(user, "/start")
    [answer] = await harness.say(user, "I want to die")
    assert "findahelpline.com" in answer and "988" not in answer


async def test_a_medical_emergency_names_the_emergency_number_not_a_crisis_line(harness, pat):
    [answer] = await harness.say(pat, "crushing chest pain and my left arm is numb")
    assert "911" in answer and "988" not in answer and NOTHING_SENT in answer
    # Not a crisis: ordinary words, offered back to keep (tests/e2e/test_own_words.py).
    for text in ("no chest pain today", "my back is killing me"):
        assert await harness.say(pat, text) == [words.offer().format(preview=text)]


@pytest.mark.parametrize("how", ["button", "typed"])
async def test_a_very_high_score_gets_the_safety_text_before_the_techniques_question(
    harness, pat, how
):
    if how == "button":
        await harness.say(pat, "/checkin")
        replies = await harness.press(pat, "10")
    else:
        replies = await harness.say(pat, "10")
    safety_at = replies.index(texts.safety_high_score())
    asking = [i for i, r in enumerate(replies) if "Which of these did you use" in r]
    assert asking and safety_at < asking[0], replies
    # The techniques keyboard is on the last message, below the safety text.
    labels = [t for row in harness.api.keyboard(pat.id) for t, _ in row]
    assert texts.button_done() in labels


async def test_a_patient_in_madrid_writing_in_spanish_gets_the_crisis_reply_and_siete_is_seven(
    harness,
):
    # Issue #15: "quiero morirme" got "Please send a whole number from 0 to 10".
    maria = harness.users[4004] = FakeUser(id=4004, first_name="María", language_code="es")
    await harness.onboard(maria, tz="Europe/Madrid")
    with i18n.speaking("es"):  # the reply is made in the patient's language once it has one
        nothing_sent = safety_texts.nothing_sent()
    [answer] = await harness.say(maria, "QUIERO MORÍRME")
    assert nothing_sent in answer and "024" in answer  # Spain's Línea 024
    assert harness.files.entries(maria.id) == []  # nothing stored without asking
    # A number word in Spanish is a score, with the rest as the note.
    await harness.say(maria, "siete")
    await harness.say(maria, "ocho de 10 rodilla mal")
    entries = harness.files.entries(maria.id)
    assert [(e.score, e.note) for e in entries] == [(7, ""), (8, "rodilla mal")]
    # An article is not a score: "un poco de dolor" is offered back as a note, not saved as 1.
    await harness.say(maria, "un poco de dolor")
    assert len(harness.files.entries(maria.id)) == 2
