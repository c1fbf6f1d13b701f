"""What a patient does besides rating pain: guided exercise sessions and the weekly PEG."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Self

from diarybot.domain.entries import MAX_SCORE, MIN_SCORE, Technique


@dataclass(frozen=True)
class ExerciseSession:
    """One guided exercise: which, when, how long, finished or not, pain before and after."""

    id: str
    technique: Technique
    pattern: str
    started_at: datetime
    local_date: date
    seconds: int = 0
    completed: bool = False
    pain_before: int | None = None
    pain_after: int | None = None

    def replace(self, **changes: Any) -> ExerciseSession:
        """A copy with some fields changed."""
        return dataclasses.replace(self, **changes)

    def to_doc(self) -> dict[str, Any]:
        """The JSON-ready form."""
        return {
            "id": self.id,
            "technique": self.technique.value,
            "pattern": self.pattern,
            "started_at": self.started_at.astimezone(UTC).isoformat(),
            "local_date": self.local_date.isoformat(),
            "seconds": self.seconds,
            "completed": self.completed,
            "pain_before": self.pain_before,
            "pain_after": self.pain_after,
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Self:
        """Rebuild from the stored form."""
        return cls(
            id=str(doc["id"]),
            technique=Technique(doc["technique"]),
            pattern=str(doc["pattern"]),
            started_at=datetime.fromisoformat(doc["started_at"]),
            local_date=date.fromisoformat(doc["local_date"]),
            seconds=int(doc.get("seconds", 0)),
            completed=bool(doc.get("completed", False)),
            pain_before=_score_or_none(doc.get("pain_before")),
            pain_after=_score_or_none(doc.get("pain_after")),
        )


PEG_ITEMS = ("pain", "enjoyment", "activity")


@dataclass(frozen=True)
class PegResponse:
    """One weekly PEG (Krebs et al. 2009): three 0–10 items; the score is their mean."""

    id: str
    local_date: date
    asked_at: datetime
    pain: int | None = None
    enjoyment: int | None = None
    activity: int | None = None

    def replace(self, **changes: Any) -> PegResponse:
        """A copy with some fields changed."""
        return dataclasses.replace(self, **changes)

    @property
    def complete(self) -> bool:
        """All three items answered."""
        return None not in (self.pain, self.enjoyment, self.activity)

    @property
    def score(self) -> float | None:
        """The PEG score: the mean of the three items, once all are answered."""
        if self.pain is None or self.enjoyment is None or self.activity is None:
            return None
        return (self.pain + self.enjoyment + self.activity) / 3

    def to_doc(self) -> dict[str, Any]:
        """The JSON-ready form."""
        return {
            "id": self.id,
            "local_date": self.local_date.isoformat(),
            "asked_at": self.asked_at.astimezone(UTC).isoformat(),
            "pain": self.pain,
            "enjoyment": self.enjoyment,
            "activity": self.activity,
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Self:
        """Rebuild from the stored form."""
        return cls(
            id=str(doc["id"]),
            local_date=date.fromisoformat(doc["local_date"]),
            asked_at=datetime.fromisoformat(doc["asked_at"]),
            pain=_score_or_none(doc.get("pain")),
            enjoyment=_score_or_none(doc.get("enjoyment")),
            activity=_score_or_none(doc.get("activity")),
        )


def _score_or_none(value: Any) -> int | None:
    if value is None:
        return None
    score = int(value)
    if not MIN_SCORE <= score <= MAX_SCORE:
        raise ValueError("score out of range")
    return score
