"""Treatment events and the pain around them (pure, typed).

A treatment event is something done on a day: a medication started or changed, an injection or
nerve block, a course of physiotherapy or CBT starting or ending, surgery, anything else in the
patient's words. Recorded by the patient or, while the patient shares, by their specialist.

The *response* is an observation, never a claim of effect: the mean daily pain in the 14 days
before the event (−14…−1) and in the 14 days after (+1…+14), each with the number of days that
had entries, the change flagged at Farrar's threshold (as elsewhere), and the PEG before and
after where there is one. The event day itself belongs to neither window.
"""

from __future__ import annotations

import enum
import math
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Self

from diarybot.domain.entries import Entry
from diarybot.domain.practice import PegResponse
from diarybot.domain.trend_figures import REPORT_DECIMALS, clinically_important

#: Days on each side of the event (Farrar's trials compared a few weeks' ratings).
WINDOW_DAYS = 14
#: Long enough for "pregabalin up to 150 mg twice a day" or a clinic's name.
WORDS_MAX_CHARS = 200
ID_CHARS = 10


class Kind(enum.StrEnum):
    """What was done; the value is stored and travels in callback data (short)."""

    MEDICATION_STARTED = "med_start"
    MEDICATION_CHANGED = "med_change"
    INJECTION = "injection"
    PHYSIO_START = "physio_start"
    PHYSIO_END = "physio_end"
    PSYCHOLOGY_START = "cbt_start"
    PSYCHOLOGY_END = "cbt_end"
    SURGERY = "surgery"
    OTHER = "other"


#: Kinds that are procedures done to the patient (FHIR `Procedure`); the others are changes
#: of medication, stated as such in text.
PROCEDURES = frozenset(
    {
        Kind.INJECTION,
        Kind.PHYSIO_START,
        Kind.PHYSIO_END,
        Kind.PSYCHOLOGY_START,
        Kind.PSYCHOLOGY_END,
        Kind.SURGERY,
        Kind.OTHER,
    }
)


def new_treatment_id() -> str:
    """A random id (10 hex digits, like entries': safe in callback data)."""
    return secrets.token_hex(ID_CHARS // 2)


def clean_words(text: str) -> str | None:
    """The words as typed, spaces tidied; None when empty or longer than WORDS_MAX_CHARS."""
    words = " ".join(text.split())
    if not words or len(words) > WORDS_MAX_CHARS:
        return None
    return words


@dataclass(frozen=True)
class TreatmentEvent:
    """One treatment on one of the patient's local days.

    `specialist_id` is None when the patient recorded it, else the Telegram id of the linked
    specialist who did (shown to the patient by name; kept so the record says who).
    """

    id: str
    local_date: date
    kind: Kind
    recorded_at: datetime
    words: str = ""
    specialist_id: int | None = None
    #: How the specialist was named when they recorded it ("Dr Lee (@drlee)").
    recorded_by: str = ""

    @property
    def by_specialist(self) -> bool:
        """Recorded by a specialist, not by the patient."""
        return self.specialist_id is not None

    def to_doc(self) -> dict[str, Any]:
        """The JSON-ready form stored in the diary file."""
        return {
            "id": self.id,
            "local_date": self.local_date.isoformat(),
            "kind": self.kind.value,
            "recorded_at": self.recorded_at.isoformat(),
            "words": self.words,
            "specialist_id": self.specialist_id,
            "recorded_by": self.recorded_by,
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Self:
        """Rebuild from the stored form; raises on anything malformed."""
        specialist = doc.get("specialist_id")
        return cls(
            id=str(doc["id"]),
            local_date=date.fromisoformat(doc["local_date"]),
            kind=Kind(doc["kind"]),
            recorded_at=datetime.fromisoformat(doc["recorded_at"]),
            words=str(doc.get("words") or ""),
            specialist_id=int(specialist) if specialist is not None else None,
            recorded_by=str(doc.get("recorded_by") or ""),
        )


@dataclass(frozen=True)
class TreatmentDraft:
    """A treatment being recorded with /treatment: whose diary, what, and (once known) when."""

    patient_id: int
    kind: Kind
    day: date | None = None


def in_period(events: Iterable[TreatmentEvent], start: date, end: date) -> list[TreatmentEvent]:
    """Events on days `start`..`end`, oldest first (by day, then by when recorded)."""
    chosen = [e for e in events if start <= e.local_date <= end]
    return sorted(chosen, key=lambda e: (e.local_date, e.recorded_at))


@dataclass(frozen=True)
class Window:
    """The mean daily pain over one side of an event.

    `days_logged` counts days with at least one score; `days_available` is how many of the
    WINDOW_DAYS days had already happened by the report's last day (fewer right after an
    event). `mean` is None when no day was logged; it is rounded to `REPORT_DECIMALS`.
    """

    first: date
    last: date
    days_available: int
    days_logged: int
    mean: float | None


@dataclass(frozen=True)
class Response:
    """What the diary shows around one event (an observation, not an effect)."""

    event: TreatmentEvent
    before: Window
    after: Window
    #: after − before on the printed (rounded) means; None unless both exist.
    change: float | None
    percent: float | None
    clinically_important: bool
    #: The latest complete PEG in each window, as (day, score).
    peg_before: tuple[date, float] | None
    peg_after: tuple[date, float] | None


def response(
    event: TreatmentEvent,
    entries: Iterable[Entry],
    pegs: Iterable[PegResponse],
    as_of: date,
) -> Response:
    """The pain and PEG around `event`, counting only days up to `as_of` (the report's end)."""
    entries = list(entries)
    day = event.local_date
    before = _window(entries, day - timedelta(days=WINDOW_DAYS), day - timedelta(days=1), as_of)
    after = _window(entries, day + timedelta(days=1), day + timedelta(days=WINDOW_DAYS), as_of)
    change = percent = None
    important = False
    if before.mean is not None and after.mean is not None:
        change = round(after.mean - before.mean, REPORT_DECIMALS)
        percent = change / before.mean * 100 if before.mean > 0 else None
        important = clinically_important(change, before.mean)
    complete = [p for p in pegs if p.score is not None]
    return Response(
        event=event,
        before=before,
        after=after,
        change=change,
        percent=percent,
        clinically_important=important,
        peg_before=_latest_peg(complete, before),
        peg_after=_latest_peg(complete, after),
    )


def _window(entries: list[Entry], first: date, last: date, as_of: date) -> Window:
    """Daily means over `first`..`last` (not beyond `as_of`), and their mean of means."""
    last_counted = min(last, as_of)
    days: dict[date, list[int]] = {}
    for entry in entries:
        if entry.score is not None and first <= entry.local_date <= last_counted:
            days.setdefault(entry.local_date, []).append(entry.score)
    means = [math.fsum(scores) / len(scores) for scores in days.values()]
    mean = round(math.fsum(means) / len(means), REPORT_DECIMALS) if means else None
    available = max(0, (last_counted - first).days + 1)
    return Window(first, last, available, len(days), mean)


def _latest_peg(pegs: list[PegResponse], window: Window) -> tuple[date, float] | None:
    """The window's latest complete PEG (the nearest to the event before it, the fullest
    response after it), counted only up to the days the window had by then."""
    last = window.first + timedelta(days=window.days_available - 1)
    inside = [
        (p.local_date, p.score)
        for p in pegs
        if p.score is not None and window.first <= p.local_date <= last
    ]
    if not inside:
        return None
    day, score = max(inside)
    return day, round(score, REPORT_DECIMALS)
