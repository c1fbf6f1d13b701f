"""The daily items in what a patient exports and sees: the PDF's figures and entry table, the
CSV's new last columns, the FHIR Observations (text only), and the chart's second panel."""

import io
import json
from datetime import timedelta

from fhir.resources.R4B.bundle import Bundle
from PIL import Image
from pypdf import PdfReader

from charts.layout import Layout
from diarybot.domain.daily_items import DailyItem, Region
from diarybot.reports.csv_file import COLUMNS, parse_entries_csv
from diarybot.texts import daily_items as item_texts
from tests.conftest import Harness

ITEM = item_texts.item_names()
REGION = item_texts.region_names()


def documents(api, chat_id, since):
    return {
        c.files["document"].filename: c.files["document"].data
        for c in api.calls_for("sendDocument", chat_id)
        if c.index >= since
    }


async def items_checkin(harness: Harness, user, score, sleep, mood, regions):
    await harness.say(user, f"/log {score}")
    await harness.press(user, str(sleep))
    await harness.press(user, str(mood))
    for region in regions:
        await harness.press(user, "⬜ " + REGION[region])
    await harness.press(user, "Done")  # the regions
    await harness.press(user, "Done")  # the techniques


async def diary_with_items(harness: Harness, clock):
    user = harness.user(1001, "Pat")
    await harness.onboard(user, tz="Europe/Berlin")
    await harness.say(user, "/settings")
    for item in DailyItem:
        await harness.press(user, "⬜ " + ITEM[item])
    clock.offset = -timedelta(days=2)
    await items_checkin(harness, user, 6, 2, 7, [Region.LOWER_BACK, Region.HIPS])
    clock.offset = -timedelta(days=1)
    await items_checkin(harness, user, 5, 5, 6, [Region.LOWER_BACK])
    clock.offset = timedelta(0)
    await harness.say(user, "/log 4")  # items skipped by leaving them: nothing stored
    return user


async def test_export_carries_the_daily_items(harness, clock):
    pat = await diary_with_items(harness, clock)
    stored = harness.files.entries(pat.id)
    assert [(e.sleep, e.mood) for e in stored] == [(2, 7), (5, 6), (None, None)]

    mark = harness.api.mark()
    harness.api.send_text(pat, "/export")
    # The first report starts the render workers: on a busy machine that takes over 10 s.
    await harness.settle(timeout=60)
    docs = documents(harness.api, pat.id, mark)
    pdf = next(v for k, v in docs.items() if k.endswith(".pdf"))
    csv_data = next(v for k, v in docs.items() if k.endswith(".csv"))
    fhir = next(v for k, v in docs.items() if k.endswith(".fhir.json"))

    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )
    assert item_texts.report_heading() in text
    assert "Mean sleep quality: 3.5 of 10 (answered on 2 days)." in text
    assert "Mean mood: 6.5 of 10 (answered on 2 days)." in text
    assert "lower back 2 d and hips 1 d" in text  # most frequent first
    assert "sleep 2/10 · mood 7/10" in text  # the entry table
    assert "where: lower back and hips" in text

    assert COLUMNS[-3:] == ("sleep", "mood", "regions")
    rows = parse_entries_csv(csv_data)
    assert [(r["sleep"], r["mood"], r["regions"]) for r in rows] == [
        (2, 7, (Region.LOWER_BACK, Region.HIPS)),
        (5, 6, (Region.LOWER_BACK,)),
        (None, None, ()),
    ]

    bundle = Bundle.model_validate(json.loads(fhir))
    by_text = {}
    for entry in bundle.entry:
        code = entry.resource.code
        if not code.coding:
            by_text.setdefault(code.text, []).append(entry.resource)
    sleep = by_text[item_texts.fhir_sleep()]
    assert sorted(o.valueInteger for o in sleep) == [2, 5]
    assert sorted(o.valueInteger for o in by_text[item_texts.fhir_mood()]) == [6, 7]
    regions = by_text[item_texts.fhir_regions()]
    assert sorted(len(o.component) for o in regions) == [1, 2]
    assert all(o.derivedFrom for o in sleep)


async def test_the_chart_draws_the_items_panel_when_sleep_or_mood_is_on(harness, clock):
    pat = await diary_with_items(harness, clock)
    mark = harness.api.mark()
    await harness.say(pat, "/chart")
    [photo] = [c for c in harness.api.calls_for("sendPhoto", pat.id) if c.index >= mark]
    image = Image.open(io.BytesIO(photo.files["photo"].data))
    assert image.height == Layout(days=7, rows=0, items=True).height_px

    # Switched off again, the same diary's chart has no second panel.
    await harness.say(pat, "/settings")
    await harness.press(pat, "✅ " + ITEM[DailyItem.SLEEP])
    await harness.press(pat, "✅ " + ITEM[DailyItem.MOOD])
    mark = harness.api.mark()
    await harness.say(pat, "/chart")
    [photo] = [c for c in harness.api.calls_for("sendPhoto", pat.id) if c.index >= mark]
    image = Image.open(io.BytesIO(photo.files["photo"].data))
    assert image.height == Layout(days=7, rows=0).height_px
