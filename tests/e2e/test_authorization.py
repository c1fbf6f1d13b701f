"""Who may see a patient's diary, decided the way the patient decided it.

The patient's own file is the consent record; the specialist's index of patients is only a
convenience copy that a crash can leave stale. Guessing codes is limited the way a specialist
meets it, and an unreadable share-code file is set aside, never thrown away.
"""

from __future__ import annotations

import re
from concurrent.futures import Executor
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from diarybot import texts
from diarybot.bot import digest_settings
from diarybot.domain.localtime import instant_on
from diarybot.texts import specialist as st
from tests.conftest import Clock, Harness, running_bot
from tests.e2e.test_sharing import link, share_code
from tests.support.fake_bot_api import FakeBotAPI
from tests.support.raw_files import (
    PROFILE,
    SHARE_CODES,
    indexed_patients,
    linked_specialists,
    patient_file,
    rewrite_table,
    table,
)

BERLIN = ZoneInfo("Europe/Berlin")


def next_friday() -> date:
    today = datetime.now(UTC).astimezone(BERLIN).date()
    return today + timedelta(days=(4 - today.weekday()) % 7 or 7)


def sent_to(api: FakeBotAPI, chat_id: int, since: int) -> list[str]:
    """Everything the chat was sent since `since`: texts, captions and file names."""
    found = []
    for call in api.calls:
        if call.index >= since and call.chat_id == chat_id and call.ok:
            found += [str(call.params.get("text", "")), str(call.params.get("caption", ""))]
            found += [str(upload.filename) for upload in call.files.values()]
    return found


async def test_a_patient_whose_file_says_unshared_is_never_shown_or_sent_to_the_specialist(
    api: FakeBotAPI, tmp_path: Path, clock: Clock, render_executor: Executor
) -> None:
    friday = next_friday()
    harness = Harness(
        api=api, data_dir=tmp_path / "data", clock=clock, render_executor=render_executor
    )
    pat, lee = harness.user(1001, "Pat"), harness.user(1002, "Lee")
    doc = harness.user(5005, "Dr Roe")
    clock.set(instant_on(friday - timedelta(days=2), time(9), BERLIN))  # in the digest's week
    async with running_bot(harness):
        for user, name in ((pat, "Pat Example"), (lee, "Lee Control")):
            await harness.onboard(user, tz="Europe/Berlin")
            await harness.say(user, f"/name {name}")
            await harness.say(user, "/log 6 knee after stairs")
            await link(harness, user, doc)
        await harness.say(doc, "/digest friday 17:30 Europe/Berlin")

    # A crash in the middle of /unshare: the patient's file already says "not shared", the
    # specialist's index still lists them.
    rewrite_table(
        patient_file(harness.data_dir, pat.id, PROFILE),
        "links",
        lambda d: d["specialist_id"] != doc.id,
    )
    assert linked_specialists(harness.data_dir, pat.id) == []
    assert linked_specialists(harness.data_dir, lee.id) == [doc.id]
    assert sorted(indexed_patients(harness.data_dir, doc.id)) == [pat.id, lee.id]

    clock.set(instant_on(friday, time(12), BERLIN))  # before the digest is due
    async with running_bot(harness):
        mark = api.mark()
        [listing] = await harness.say(doc, "/patients")
        assert "Lee Control" in listing  # the control: the listing works
        assert await harness.say(doc, "/summary") == [st.summary_pick(30).format(days=30)]
        offered = [label for row in api.keyboard(doc.id) for label, _ in row]
        assert offered == ["Lee Control"]
        # A forged press for Pat (the button was once offered) is refused.
        picker = api.last_message(doc.id)
        api.press_button(doc, picker.message_id, f"sm:{pat.id}", require_button=False)
        await harness.settle()
        assert api.sent_texts(doc.id)[-1] == st.not_available()

        clock.set(instant_on(friday, time(17, 30), BERLIN) + timedelta(seconds=1))
        digest_mark = api.mark()
        await harness.run_job(digest_settings.digest_job_id(doc.id))
        # The digest ran (Lee's part arrived), and nothing of Pat's came with it.
        digest_docs = [c for c in api.calls_for("sendDocument", doc.id) if c.index >= digest_mark]
        assert len(digest_docs) == 1
        assert any("Lee Control" in t for t in sent_to(api, doc.id, digest_mark))
    assert [t for t in sent_to(api, doc.id, mark) if "Pat Example" in t] == []


# -- guessing codes ---------------------------------------------------------------------------


async def test_the_sixth_wrong_code_within_an_hour_is_refused_and_an_hour_later_codes_work(
    harness: Harness, clock: Clock
) -> None:
    pat = harness.user(1001, "Pat")
    await harness.onboard(pat)
    real = await share_code(harness, pat)
    guesser = harness.user(7007, "Guesser")
    # Five wrong codes over five minutes: each is simply "not valid".
    for minute in range(5):
        clock.offset = timedelta(minutes=minute)
        assert await harness.say(guesser, f"/link AAAAA-AAAA{minute + 2}") == [
            texts.link_invalid()
        ]
    # The sixth, still within the hour of the first, meets the limit; so does the right code.
    clock.offset = timedelta(minutes=59)
    assert await harness.say(guesser, "/link AAAAA-AAAA9") == [texts.link_rate_limited()]
    assert await harness.say(guesser, f"/link {real}") == [texts.link_rate_limited()]
    assert linked_specialists(harness.data_dir, pat.id) == []
    assert table(patient_file(harness.data_dir, pat.id, PROFILE), "pending_links") == []
    # An hour after the first wrong code, the right one works.
    clock.offset = timedelta(hours=1, seconds=1)
    assert await harness.say(guesser, f"/link {real}") == [texts.link_requested()]


# -- an unreadable share-code file ------------------------------------------------------------

CODE = re.compile(r"[A-Z0-9]{5}-[A-Z0-9]{5}")


async def test_an_unreadable_share_code_file_is_moved_aside_with_its_bytes_not_deleted(
    api: FakeBotAPI, tmp_path: Path, clock: Clock
) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    torn = b'{"_meta": {"1": {"schema_version": 1}}, "codes": {"1": {"hash": "ab'
    (data / SHARE_CODES).write_bytes(torn)
    harness = Harness(api=api, data_dir=data, clock=clock)
    async with running_bot(harness):
        pat, doc = harness.user(1001, "Pat"), harness.user(5005, "Dr Roe")
        await harness.onboard(pat)
        # Sharing goes on: a new code is made and works.
        code = await share_code(harness, pat)
        assert await harness.say(doc, f"/link {code}") == [texts.link_requested()]
    # Set aside byte for byte, so the operator can still look at what was there.
    assert [p.read_bytes() for p in data.glob(f"{SHARE_CODES}.corrupt-*")] == [torn]
    assert table(data / SHARE_CODES, "codes") == []  # the fresh file: the code was used up
