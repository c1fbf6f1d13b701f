"""The FHIR export's treatment resources: a `MedicationStatement` per medication taken in the
period and a `Procedure` (or `MedicationStatement`) per treatment event, in text only: no
drug or procedure code is guessed from the patient's words (pure; JSON dicts)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from diarybot.domain.medication_figures import MedicationFigures
from diarybot.domain.medications import Use
from diarybot.domain.treatments import PROCEDURES, Kind, TreatmentEvent
from diarybot.reports.fhir_codes import ID_NAMESPACE
from diarybot.texts import medications as med_texts
from diarybot.texts import report as rt
from diarybot.texts import treatments as treatment_texts


def medication_statement(
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


def treatment(event: TreatmentEvent, patient: dict[str, Any], patient_ref: str) -> dict[str, Any]:
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
