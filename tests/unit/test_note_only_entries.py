"""A note-only entry (the patient wrote, gave no score) is never counted as a score: figures,
flares, charts, the PDF, the CSV and the FHIR file each skip or mark it."""

import io
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from fhir.resources.R4B.bundle import Bundle
from pypdf import PdfReader

from diarybot.domain.entries import Entry, Source
from diarybot.domain.flares import flare_today
from diarybot.domain.period_figures import period_figures
from diarybot.reports.csv_file import entries_csv, parse_entries_csv
from diarybot.reports.fhir import fhir_bundle
from diarybot.reports.fhir_codes import DATA_ABSENT_CODE
from diarybot.reports.pdf import pdf_report
from diarybot.runtime.render_tasks import chart_entries
from diarybot.texts import report as report_texts

BERLIN = ZoneInfo("Europe/Berlin")
DAY = date(2026, 11, 10)


def at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=BERLIN).astimezone(UTC)


def scored(uid: str, day: date, score: int) -> Entry:
    return Entry(id=uid, recorded_at=at(day, 20), local_date=day, score=score)


def note_only(uid: str, day: date, note: str = "rough night, back") -> Entry:
    return Entry(
        id=uid, recorded_at=at(day, 8), local_date=day, score=None, note=note, source=Source.NOTE
    )


def test_an_entry_without_score_or_note_is_refused():
    with pytest.raises(ValueError, match="note"):
        Entry(id="x", recorded_at=at(DAY, 8), local_date=DAY, score=None)


def test_figures_skip_note_only_entries():
    entries = [scored("a", DAY, 4), note_only("b", DAY), note_only("c", DAY + timedelta(days=1))]
    figures = period_figures(entries, DAY, DAY + timedelta(days=1))
    assert figures.mean == 4 and figures.worst == 4 and figures.least == 4
    assert figures.entry_count == 1
    assert figures.days_logged == 1  # a day with only a note is not a logged score


def test_flares_skip_note_only_entries():
    days = [DAY - timedelta(days=n) for n in range(4, 0, -1)]
    entries = [scored(f"s{n}", d, 2) for n, d in enumerate(days)]
    # A note alone today is no flare, and does not hide yesterday's scores either.
    assert flare_today([*entries, note_only("n", DAY)], DAY) is None


def test_chart_data_leaves_note_only_entries_out():
    data = chart_entries([scored("a", DAY, 5), note_only("b", DAY)])
    assert [c.score for c in data] == [5]


def test_csv_marks_a_note_only_entry_with_an_empty_score():
    data = entries_csv([scored("a", DAY, 5), note_only("b", DAY)], BERLIN)
    rows = parse_entries_csv(data)
    by_id = {r["entry_id"]: r for r in rows}
    assert by_id["b"]["score"] is None and by_id["b"]["note"] == "rough night, back"
    assert by_id["a"]["score"] == 5


def test_fhir_note_only_observation_has_no_value_and_says_why():
    bundle = fhir_bundle(
        [scored("a", DAY, 5), note_only("b", DAY)],
        "patient-1",
        "Anna",
        BERLIN,
        datetime(2026, 11, 30, 9, tzinfo=BERLIN),
    )
    Bundle.model_validate(bundle)  # still a valid R4B bundle
    observations = [
        e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Observation"
    ]
    values = sorted(str(o.get("valueInteger")) for o in observations)
    assert values == ["5", "None"]
    [absent] = [o for o in observations if "valueInteger" not in o]
    assert absent["dataAbsentReason"]["coding"][0]["code"] == DATA_ABSENT_CODE
    assert absent["note"] == [{"text": "rough night, back"}]


def test_pdf_lists_a_note_only_entry_as_a_note_not_a_score():
    entries = [scored("a", DAY, 5), note_only("b", DAY)]
    data = pdf_report(
        patient_name="Anna",
        period_start=DAY,
        period_end=DAY,
        entries=entries,
        figures=period_figures(entries, DAY, DAY),
        chart_png=None,
        tz=BERLIN,
        generated_at=datetime(2026, 11, 30, 9, tzinfo=BERLIN),
    )
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "rough night, back" in text
    assert "None" not in text
    assert f"08:00 {report_texts.no_score()}" in text
