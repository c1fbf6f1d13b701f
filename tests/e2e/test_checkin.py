"""The check-in, /log, /history and /undo, end to end: what the patient sees and what is stored."""

from datetime import timedelta

import pytest

from diarybot import texts
from diarybot.domain.entries import Source, Technique
from diarybot.texts import words
from diarybot.texts.safety import nothing_sent


@pytest.fixture
async def pat(harness):
    user = harness.user()
    await harness.onboard(user)
    return user


async def test_full_checkin_with_buttons(harness, pat):
    replies = await harness.say(pat, "/checkin")
    assert replies == [texts.ask_score()]
    assert "0 = no pain, 10 = worst pain imaginable" in replies[0]
    labels = [t for row in harness.api.keyboard(pat.id) for t, _ in row]
    assert labels == [str(n) for n in range(11)]

    replies = await harness.press(pat, "6")
    assert replies[0].startswith("Saved: 6/10 at ")
    [entry] = harness.files.entries(pat.id)  # written before the techniques are asked
    assert entry.score == 6 and entry.source == Source.CHECKIN

    await harness.press(
        pat, texts.toggle_label(texts.technique_names()[Technique.BREATHING], ticked=False)
    )
    await harness.press(
        pat, texts.toggle_label(texts.technique_names()[Technique.HEAT_COLD], ticked=False)
    )
    await harness.press(pat, texts.toggle_label(texts.medication_name(), ticked=False))
    labels = [t for row in harness.api.keyboard(pat.id) for t, _ in row]
    assert texts.toggle_label(texts.technique_names()[Technique.BREATHING], ticked=True) in labels
    await harness.press(
        pat, texts.toggle_label(texts.technique_names()[Technique.HEAT_COLD], ticked=True)
    )  # untick
    replies = await harness.press(pat, texts.button_done())
    assert replies[0] == texts.checkin_summary_ask_note().format(
        score=6, techniques="Breathing exercises and Pain medication"
    )

    replies = await harness.say(pat, "Walked 20 min, back better after heat — ça va")
    assert replies == [texts.note_saved()]
    [entry] = harness.files.entries(pat.id)
    assert entry.techniques == (Technique.BREATHING,)
    assert entry.medication is True
    assert entry.note == "Walked 20 min, back better after heat — ça va"
    assert harness.api.unanswered_callback_queries() == []


async def test_abandoned_checkin_keeps_the_score(harness, pat):
    await harness.say(pat, "/checkin")
    await harness.press(pat, "3")
    [entry] = harness.files.entries(pat.id)
    assert entry.score == 3 and entry.techniques == () and entry.note == ""
    # A later plain number is a new score, not a note for the abandoned check-in.
    await harness.say(pat, "4")
    assert [e.score for e in harness.files.entries(pat.id)] == [3, 4]


async def test_skip_note_completes_the_checkin(harness, pat):
    await harness.say(pat, "/checkin")
    await harness.press(pat, "2")
    await harness.press(pat, texts.button_done())
    replies = await harness.press(pat, texts.button_skip())
    assert replies[0] == texts.checkin_summary_done().format(
        score=2, techniques=words.techniques_not_answered()
    )
    replies = await harness.say(pat, "5")  # no longer awaiting a note: a new score
    assert replies[0].startswith("Saved: 5/10")


async def test_score_keyboard_pressed_twice_updates_one_entry(harness, pat):
    await harness.say(pat, "/checkin")
    prompt = harness.api.last_message(pat.id)
    data = {t: d for row in prompt.keyboard() for t, d in row}
    await harness.press(pat, "7", message_id=prompt.message_id)
    harness.api.press_button(pat, prompt.message_id, data["4"], require_button=False)
    await harness.settle()
    [entry] = harness.files.entries(pat.id)
    assert entry.score == 4


@pytest.mark.parametrize("typed", ["7", "7/10", " 7 "])
async def test_typed_score(harness, pat, typed):
    replies = await harness.say(pat, typed)
    assert replies[0].startswith("Saved: 7/10")
    [entry] = harness.files.entries(pat.id)
    assert entry.score == 7 and entry.source == Source.TYPED


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # Numbers that are not 0–10 scores; words are kept instead (tests/e2e/test_own_words).
        *[(t, texts.score_invalid()) for t in ["11", "-1", "7.5", "12/10"]],
        ("x" * 5001, texts.too_long()),  # longer than Telegram sends: not read at all
    ],
)
async def test_bad_scores_get_a_clear_reply_and_store_nothing(harness, pat, typed, expected):
    replies = await harness.say(pat, typed)
    assert replies == [expected]
    assert harness.files.entries(pat.id) == []


async def test_log_command(harness, pat):
    replies = await harness.say(pat, "/log 6 after the long drive, lower back")
    assert replies[0].startswith("Saved: 6/10")
    [entry] = harness.files.entries(pat.id)
    assert entry.score == 6
    assert entry.note == "after the long drive, lower back"
    assert entry.source == Source.QUICK_LOG
    await harness.say(pat, "/log 2")
    assert [e.score for e in harness.files.entries(pat.id)] == [6, 2]


@pytest.mark.parametrize("command", ["/log 11", "/log eleven", "/log -1 ouch", "/log x 6"])
async def test_log_command_rejects_bad_scores(harness, pat, command):
    assert await harness.say(pat, command) == [words.log_usage()]
    assert harness.files.entries(pat.id) == []


async def test_high_score_points_to_care_team(harness, pat):
    replies = await harness.say(pat, "/log 9")
    assert replies[0] == texts.safety_high_score()  # before the techniques question
    replies = await harness.say(pat, "4")
    assert texts.safety_high_score() not in replies


async def test_history_and_undo(harness, pat):
    assert await harness.say(pat, "/history") == [texts.history_empty()]
    await harness.say(pat, "/log 3 morning")
    await harness.say(pat, "/log 5 evening")
    [history] = await harness.say(pat, "/history")
    assert history.startswith("Your entries 1–2 of 2")
    assert history.index("5/10") < history.index("3/10")  # newest first
    assert "“evening”" in history and "“morning”" in history  # every entry, with its note

    replies = await harness.say(pat, "/undo")
    assert "5/10" in replies[0]
    replies = await harness.press(pat, texts.button_no())
    assert replies == [texts.undo_kept()]
    assert len(harness.files.entries(pat.id)) == 2
    await harness.say(pat, "/undo")
    assert await harness.press(pat, texts.button_yes_remove()) == [texts.undo_done()]
    assert [e.score for e in harness.files.entries(pat.id)] == [3]


async def test_button_from_another_chat_never_touches_the_owner(harness, pat):
    await harness.say(pat, "/checkin")
    await harness.press(pat, "6")
    owner_msg = harness.api.last_message(pat.id)
    toggle = next(d for row in owner_msg.keyboard() for _, d in row if d and d.startswith("tg:"))
    mallory = harness.user(2002, "Mallory")
    await harness.onboard(mallory)
    # Mallory forges a press on Pat's message (a different chat than her own).
    harness.api.press_button(mallory, owner_msg.message_id, toggle, chat_id=pat.id)
    # And replays Pat's callback data in her own chat.
    await harness.say(mallory, "/checkin")
    own = harness.api.last_message(mallory.id)
    harness.api.press_button(mallory, own.message_id, toggle, require_button=False)
    await harness.settle()
    [entry] = harness.files.entries(pat.id)
    assert entry.techniques == ()
    assert harness.files.entries(mallory.id) == []


@pytest.mark.parametrize(
    "data",
    ["sc:zzzz:5", "sc:0123456789:11", "tg:0123456789:rm -rf", "x" * 64, "tz:../../etc", "ud:1"],
)
async def test_forged_callback_data_is_refused(harness, pat, data):
    await harness.say(pat, "/checkin")
    msg = harness.api.last_message(pat.id)
    harness.api.press_button(pat, msg.message_id, data, require_button=False)
    await harness.settle()
    assert harness.files.entries(pat.id) == []
    assert harness.files.get_profile(pat.id).timezone == "Europe/Berlin"
    assert harness.api.unanswered_callback_queries() == []


async def test_old_score_keyboard_has_expired(harness, pat, clock):
    await harness.say(pat, "/checkin")
    clock.offset = timedelta(days=2)
    replies = await harness.press(pat, "5")
    assert replies == [texts.button_expired()]
    assert harness.files.entries(pat.id) == []


async def test_stickers_and_photos_get_a_clear_reply(harness, pat):
    mark = harness.api.mark()
    harness.api.add_update(
        {
            "message": {
                "message_id": 99,
                "date": 0,
                "chat": {"id": pat.id, "type": "private", "first_name": "Pat"},
                "from": pat.to_dict(),
                "sticker": {
                    "file_id": "s",
                    "file_unique_id": "s",
                    "type": "regular",
                    "width": 1,
                    "height": 1,
                    "is_animated": False,
                    "is_video": False,
                },
            }
        }
    )
    await harness.settle()
    assert harness.replies_since(mark, pat.id) == [texts.score_invalid()]


async def test_a_note_that_reads_like_an_emergency_is_kept_and_answered(harness, pat):
    await harness.say(pat, "/checkin")
    await harness.press(pat, "8")
    await harness.press(pat, texts.button_done())
    replies = await harness.say(pat, "chest pain since the morning")
    assert nothing_sent() in replies[0]  # the crisis reply first
    assert replies[1:] == [texts.note_saved()]
    assert harness.files.entries(pat.id)[0].note == "chest pain since the morning"
