"""The patient's own medication list and the doses ticked on an entry (pure, typed).

A medication is what the patient writes ("ibuprofen 400 mg", "pregabalin 75 mg twice a day"):
the words are kept as written, never parsed into a drug and a dose, so nothing is invented.
"""

from __future__ import annotations

import dataclasses
import enum
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Self

#: Long enough for a name, a dose and "twice a day"; short enough for a button.
NAME_MAX_CHARS = 60
#: A patient's list stays one keyboard long.
MAX_MEDICATIONS = 12
#: As-needed doses counted on one entry: more taps than this are a slip of the thumb.
MAX_DOSES = 12
ID_CHARS = 6


class Use(enum.StrEnum):
    """How the patient takes it; the value is what is stored."""

    REGULAR = "regular"
    AS_NEEDED = "as_needed"


def new_medication_id(taken: Iterable[str] = ()) -> str:
    """A short id, unique in this patient's list, safe in callback data."""
    used = set(taken)
    while True:
        candidate = secrets.token_hex(ID_CHARS // 2)
        if candidate not in used:
            return candidate


def clean_name(text: str) -> str | None:
    """The name as typed, with spaces tidied; None when empty or too long for a button."""
    name = " ".join(text.split())
    if not name or len(name) > NAME_MAX_CHARS:
        return None
    return name


@dataclass(frozen=True)
class Medication:
    """One medication on the patient's list; a stopped one stays, with the day it stopped."""

    id: str
    name: str
    use: Use = Use.REGULAR
    started: date | None = None
    stopped: date | None = None

    @property
    def active(self) -> bool:
        """Still taken (offered in the check-in)."""
        return self.stopped is None

    def replace(self, **changes: Any) -> Medication:
        """A copy with some fields changed."""
        return dataclasses.replace(self, **changes)

    def to_doc(self) -> dict[str, Any]:
        """The JSON-ready form stored in the patient's profile."""
        return {
            "id": self.id,
            "name": self.name,
            "use": self.use.value,
            "started": self.started.isoformat() if self.started else None,
            "stopped": self.stopped.isoformat() if self.stopped else None,
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Self:
        """Rebuild from the stored form; raises on anything malformed."""
        return cls(
            id=str(doc["id"]),
            name=str(doc["name"]),
            use=Use(doc.get("use", Use.REGULAR.value)),
            started=date.fromisoformat(doc["started"]) if doc.get("started") else None,
            stopped=date.fromisoformat(doc["stopped"]) if doc.get("stopped") else None,
        )


def find(medications: Iterable[Medication], medication_id: str) -> Medication | None:
    """The medication with this id, or None."""
    return next((m for m in medications if m.id == medication_id), None)


def active(medications: Iterable[Medication]) -> tuple[Medication, ...]:
    """Those still taken, in the patient's order."""
    return tuple(m for m in medications if m.active)


def changed(
    medications: tuple[Medication, ...], medication_id: str, **changes: Any
) -> tuple[Medication, ...]:
    """The list with one medication changed (renamed, stopped); unchanged if it is not there."""
    return tuple(m.replace(**changes) if m.id == medication_id else m for m in medications)


#: Doses on an entry: (medication id, count) pairs in the order they were first tapped.
Doses = tuple[tuple[str, int], ...]


def doses_of(doses: Doses, medication_id: str) -> int:
    """How many doses of this medication an entry records."""
    return dict(doses).get(medication_id, 0)


def tap(doses: Doses, medication: Medication) -> Doses:
    """One tap on a medication in the check-in.

    Regular: taken or not (a second tap takes it back). As needed: each tap is one more dose,
    up to MAX_DOSES; "Clear" (`Doses()`) starts again.
    """
    before = doses_of(doses, medication.id)
    regular = medication.use is Use.REGULAR
    count = (0 if before else 1) if regular else min(before + 1, MAX_DOSES)
    if count == 0:
        return tuple((mid, n) for mid, n in doses if mid != medication.id)
    if before:
        return tuple((mid, count if mid == medication.id else n) for mid, n in doses)
    return (*doses, (medication.id, count))


def doses_to_doc(doses: Doses) -> dict[str, int]:
    """The stored form (a JSON object keeps the order)."""
    return dict(doses)


def doses_from_doc(value: Any) -> Doses:
    """Rebuild doses; old entries have none."""
    if not value:
        return ()
    return tuple((str(mid), int(n)) for mid, n in dict(value).items() if int(n) > 0)
