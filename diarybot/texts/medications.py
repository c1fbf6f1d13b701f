"""Every word about the patient's medication list (/meds, the check-in, reports)."""

from __future__ import annotations

from datetime import date

from diarybot.domain.medications import NAME_MAX_CHARS, Medication, Use

USE_NAMES = {Use.REGULAR: "regular", Use.AS_NEEDED: "as needed"}

MEDS_EMPTY = (
    "Your medication list is empty. Add what you take for pain, in your own words, and the "
    "check-in will let you tap what you took. It is optional."
)
MEDS_HEADER = "Your medications:"
MEDS_HINT = "Tap one to rename it or mark it stopped."
MED_LINE = "• {name} — {use}"
MED_LINE_STOPPED = "• {name} — stopped on {day}"
BUTTON_ADD = "➕ Add a medication"
BUTTON_REGULAR = "Regular"
BUTTON_AS_NEEDED = "As needed"
BUTTON_RENAME = "✏️ Rename"
BUTTON_STOP = "⏹ I stopped taking it"
BUTTON_LIST = "« Your list"
ASK_NAME = (
    "Type the medication and your usual dose as you would say it, like “ibuprofen 400 mg” or "
    "“pregabalin 75 mg twice a day”. /cancel stops."
)
NAME_INVALID = f"Please type the name and dose in at most {NAME_MAX_CHARS} characters."
ASK_USE = "Do you take “{name}” regularly, or only as needed?"
ADDED = "Added “{name}” ({use}). In the check-in, “Pain medication” now shows your list."
LIST_FULL = "Your list is full. Mark one you no longer take as stopped first."
MED_DETAIL = "{name} — {use}, on your list since {day}."
ASK_RENAME = "Type the new name and dose for “{name}”. /cancel keeps it."
RENAMED = "Renamed to “{name}”."
STOPPED = "“{name}” is marked as stopped on {day}. Your reports still show the days you took it."
MED_GONE = "That medication is no longer on your list. Send /meds to see it."
QUESTION_GONE = "That question has expired. Send /meds to add it again."

# In the check-in, on the techniques message.
MEDICATION_OPEN = "{mark}Pain medication ›"
BUTTON_CLEAR = "Clear"
BUTTON_BACK_TECHNIQUES = "« Back to techniques"
AS_NEEDED_LABEL = "{name} · as needed"
AS_NEEDED_COUNT = "{name} · ×{count}"


def list_text(medications: tuple[Medication, ...]) -> str:
    """The /meds message: the list, stopped ones last with their day."""
    if not medications:
        return MEDS_EMPTY
    lines = [MED_LINE.format(name=m.name, use=USE_NAMES[m.use]) for m in medications if m.active]
    lines += [
        MED_LINE_STOPPED.format(name=m.name, day=_day(m.stopped))
        for m in medications
        if m.stopped is not None
    ]
    return "\n".join([MEDS_HEADER, *lines, "", MEDS_HINT])


def detail_text(medication: Medication) -> str:
    """One medication, with its buttons below."""
    return MED_DETAIL.format(
        name=medication.name, use=USE_NAMES[medication.use], day=_day(medication.started)
    )


def _day(day: date | None) -> str:
    return day.strftime("%d %b %Y") if day else "?"


# -- reports ------------------------------------------------------------------------------------

REPORT_HEADING = "Medications (as the patient names them)"
REPORT_TAKEN = "{name} ({use}): taken on {days}, {doses} in this period."
REPORT_COMPARED = (
    "On the {days_taken} with {name} the average pain was {mean_taken}; on the {days_not} "
    "without, {mean_not}."
)
REPORT_TOO_FEW = "Too few days with and without {name} to compare average pain."
REPORT_CAVEAT = (
    "Observations, not effects: pain may be why an as-needed medication was taken. Averages are "
    "compared only for as-needed medication with at least {min_days} logged days with and "
    "{min_days} without."
)
#: FHIR MedicationStatement.note: the figures in words (no codes are invented for a name).
FHIR_NOTE = "Taken on {days} in {start}–{end}, {doses} in total ({use}), as the patient recorded."


def doses_text(n: int) -> str:
    """A number of doses in words."""
    return f"{n} dose" if n == 1 else f"{n} doses"


def days_text(n: int) -> str:
    """A number of days in words."""
    return f"{n} day" if n == 1 else f"{n} days"
