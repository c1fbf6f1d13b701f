"""The code systems, fixed ids and CodeableConcept helpers that every resource of the FHIR
export (`diarybot.reports.fhir`) shares (pure; JSON dicts)."""

from __future__ import annotations

import uuid
from typing import Any

from diarybot.domain import peg_score
from diarybot.texts import exports

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

PEG_QUESTIONNAIRE = f"{LOINC}/q/{peg_score.LOINC_PANEL}"
PEG_SCORE_DISPLAY = "Pain, Enjoyment of life, General activity (PEG) mean score"


def observation_uuid(patient_ref: str, entry_id: str) -> uuid.UUID:
    """The stable id of an entry's Observation.

    Entry ids are unique per patient only, so the patient reference is part of the name.
    """
    return uuid.uuid5(ID_NAMESPACE, f"{patient_ref}/entry/{entry_id}")


def concept(system: str, code: str, display: str, text: str | None = None) -> dict[str, Any]:
    """A CodeableConcept: the code system's own `display`, and `text` for the reader (our own
    codes' display is already the reader's word, so it is both)."""
    coding = {"system": system, "code": code, "display": display}
    return {"coding": [coding], "text": display if text is None else text}


def category() -> dict[str, Any]:
    """The category every Observation of the export carries ("survey", see above)."""
    return concept(
        OBSERVATION_CATEGORY, CATEGORY_CODE, CATEGORY_DISPLAY, exports.fhir_category_text()
    )


def flag(system: str, code: str, display: str) -> dict[str, Any]:
    """A component stating that the patient ticked this box."""
    return {"code": concept(system, code, display), "valueBoolean": True}
