"""The audit trail of a diary: every correction a patient made to an entry (pure, typed).

Reports and charts read the entries as they are now; this trail keeps what each field was
before, and when it changed, so a specialist or the patient can see that a value was corrected.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Self

from diarybot.domain.entries import Entry

#: The field name a removal is recorded under (the old value is the whole entry).
REMOVED = "removed"


@dataclass(frozen=True)
class Correction:
    """One field of one entry changed (or the entry removed) at `at`."""

    entry_id: str
    at: datetime
    field: str
    old: Any
    new: Any

    def to_doc(self) -> dict[str, Any]:
        """The JSON-ready form stored in the diary's `corrections` table."""
        return {
            "entry_id": self.entry_id,
            "at": self.at.astimezone(UTC).isoformat(),
            "field": self.field,
            "old": self.old,
            "new": self.new,
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Self:
        """Rebuild a correction from its stored form."""
        return cls(
            entry_id=str(doc["entry_id"]),
            at=datetime.fromisoformat(doc["at"]),
            field=str(doc["field"]),
            old=doc.get("old"),
            new=doc.get("new"),
        )


def changes_between(before: Entry, after: Entry, at: datetime) -> list[Correction]:
    """One correction per stored field that differs, in the stored form of each value."""
    old, new = before.to_doc(), after.to_doc()
    return [
        Correction(before.id, at, name, old[name], new[name])
        for name in new
        if name != "id" and old.get(name) != new[name]
    ]


def removal(entry: Entry, at: datetime) -> Correction:
    """The record of removing `entry`: everything it held, so nothing vanishes untraced."""
    return Correction(entry.id, at, REMOVED, entry.to_doc(), None)
