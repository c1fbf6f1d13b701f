"""Nothing one person does holds up the others: floods, expensive renders (issue #12, 1 and 2).

Each test plays the abuse over the fake Bot API against the real application and asserts on
what every user receives and on what is stored.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from diarybot.runtime.rate_limit import PatientRateLimiter
from diarybot.runtime.update_order import MAX_PENDING_PER_USER
from diarybot.texts import fairness
from tests.conftest import Clock, Harness, running_bot
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.raw_files import diary_entries

# Three long forwards, as measured in the issue; 3 getUpdates batches of 100.
FLOOD = 300
# Per-chat pace of the flood tests: ten times Telegram's, so the flooder's answered backlog
# clears in about two seconds; at this pace today's code kept /help waiting ~4.5 s.
PER_CHAT_PER_SECOND = 10
OTHER_PATIENTS = (2002, 2003, 2004, 2005)


async def test_a_flood_from_one_user_does_not_hold_up_anyone_else(
    api: FakeBotAPI, tmp_path: Path, clock: Clock, render_executor: object
) -> None:
    harness = Harness(
        api=api,
        data_dir=tmp_path / "data",
        clock=clock,
        rate_limiter=PatientRateLimiter(per_chat_per_second=PER_CHAT_PER_SECOND),
        render_executor=render_executor,
    )
    async with running_bot(harness) as app:
        flooder = harness.user(1001, "Flo")
        others = [harness.user(uid, f"P{uid}") for uid in OTHER_PATIENTS]
        await harness.onboard(flooder)
        for other in others:
            await harness.say(other, "/start")
        mark = api.mark()
        flood = [api.send_text(flooder, f"/log 5 forwarded part {n}") for n in range(FLOOD)]
        # The others write while the flood is being worked through, a quarter second apart.
        latencies = []
        for other in others:
            asked = time.monotonic()
            since = api.mark()
            api.send_text(other, "/help")
            answer = await api.wait_for("sendMessage", chat_id=other.id, since=since, timeout=10)
            latencies.append(answer.at - asked)
            await asyncio.sleep(0.25)
        assert max(latencies) < 1.0, latencies

        processor = app.update_processor
        await api.wait_until(lambda: processor.users_pending == 0, timeout=30)
        # The first MAX_PENDING_PER_USER were answered and stored whole (a few more of the
        # later batches get in as the backlog is answered); the rest were never read, and the
        # flooder was told so once.
        texts = harness.replies_since(mark, flooder.id)
        saved = [t for t in texts if t.startswith("Saved: 5/10")]
        assert MAX_PENDING_PER_USER <= len(saved) <= 2 * MAX_PENDING_PER_USER
        assert texts.count(fairness.SLOW_DOWN) == 1
        notes = [e["note"] for e in diary_entries(harness.data_dir, flooder.id)]
        assert len(notes) == len(saved)
        assert {f"forwarded part {n}" for n in range(MAX_PENDING_PER_USER)} <= set(notes)
        # Dropped updates never reach a handler; the harness stops waiting for them.
        harness.issued -= set(flood) - harness.processed
        # The limit is per burst: once the backlog is answered, the flooder is heard again.
        assert (await harness.say(flooder, "/log 3 calmer now"))[0].startswith("Saved: 3/10")
        assert len(diary_entries(harness.data_dir, flooder.id)) == len(saved) + 1
