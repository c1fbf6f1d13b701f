"""The weekly PEG (Krebs et al., J Gen Intern Med 2009;24:733–8): scoring and trend (pure).

PEG = mean of three 0–10 items: average Pain, interference with Enjoyment of life, with
General activity. A change from the first PEG of ≥ 2 points or ≥ 30 % is flagged as
clinically important, the same rule the pain figures use (Farrar et al. 2001).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from diarybot.domain.practice import PegResponse
from diarybot.domain.trend_figures import IMPORTANT_CHANGE_FRACTION, IMPORTANT_CHANGE_POINTS

# LOINC codes (checked against two public FHIR code tables that agree: the PEG panel, its
# items and the mean score).
LOINC_PANEL = "91148-7"
LOINC_SCORE = "91147-9"
LOINC_ITEMS = {"pain": "75893-8", "enjoyment": "91145-3", "activity": "91146-1"}


@dataclass(frozen=True)
class PegTrend:
    """The first and latest complete PEG and whether the change matters clinically."""

    points: tuple[tuple[date, float], ...]
    first: float
    latest: float
    change: float
    clinically_important: bool


def peg_trend(responses: Iterable[PegResponse]) -> PegTrend | None:
    """The trend over complete PEGs, oldest first; None with fewer than two."""
    points = tuple(sorted((r.local_date, r.score) for r in responses if r.score is not None))
    if len(points) < 2:
        return None
    first, latest = points[0][1], points[-1][1]
    change = latest - first
    important = abs(change) >= IMPORTANT_CHANGE_POINTS or (
        first > 0 and abs(change) / first >= IMPORTANT_CHANGE_FRACTION
    )
    return PegTrend(points, first, latest, change, important)
