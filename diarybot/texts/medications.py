"""Every word about the patient's medication list (/meds, the check-in, reports)."""

from __future__ import annotations

from datetime import date

from diarybot.domain.medications import NAME_MAX_CHARS, Medication, Use
from diarybot.texts.i18n import _, ngettext


def use_names() -> dict[Use, str]:
    return {Use.REGULAR: _("regular"), Use.AS_NEEDED: _("as needed")}


def meds_empty() -> str:
    return _(
        "Your medication list is empty. Add what you take for pain, in your own words, and the "
        "check-in will let you tap what you took. It is optional."
    )


def meds_header() -> str:
    return _("Your medications:")


def meds_hint() -> str:
    return _("Tap one to rename it or mark it stopped.")


def med_line() -> str:
    return _("• {name} — {use}")


def med_line_stopped() -> str:
    return _("• {name} — stopped on {day}")


def button_add() -> str:
    return _("➕ Add a medication")


def button_regular() -> str:
    return _("Regular")


def button_as_needed() -> str:
    return _("As needed")


def button_rename() -> str:
    return _("✏️ Rename")


def button_stop() -> str:
    return _("⏹ I stopped taking it")


def button_list() -> str:
    return _("« Your list")


def ask_name() -> str:
    return _(
        "Type the medication and your usual dose as you would say it, like “ibuprofen 400 mg” or "
        "“pregabalin 75 mg twice a day”. /cancel stops."
    )


def name_invalid() -> str:
    return _("Please type the name and dose in at most {name_max_chars} characters.").format(
        name_max_chars=NAME_MAX_CHARS
    )


def ask_use() -> str:
    return _("Do you take “{name}” regularly, or only as needed?")


def added() -> str:
    return _("Added “{name}” ({use}). In the check-in, “Pain medication” now shows your list.")


def list_full() -> str:
    return _("Your list is full. Mark one you no longer take as stopped first.")


def med_detail() -> str:
    return _("{name} — {use}, on your list since {day}.")


def ask_rename() -> str:
    return _("Type the new name and dose for “{name}”. /cancel keeps it.")


def renamed() -> str:
    return _("Renamed to “{name}”.")


def stopped() -> str:
    return _(
        "“{name}” is marked as stopped on {day}. Your reports still show the days you took it."
    )


def med_gone() -> str:
    return _("That medication is no longer on your list. Send /meds to see it.")


def question_gone() -> str:
    return _("That question has expired. Send /meds to add it again.")


# In the check-in, on the techniques message.
def medication_open() -> str:
    return _("{mark}Pain medication ›")


def button_clear() -> str:
    return _("Clear")


def button_back_techniques() -> str:
    return _("« Back to techniques")


def as_needed_label() -> str:
    return _("{name} · as needed")


def as_needed_count() -> str:
    return _("{name} · ×{count}")


def list_text(medications: tuple[Medication, ...]) -> str:
    """The /meds message: the list, stopped ones last with their day."""
    if not medications:
        return meds_empty()
    lines = [
        med_line().format(name=m.name, use=use_names()[m.use]) for m in medications if m.active
    ]
    lines += [
        med_line_stopped().format(name=m.name, day=_day(m.stopped))
        for m in medications
        if m.stopped is not None
    ]
    return "\n".join([meds_header(), *lines, "", meds_hint()])


def detail_text(medication: Medication) -> str:
    """One medication, with its buttons below."""
    return med_detail().format(
        name=medication.name, use=use_names()[medication.use], day=_day(medication.started)
    )


def _day(day: date | None) -> str:
    return day.strftime("%d %b %Y") if day else "?"


# -- reports ------------------------------------------------------------------------------------


def report_heading() -> str:
    return _("Medications (as the patient names them)")


def report_taken() -> str:
    return _("{name} ({use}): taken on {days}, {doses} in this period.")


def report_compared() -> str:
    return _(
        "On the {days_taken} with {name} the average pain was {mean_taken}; on the {days_not} "
        "without, {mean_not}."
    )


def report_too_few() -> str:
    return _("Too few days with and without {name} to compare average pain.")


def report_caveat() -> str:
    return _(
        "Observations, not effects: pain may be why an as-needed medication was taken. Averages "
        "are "
        "compared only for as-needed medication with at least {min_days} logged days with and "
        "{min_days} without."
    )


#: FHIR MedicationStatement.note: the figures in words (no codes are invented for a name).
def fhir_note() -> str:
    return _(
        "Taken on {days} in {start}–{end}, {doses} in total ({use}), as the patient recorded."
    )


def doses_text(n: int) -> str:
    """A number of doses inside a report sentence: '1 dose', '3 doses'."""
    return ngettext("{n} dose", "{n} doses", n).format(n=n)


def days_text(n: int) -> str:
    """A number of days inside a report sentence: '1 day', '3 days'."""
    return ngettext("{n} day", "{n} days", n).format(n=n)
