"""Export first, then delete: the erase question sends everything before erasing, and the
privacy notice names the command that exports everything (issue #12, item 18)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from fhir.resources.R4B.bundle import Bundle

from diarybot import texts
from diarybot.reports.csv_file import parse_entries_csv
from diarybot.texts import erasure as erasure_texts
from tests.e2e.test_export_command import documents


@pytest.fixture
async def pat(harness):
    user = harness.user(1001, "Pat")
    await harness.onboard(user, tz="Europe/Berlin")
    return user


def labels(harness, chat_id):
    return [t for row in harness.api.keyboard(chat_id) for t, _ in row]


async def test_send_everything_first_then_erase(harness, pat, clock):
    # Three years of diary: far more than the 30 days /export sends by default.
    for days_ago, score in [(1100, 2), (400, 5), (45, 7), (1, 4)]:
        clock.offset = -timedelta(days=days_ago)
        await harness.say(pat, f"/log {score} day {days_ago}")
    clock.offset = timedelta(0)

    [question] = await harness.say(pat, "/delete")
    assert question == erasure_texts.delete_confirm()
    assert labels(harness, pat.id) == [
        erasure_texts.button_send_everything(),
        texts.button_yes_erase(),
        texts.button_no(),
    ]
    mark = harness.api.mark()
    replies = await harness.press(pat, erasure_texts.button_send_everything())
    docs = documents(harness.api, pat.id, mark)
    assert sorted(name.split(".", 1)[1] for name in docs) == ["csv", "fhir.json"]
    csv_data = next(v for k, v in docs.items() if k.endswith(".csv"))
    rows = [(r["score"], r["note"]) for r in parse_entries_csv(csv_data)]
    assert rows == [(2, "day 1100"), (5, "day 400"), (7, "day 45"), (4, "day 1")]
    fhir = next(v for k, v in docs.items() if k.endswith(".fhir.json"))
    bundle = Bundle.model_validate(json.loads(fhir))
    assert sorted(e.resource.valueInteger for e in bundle.entry) == [2, 4, 5, 7]
    assert "all 4 of your entries" in replies[-1]
    # Nothing erased yet; the question is asked again below the files, without the offer.
    assert len(harness.files.entries(pat.id)) == 4
    assert labels(harness, pat.id) == [texts.button_yes_erase(), texts.button_no()]

    assert await harness.press(pat, texts.button_yes_erase()) == [texts.delete_done()]
    assert harness.files.get_profile(pat.id) is None
    assert harness.files.entries(pat.id) == []


async def test_send_everything_with_no_entries_says_so(harness, pat):
    await harness.say(pat, "/delete")
    mark = harness.api.mark()
    replies = await harness.press(pat, erasure_texts.button_send_everything())
    assert replies[-1] == erasure_texts.nothing_to_send()
    assert documents(harness.api, pat.id, mark) == {}
    assert await harness.press(pat, texts.button_no()) == [texts.delete_kept()]
    assert harness.files.get_profile(pat.id) is not None


async def test_the_privacy_notice_and_the_default_export_name_export_all(harness, pat):
    user = harness.user(2002, "Sam")
    [welcome, _ask_zone] = await harness.say(user, "/start")
    assert "/export all" in welcome and "/delete" in welcome
    await harness.say(pat, "/log 5")
    mark = harness.api.mark()
    await harness.say(pat, "/export")
    [photo] = [c for c in harness.api.calls_for("sendPhoto", pat.id) if c.index >= mark]
    assert "/export all" in photo.params["caption"]
