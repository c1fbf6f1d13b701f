"""Reports name the patient's medications (issue #14): the PDF's page-1 section, the CSV's
medications cell and one FHIR MedicationStatement per medication, from a real /export."""

import io
import json
from datetime import UTC, date, datetime, timedelta

import pytest
from fhir.resources.R4B.bundle import Bundle
from pypdf import PdfReader

from diarybot.domain.entries import Entry
from diarybot.domain.medications import Medication, Use
from diarybot.reports.csv_file import parse_entries_csv
from diarybot.texts import medications as med_texts

IBU = Medication(id="a1b2c3", name="ibuprofen 400 mg", use=Use.AS_NEEDED, started=date(2026, 1, 1))
PRE = Medication(id="d4e5f6", name="pregabalin 75 mg", use=Use.REGULAR, started=date(2026, 1, 1))


@pytest.fixture
async def pat(harness):
    user = harness.user(1001, "Pat")
    await harness.onboard(user, tz="UTC")
    return user


def documents(api, chat_id, since):
    return {
        c.files["document"].filename: c.files["document"].data
        for c in api.calls_for("sendDocument", chat_id)
        if c.index >= since
    }


async def seed(harness, user, days_with_ibuprofen: int) -> None:
    """Six answered days: ibuprofen (2 doses, pain 7) on the first ones, pain 3 on the rest;
    pregabalin every day."""
    today = datetime.now(UTC).date()
    for n in range(6):
        day = today - timedelta(days=6 - n)
        doses = ((IBU.id, 2),) if n < days_with_ibuprofen else ()
        entry = Entry(
            id=f"{n + 1:010x}",
            recorded_at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
            local_date=day,
            score=7 if doses else 3,
            medication=True,
            doses=(*doses, (PRE.id, 1)),
            techniques_answered=True,
        )
        await harness.store.diary.add(user.id, entry)
    await harness.store.profiles.update(user.id, medications=(IBU, PRE))


async def export(harness, user):
    mark = harness.api.mark()
    await harness.say(user, "/export")
    docs = documents(harness.api, user.id, mark)
    pdf = next(v for k, v in docs.items() if k.endswith(".pdf"))
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    csv_data = next(v for k, v in docs.items() if k.endswith(".csv"))
    fhir = next(v for k, v in docs.items() if k.endswith(".fhir.json"))
    return " ".join(text.split()), parse_entries_csv(csv_data), json.loads(fhir)


async def test_report_shows_days_doses_and_pain_with_and_without(harness, pat):
    await seed(harness, pat, days_with_ibuprofen=3)
    text, rows, fhir = await export(harness, pat)
    assert med_texts.report_heading() in text
    assert "ibuprofen 400 mg (as needed): taken on 3 days, 6 doses in this period." in text
    assert "pregabalin 75 mg (regular): taken on 6 days, 6 doses in this period." in text
    assert (
        "On the 3 days with ibuprofen 400 mg the average pain was 7.0; "
        "on the 3 days without, 3.0." in text
    )

    assert rows[0]["medications"] == "ibuprofen 400 mg ×2; pregabalin 75 mg ×1"
    assert rows[-1]["medications"] == "pregabalin 75 mg ×1"

    bundle = Bundle.model_validate(fhir)  # a valid R4B bundle
    statements = [
        e.resource for e in bundle.entry if e.resource.__resource_type__ == "MedicationStatement"
    ]
    assert sorted(s.medicationCodeableConcept.text for s in statements) == [
        "ibuprofen 400 mg",
        "pregabalin 75 mg",
    ]
    assert all(s.medicationCodeableConcept.coding is None for s in statements)  # no codes
    ibu = next(s for s in statements if s.medicationCodeableConcept.text == IBU.name)
    assert ibu.dosage[0].asNeededBoolean is True
    assert "3 days" in ibu.note[0].text and "6 doses" in ibu.note[0].text


async def test_too_few_days_without_are_not_compared(harness, pat):
    await seed(harness, pat, days_with_ibuprofen=4)  # 4 with, only 2 without
    text, _rows, _fhir = await export(harness, pat)
    assert med_texts.report_too_few().format(name=IBU.name) in text
    assert "average pain was" not in text.split(med_texts.report_heading())[1]


async def test_no_list_no_section_and_no_statements(harness, pat):
    await harness.say(pat, "/log 5")
    text, rows, fhir = await export(harness, pat)
    assert med_texts.report_heading() not in text
    assert rows[0]["medications"] == ""
    assert not [e for e in fhir["entry"] if e["resource"]["resourceType"] == "MedicationStatement"]
