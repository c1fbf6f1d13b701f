"""/history corrects an entry's daily items (issue #14): a mis-tapped "sleep 2" is fixed on the
check-in's own keyboards, the old value stays in the audit trail, and the export shows the new
one. Only the items switched on, or that the entry carries, are offered."""

import json

import pytest
from fhir.resources.R4B.bundle import Bundle

from diarybot import texts
from diarybot.domain.daily_items import DailyItem, Region
from diarybot.reports.csv_file import parse_entries_csv
from diarybot.texts import daily_items as item_texts
from diarybot.texts import words
from tests.e2e.test_daily_items import labels, switch_on
from tests.e2e.test_daily_items_reports import documents
from tests.e2e.test_history import run_corrections

ITEM = item_texts.item_names()
REGION = item_texts.region_names()


@pytest.fixture
async def pat(harness):
    user = harness.user()
    await harness.onboard(user)
    return user


async def checkin(harness, user, score: int, sleep: int, regions: list[Region] | None) -> None:
    """A check-in with sleep switched on, and regions too unless `regions` is None."""
    await harness.say(user, f"/log {score}")
    await harness.press(user, str(sleep))
    for region in regions or ():
        await harness.press(user, texts.toggle_label(REGION[region], ticked=False))
    if regions is not None:
        await harness.press(user, texts.button_done())  # the regions
    await harness.press(user, texts.button_done())  # the techniques


async def open_newest(harness, user) -> str:
    await harness.say(user, "/history")
    [view] = await harness.press(user, next(t for t in labels(harness, user) if t[:3] == "1. "))
    return view


async def test_correcting_sleep_and_regions_is_stored_audited_and_exported(harness, pat):
    await switch_on(harness, pat, DailyItem.SLEEP, DailyItem.REGIONS)
    await checkin(harness, pat, 6, 2, [Region.LOWER_BACK])  # meant 8, not 2
    [entry] = harness.files.entries(pat.id)
    view = await open_newest(harness, pat)
    assert "sleep 2/10" in view and "where: lower back" in view
    offered = labels(harness, pat)
    assert ITEM[DailyItem.SLEEP] in offered and ITEM[DailyItem.REGIONS] in offered
    assert ITEM[DailyItem.MOOD] not in offered  # neither switched on nor answered

    [ask] = await harness.press(pat, ITEM[DailyItem.SLEEP])
    assert item_texts.ask_sleep().split("\n\n")[1] in ask
    [view] = await harness.press(pat, "8")
    assert "sleep 8/10" in view
    await harness.press(pat, ITEM[DailyItem.REGIONS])
    await harness.press(pat, texts.toggle_label(REGION[Region.HIPS], ticked=False))
    [view] = await harness.press(pat, texts.button_done())
    assert "where: lower back and hips" in view

    [stored] = harness.files.entries(pat.id)
    assert (stored.sleep, stored.regions) == (8, (Region.LOWER_BACK, Region.HIPS))
    trail = [(c.entry_id, c.field, c.old, c.new) for c in run_corrections(harness, pat)]
    assert trail == [
        (entry.id, "sleep", 2, 8),
        (entry.id, "regions", ["lower_back"], ["lower_back", "hips"]),
    ]

    mark = harness.api.mark()
    harness.api.send_text(pat, "/export")
    await harness.settle(timeout=60)  # the first report starts the render workers
    docs = documents(harness.api, pat.id, mark)
    csv_data = next(v for k, v in docs.items() if k.endswith(".csv"))
    [row] = parse_entries_csv(csv_data)
    assert (row["sleep"], row["regions"]) == (8, (Region.LOWER_BACK, Region.HIPS))
    fhir = Bundle.model_validate(
        json.loads(next(v for k, v in docs.items() if k.endswith("json")))
    )
    sleep = [
        e.resource.valueInteger
        for e in fhir.entry
        if e.resource.code.text == item_texts.fhir_sleep() and not e.resource.code.coding
    ]
    assert sleep == [8]


async def test_back_changes_nothing_and_items_switched_off_stay_correctable(harness, pat):
    await switch_on(harness, pat, DailyItem.SLEEP, DailyItem.REGIONS)
    await checkin(harness, pat, 5, 3, [Region.NECK])
    await harness.say(pat, "/settings")  # off again: the entry still carries them
    await harness.press(pat, texts.toggle_label(ITEM[DailyItem.SLEEP], ticked=True))
    await harness.press(pat, texts.toggle_label(ITEM[DailyItem.REGIONS], ticked=True))
    assert harness.files.get_profile(pat.id).daily_items == ()
    await open_newest(harness, pat)
    offered = [t for t in labels(harness, pat) if t in ITEM.values()]
    assert offered == [ITEM[DailyItem.SLEEP], ITEM[DailyItem.REGIONS]]

    # A correction opened by mistake: no Skip that could read as "leave it" and clear the
    # answer, and Back leaves the entry as it was.
    await harness.press(pat, ITEM[DailyItem.SLEEP])
    assert texts.button_skip_rating() not in labels(harness, pat)
    [view] = await harness.press(pat, words.button_back_to_entry())
    assert "sleep 3/10" in view
    await harness.press(pat, ITEM[DailyItem.REGIONS])
    assert texts.button_skip() not in labels(harness, pat)
    [view] = await harness.press(pat, texts.button_done())
    assert "where: neck" in view
    await harness.press(pat, words.button_edit_score())
    [view] = await harness.press(pat, words.button_back_to_entry())
    assert (view.count("5/10"), run_corrections(harness, pat)) == (1, [])

    await harness.press(pat, ITEM[DailyItem.SLEEP])
    [view] = await harness.press(pat, "7")
    assert "sleep 7/10" in view
    assert [(c.field, c.old, c.new) for c in run_corrections(harness, pat)] == [("sleep", 3, 7)]
    [stored] = harness.files.entries(pat.id)
    assert (stored.score, stored.sleep, stored.regions) == (5, 7, (Region.NECK,))


async def test_an_item_not_offered_cannot_be_set_by_a_forged_press(harness, pat):
    await harness.say(pat, "/log 4")
    [entry] = harness.files.entries(pat.id)
    own = harness.api.last_message(pat.id)
    for data in (f"hk:{entry.id}:mood:9", f"hi:{entry.id}:sleep", f"hk:{entry.id}:sleep:11"):
        harness.api.press_button(pat, own.message_id, data, require_button=False)
    await harness.settle()
    assert harness.files.entries(pat.id) == [entry]
    assert run_corrections(harness, pat) == []
    assert harness.api.unanswered_callback_queries() == []
