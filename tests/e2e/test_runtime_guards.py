"""The hand-written runtime pieces, each shown doing its user-visible job.

Per-patient ordering (runtime/update_order.py), the redelivery filter (runtime/redelivery.py)
and per-chat pacing (runtime/rate_limit.py) each stand where PTB already has something simpler;
each test here fails when its piece is taken out, so keeping the piece stays justified.
"""

from __future__ import annotations

import os
from pathlib import Path

from diarybot import texts
from diarybot.domain.entries import Technique
from diarybot.runtime.rate_limit import PatientRateLimiter
from diarybot.texts import specialist as st
from tests.conftest import Clock, Harness, running_bot
from tests.e2e.test_sharing import link
from tests.support.fake_bot_api import Call, FakeBotAPI
from tests.support.raw_files import diary_entries

# Each round is a few hundred milliseconds; the issue measured 10 rounds in 10 losing ticks.
ORDER_ROUNDS = int(os.environ.get("DIARYBOT_ORDER_ROUNDS", "10"))
QUICK_TAPS = (Technique.BREATHING, Technique.RELAXATION, Technique.MOVEMENT, Technique.HEAT_COLD)
SENDS = ("sendMessage", "sendPhoto", "sendDocument")


# -- per-patient ordering ---------------------------------------------------------------------


async def test_four_quick_taps_on_the_techniques_keyboard_are_all_kept(harness: Harness) -> None:
    pat = harness.user()
    await harness.onboard(pat)
    for round_number in range(ORDER_ROUNDS):
        await harness.say(pat, "/checkin")
        await harness.press(pat, "6")
        keyboard = harness.api.last_message(pat.id)
        data = {label: d for row in keyboard.keyboard() for label, d in row}
        # Four taps back to back: all four updates are queued before the bot's next poll, so
        # they reach the bot in one batch, as quick taps on a phone do.
        for technique in QUICK_TAPS:
            label = texts.toggle_label(texts.technique_names()[technique], ticked=False)
            harness.api.press_button(pat, keyboard.message_id, data[label])
        await harness.settle()
        newest = max(diary_entries(harness.data_dir, pat.id), key=lambda e: e["recorded_at"])
        assert sorted(newest["techniques"]) == sorted(t.value for t in QUICK_TAPS), round_number
        # And what the patient sees agrees: every tapped box is ticked on the keyboard.
        labels = [label for row in harness.api.keyboard(pat.id) for label, _ in row]
        for technique in QUICK_TAPS:
            assert texts.toggle_label(texts.technique_names()[technique], ticked=True) in labels, (
                round_number
            )
    assert harness.api.unanswered_callback_queries() == []


# -- the redelivery filter --------------------------------------------------------------------


def saved_replies(api: FakeBotAPI, chat_id: int) -> list[str]:
    return [
        c.params["text"]
        for c in api.calls_for("sendMessage", chat_id)
        if c.ok and c.params.get("text", "").startswith("Saved: ")
    ]


async def test_an_update_delivered_again_after_a_restart_gets_one_saved_reply(
    api: FakeBotAPI, tmp_path: Path, clock: Clock
) -> None:
    harness = Harness(api=api, data_dir=tmp_path / "data", clock=clock)
    pat = harness.user()
    async with running_bot(harness):
        await harness.onboard(pat)
        # Handled, but never confirmed: every later getUpdates fails until the restart.
        api.add_fault("getUpdates", status=502, times=None)
        for n in range(3):
            api.send_text(pat, f"/log {n + 2} before the restart")
        await harness.settle()
        assert len(api.pending_updates) == 3
        assert len(saved_replies(api, pat.id)) == 3
    api.clear_faults()
    async with running_bot(harness):
        await api.wait_idle()  # the same three updates came again and were fetched
        # A new message from the same patient is handled after those three (one patient's
        # updates run in order), so once it is answered they have been dealt with.
        assert await harness.say(pat, "/history") != []
    assert len(saved_replies(api, pat.id)) == 3
    assert len(diary_entries(harness.data_dir, pat.id)) == 3


# -- per-chat pacing in the production limiter -----------------------------------------------


def too_close(sends: list[Call], burst: int, per_second: float) -> list[tuple[int, int, float]]:
    """Pairs of sends closer than "a burst, then one a second" allows (10% jitter forgiven)."""
    return [
        (i, j, sends[j].at - sends[i].at)
        for i in range(len(sends))
        for j in range(i + 1, len(sends))
        if sends[j].at - sends[i].at < 0.9 * (j - i + 1 - burst) / per_second
    ]


async def test_a_summary_reaches_the_specialist_at_about_one_message_a_second(
    api: FakeBotAPI, tmp_path: Path, clock: Clock, render_executor: object
) -> None:
    # The production limiter, not the harness's unpaced one.
    harness = Harness(
        api=api,
        data_dir=tmp_path / "data",
        clock=clock,
        rate_limiter=PatientRateLimiter(),
        render_executor=render_executor,
    )
    async with running_bot(harness):
        pat = harness.user(1001, "Pat")
        doc = harness.user(5005, "Dr Roe")
        await harness.onboard(pat)
        await harness.say(pat, "/name Pat Example")
        await harness.say(pat, "/log 6 knee after stairs")
        await link(harness, pat, doc)
        await harness.say(doc, "/summary")
        mark = api.mark()
        await harness.press(doc, "Pat Example")
        # The report arrives as one PDF; the data files when the specialist asks for them.
        await harness.press(doc, st.button_data_files())
        summary = [c for c in api.calls if c.index >= mark and c.method in SENDS]
        assert [c.method for c in summary if c.chat_id == doc.id] == [
            "sendDocument",
            "sendDocument",
            "sendDocument",
        ]
    # Telegram allows about one message a second per chat, after a short burst (the bot allows
    # itself three at once). Every message the specialist was sent counts, not only the summary.
    sends = [c for c in api.calls_for("sendMessage", doc.id) if c.ok]
    sends += [c for c in api.calls if c.method in SENDS[1:] and c.chat_id == doc.id and c.ok]
    sends.sort(key=lambda c: c.at)
    assert len(sends) >= 6  # requested, confirmed, pick and three documents
    assert too_close(sends, burst=3, per_second=1) == []
    assert all(c.ok for c in api.calls if c.chat_id == doc.id)  # and Telegram never said 429
