"""The patient's own words: a score with a note, number words, and any other text kept as the
patient chooses (issue #13). What the patient sees, and what is stored."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from diarybot import texts
from diarybot.bot import reminders
from diarybot.bot.context import Awaiting
from diarybot.domain.entries import NOTE_MAX_CHARS, Source, Technique
from diarybot.domain.localtime import instant_on, local_date
from diarybot.texts import words
from diarybot.texts.safety import nothing_sent

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
async def pat(harness):
    user = harness.user()
    await harness.onboard(user)
    return user


@pytest.mark.parametrize(
    ("typed", "score", "note"),
    [
        ("6 knee bad again", 6, "knee bad again"),
        ("6/10 knee", 6, "knee"),
        ("6 - knee", 6, "knee"),
        ("seven", 7, ""),
        ("Ten", 10, ""),
        ("three, stiff neck", 3, "stiff neck"),
    ],
)
async def test_a_score_with_words_is_a_score_and_a_note(harness, pat, typed, score, note):
    replies = await harness.say(pat, typed)
    [saved] = [r for r in replies if r.startswith(f"Saved: {score}/10")]  # after any safety text
    if note:
        assert f"“{note}”" in saved  # the patient sees the note that was kept
    [entry] = harness.files.entries(pat.id)
    assert (entry.score, entry.note, entry.source) == (score, note, Source.TYPED)


@pytest.mark.parametrize(
    "typed",
    [
        "I had a rough night, my back hurts a lot today",
        "😭",
        "NaN",
        "used the heat pad",
        "x" * 4096,
    ],
)
async def test_other_text_is_offered_back_not_refused(harness, pat, typed):
    replies = await harness.say(pat, typed)
    assert replies == [words.offer().format(preview=texts.shorten(typed, 80))]
    labels = [t for row in harness.api.keyboard(pat.id) for t, _ in row]
    assert labels == [
        words.button_add_to_latest(),
        words.button_note_only(),
        words.button_rate_now(),
    ]
    # The words are not in the buttons (64 bytes): only an id is.
    for row in harness.api.keyboard(pat.id):
        for _, data in row:
            assert data is not None and len(data.encode()) <= 64 and typed not in data
    assert harness.files.entries(pat.id) == []  # nothing stored until the patient chooses


async def test_offered_text_saved_as_a_note_only_entry(harness, pat):
    await harness.say(pat, "I had a rough night, my back hurts a lot today")
    offer = harness.api.last_message(pat.id)
    data = next(d for row in offer.keyboard() for t, d in row if t == words.button_note_only())
    replies = await harness.press(pat, words.button_note_only())
    assert replies[0].startswith("Saved as a note on its own at ")
    [entry] = harness.files.entries(pat.id)
    assert entry.score is None and entry.source == Source.NOTE
    assert entry.note == "I had a rough night, my back hurts a lot today"
    # A second tap on the same buttons stores nothing more.
    harness.api.press_button(pat, offer.message_id, data, require_button=False)
    await harness.settle()
    assert len(harness.files.entries(pat.id)) == 1


async def test_offered_text_added_to_todays_latest_entry(harness, pat):
    await harness.say(pat, "/log 3 morning")
    await harness.say(pat, "/log 5")
    harness.app.user_data[pat.id].clear()  # the techniques keyboard answered (or left)
    await harness.say(pat, "😭")
    replies = await harness.press(pat, words.button_add_to_latest())
    assert replies[0].startswith("Added to your entry of ") and "(5/10)" in replies[0]
    first, latest = harness.files.entries(pat.id)
    assert (first.note, latest.note) == ("morning", "😭")
    await harness.say(pat, "the heat pad helped")
    await harness.press(pat, words.button_add_to_latest())
    # Added below, never replacing what was there.
    assert harness.files.entries(pat.id)[-1].note == "😭\nthe heat pad helped"


async def test_add_to_latest_without_an_entry_today_keeps_it_as_a_note(harness, pat):
    await harness.say(pat, "rough night")
    replies = await harness.press(pat, words.button_add_to_latest())
    assert replies[0].startswith("There is no entry today yet")
    [entry] = harness.files.entries(pat.id)
    assert entry.score is None and entry.note == "rough night"


async def test_rate_now_opens_the_scale_and_keeps_the_words_as_its_note(harness, pat):
    await harness.say(pat, "my back hurts a lot today")
    replies = await harness.press(pat, words.button_rate_now())
    assert replies == [texts.ask_score()]
    replies = await harness.press(pat, "7")
    assert replies[0].startswith("Saved: 7/10")
    [entry] = harness.files.entries(pat.id)
    assert (entry.score, entry.note) == (7, "my back hurts a lot today")


async def test_offer_buttons_after_a_restart_say_so(harness, pat):
    await harness.say(pat, "rough night")
    harness.app.user_data[pat.id].offered.clear()  # what a restart forgets
    replies = await harness.press(pat, words.button_note_only())
    assert replies == [words.offer_expired()]
    assert harness.files.entries(pat.id) == []


async def test_text_typed_while_techniques_are_open_is_the_note(harness, pat):
    await harness.say(pat, "/checkin")
    await harness.press(pat, "5")
    keyboard = harness.api.last_message(pat.id).message_id
    replies = await harness.say(pat, "used the heat pad")
    assert replies == [words.note_saved_keep_ticking()]
    label = texts.toggle_label(texts.technique_names()[Technique.HEAT_COLD], ticked=False)
    await harness.press(pat, label, message_id=keyboard)
    [entry] = harness.files.entries(pat.id)
    assert entry.note == "used the heat pad" and entry.techniques == (Technique.HEAT_COLD,)
    # A number typed then is still a new score, not a note.
    await harness.say(pat, "4")
    assert [e.score for e in harness.files.entries(pat.id)] == [5, 4]


async def test_one_tap_checkin_is_unchanged(harness, pat):
    await harness.say(pat, "/checkin")
    await harness.press(pat, "4")
    await harness.press(pat, texts.button_done())
    replies = await harness.press(pat, texts.button_skip())
    assert replies[0] == texts.checkin_summary_done().format(
        score=4, techniques=words.techniques_not_answered()
    )
    [entry] = harness.files.entries(pat.id)
    assert (entry.score, entry.note) == (4, "")


async def test_a_note_longer_than_one_entry_is_kept_in_consecutive_notes(harness, pat):
    await harness.say(pat, "/checkin")
    await harness.press(pat, "5")
    await harness.press(pat, texts.button_done())
    await harness.say(pat, "first part")  # the entry's note, then a long addition to it
    state = harness.app.user_data[pat.id]
    state.expect(Awaiting.NOTE, harness.files.entries(pat.id)[0].id)
    long_text = " ".join(f"word{n}" for n in range(1200))  # ~8 900 characters
    replies = await harness.say(pat, long_text)
    assert texts.note_saved() in replies
    entries = harness.files.entries(pat.id)
    assert words.note_continued(len(entries)).format(count=len(entries)) in replies
    assert entries[0].note == "first part"  # the old note is never cut
    assert [e.score for e in entries] == [5, None, None, None]
    assert all(len(e.note) <= NOTE_MAX_CHARS for e in entries)
    assert " ".join(e.note for e in entries[1:]) == long_text


async def test_crisis_words_are_answered_first(harness, pat):
    replies = await harness.say(pat, "chest pain and I can't breathe")
    assert nothing_sent() in replies[0]
    assert not any(r.startswith("Shall I keep this") for r in replies)


async def test_note_only_entries_are_never_a_score(harness, pat, clock):
    clock.set(datetime(2026, 11, 30, 12, 0, tzinfo=UTC))
    await harness.say(pat, "/log 4")
    await harness.press(pat, texts.button_done())
    await harness.press(pat, texts.button_skip())
    await harness.say(pat, "rough night")
    await harness.press(pat, words.button_note_only())
    [history] = await harness.say(pat, "/history")
    assert "— note ·" in history and "None/10" not in history


async def test_a_note_alone_does_not_count_as_todays_checkin(harness, pat):
    day = local_date(datetime.now(UTC), BERLIN)
    harness.clock.set(instant_on(day, time(9), BERLIN))
    await harness.say(pat, "rough night")
    await harness.press(pat, words.button_note_only())
    harness.clock.set(instant_on(day, time(20), BERLIN) + timedelta(seconds=1))
    await harness.run_job(reminders.job_id(pat.id))
    sent = [c.params["text"] for c in harness.api.calls_for("sendMessage", pat.id)]
    assert sent[-1] == texts.reminder()  # still asked for a score
