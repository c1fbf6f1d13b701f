"""Faults the bot does not handle yet: each needs a change in a file the lead owns.

Every test here fails today and names the fix it waits for; once the fix lands, move it to
the test file of its topic. (The first batch found by the "nothing lost, nothing leaked" pass
was fixed in 4760b56 and moved to test_privacy, test_fuzz, test_faults_storage and
test_faults_telegram.)
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.conftest import Clock, Harness, running_bot
from tests.fakeapi import FakeBotAPI

PATIENT_ID = 731_905_288


# -- updates Telegram delivers again (diarybot/app.py) -------------------------------------------


async def test_updates_delivered_again_after_a_restart_in_an_outage_are_not_stored_twice(
    api: FakeBotAPI, tmp_path: Path, clock: Clock
) -> None:
    # Fix (app.py): Telegram delivers an update until a later getUpdates confirms it. Here a
    # batch is handled, then every getUpdates fails (an outage), the operator restarts the
    # bot, and after the outage the same batch comes again and is stored a second time.
    # Make handling idempotent: remember the highest update_id handled (durably: written in
    # post_shutdown and every few seconds), and drop updates at or below it in a group -2
    # TypeHandler (raise ApplicationHandlerStop).
    harness = Harness(api=api, data_dir=tmp_path / "data", clock=clock)
    pat = harness.user(PATIENT_ID, "Pat")
    async with running_bot(harness):
        await harness.onboard(pat)
        api.add_fault("getUpdates", status=502, times=None)  # from the next poll on
        for n in range(3):
            api.send_text(pat, f"/log {n} before the restart {n}")
        await harness.settle()  # the poll already under way brought them: all handled
        assert len(api.pending_updates) == 3  # and never confirmed
    api.clear_faults()
    async with running_bot(harness):
        await api.wait_idle()
        await asyncio.sleep(0.3)
    notes = [e.note for e in harness.files.entries(PATIENT_ID)]
    assert notes == [f"before the restart {n}" for n in range(3)]
