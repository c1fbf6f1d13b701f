"""Whatever a client sends: every text and button entry point, fuzzed through the running bot.

Hypothesis generates texts (emoji, RTL marks, control characters, 10 000 characters, `NaN`,
`1e3`, `-0`, fullwidth digits, decoded random bytes) and callback data (forged, replayed, random
up to 64 bytes). One bot runs per test and every example is a few updates to it. After each
example: the patient got an answer (a message, an edit or an answered button), nothing was
logged as an unhandled error, and every stored entry is valid.

Then the safety pointers (scores of 9 and 10, words that read like an emergency), and buttons
pressed by the wrong person or from the wrong chat.

CI runs a modest number of examples; DIARYBOT_FUZZ_EXAMPLES=500 runs many more.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from diarybot import texts
from diarybot.bot import button_data
from diarybot.bot.context import Awaiting
from diarybot.domain import safety
from diarybot.domain.entries import MAX_SCORE, MIN_SCORE, NOTE_MAX_CHARS
from diarybot.domain.free_text import continuation_id
from diarybot.domain.parsing import normalize_timezone
from diarybot.storage.diary_layout import DIARY_FILE
from diarybot.texts import words
from diarybot.texts.safety import nothing_sent
from tests.conftest import Harness
from tests.support.fake_bot_api import FakeUser

EXAMPLES = int(os.environ.get("DIARYBOT_FUZZ_EXAMPLES", "25"))
fuzz_settings = settings(
    max_examples=EXAMPLES,
    deadline=None,
    # One running bot serves every example of a test, on purpose (starting one per example
    # would take minutes); the harness fixture is shared by design.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

ANSWERS = {
    "sendMessage",
    "editMessageText",
    "editMessageReplyMarkup",
    "sendPhoto",
    "sendDocument",
}
SPECIAL_TEXTS = [
    "NaN",
    "nan",
    "inf",
    "1e3",
    "-0",
    "+7",
    "0x7",
    "７",  # fullwidth seven
    "٧",  # Arabic-Indic seven
    "7.0",
    "7,5",
    "10/10",
    "11/10",
    "00007",
    "7\u200b",  # zero-width space
    "\u202e7",  # right-to-left override
    "\u202b٣ من ١٠\u202c",
    "🙂" * 50,
    "\x00\x01\x07\x1b[31m",
    "x" * 10_000,
    "7" * 4097,
    "'; DROP TABLE entries; --",
    "<b>7</b>",
    "{{score}} {0} %s %(x)s",
    "..\\..\\etc\\passwd",
]
bytes_as_text = st.binary(min_size=1, max_size=200).flatmap(
    lambda raw: st.sampled_from(
        [raw.decode("utf-8", "replace"), raw.decode("latin-1"), raw.decode("utf-16-le", "replace")]
    )
)
any_text = (
    st.sampled_from(SPECIAL_TEXTS)
    | st.text(min_size=1, max_size=300)
    | bytes_as_text
    | st.text(st.characters(codec="utf-8"), min_size=4_000, max_size=10_000)
).filter(lambda text: text.strip() != "")  # Telegram does not deliver empty messages


# -- the running bot and what is checked after every example ---------------------------------


class ErrorLog(logging.Handler):
    """Collects ERROR records from the bot and PTB (not from the fake API server)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith(("aiohttp", "tests")):
            self.records.append(record)


@pytest.fixture
def errors() -> Iterator[ErrorLog]:
    handler = ErrorLog()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler
    finally:
        root.removeHandler(handler)


@pytest.fixture
async def pat(harness: Harness) -> AsyncIterator[FakeUser]:
    user = harness.user(1001, "Pat")
    await harness.onboard(user, tz="Europe/Berlin")
    await harness.say(user, "/log 4 a first entry")
    yield user


def raw_entries(harness: Harness, user_id: int) -> list[dict[str, Any]]:
    diary = harness.data_dir / "patients" / str(user_id) / DIARY_FILE
    if not diary.exists():
        return []
    return list(json.loads(diary.read_bytes()).get("entries", {}).values())


def check_after(harness: Harness, errors: ErrorLog, user: FakeUser, mark: int) -> None:
    """An answer reached the user, no error was logged, and everything stored is valid."""
    answered = [
        c
        for c in harness.api.all_calls[mark:]
        if c.ok
        and ((c.method in ANSWERS and c.chat_id == user.id) or (c.method == "answerCallbackQuery"))
    ]
    assert answered, "no answer at all\n" + harness.api.describe()
    assert texts.error_generic() not in [c.params.get("text") for c in answered]
    assert harness.api.unanswered_callback_queries() == []
    assert [r.getMessage() for r in errors.records] == []
    for doc in raw_entries(harness, user.id):
        if doc["score"] is None:  # a note-only entry: the patient's words, no score
            assert doc["source"] == "note" and doc["note"], doc
        else:
            assert type(doc["score"]) is int and MIN_SCORE <= doc["score"] <= MAX_SCORE, doc
        assert isinstance(doc["note"], str) and len(doc["note"]) <= NOTE_MAX_CHARS


async def send(harness: Harness, user: FakeUser, text: str) -> int:
    mark = harness.api.mark()
    harness.api.send_text(user, text)
    await harness.settle()
    return mark


# -- texts ---------------------------------------------------------------------------------


def score_in(text: str) -> int | None:
    """What the bot promises to read as a score: 0-10 in ASCII digits, optionally "/10",
    with spaces around (Python's idea of a space); None for everything else."""
    if len(text) > 10 or not text.isascii():
        return None
    number, slash, ten = text.partition("/")
    if slash and ten.strip() != "10":
        return None
    digits = number.strip()
    if not digits.isdigit() or len(digits) > 2 or int(digits) > 10:
        return None
    return int(digits)


@fuzz_settings
@given(text=any_text)
@example(text="7 and 8")
@example(text=" 7 ")  # and the texts that are scores, whatever Hypothesis draws
@example(text="10 / 10")
@example(text="0\x1f")  # \x1f is a space to Python (str.isspace), and to the bot
async def test_any_text_as_a_score_gets_a_clear_answer(
    harness: Harness, pat: FakeUser, errors: ErrorLog, text: str
) -> None:
    harness.app.user_data[pat.id].clear()  # what /cancel does, without the trip
    before = len(raw_entries(harness, pat.id))
    mark = await send(harness, pat, text)
    check_after(harness, errors, pat, mark)
    expected = score_in(text)
    added = raw_entries(harness, pat.id)[before:]
    replies = harness.replies_since(mark, pat.id)
    if expected is not None:  # a plain score: exactly one entry with it, no note
        assert [(e["score"], e["note"]) for e in added] == [(expected, "")], text
    elif added:  # a score with words after it: the words are its note, kept whole
        assert type(added[0]["score"]) is int, text
        kept = "".join(e["note"] for e in added)
        assert "".join(kept.split()) in "".join(text.split()), text
    else:  # words to keep, a mistyped number, or someone in trouble: never silence
        assert replies, text
        assert (
            replies[0].startswith(words.offer().split("{", 1)[0])
            or nothing_sent() in replies[0]
            or replies[0] in (texts.score_invalid(), texts.too_long())
        ), text


COMMANDS = sorted({name for name, _ in texts.commands()} | {"start"})


# Periods for /chart and /export, to the ends of the calendar (0001 and 9999 overflowed).
periods = st.builds(lambda a, b: f"{a.isoformat()} {b.isoformat()}", st.dates(), st.dates())


@fuzz_settings
@given(command=st.sampled_from(COMMANDS), argument=any_text | periods)
@example(command="log", argument="1e3 NaN")
@example(command="log", argument="-0 ok")
@example(command="chart", argument="0001-01-01 0001-01-02")
@example(command="chart", argument="9999-12-30 9999-12-31")
@example(command="export", argument="0001-01-01 0001-12-31")
@example(command="export", argument="9999-12-01 9999-12-31")
@example(command="remind", argument="24:00")
@example(command="timezone", argument="Europe")
async def test_every_command_with_any_argument_gets_a_clear_answer(
    harness: Harness, pat: FakeUser, errors: ErrorLog, command: str, argument: str
) -> None:
    mark = await send(harness, pat, f"/{command} {argument}")
    check_after(harness, errors, pat, mark)
    # Whatever was typed, the stored settings still read back (/delete only asks).
    profile = harness.files.get_profile(pat.id)
    assert profile is not None
    assert normalize_timezone(profile.timezone) == profile.timezone


@fuzz_settings
@given(text=any_text.filter(lambda text: not text.startswith("/")))  # "/..." is a command
async def test_any_note_is_stored_exactly(
    harness: Harness, pat: FakeUser, errors: ErrorLog, text: str
) -> None:
    # The state a finished check-in leaves ("awaiting the note for entry X"), set directly:
    # going through /checkin, a score and Done for every example would triple the run time.
    # tests/e2e/test_checkin.py covers the way there.
    entry_id = raw_entries(harness, pat.id)[0]["id"]  # the fixture's scored entry
    # A note is added below an existing one: start each example from an entry without one.
    await harness.store.diary.update(pat.id, entry_id, note="")
    harness.app.user_data[pat.id].expect(Awaiting.NOTE, entry_id)
    mark = harness.api.mark()
    update_id = harness.api.send_text(pat, text)
    await harness.settle()
    check_after(harness, errors, pat, mark)
    mark_id = f"{update_id % 16**10:010x}"  # continuations are named after the message
    stored = raw_entries(harness, pat.id)
    at = next(i for i, e in enumerate(stored) if e["id"] == entry_id)
    replies = harness.replies_since(mark, pat.id)
    # Words that sound like a crisis are answered first, whatever else happens to the note.
    alarming = safety.sounds_like_emergency(text)
    assert (nothing_sent() in replies[0]) is alarming
    replies = replies[1:] if alarming else replies
    assert texts.note_saved() in replies  # never refused, however long or strange
    if len(text) <= NOTE_MAX_CHARS:
        assert stored[at]["note"] == text  # exactly: nothing trimmed, escaped or re-encoded
    else:  # kept in consecutive notes; only the whitespace where it was cut is gone
        ids = {entry_id} | {continuation_id(mark_id, n) for n in range(1, 4)}
        kept = "".join(e["note"] for e in stored if e["id"] in ids)
        assert "".join(kept.split()) == "".join(text.split())


@fuzz_settings
@given(
    awaiting=st.sampled_from(["/timezone", "/remind", "/start"]),
    text=any_text,
)
async def test_any_answer_to_a_settings_question_gets_a_clear_answer(
    harness: Harness, pat: FakeUser, errors: ErrorLog, awaiting: str, text: str
) -> None:
    await harness.say(pat, awaiting)
    mark = await send(harness, pat, text)
    check_after(harness, errors, pat, mark)
    profile = harness.files.get_profile(pat.id)
    assert profile is not None
    assert normalize_timezone(profile.timezone) == profile.timezone


# -- buttons -------------------------------------------------------------------------------

PREFIXES = sorted(
    {
        button_data.SCORE,
        button_data.TOGGLE,
        button_data.TECHNIQUES_DONE,
        button_data.NOTE_SKIP,
        button_data.TIMEZONE,
        button_data.REMINDER_TIME,
        button_data.UNDO_YES,
        button_data.LINK_ALLOW,
        button_data.LINK_DECLINE,
        button_data.UNSHARE,
        button_data.SUMMARY,
        button_data.EX_PATTERN,
        button_data.EX_BEFORE,
        button_data.EX_AFTER,
        button_data.EX_STOP,
        button_data.PEG,
    }
)
hex_id = st.text("0123456789abcdef", min_size=10, max_size=10)
small = st.integers(-5, 99).map(str)


def _cap(data: str) -> str:
    """Telegram carries at most 64 bytes of callback data."""
    return data.encode()[:64].decode(errors="ignore") or "x"


callback_data = st.one_of(
    st.text(min_size=1, max_size=64).map(_cap),
    st.binary(min_size=1, max_size=64).map(lambda b: _cap(b.decode("utf-8", "replace"))),
    st.builds(lambda p, rest: _cap(f"{p}:{rest}"), st.sampled_from(PREFIXES), st.text()),
    st.builds(lambda i, n: f"sc:{i}:{n}", hex_id, small),
    st.builds(
        lambda i, c: f"tg:{i}:{c}", hex_id, st.sampled_from(sorted(button_data.TOGGLE_CODES))
    ),
    st.builds(lambda i: f"uy:{i}", hex_id),
    st.builds(lambda i, n: f"pg:{i}:pain:{n}", hex_id, small),
    st.builds(lambda i, n: f"xb:{i}:{n}", hex_id, small | st.just("s")),
    st.builds(lambda n: f"la:{n}", st.integers(0, 10**15)),
    st.builds(lambda n: f"sm:{n}", st.integers(0, 10**15)),
    st.builds(lambda t: f"rt:{t}", st.from_regex(r"\d\d:\d\d", fullmatch=True)),
    st.builds(lambda z: _cap(f"tz:{z}"), st.from_regex(r"[A-Za-z0-9_+\-/]{1,40}", fullmatch=True)),
    st.sampled_from([button_data.UNDO_NO, button_data.DELETE_NO, "sc", "sc:", ":", "tg::"]),
).filter(lambda data: data != button_data.DELETE_YES)


@fuzz_settings
@given(data=callback_data)
@example(data="sc:0123456789:10")
@example(data="tz:Europe")
@example(data="rt:24:00")
@example(data="xb:0123456789:s")
async def test_any_button_data_is_answered_and_stores_nothing_invalid(
    harness: Harness, pat: FakeUser, errors: ErrorLog, data: str
) -> None:
    await harness.say(pat, "/checkin")
    message = harness.api.last_message(pat.id)
    mark = harness.api.mark()
    harness.api.press_button(pat, message.message_id, data, require_button=False)
    await harness.settle()
    check_after(harness, errors, pat, mark)
    assert harness.files.get_profile(pat.id) is not None  # only "dy" erases, and it is not here


# -- safety --------------------------------------------------------------------------------

EMERGENCIES = [
    "I can't breathe",
    "i can’t breathe properly",
    "I cannot breathe",
    "can not breathe",
    "CHEST PAIN since an hour",
    "chest pains all night",
    "crushing chest pain and my left arm",
    "I want to end it all",
    "thinking about killing myself",
    "I don't want to live anymore",
    "everyone would be better off if I was dead",
    "I took an overdose",
    "struggling to breathe",
    "I think I'm having a heart attack",
]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_emergency_phrases_are_recognised(text: str) -> None:
    assert safety.sounds_like_emergency(text)


@settings(max_examples=EXAMPLES * 4, deadline=None)
@given(
    before=st.text(st.characters(categories=["L", "N", "Zs"]), max_size=30),
    phrase=st.sampled_from(EMERGENCIES),
    after=st.text(st.characters(categories=["L", "N", "Zs"]), max_size=30),
)
def test_an_emergency_phrase_is_recognised_inside_any_message(
    before: str, phrase: str, after: str
) -> None:
    # Its own sentence: a "no" just before a symptom is a negation on purpose ("no chest pain").
    assert safety.sounds_like_emergency(f"{before}. {phrase}. {after}")


@pytest.mark.parametrize(
    "ordinary",
    [
        "knee pain after the stairs",
        "back better after heat",
        "I can breathe again after the relaxation",
        "slept badly, 6 most of the day",
        "hard day at work",
    ],
)
def test_ordinary_diary_notes_are_not_emergencies(ordinary: str) -> None:
    assert not safety.sounds_like_emergency(ordinary)


async def test_emergency_words_get_the_calm_pointer_wherever_they_are_typed(
    harness: Harness, pat: FakeUser
) -> None:
    for text in EMERGENCIES[:6]:
        # The fixture's techniques keyboard is open, so each is also kept as that entry's note
        # (issue #13), after the crisis reply.
        answer, *_ = await harness.say(pat, text)
        assert nothing_sent() in answer, text
    # Before anything else the bot was waiting for, and whatever else is wrong with it.
    for question, answer in [
        ("/timezone", "I can't breathe"),
        ("/remind", "chest pain, help"),
        ("/start", "I want to end it all"),
    ]:
        await harness.say(pat, question)
        [reply] = await harness.say(pat, answer)
        assert nothing_sent() in reply, question
    [reply] = await harness.say(pat, "/log chest pain help")
    assert nothing_sent() in reply
    too_long = "I can't breathe. " + "It started after lunch. " * 250
    [reply] = await harness.say(pat, too_long)
    assert nothing_sent() in reply
    assert len(raw_entries(harness, pat.id)) == 1  # only the fixture's first entry
    assert harness.files.get_profile(pat.id).timezone == "Europe/Berlin"


async def test_emergency_words_in_a_note_are_saved_and_get_the_calm_pointer(
    harness: Harness, pat: FakeUser
) -> None:
    note = "chest pains all night, can't breathe well"
    await harness.say(pat, "/checkin")
    await harness.press(pat, "6")
    await harness.press(pat, texts.button_done())
    replies = await harness.say(pat, note)
    assert nothing_sent() in replies[0] and replies[1:] == [texts.note_saved()]
    assert raw_entries(harness, pat.id)[-1]["note"] == note
    replies = await harness.say(pat, f"/log 6 {note}")
    assert nothing_sent() in replies[0] and replies[1].startswith("Saved: 6/10")
    assert [e["note"] for e in raw_entries(harness, pat.id)][-2:] == [note, note]


async def test_very_high_scores_get_the_care_team_pointer_however_entered(
    harness: Harness, pat: FakeUser
) -> None:
    from diarybot.bot.reminders import send_prompt  # noqa: PLC0415

    for how, score, pointer in [
        ("button", "10", True),
        ("button", "9", True),
        ("button", "8", False),
        ("typed", "10/10", True),
        ("typed", " 9 ", True),
        ("typed", "0", False),
        ("reminder", "10", True),
    ]:
        mark = harness.api.mark()
        if how == "typed":
            await harness.say(pat, score)
        else:
            if how == "button":
                await harness.say(pat, "/checkin")
            else:  # the keyboard of a daily reminder
                await send_prompt(harness.app.bot, pat.id, texts.reminder())
            await harness.press(pat, score)
        replies = harness.replies_since(mark, pat.id)
        assert (texts.safety_high_score() in replies) is pointer, (how, score)
        assert replies.count(texts.safety_high_score()) <= 1


# -- buttons from the wrong person or the wrong chat ------------------------------------------


async def _checked_in(harness: Harness, user: FakeUser, score: str) -> str:
    """A completed check-in; returns its entry id."""
    await harness.say(user, "/checkin")
    await harness.press(user, score)
    done = next(
        d for row in harness.api.keyboard(user.id) for t, d in row if t == texts.button_done()
    )
    return done.split(":")[1]


def _folder_bytes(harness: Harness, user_id: int) -> dict[str, bytes]:
    folder = harness.data_dir / "patients" / str(user_id)
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


async def test_another_patients_entry_ids_in_button_data_reach_only_the_presser(
    harness: Harness, pat: FakeUser
) -> None:
    pat_entry = await _checked_in(harness, pat, "6")
    pat_files = _folder_bytes(harness, pat.id)
    mallory = harness.user(2002, "Mallory")
    await harness.onboard(mallory)
    await harness.say(mallory, "/checkin")
    own = harness.api.last_message(mallory.id)
    # Mallory learnt Pat's entry id (a shared screenshot) and forges every kind of button.
    for data in (
        f"tg:{pat_entry}:breathing",
        f"tg:{pat_entry}:medication",
        f"td:{pat_entry}",
        f"ns:{pat_entry}",
        f"uy:{pat_entry}",
        f"pg:{pat_entry}:pain:9",
        f"xb:{pat_entry}:3",
        f"xs:{pat_entry}",
    ):
        harness.api.press_button(mallory, own.message_id, data, require_button=False)
        await harness.settle()
    assert _folder_bytes(harness, pat.id) == pat_files  # not a byte changed
    assert harness.api.unanswered_callback_queries() == []
    mallory_texts = " ".join(harness.api.sent_texts(mallory.id))
    assert "6/10" not in mallory_texts  # nothing about Pat's entry reached her


async def test_a_press_from_a_group_chat_is_refused_and_tells_the_group_nothing(
    harness: Harness, pat: FakeUser
) -> None:
    pat_entry = await _checked_in(harness, pat, "7")
    pat_files = _folder_bytes(harness, pat.id)
    group = -100_123_456
    # Pat writes in a group the bot is in; the bot's answer there is the message pressed on.
    harness.api.add_update(
        {
            "message": {
                "message_id": 1,
                "date": 0,
                "chat": {"id": group, "type": "supergroup", "title": "Family"},
                "from": pat.to_dict(),
                "text": "/history",
                "entities": [{"type": "bot_command", "offset": 0, "length": 8}],
            }
        }
    )
    await harness.settle()
    [in_group] = harness.api.sent_texts(group)
    assert in_group == texts.private_only()
    message_id = harness.api.last_message(group).message_id
    for data in (f"sc:{pat_entry}:2", f"tg:{pat_entry}:tens", f"uy:{pat_entry}", "dy"):
        harness.api.press_button(pat, message_id, data, chat_id=group, require_button=False)
        await harness.settle()
    assert _folder_bytes(harness, pat.id) == pat_files
    assert harness.api.unanswered_callback_queries() == []
    assert all("/10" not in t for t in harness.api.sent_texts(group))


async def test_replayed_keyboards_of_an_undone_entry_never_bring_it_back(
    harness: Harness, pat: FakeUser
) -> None:
    await harness.say(pat, "/checkin")
    await harness.press(pat, "8")
    keyboard = harness.api.last_message(pat.id)
    replay = [d for row in keyboard.keyboard() for _, d in row if d]
    await harness.say(pat, "/undo")
    await harness.press(pat, texts.button_yes_remove())
    before = [e["score"] for e in raw_entries(harness, pat.id)]
    for data in replay:  # every toggle and Done of the removed entry
        mark = harness.api.mark()
        harness.api.press_button(pat, keyboard.message_id, data, require_button=False)
        await harness.settle()
        assert harness.replies_since(mark, pat.id) in ([texts.entry_gone()], []), data
    assert [e["score"] for e in raw_entries(harness, pat.id)] == before
