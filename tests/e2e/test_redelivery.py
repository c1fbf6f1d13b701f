"""Updates Telegram delivers again (after an outage and a restart) are handled once."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.conftest import Clock, Harness, running_bot
from tests.support.fake_bot_api import FakeBotAPI

PATIENT_ID = 731_905_288


# -- updates Telegram delivers again (diarybot/runtime/redelivery.py) ----------------------------


async def test_updates_delivered_again_after_a_restart_in_an_outage_are_not_stored_twice(
    api: FakeBotAPI, tmp_path: Path, clock: Clock
) -> None:
    # Telegram delivers an update until a later getUpdates confirms it. Here a batch is
    # handled, then every getUpdates fails (an outage), the operator restarts the bot, and
    # after the outage the same batch comes again.
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
