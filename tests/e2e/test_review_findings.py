"""Regression tests for what an adversarial pass over issues #11–#13 and #17 found: each one
failed on main before its fix."""

from diarybot import texts
from diarybot.domain.entries import Source
from diarybot.texts import safety as safety_texts
from diarybot.texts import words
from diarybot.texts.safety import nothing_sent


def labels(harness, user):
    return [t for row in harness.api.keyboard(user.id) for t, _ in row]


async def test_history_opens_an_entry_whose_note_is_all_emoji(harness):
    # A whole Telegram message of emoji (2 UTF-16 units each, which is how Telegram counts)
    # is a valid note; quoting 3 500 of them made the entry view twice too long to send.
    pat = harness.user()
    await harness.onboard(pat)
    note = "😭" * 2040
    await harness.say(pat, "6 " + note)
    [entry] = harness.files.entries(pat.id)
    assert entry.note == note
    await harness.say(pat, "/history")
    [view] = await harness.press(pat, next(t for t in labels(harness, pat) if t.startswith("1. ")))
    assert "6/10" in view and "😭😭😭" in view
    assert words.button_edit_note() in labels(harness, pat)
    [asked] = await harness.press(pat, words.button_edit_score())
    assert "😭😭😭" in asked
    [view] = await harness.press(pat, "7")
    assert "7/10" in view and "😭😭😭" in view
    [asked] = await harness.press(pat, words.button_remove())
    assert asked.startswith("Remove this entry?") and "😭😭😭" in asked


async def test_a_typed_score_with_alarming_words_is_answered_first_then_saved(harness):
    # "/log 8 i wish i was dead" got the crisis reply and was saved; the same words typed
    # without /log, or as the note while the techniques keyboard was open, got the crisis reply
    # and were then dropped: the patient's score and words were silently lost.
    pat = harness.user()
    await harness.onboard(pat)
    replies = await harness.say(pat, "8 i wish i was dead")
    assert nothing_sent() in replies[0] and safety_texts.note_later() in replies[0]
    assert replies[1].startswith("Saved: 8/10")
    [entry] = harness.files.entries(pat.id)
    assert (entry.score, entry.note) == (8, "i wish i was dead")

    await harness.say(pat, "/checkin")
    await harness.press(pat, "6")
    replies = await harness.say(pat, "i wanna die")  # the techniques keyboard is open
    assert nothing_sent() in replies[0]
    assert replies[1:] == [words.note_saved_keep_ticking()]
    assert [(e.score, e.note) for e in harness.files.entries(pat.id)][-1] == (6, "i wanna die")


async def test_alarming_words_answering_a_setting_still_change_nothing(harness):
    pat = harness.user()
    await harness.onboard(pat, tz="America/New_York")
    await harness.say(pat, "/timezone")
    [answer] = await harness.say(pat, "9 i want to die")
    assert nothing_sent() in answer
    assert harness.files.entries(pat.id) == []
    assert harness.files.get_profile(pat.id).timezone == "America/New_York"


async def test_rate_now_keeps_the_words_through_a_restart(harness):
    # "Rate my pain now" kept the words only in memory (UserState): a restart between that tap
    # and the score saved the score without them, and told the patient nothing.
    pat = harness.user()
    await harness.onboard(pat)
    await harness.say(pat, "my back hurts a lot today")
    assert await harness.press(pat, words.button_rate_now()) == [texts.ask_score()]
    harness.app.user_data[pat.id].offered.clear()  # what a restart forgets
    replies = await harness.press(pat, "7")
    assert replies[0].startswith("Saved: 7/10") and "my back hurts" in replies[0]
    [entry] = harness.files.entries(pat.id)
    assert (entry.score, entry.note) == (7, "my back hurts a lot today")
    assert entry.source is Source.CHECKIN


async def test_words_of_only_unicode_spaces_are_kept_without_an_error(harness):
    # Python's strip() removes U+3000 and U+00A0, so such a message split into no note at all
    # and "Keep as a note" (or "Rate my pain now") failed with "something went wrong".
    pat = harness.user()
    await harness.onboard(pat)
    await harness.say(pat, "\u3000")
    [saved] = await harness.press(pat, words.button_note_only())
    assert saved.startswith("Saved as a note on its own")
    await harness.say(pat, "\u00a0\u00a0")
    await harness.press(pat, words.button_rate_now())
    [saved, *_] = await harness.press(pat, "3")
    assert saved.startswith("Saved: 3/10")
    assert [(e.score, e.note) for e in harness.files.entries(pat.id)] == [
        (None, "\u3000"),
        (3, "\u00a0\u00a0"),
    ]


async def test_a_double_tap_on_rate_now_leaves_the_scale_open(harness):
    pat = harness.user()
    await harness.onboard(pat)
    await harness.say(pat, "knee bad again")
    offer = harness.api.last_message(pat.id)
    [data] = [
        d for row in harness.api.keyboard(pat.id) for t, d in row if t == words.button_rate_now()
    ]
    harness.api.press_button(pat, offer.message_id, data)
    harness.api.press_button(pat, offer.message_id, data, require_button=False)
    await harness.settle()
    assert harness.api.last_message(pat.id).text == texts.ask_score()
    [saved, *_] = await harness.press(pat, "4")
    assert saved.startswith("Saved: 4/10")
    assert [(e.score, e.note) for e in harness.files.entries(pat.id)] == [(4, "knee bad again")]
