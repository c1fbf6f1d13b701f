"""Regression tests for what an adversarial pass over issues #11–#13 and #17 found: each one
failed on main before its fix."""

from diarybot.texts import words


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
    assert words.BUTTON_EDIT_NOTE in labels(harness, pat)
    [asked] = await harness.press(pat, words.BUTTON_EDIT_SCORE)
    assert "😭😭😭" in asked
    [view] = await harness.press(pat, "7")
    assert "7/10" in view and "😭😭😭" in view
    [asked] = await harness.press(pat, words.BUTTON_REMOVE)
    assert asked.startswith("Remove this entry?") and "😭😭😭" in asked
