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
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from diarybot.domain import peg_score
from diarybot.domain.entries import Entry
from diarybot.domain.medication_figures import MedicationFigures
from diarybot.domain.medications import Use
from diarybot.domain.practice import PEG_ITEMS, PegResponse
from diarybot.domain.treatments import PROCEDURES, Kind, TreatmentEvent
from diarybot.texts import daily_items as item_texts
from diarybot.texts import exports, medication_name, technique_names
from diarybot.texts import medications as med_texts
from diarybot.texts import report as rt
from diarybot.texts import treatments as treatment_texts

PROJECT_URL = "https://github.com/diarybot/diarybot"
#: Namespace of every UUID5 the export derives; fixed forever, or ids change between versions.
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, PROJECT_URL)

COPING_SYSTEM = f"{PROJECT_URL}/fhir/CodeSystem/coping-technique"
DIARY_SYSTEM = f"{PROJECT_URL}/fhir/CodeSystem/pain-diary"
MEDICATION_CODE = "pain-medication-taken"
ENTRY_ID_SYSTEM = f"{PROJECT_URL}/fhir/NamingSystem/entry-id"

LOINC = "http://loinc.org"
PAIN_CODE = "72514-3"
PAIN_DISPLAY = "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
# Category "survey", not "vital-signs": 72514-3 is the patient's own answer on a rating scale
# (LOINC's "- Reported"), which is what FHIR's "survey" (assessment tool / survey instrument
# observations) describes. "vital-signs" invites receivers to check the FHIR vital signs profile,
# whose code list (blood pressure, heart rate, temperature…) has no pain score. Some published
# examples do use "vital-signs" (build.fhir.org/ig/JohnMoehrke/testCore/Observation-ex-pain);
# a receiver that wants it can re-categorise on import.
CATEGORY_CODE = "survey"
CATEGORY_DISPLAY = "Survey"
# A note-only entry (the patient wrote but gave no score): the rating was not performed, so the
# Observation carries the words and this reason instead of a value.
DATA_ABSENT_SYSTEM = "http://terminology.hl7.org/CodeSystem/data-absent-reason"
DATA_ABSENT_CODE = "not-performed"
DATA_ABSENT_DISPLAY = "Not Performed"


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
        "entry": [_bundle_entry(entry, patient, patient_ref, tz) for entry in ordered]
        + [
            resource
            for entry in ordered
            for resource in _item_entries(entry, patient, patient_ref, tz)
        ]
        + [
            resource
            for peg in sorted(pegs, key=lambda p: (p.asked_at, p.id))
            for resource in _peg_entries(peg, patient, patient_ref, tz)
        ]
        + [_medication_statement(item, patient, patient_ref, generated_at) for item in medications]
        + [_treatment(event, patient, patient_ref) for event in treatments],
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


def observation_uuid(patient_ref: str, entry_id: str) -> uuid.UUID:
    """The stable id of an entry's Observation.

    Entry ids are unique per patient only, so the patient reference is part of the name.
    """
    return uuid.uuid5(ID_NAMESPACE, f"{patient_ref}/entry/{entry_id}")


def _bundle_entry(
    entry: Entry, patient: dict[str, str], patient_ref: str, tz: ZoneInfo
) -> dict[str, Any]:
    resource_id = str(observation_uuid(patient_ref, entry.id))
    resource = _observation(entry, resource_id, patient, tz)
    return {"fullUrl": f"urn:uuid:{resource_id}", "resource": resource}


def _item_entries(
    entry: Entry, patient: dict[str, str], patient_ref: str, tz: ZoneInfo
) -> list[dict[str, Any]]:
    """One Observation per daily item the entry answers, each derived from the same check-in
    as the pain score (`derivedFrom` it), with `code.text` only."""
    found = []
    values: list[tuple[str, str, dict[str, Any]]] = []
    if entry.sleep is not None:
        values.append(("sleep", item_texts.fhir_sleep(), {"valueInteger": entry.sleep}))
    if entry.mood is not None:
        values.append(("mood", item_texts.fhir_mood(), {"valueInteger": entry.mood}))
    if entry.regions:
        names = item_texts.region_names()
        parts = [{"code": {"text": names[r]}, "valueBoolean": True} for r in entry.regions]
        values.append(("regions", item_texts.fhir_regions(), {"component": parts}))
    pain_id = observation_uuid(patient_ref, entry.id)
    for item, text, value in values:
        resource_id = str(uuid.uuid5(ID_NAMESPACE, f"{patient_ref}/entry/{entry.id}/{item}"))
        resource = {
            "resourceType": "Observation",
            "id": resource_id,
            "status": "final",
            "category": [_category()],
            "code": {"text": text},
            "subject": dict(patient),
            "effectiveDateTime": entry.recorded_at.astimezone(tz).isoformat(timespec="seconds"),
            "performer": [dict(patient)],
            **value,
            "derivedFrom": [{"reference": f"urn:uuid:{pain_id}"}],
        }
        found.append({"fullUrl": f"urn:uuid:{resource_id}", "resource": resource})
    return found


def _observation(
    entry: Entry, resource_id: str, patient: dict[str, str], tz: ZoneInfo
) -> dict[str, Any]:
    observation: dict[str, Any] = {
        "resourceType": "Observation",
        "id": resource_id,
        "identifier": [{"system": ENTRY_ID_SYSTEM, "value": entry.id}],
        "status": "final",
        "category": [_category()],
        "code": _concept(LOINC, PAIN_CODE, PAIN_DISPLAY, exports.fhir_pain_text()),
        "subject": dict(patient),
        "effectiveDateTime": entry.recorded_at.astimezone(tz).isoformat(timespec="seconds"),
        "performer": [dict(patient)],
    }
    if entry.score is None:
        # A note-only entry: no value, and a reason any reader that trends scores understands.
        observation["dataAbsentReason"] = _concept(
            DATA_ABSENT_SYSTEM,
            DATA_ABSENT_CODE,
            DATA_ABSENT_DISPLAY,
            exports.fhir_not_rated_text(),
        )
    else:
        observation["valueInteger"] = entry.score
    if entry.note:
        observation["note"] = [{"text": entry.note}]
    components = [_flag(COPING_SYSTEM, t.value, technique_names()[t]) for t in entry.techniques]
    if entry.medication:
        components.append(_flag(DIARY_SYSTEM, MEDICATION_CODE, medication_name()))
    if components:
        observation["component"] = components
    return observation


PEG_QUESTIONNAIRE = f"{LOINC}/q/{peg_score.LOINC_PANEL}"
PEG_SCORE_DISPLAY = "Pain, Enjoyment of life, General activity (PEG) mean score"


def _peg_entries(
    response: PegResponse, patient: dict[str, str], patient_ref: str, tz: ZoneInfo
) -> list[dict[str, Any]]:
    """A QuestionnaireResponse for the answers, and the score Observation once complete."""
    qr_id = str(uuid.uuid5(ID_NAMESPACE, f"{patient_ref}/peg/{response.id}"))
    authored = response.asked_at.astimezone(tz).isoformat(timespec="seconds")
    items = []
    item_texts = exports.fhir_peg_items()
    for name in PEG_ITEMS:
        value = getattr(response, name)
        item: dict[str, Any] = {
            "linkId": peg_score.LOINC_ITEMS[name],
            "text": item_texts[name],
        }
        if value is not None:
            item["answer"] = [{"valueInteger": value}]
        items.append(item)
    questionnaire_response = {
        "resourceType": "QuestionnaireResponse",
        "id": qr_id,
        "questionnaire": PEG_QUESTIONNAIRE,
        "status": "completed" if response.complete else "in-progress",
        "subject": dict(patient),
        "authored": authored,
        "author": dict(patient),
        "item": items,
    }
    found = [{"fullUrl": f"urn:uuid:{qr_id}", "resource": questionnaire_response}]
    if response.score is not None:
        score_id = str(uuid.uuid5(ID_NAMESPACE, f"{patient_ref}/peg-score/{response.id}"))
        found.append(
            {
                "fullUrl": f"urn:uuid:{score_id}",
                "resource": {
                    "resourceType": "Observation",
                    "id": score_id,
                    "status": "final",
                    "category": [_category()],
                    "code": _concept(
                        LOINC,
                        peg_score.LOINC_SCORE,
                        PEG_SCORE_DISPLAY,
                        exports.fhir_peg_score_text(),
                    ),
                    "subject": dict(patient),
                    "effectiveDateTime": authored,
                    "performer": [dict(patient)],
                    "valueQuantity": {
                        "value": round(response.score, 2),
                        "unit": "{score}",
                        "system": "http://unitsofmeasure.org",
                        "code": "{score}",
                    },
                    "derivedFrom": [{"reference": f"urn:uuid:{qr_id}"}],
                },
            }
        )
    return found


def _medication_statement(
    item: MedicationFigures, patient: dict[str, str], patient_ref: str, generated_at: datetime
) -> dict[str, Any]:
    """What the patient recorded taking of one medication in the period (R4/R4B form)."""
    med = item.medication
    name = f"{patient_ref}/medication/{med.id}/{item.start}/{item.end}"
    statement_id = str(uuid.uuid5(ID_NAMESPACE, name))
    note = med_texts.fhir_note().format(
        days=med_texts.days_text(item.days_taken),
        start=rt.short_date(item.start),
        end=rt.short_date(item.end),
        doses=med_texts.doses_text(item.doses),
        use=med_texts.use_names()[med.use],
    )
    resource = {
        "resourceType": "MedicationStatement",
        "id": statement_id,
        # "stopped": the patient marked it stopped; otherwise still taken as far as we know.
        "status": "active" if med.active else "stopped",
        "medicationCodeableConcept": {"text": med.name},
        "subject": patient,
        "effectivePeriod": {
            "start": item.first_taken.isoformat(),
            "end": item.last_taken.isoformat(),
        },
        "dateAsserted": generated_at.isoformat(timespec="seconds"),
        "informationSource": patient,
        "dosage": [{"text": med.name, "asNeededBoolean": med.use is Use.AS_NEEDED}],
        "note": [{"text": note}],
    }
    return {"fullUrl": f"urn:uuid:{statement_id}", "resource": resource}


def _concept(system: str, code: str, display: str, text: str | None = None) -> dict[str, Any]:
    """A CodeableConcept: the code system's own `display`, and `text` for the reader (our own
    codes' display is already the reader's word, so it is both)."""
    coding = {"system": system, "code": code, "display": display}
    return {"coding": [coding], "text": display if text is None else text}


def _category() -> dict[str, Any]:
    return _concept(
        OBSERVATION_CATEGORY, CATEGORY_CODE, CATEGORY_DISPLAY, exports.fhir_category_text()
    )


def _treatment(event: TreatmentEvent, patient: dict[str, Any], patient_ref: str) -> dict[str, Any]:
    """A treatment event in text only: what the diary holds, with no code guessed from words.

    A course's start is an `in-progress` Procedure starting that day, its end a `completed` one
    ending that day; a medication started or changed is a `MedicationStatement` from that day.
    """
    resource_id = str(uuid.uuid5(ID_NAMESPACE, f"{patient_ref}/treatment/{event.id}"))
    kind = treatment_texts.kind_names()[event.kind]
    text = (
        treatment_texts.fhir_text_with_words().format(kind=kind, words=event.words)
        if event.words
        else kind
    )
    who: dict[str, Any] = {"display": event.recorded_by} if event.by_specialist else patient
    note = treatment_texts.fhir_procedure_note().format(
        who=event.recorded_by if event.by_specialist else treatment_texts.patient_word()
    )
    day = event.local_date.isoformat()
    resource: dict[str, Any]
    if event.kind in PROCEDURES:
        resource = {"resourceType": "Procedure", "id": resource_id, "status": "completed"}
        if event.kind in (Kind.PHYSIO_START, Kind.PSYCHOLOGY_START):
            resource |= {"status": "in-progress", "performedPeriod": {"start": day}}
        elif event.kind in (Kind.PHYSIO_END, Kind.PSYCHOLOGY_END):
            resource["performedPeriod"] = {"end": day}
        else:
            resource["performedDateTime"] = day
        resource |= {"code": {"text": text}, "subject": patient, "asserter": who}
    else:
        resource = {
            "resourceType": "MedicationStatement",
            "id": resource_id,
            "status": "active",
            "medicationCodeableConcept": {"text": event.words or kind},
            "subject": patient,
            "effectiveDateTime": day,
            "dateAsserted": event.recorded_at.isoformat(timespec="seconds"),
            "informationSource": who,
        }
    resource["note"] = [{"text": note}]
    return {"fullUrl": f"urn:uuid:{resource_id}", "resource": resource}


def _flag(system: str, code: str, display: str) -> dict[str, Any]:
    return {"code": _concept(system, code, display), "valueBoolean": True}
