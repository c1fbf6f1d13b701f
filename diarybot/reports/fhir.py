"""The diary as a FHIR R4 (4.0.1/4.3.0) `Bundle` of pain-score `Observation`s (pure; JSON dicts).

One Observation per entry, coded with LOINC 72514-3 "Pain severity - 0-10 verbal numeric rating
[Score] - Reported" and `valueInteger`. Coping techniques and pain medication have no LOINC or
SNOMED CT codes fit for the purpose (hl7-be patient-monitoring: "No LOINC or SNOMEDCT code
currently exists for Pain medication taken"), so they are coded in CodeSystems of the project's
own, as components with `valueBoolean: true`. A component states only what the patient ticked;
an unticked box is absence of a statement, not a recorded "no".

Language: codes and each coding's `display` are the code system's own (LOINC's English display),
so a receiver can check them; the texts people read (a CodeableConcept's `text`, questionnaire
item texts, notes) come from `diarybot.texts.exports` in the reader's language.

The optional daily items an entry carries (sleep quality, mood, where the pain is) each add an
Observation of their own with `code.text` only: LOINC has no code for these 0–10 self-ratings
in this form, and a guessed code would mislead a receiving system more than plain text does.

Ids are deterministic (UUID5), so exporting the same diary twice gives the same `fullUrl`s and a
receiving system can recognise entries it has already imported.

This module assembles the bundle; the resources are built in `fhir_observations` and
`fhir_treatments`, with the codes and ids they share in `fhir_codes`.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from diarybot.domain.entries import Entry
from diarybot.domain.medication_figures import MedicationFigures
from diarybot.domain.practice import PegResponse
from diarybot.domain.treatments import TreatmentEvent
from diarybot.reports.fhir_codes import ID_NAMESPACE
from diarybot.reports.fhir_observations import item_entries, pain_entry, peg_entries
from diarybot.reports.fhir_treatments import medication_statement, treatment


def fhir_bundle(
    entries: Iterable[Entry],
    patient_ref: str,
    patient_display: str,
    tz: ZoneInfo,
    generated_at: datetime,
    *,
    pegs: Iterable[PegResponse] = (),
    medications: Iterable[MedicationFigures] = (),
    treatments: Iterable[TreatmentEvent] = (),
) -> dict[str, Any]:
    """A FHIR `Bundle` of type "collection" with one Observation per entry, oldest first.

    Each weekly PEG adds a `QuestionnaireResponse` (LOINC panel 91148-7, items answered by their
    LOINC codes) and, once complete, an Observation of the PEG score (91147-9) derived from it.
    Each medication taken in the period adds a `MedicationStatement` named by the patient's own
    words only (`medicationCodeableConcept.text`): no drug code is guessed from a name.
    Each treatment event adds a `Procedure` (injection, physiotherapy or CBT course, surgery,
    other) or, for a medication started or changed, a `MedicationStatement`, in text only.

    `patient_ref` is the reference the receiver knows the patient by (e.g. "Patient/123");
    the patient is both the subject and the performer, since every score is self-reported.
    Times carry the patient's UTC offset (`tz`).
    """
    if generated_at.tzinfo is None:
        raise ValueError("generated_at must be timezone-aware")
    ordered = sorted(entries, key=lambda e: (e.recorded_at, e.id))
    patient = {"reference": patient_ref, "display": patient_display}
    bundle_id = uuid.uuid5(ID_NAMESPACE, f"{patient_ref}/bundle/{generated_at.isoformat()}")
    return {
        "resourceType": "Bundle",
        "id": str(bundle_id),
        "identifier": {"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{bundle_id}"},
        "type": "collection",
        "timestamp": generated_at.isoformat(timespec="seconds"),
        "entry": [pain_entry(entry, patient, patient_ref, tz) for entry in ordered]
        + [
            resource
            for entry in ordered
            for resource in item_entries(entry, patient, patient_ref, tz)
        ]
        + [
            resource
            for peg in sorted(pegs, key=lambda p: (p.asked_at, p.id))
            for resource in peg_entries(peg, patient, patient_ref, tz)
        ]
        + [medication_statement(item, patient, patient_ref, generated_at) for item in medications]
        + [treatment(event, patient, patient_ref) for event in treatments],
    }


def fhir_json(
    entries: Iterable[Entry],
    patient_ref: str,
    patient_display: str,
    tz: ZoneInfo,
    generated_at: datetime,
    *,
    pegs: Iterable[PegResponse] = (),
    medications: Iterable[MedicationFigures] = (),
    treatments: Iterable[TreatmentEvent] = (),
) -> bytes:
    """`fhir_bundle` as UTF-8 JSON (indent 2, non-ASCII kept readable)."""
    bundle = fhir_bundle(
        entries,
        patient_ref,
        patient_display,
        tz,
        generated_at,
        pegs=pegs,
        medications=medications,
        treatments=treatments,
    )
    return json.dumps(bundle, indent=2, ensure_ascii=False).encode("utf-8")
