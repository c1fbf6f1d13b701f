"""The words of the machine-readable files: the CSV's header row and the FHIR file's texts.

CSV: the header row is in the reader's language (a spreadsheet is read by people), but each
column also has a stable key (``reports.csv_file.COLUMNS``: ``entry_id``, ``score``…) and the
cells hold stable values (ISO dates, technique codes, ``yes``/``no``), so the file stays the
same data whatever language it was written in. Our own reader maps the header of *any* catalog
(and the bare keys) back to the keys, so a file exported in Spanish reads back like one in
English; a clinic system importing it by column position or by key loses nothing.

FHIR: codes and their ``display`` stay exactly as the code system defines them (LOINC's display
is English, and a receiver may check it); what FHIR gives for people — a CodeableConcept's
``text``, a questionnaire item's ``text``, a note — is in the reader's language.
"""

from __future__ import annotations

from diarybot.texts.i18n import _


def csv_headers() -> dict[str, str]:
    """The header of each CSV column, by its stable key."""
    return {
        # Translators: CSV column headers; a spreadsheet user reads them. Short, no commas.
        "entry_id": _("Entry ID"),
        "recorded_at": _("Recorded at"),
        "local_date": _("Date"),
        "score": _("Pain score (0–10)"),
        "techniques": _("Coping techniques"),
        "medication": _("Pain medication"),
        "medications": _("Medications taken"),
        "note": _("Note"),
        "source": _("Source"),
        "sleep": _("Sleep quality (0–10)"),
        "mood": _("Mood (0–10)"),
        # Translators: CSV column header: where the pain was (body regions).
        "regions": _("Pain regions"),
    }


def treatment_csv_headers() -> dict[str, str]:
    """The header of each column of treatments.csv, by its stable key."""
    return {
        # Translators: treatments.csv column headers; a spreadsheet user reads them.
        "treatment_id": _("Treatment ID"),
        "local_date": _("Date"),
        "kind": _("Kind of treatment"),
        "words": _("Details"),
        "recorded_by": _("Recorded by"),
        "mean_before": _("Mean pain, 14 days before"),
        "days_logged_before": _("Days logged before"),
        "days_before": _("Days before that had passed"),
        "mean_after": _("Mean pain, 14 days after"),
        "days_logged_after": _("Days logged after"),
        "days_after": _("Days after that had passed"),
        "change": _("Change (points)"),
        "clinically_important": _("Clinically important"),
        "peg_before": _("PEG before"),
        "peg_after": _("PEG after"),
    }


# -- FHIR: the texts people read beside the codes ----------------------------------------------


def fhir_pain_text() -> str:
    # Translators: what a pain-score observation in the FHIR file is, for a person reading it.
    return _("Pain score (0–10), as reported by the patient")


def fhir_category_text() -> str:
    # Translators: FHIR observation category "survey" (a patient's answers on a scale).
    return _("Survey")


def fhir_not_rated_text() -> str:
    # Translators: why a diary entry has no pain score: the patient wrote a note only.
    return _("Not rated: the patient wrote a note only")


def fhir_peg_score_text() -> str:
    return _("PEG score (pain, enjoyment of life, general activity), mean of 0–10")


def fhir_peg_items() -> dict[str, str]:
    """The three PEG questions, as the questionnaire item texts."""
    return {
        "pain": _("Pain on average in past week"),
        "enjoyment": _("Pain interfered with enjoyment of life in past week"),
        "activity": _("Pain interfered with general activity in past week"),
    }
