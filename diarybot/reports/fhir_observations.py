"""The FHIR export's Observations: one pain score per entry, one per daily item it answers,
and each weekly PEG as a QuestionnaireResponse with its score (pure; JSON dicts)."""

from __future__ import annotations

import uuid
from typing import Any
from zoneinfo import ZoneInfo

from diarybot.domain import peg_score
from diarybot.domain.entries import Entry
from diarybot.domain.practice import PEG_ITEMS, PegResponse
from diarybot.reports.fhir_codes import (
    COPING_SYSTEM,
    DATA_ABSENT_CODE,
    DATA_ABSENT_DISPLAY,
    DATA_ABSENT_SYSTEM,
    DIARY_SYSTEM,
    ENTRY_ID_SYSTEM,
    ID_NAMESPACE,
    LOINC,
    MEDICATION_CODE,
    PAIN_CODE,
    PAIN_DISPLAY,
    PEG_QUESTIONNAIRE,
    PEG_SCORE_DISPLAY,
    category,
    concept,
    flag,
    observation_uuid,
)
from diarybot.texts import daily_items as item_texts
from diarybot.texts import exports, medication_name, technique_names


def pain_entry(
    entry: Entry, patient: dict[str, str], patient_ref: str, tz: ZoneInfo
) -> dict[str, Any]:
    """The bundle entry of an entry's pain-score Observation."""
    resource_id = str(observation_uuid(patient_ref, entry.id))
    resource = _observation(entry, resource_id, patient, tz)
    return {"fullUrl": f"urn:uuid:{resource_id}", "resource": resource}


def item_entries(
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
            "category": [category()],
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
        "category": [category()],
        "code": concept(LOINC, PAIN_CODE, PAIN_DISPLAY, exports.fhir_pain_text()),
        "subject": dict(patient),
        "effectiveDateTime": entry.recorded_at.astimezone(tz).isoformat(timespec="seconds"),
        "performer": [dict(patient)],
    }
    if entry.score is None:
        # A note-only entry: no value, and a reason any reader that trends scores understands.
        observation["dataAbsentReason"] = concept(
            DATA_ABSENT_SYSTEM,
            DATA_ABSENT_CODE,
            DATA_ABSENT_DISPLAY,
            exports.fhir_not_rated_text(),
        )
    else:
        observation["valueInteger"] = entry.score
    if entry.note:
        observation["note"] = [{"text": entry.note}]
    components = [flag(COPING_SYSTEM, t.value, technique_names()[t]) for t in entry.techniques]
    if entry.medication:
        components.append(flag(DIARY_SYSTEM, MEDICATION_CODE, medication_name()))
    if components:
        observation["component"] = components
    return observation


def peg_entries(
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
                    "category": [category()],
                    "code": concept(
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
