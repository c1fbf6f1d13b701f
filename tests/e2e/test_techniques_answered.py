"""'No techniques' means the patient said so (issue #13): "None of these" is an answer, a
keyboard tapped through or left is stored as not answered, and reports tell them apart."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from diarybot import texts
from diarybot.domain.entries import Entry, Technique
from diarybot.reports.csv_file import TECHNIQUES_NONE, entries_csv, parse_entries_csv
from diarybot.texts import words

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
async def pat(harness):
    user = harness.user()
    await harness.onboard(user)
    return user


async def test_none_of_these_is_an_answer_in_the_same_number_of_taps(harness, pat):
    await harness.say(pat, "/checkin")
    await harness.press(pat, "3")
    labels = [t for row in harness.api.keyboard(pat.id) for t, _ in row]
    assert labels[-2:] == [words.button_none_of_these(), texts.button_done()]
    [reply] = await harness.press(pat, words.button_none_of_these())
    assert reply == texts.checkin_summary_ask_note().format(
        score=3, techniques=texts.no_techniques()
    )
    await harness.press(pat, texts.button_skip())
    [entry] = harness.files.entries(pat.id)
    assert entry.techniques_answered and entry.techniques == () and not entry.medication


async def test_done_with_nothing_ticked_is_not_answered(harness, pat):
    await harness.say(pat, "/checkin")
    await harness.press(pat, "3")
    [reply] = await harness.press(pat, texts.button_done())
    assert words.techniques_not_answered() in reply
    await harness.press(pat, texts.button_skip())
    [entry] = harness.files.entries(pat.id)
    assert not entry.techniques_answered


async def test_a_keyboard_left_open_is_not_answered_and_a_tick_is(harness, pat):
    await harness.say(pat, "/checkin")
    await harness.press(pat, "3")
    assert not harness.files.entries(pat.id)[0].techniques_answered
    await harness.press(
        pat, texts.toggle_label(texts.technique_names()[Technique.BREATHING], ticked=False)
    )
    assert harness.files.entries(pat.id)[0].techniques_answered
    await harness.press(
        pat, texts.toggle_label(texts.technique_names()[Technique.BREATHING], ticked=True)
    )
    assert not harness.files.entries(pat.id)[0].techniques_answered  # back to nothing said


async def test_none_of_these_from_history_corrects_an_unanswered_entry(harness, pat):
    await harness.say(pat, "/log 5")
    await harness.press(pat, texts.button_done())
    await harness.press(pat, texts.button_skip())
    await harness.say(pat, "/history")
    await harness.press(pat, next(t for row in harness.api.keyboard(pat.id) for t, _ in row))
    await harness.press(pat, words.button_edit_techniques())
    [view] = await harness.press(pat, words.button_none_of_these())
    assert "5/10 · no techniques" in view
    assert harness.files.entries(pat.id)[0].techniques_answered


def make(uid, techniques=(), medication=False, answered=False):
    at = datetime(2026, 11, 10, 20, tzinfo=BERLIN)
    return Entry(
        id=uid,
        recorded_at=at.astimezone(UTC),
        local_date=date(2026, 11, 10),
        score=4,
        techniques=techniques,
        medication=medication,
        techniques_answered=answered,
    )


def test_csv_tells_none_from_not_answered():
    entries = [make("a"), make("b", answered=True), make("c", (Technique.TENS,), answered=True)]
    rows = {r["entry_id"]: r for r in parse_entries_csv(entries_csv(entries, BERLIN))}
    assert [rows[k]["techniques_answered"] for k in "abc"] == [False, True, True]
    assert TECHNIQUES_NONE.encode() in entries_csv(entries, BERLIN)


@pytest.mark.parametrize(
    ("stored", "answered"),
    [
        ({"techniques": []}, False),  # schema 1: "none" and "left" cannot be told apart
        ({"techniques": ["tens"]}, True),
        ({"techniques": [], "medication": True}, True),
        ({"techniques": [], "techniques_answered": True}, True),
    ],
)
def test_old_documents_read_as_answered_only_when_something_was_ticked(stored, answered):
    doc = make("x").to_doc()
    del doc["techniques_answered"]
    doc.update(stored)
    assert Entry.from_doc(doc).techniques_answered is answered
