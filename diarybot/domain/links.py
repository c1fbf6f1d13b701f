"""What a patient shares with one specialist: the link the patient confirmed, at the level they
chose (pure, typed; stored in the patient's own file, where their consent lives)."""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Self


class ShareLevel(enum.StrEnum):
    """What one specialist receives, as the patient chose it (each level includes the one before).

    Stored by value in the patient's file: the values never change.
    """

    SUMMARY = "summary"  # figures and chart only: no entry table, no notes, no data files
    ENTRIES = "entries"  # the summary plus every entry and note
    FILES = "files"  # all that plus the data files (CSV, FHIR), when the specialist asks

    @property
    def with_entries(self) -> bool:
        """Whether reports to this specialist list the entries and notes."""
        return self is not ShareLevel.SUMMARY

    @property
    def with_files(self) -> bool:
        """Whether this specialist may receive the CSV and FHIR files."""
        return self is ShareLevel.FILES


#: Links confirmed before the patient chose a level agreed to "diary summaries: a weekly PDF
#: report with a chart" and the privacy notice spoke of "a summary": neither mentioned notes,
#: entries or files, so the narrowest reading is the only one we know they agreed to.
LEGACY_SHARE_LEVEL = ShareLevel.SUMMARY


@dataclass(frozen=True)
class Link:
    """A specialist the patient agreed to share summaries with (stored in the patient's file)."""

    specialist_id: int
    name: str
    username: str = ""
    since: datetime = field(default_factory=lambda: datetime.now(UTC))
    level: ShareLevel = ShareLevel.SUMMARY
    #: The specialist's short plan note for this patient (written by them, shown to the
    #: patient in /plan); kept on the link so it goes when sharing stops.
    plan: str = ""
    #: The specialist's language when they asked for the link (their Telegram language), so
    #: the record made when the patient confirms speaks to them in it from the first message.
    language: str = ""
    #: When the plan was last written: with two specialists, reminders carry the newer plan.
    plan_at: datetime | None = None

    def replace(self, **changes: Any) -> Link:
        """A copy with some fields changed."""
        return dataclasses.replace(self, **changes)

    @property
    def who(self) -> str:
        """The specialist as a person would name them: their name and @username."""
        return f"{self.name} (@{self.username})" if self.username else self.name

    def to_doc(self) -> dict[str, Any]:
        """The JSON-ready form."""
        return {
            "specialist_id": self.specialist_id,
            "name": self.name,
            "username": self.username,
            "since": self.since.isoformat(),
            "level": self.level.value,
            "plan": self.plan,
            "language": self.language,
            "plan_at": self.plan_at.isoformat() if self.plan_at else None,
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Self:
        """Rebuild from the stored form."""
        return cls(
            specialist_id=int(doc["specialist_id"]),
            name=str(doc.get("name", "")),
            username=str(doc.get("username", "")),
            since=datetime.fromisoformat(doc["since"]),
            level=_share_level(doc.get("level")),
            plan=str(doc.get("plan", "")),
            language=str(doc.get("language", "")),
            plan_at=datetime.fromisoformat(doc["plan_at"]) if doc.get("plan_at") else None,
        )


def _share_level(value: object) -> ShareLevel:
    try:
        return ShareLevel(str(value)) if value is not None else LEGACY_SHARE_LEVEL
    except ValueError:
        return ShareLevel.SUMMARY  # an unknown value shares the least
