"""The diary's domain model: what a patient's file holds, as typed, immutable values.

Nothing here knows about Telegram or TinyDB; storage turns these into plain dicts and back.
"""

from __future__ import annotations

import dataclasses
import enum
import logging
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any, Self

logger = logging.getLogger(__name__)

SCHEMA_VERSION = 1

MIN_SCORE = 0
MAX_SCORE = 10
NOTE_MAX_CHARS = 2000
DEFAULT_REMINDER_TIME = time(20, 0)


class Technique(enum.StrEnum):
    """Coping techniques a patient can tick; the value is what is stored (stable codes)."""

    BREATHING = "breathing"
    RELAXATION = "relaxation"
    MINDFULNESS = "mindfulness"
    MOVEMENT = "movement"
    HEAT_COLD = "heat_cold"
    TENS = "tens"
    DISTRACTION = "distraction"
    OTHER = "other"


class Source(enum.StrEnum):
    """How an entry was entered, so a specialist can tell prompted from spontaneous logs."""

    REMINDER = "reminder"
    CHECKIN = "checkin"
    QUICK_LOG = "log"
    TYPED = "typed"


def new_id() -> str:
    """A short random id: unique enough per patient and safe to put in callback data."""
    return secrets.token_hex(5)


@dataclass(frozen=True)
class Entry:
    """One pain rating. `local_date` is the patient's calendar day when it was recorded."""

    id: str
    recorded_at: datetime
    local_date: date
    score: int
    techniques: tuple[Technique, ...] = ()
    medication: bool = False
    note: str = ""
    source: Source = Source.CHECKIN

    def __post_init__(self) -> None:
        if self.recorded_at.tzinfo is None:
            raise ValueError("recorded_at must be timezone-aware")
        if not isinstance(self.score, int) or isinstance(self.score, bool):
            raise TypeError("score must be an int")
        if not MIN_SCORE <= self.score <= MAX_SCORE:
            raise ValueError("score must be between 0 and 10")
        if len(self.note) > NOTE_MAX_CHARS:
            raise ValueError("note is too long")

    def replace(self, **changes: Any) -> Entry:
        """A copy with some fields changed (validated again)."""
        return dataclasses.replace(self, **changes)

    def to_doc(self) -> dict[str, Any]:
        """The JSON-ready form stored in the patient's file."""
        return {
            "id": self.id,
            "recorded_at": self.recorded_at.astimezone(UTC).isoformat(),
            "local_date": self.local_date.isoformat(),
            "score": self.score,
            "techniques": [t.value for t in self.techniques],
            "medication": self.medication,
            "note": self.note,
            "source": self.source.value,
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Self:
        """Rebuild an entry from its stored form; raises on anything malformed."""
        return cls(
            id=str(doc["id"]),
            recorded_at=datetime.fromisoformat(doc["recorded_at"]),
            local_date=date.fromisoformat(doc["local_date"]),
            score=int(doc["score"]),
            techniques=tuple(Technique(t) for t in doc.get("techniques", ())),
            medication=bool(doc.get("medication", False)),
            note=str(doc.get("note", "")),
            source=Source(doc.get("source", Source.CHECKIN.value)),
        )


def entries_between(docs: Iterable[Any], start: date | None, end: date | None) -> list[Entry]:
    """Stored entry documents on local days `start`..`end` (inclusive), parsed, oldest first.

    A document that does not parse (only a hand-edited file holds one) is left out and logged
    without its content; it stays in the file untouched.
    """
    low = start.isoformat() if start else ""
    high = end.isoformat() if end else "9999"
    chosen = []
    for doc in docs:
        try:
            if low <= doc["local_date"] <= high:
                chosen.append(Entry.from_doc(doc))
        except (KeyError, TypeError, ValueError):
            # No traceback: its message could quote the record.
            logger.error("Skipped a stored entry that does not parse")  # noqa: TRY400
    return sorted(chosen, key=lambda e: e.recorded_at)


@dataclass(frozen=True)
class Profile:
    """A patient's settings and the bookkeeping the reminder needs to stay exactly-once."""

    user_id: int
    chat_id: int
    timezone: str = "UTC"
    reminder_time: time = DEFAULT_REMINDER_TIME
    onboarded: bool = False
    paused: bool = False
    blocked: bool = False
    last_reminded: date | None = None
    weekly_chart: bool = False
    last_weekly_chart: date | None = None
    display_name: str = ""
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    peg_on: bool = True
    peg_weekday: int = 6  # 0 = Monday; Sunday by default, with the weekly chart
    last_peg_asked: date | None = None
    last_flare_notice: date | None = None

    def replace(self, **changes: Any) -> Profile:
        """A copy with some fields changed."""
        return dataclasses.replace(self, **changes)

    @property
    def reminders_active(self) -> bool:
        """Whether daily reminders should be scheduled at all."""
        return self.onboarded and not self.paused and not self.blocked

    def to_doc(self) -> dict[str, Any]:
        """The JSON-ready form stored in the patient's file."""
        return {
            "user_id": self.user_id,
            "chat_id": self.chat_id,
            "timezone": self.timezone,
            "reminder_time": self.reminder_time.strftime("%H:%M"),
            "onboarded": self.onboarded,
            "paused": self.paused,
            "blocked": self.blocked,
            "last_reminded": _iso_or_none(self.last_reminded),
            "weekly_chart": self.weekly_chart,
            "last_weekly_chart": _iso_or_none(self.last_weekly_chart),
            "display_name": self.display_name,
            "created_at": self.created_at.isoformat(),
            "peg_on": self.peg_on,
            "peg_weekday": self.peg_weekday,
            "last_peg_asked": _iso_or_none(self.last_peg_asked),
            "last_flare_notice": _iso_or_none(self.last_flare_notice),
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Self:
        """Rebuild a profile from its stored form; unknown keys are ignored (forward compat)."""
        return cls(
            user_id=int(doc["user_id"]),
            chat_id=int(doc["chat_id"]),
            timezone=str(doc.get("timezone", "UTC")),
            reminder_time=time.fromisoformat(doc.get("reminder_time", "20:00")),
            onboarded=bool(doc.get("onboarded", False)),
            paused=bool(doc.get("paused", False)),
            blocked=bool(doc.get("blocked", False)),
            last_reminded=_date_or_none(doc.get("last_reminded")),
            weekly_chart=bool(doc.get("weekly_chart", False)),
            last_weekly_chart=_date_or_none(doc.get("last_weekly_chart")),
            display_name=str(doc.get("display_name", "")),
            created_at=datetime.fromisoformat(doc["created_at"])
            if doc.get("created_at")
            else datetime.now(UTC),
            peg_on=bool(doc.get("peg_on", True)),
            peg_weekday=int(doc.get("peg_weekday", 6)) % 7,
            last_peg_asked=_date_or_none(doc.get("last_peg_asked")),
            last_flare_notice=_date_or_none(doc.get("last_flare_notice")),
        )


def _iso_or_none(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date_or_none(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


@dataclass(frozen=True)
class Link:
    """A specialist the patient agreed to share summaries with (stored in the patient's file)."""

    specialist_id: int
    name: str
    username: str = ""
    since: datetime = field(default_factory=lambda: datetime.now(UTC))

    def to_doc(self) -> dict[str, Any]:
        """The JSON-ready form."""
        return {
            "specialist_id": self.specialist_id,
            "name": self.name,
            "username": self.username,
            "since": self.since.isoformat(),
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Self:
        """Rebuild from the stored form."""
        return cls(
            specialist_id=int(doc["specialist_id"]),
            name=str(doc.get("name", "")),
            username=str(doc.get("username", "")),
            since=datetime.fromisoformat(doc["since"]),
        )


@dataclass(frozen=True)
class Specialist:
    """A specialist's own settings: when their weekly summaries arrive, and whom they follow.

    `patients` is an index for listing and scheduling only; every access to a patient's data is
    checked against the patient's own file, where the patient's consent lives.
    """

    user_id: int
    chat_id: int
    name: str = ""
    timezone: str = "UTC"
    digest_weekday: int = 0  # ISO weekday - 1: 0 = Monday
    digest_time: time = time(8, 0)
    digest_on: bool = True
    last_digest: date | None = None
    patients: tuple[int, ...] = ()
    flare_alerts: bool = False

    def replace(self, **changes: Any) -> Specialist:
        """A copy with some fields changed."""
        return dataclasses.replace(self, **changes)

    def to_doc(self) -> dict[str, Any]:
        """The JSON-ready form."""
        return {
            "user_id": self.user_id,
            "chat_id": self.chat_id,
            "name": self.name,
            "timezone": self.timezone,
            "digest_weekday": self.digest_weekday,
            "digest_time": self.digest_time.strftime("%H:%M"),
            "digest_on": self.digest_on,
            "last_digest": _iso_or_none(self.last_digest),
            "patients": list(self.patients),
            "flare_alerts": self.flare_alerts,
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Self:
        """Rebuild from the stored form."""
        return cls(
            user_id=int(doc["user_id"]),
            chat_id=int(doc["chat_id"]),
            name=str(doc.get("name", "")),
            timezone=str(doc.get("timezone", "UTC")),
            digest_weekday=int(doc.get("digest_weekday", 0)) % 7,
            digest_time=time.fromisoformat(doc.get("digest_time", "08:00")),
            digest_on=bool(doc.get("digest_on", True)),
            last_digest=_date_or_none(doc.get("last_digest")),
            patients=tuple(int(p) for p in doc.get("patients", ())),
            flare_alerts=bool(doc.get("flare_alerts", False)),
        )


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
