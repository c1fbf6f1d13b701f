"""A diary entry: one pain rating with what the patient did and wrote (pure, typed).

Nothing here knows about Telegram or TinyDB; storage turns these into plain dicts and back.
"""

from __future__ import annotations

import dataclasses
import enum
import logging
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Self

from diarybot.domain.daily_items import Region, regions_from_doc, valid_rating
from diarybot.domain.medications import Doses, doses_from_doc, doses_to_doc

logger = logging.getLogger(__name__)

MIN_SCORE = 0
MAX_SCORE = 10
# One Telegram message (4 096 characters): any note a patient can send fits in one entry's note;
# the bot splits longer pasted text into consecutive notes rather than refusing it.
NOTE_MAX_CHARS = 4096


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
    #: Words the patient wrote outside a question and chose to keep on their own: no score.
    NOTE = "note"


def new_id() -> str:
    """A short random id: unique enough per patient and safe to put in callback data."""
    return secrets.token_hex(5)


@dataclass(frozen=True)
class Entry:
    """One pain rating, or a note-only entry (`score` None: the patient wrote, not rated).

    `local_date` is the patient's calendar day when it was recorded. Everything that counts
    scores (figures, flares, charts, reports) must skip entries without one: see `scored`.
    """

    id: str
    recorded_at: datetime
    local_date: date
    score: int | None
    techniques: tuple[Technique, ...] = ()
    medication: bool = False
    note: str = ""
    source: Source = Source.CHECKIN
    #: Whether the patient answered the techniques question: ticked something, or said "None
    #: of these". False: the keyboard was left (or tapped through), so an empty `techniques`
    #: means "not answered", never "used none" (the report's with/without figures skip it).
    techniques_answered: bool = False
    #: Which of the patient's own medications (by id) and how many doses; `medication` stays
    #: true whenever there is one, so the yes/no figures keep counting the same days.
    doses: Doses = ()
    #: The optional daily items (`domain.daily_items`): None / empty when not asked or skipped.
    sleep: int | None = None
    mood: int | None = None
    regions: tuple[Region, ...] = ()

    def __post_init__(self) -> None:
        if self.recorded_at.tzinfo is None:
            raise ValueError("recorded_at must be timezone-aware")
        if self.score is not None:
            if not isinstance(self.score, int) or isinstance(self.score, bool):
                raise TypeError("score must be an int")
            if not MIN_SCORE <= self.score <= MAX_SCORE:
                raise ValueError("score must be between 0 and 10")
        elif not self.note:
            raise ValueError("an entry without a score must have a note")
        if len(self.note) > NOTE_MAX_CHARS:
            raise ValueError("note is too long")
        for value in (self.sleep, self.mood):
            if value is not None and not valid_rating(value):
                raise ValueError("sleep and mood must be 0–10")

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
            "techniques_answered": self.techniques_answered,
            "doses": doses_to_doc(self.doses),
            "sleep": self.sleep,
            "mood": self.mood,
            "regions": [r.value for r in self.regions],
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Self:
        """Rebuild an entry from its stored form; raises on anything malformed."""
        techniques = tuple(Technique(t) for t in doc.get("techniques", ()))
        medication = bool(doc.get("medication", False))
        return cls(
            id=str(doc["id"]),
            recorded_at=datetime.fromisoformat(doc["recorded_at"]),
            local_date=date.fromisoformat(doc["local_date"]),
            score=None if doc["score"] is None else int(doc["score"]),
            techniques=techniques,
            medication=medication,
            note=str(doc.get("note", "")),
            source=Source(doc.get("source", Source.CHECKIN.value)),
            # Schema 1 had no such field: a tick is an answer; an empty list was either "none"
            # or a keyboard left unanswered, and cannot be told apart, so it is "not answered".
            techniques_answered=bool(
                doc.get("techniques_answered", bool(techniques) or medication)
            ),
            # Entries from before the medication list have no doses: the yes/no alone.
            doses=doses_from_doc(doc.get("doses")),
            # Schema 3 added the optional daily items; older entries were never asked them.
            sleep=_rating_or_none(doc.get("sleep")),
            mood=_rating_or_none(doc.get("mood")),
            regions=regions_from_doc(doc.get("regions")),
        )


def _rating_or_none(value: Any) -> int | None:
    return None if value is None else int(value)


def scored(entries: Iterable[Entry]) -> list[Entry]:
    """Only the entries that carry a pain score: a note-only entry is never counted as one."""
    return [e for e in entries if e.score is not None]


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
