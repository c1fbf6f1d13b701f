"""A specialist's weekly digest: one row per patient, most in need first (pure).

Ordered by what a clinician would look at first: flare days, then a clinically important
worsening against the previous period (Farrar's threshold, the same flag the reports use), then
high-pain days, then the size of the change, then the fewest days logged (someone who stopped
logging may need a call), then a worsening PEG.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from diarybot.domain.entries import Entry
from diarybot.domain.peg_score import peg_trend
from diarybot.domain.period_figures import PeriodFigures, period_figures
from diarybot.domain.practice import PegResponse
from diarybot.domain.treatments import TreatmentEvent

DIGEST_DAYS = 7
#: Flares look back this far before the period; the change compares with the period before.
HISTORY_DAYS = 2 * DIGEST_DAYS + 14


@dataclass(frozen=True)
class PatientWeek:
    """What the digest needs of one patient: plain, picklable data."""

    patient_id: int
    name: str
    reference: str
    tz_name: str
    entries: tuple[Entry, ...]
    pegs: tuple[PegResponse, ...] = ()
    #: The week's treatment events, marked on the chart as the report's chart marks them
    #: (without the patient's words: the chart shows only the kind).
    events: tuple[TreatmentEvent, ...] = ()


@dataclass(frozen=True)
class DigestRow:
    """One patient's line of the digest."""

    patient_id: int
    name: str
    reference: str
    figures: PeriodFigures
    peg_change: float | None
    peg_important: bool

    @property
    def worsened_importantly(self) -> bool:
        """Mean pain rose by a clinically important amount against the previous period."""
        change = self.figures.change
        return change is not None and change.clinically_important and change.absolute > 0

    def need(self) -> tuple[float, ...]:
        """Sort key: smaller comes first (most in need)."""
        change = self.figures.change
        return (
            -self.figures.flare_days,
            -int(self.worsened_importantly),
            -self.figures.high_pain_days,
            -(change.absolute if change is not None else 0.0),
            self.figures.days_logged,
            -(self.peg_change or 0.0),
        )


def digest_period(today: date) -> tuple[date, date]:
    """The last seven whole local days before `today`."""
    end = today - timedelta(days=1)
    return end - timedelta(days=DIGEST_DAYS - 1), end


def digest_row(week: PatientWeek, start: date, end: date) -> DigestRow:
    """The figures of one patient's week, compared with the week before."""
    figures = period_figures(week.entries, start, end, previous=week.entries)
    pegs = [p for p in week.pegs if p.local_date <= end]
    trend = peg_trend(pegs)
    recent = trend is not None and trend.points[-1][0] >= start
    return DigestRow(
        patient_id=week.patient_id,
        name=week.name,
        reference=week.reference,
        figures=figures,
        peg_change=trend.change if trend is not None and recent else None,
        peg_important=bool(trend and recent and trend.clinically_important),
    )


def ranked(rows: Sequence[DigestRow]) -> list[DigestRow]:
    """Most in need first; ties by name, so the order is stable week to week."""
    return sorted(rows, key=lambda r: (r.need(), r.name.lower(), r.patient_id))
