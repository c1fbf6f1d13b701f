"""/export end to end: three documents that open, read right and round-trip."""

import csv
import io
import json
import unicodedata
from datetime import timedelta

import pytest
from fhir.resources.R4B.bundle import Bundle
from pypdf import PdfReader

from diarybot import texts
from diarybot.reports.csv_file import parse_entries_csv
from diarybot.texts import exports


@pytest.fixture
async def pat(harness):
    user = harness.user(1001, "Pat")
    await harness.onboard(user, tz="Europe/Berlin")
    await harness.say(user, "/name Pat Example")
    return user


def documents(api, chat_id, since):
    return {
        c.files["document"].filename: c.files["document"].data
        for c in api.calls_for("sendDocument", chat_id)
        if c.index >= since
    }


async def test_export_sends_pdf_csv_and_fhir(harness, pat):
    await harness.say(pat, '/log 6 Rücken ☀ after gardening, "bad" day')
    await harness.say(pat, "/log 3")
    mark = harness.api.mark()
    await harness.say(pat, "/export")
    docs = documents(harness.api, pat.id, mark)
    assert len(docs) == 3
    pdf = next(v for k, v in docs.items() if k.endswith(".pdf"))
    csv_data = next(v for k, v in docs.items() if k.endswith(".csv"))
    fhir = next(v for k, v in docs.items() if k.endswith(".fhir.json"))

    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Pat Example" in text
    assert "Rücken ☀ after gardening" in text

    rows = parse_entries_csv(csv_data)
    assert [r["score"] for r in rows] == [6, 3]
    assert rows[0]["note"] == 'Rücken ☀ after gardening, "bad" day'

    bundle = Bundle.model_validate(json.loads(fhir))
    values = sorted(e.resource.valueInteger for e in bundle.entry)
    assert values == [3, 6]
    assert all(e.resource.code.coding[0].code == "72514-3" for e in bundle.entry)
    assert harness.api.calls_for("sendPhoto", pat.id)  # the chart came too


async def test_export_periods_and_bad_arguments(harness, pat, clock):
    assert await harness.say(pat, "/export fortnight") == [texts.export_usage()]
    replies = await harness.say(pat, "/export 90")
    assert any(r.startswith("No entries between") for r in replies)
    clock.offset = -timedelta(days=400)  # "all" must reach further back than any period does
    await harness.say(pat, "/log 2 a year ago")
    clock.offset = timedelta(0)
    await harness.say(pat, "/log 4")
    mark = harness.api.mark()
    await harness.say(pat, "/export all")
    docs = documents(harness.api, pat.id, mark)
    assert len(docs) == 3
    csv_data = next(v for k, v in docs.items() if k.endswith(".csv"))
    rows = [(r["score"], r["note"]) for r in parse_entries_csv(csv_data)]
    assert rows == [(2, "a year ago"), (4, "")]


async def test_export_writes_no_files_to_disk(harness, pat):
    await harness.say(pat, "/log 4 note")
    before = sorted(p.name for p in harness.data_dir.rglob("*") if p.is_file())
    await harness.say(pat, "/export")
    after = sorted(p.name for p in harness.data_dir.rglob("*") if p.is_file())
    assert before == after


async def test_export_csv_neutralises_formulas_and_fhir_keeps_the_text(harness, pat):
    formula = '=HYPERLINK("https://evil.example/?x=1","open")'
    await harness.say(pat, f"/log 5 {formula}")
    await harness.say(pat, "/log 4 -2 since yesterday")
    mark = harness.api.mark()
    await harness.say(pat, "/export")
    docs = documents(harness.api, pat.id, mark)
    csv_data = next(v for k, v in docs.items() if k.endswith(".csv"))
    fhir = json.loads(next(v for k, v in docs.items() if k.endswith(".fhir.json")))

    # What a spreadsheet reads: the cells start with a quote, so neither is a formula.
    raw = list(csv.reader(io.StringIO(csv_data.decode("utf-8-sig"), newline="")))
    note = raw[0].index(exports.csv_headers()["note"])
    assert [row[note] for row in raw[1:]] == ["'" + formula, "'-2 since yesterday"]
    # The patient's words come back exactly from the CSV parser and the FHIR bundle.
    assert [r["note"] for r in parse_entries_csv(csv_data)] == [formula, "-2 since yesterday"]
    fhir_notes = sorted(e["resource"]["note"][0]["text"] for e in fhir["entry"])
    assert fhir_notes == sorted([formula, "-2 since yesterday"])


def pdf_text(pdf):
    """The PDF's text as pypdf extracts it, less control characters: pypdf decodes the CJK
    font's embedded CMap byte by byte (a NUL before each character) and emits a code for a
    Devanagari glyph that stands for no character; no patient's word holds one."""
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return "".join(c for c in text if c == "\n" or unicodedata.category(c) != "Cc")


def exported_pdf(harness, pat, since):
    docs = documents(harness.api, pat.id, since)
    return next(v for k, v in docs.items() if k.endswith(".pdf"))


NOTES_IN_SCRIPTS = {
    "Chinese": "吃了布洛芬",
    "Japanese": "腰が痛い",
    "Korean": "허리 통증",
    "Hindi": "दर्द निवारक",
    "Thai": "ปวดหลัง",
    "Emoji": "💊🔥",
}


async def test_export_pdf_carries_notes_in_every_script(harness, pat):
    for note in NOTES_IN_SCRIPTS.values():
        await harness.say(pat, f"/log 5 {note}")
    await harness.say(pat, "/name 王小明")
    mark = harness.api.mark()
    await harness.say(pat, "/export")
    text = pdf_text(exported_pdf(harness, pat, mark))
    missing = [script for script, note in NOTES_IN_SCRIPTS.items() if note not in text]
    assert missing == []
    assert "王小明" in text
    assert "\ufffd" not in text


async def test_export_survives_a_pasted_70_line_medication_list(harness, pat):
    medications = "\n".join(f"{n}. Ibuprofen {n}0 mg x2" for n in range(70))
    await harness.say(pat, f"/log 4 {medications}")
    await harness.say(pat, "/log 6 " + "疼痛" * 750)
    await harness.say(pat, "/log 3 after")
    mark = harness.api.mark()
    await harness.say(pat, "/export")
    docs = documents(harness.api, pat.id, mark)
    assert len(docs) == 3  # PDF, CSV and FHIR: the export did not fail
    text = pdf_text(exported_pdf(harness, pat, mark))
    for n in range(70):
        assert f"{n}. Ibuprofen {n}0 mg x2" in text
    assert "".join(c for c in text if c in "疼痛") == "疼痛" * 750
    assert "after" in text
