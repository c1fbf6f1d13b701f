"""Guided exercises as timed steps, and what the sessions show (pure).

The steps are data; `guided.py` plays them in the chat through the job queue. Wording lives in
`texts`. No claims are made from fewer than `MIN_RATED_SESSIONS` rated sessions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from diarybot import texts
from diarybot.domain.models import ExerciseSession, Technique

MIN_RATED_SESSIONS = 3
GET_READY_SECONDS = 5


@dataclass(frozen=True)
class Step:
    """One instruction shown for `seconds` before the next replaces it."""

    text: str
    seconds: int


@dataclass(frozen=True)
class Pattern:
    """A guided exercise: its technique and its rhythm."""

    code: str
    technique: Technique
    phases: tuple[tuple[str, int], ...]  # (template, seconds) for one round
    rounds: int


PATTERNS: dict[str, Pattern] = {
    "calm": Pattern(
        "calm", Technique.BREATHING, ((texts.BREATH_IN, 4), (texts.BREATH_OUT, 6)), rounds=18
    ),
    "box": Pattern(
        "box",
        Technique.BREATHING,
        (
            (texts.BREATH_IN, 4),
            (texts.BREATH_HOLD, 4),
            (texts.BREATH_OUT, 4),
            (texts.BREATH_HOLD, 4),
        ),
        rounds=11,
    ),
    "478": Pattern(
        "478",
        Technique.BREATHING,
        ((texts.BREATH_IN, 4), (texts.BREATH_HOLD, 7), (texts.BREATH_OUT, 8)),
        rounds=4,
    ),
    "pmr": Pattern("pmr", Technique.RELAXATION, (), rounds=0),
}
BREATHING_PATTERNS = ("calm", "box", "478")
PMR_TENSE_SECONDS = 5
PMR_RELEASE_SECONDS = 10


def steps(code: str) -> list[Step]:
    """The full sequence of steps for a pattern, starting with a moment to settle."""
    pattern = PATTERNS[code]
    sequence = [Step(texts.GET_READY, GET_READY_SECONDS)]
    if pattern.technique is Technique.RELAXATION:
        for group in texts.PMR_GROUPS:
            sequence.append(
                Step(
                    texts.PMR_TENSE.format(group=group, seconds=PMR_TENSE_SECONDS),
                    PMR_TENSE_SECONDS,
                )
            )
            sequence.append(
                Step(texts.PMR_RELEASE.format(seconds=PMR_RELEASE_SECONDS), PMR_RELEASE_SECONDS)
            )
        return sequence
    for _ in range(pattern.rounds):
        sequence += [Step(t.format(seconds=s), s) for t, s in pattern.phases]
    return sequence


def total_seconds(code: str) -> int:
    """How long a pattern takes when completed."""
    return sum(step.seconds for step in steps(code))


@dataclass(frozen=True)
class PracticeFigures:
    """Sessions of one technique and, when there are enough ratings, the mean change."""

    technique: Technique
    sessions: int
    completed: int
    rated: int
    mean_change: float | None  # after minus before; None below MIN_RATED_SESSIONS


def practice_figures(sessions: Iterable[ExerciseSession]) -> list[PracticeFigures]:
    """Per technique: how many sessions, and the mean before→after change of rated ones."""
    by_technique: dict[Technique, list[ExerciseSession]] = {}
    for session in sessions:
        by_technique.setdefault(session.technique, []).append(session)
    figures = []
    for technique in Technique:
        group = by_technique.get(technique, [])
        if not group:
            continue
        changes = [
            s.pain_after - s.pain_before
            for s in group
            if s.pain_before is not None and s.pain_after is not None
        ]
        mean = sum(changes) / len(changes) if len(changes) >= MIN_RATED_SESSIONS else None
        figures.append(
            PracticeFigures(
                technique=technique,
                sessions=len(group),
                completed=sum(1 for s in group if s.completed),
                rated=len(changes),
                mean_change=mean,
            )
        )
    return figures


def practice_lines(figures: Iterable[PracticeFigures]) -> list[str]:
    """The figures in words, for the patient and for the specialist's report."""
    lines = []
    for f in figures:
        count = f"{f.sessions} session{'s' if f.sessions != 1 else ''}"
        line = texts.PRACTICE_LINE.format(
            technique=texts.TECHNIQUE_NAMES[f.technique], sessions=count
        )
        if f.mean_change is not None:
            line += texts.PRACTICE_CHANGE.format(change=f.mean_change, pairs=f.rated)
        elif f.rated:
            line += texts.PRACTICE_TOO_FEW.format(pairs=f.rated)
        lines.append(line)
    return lines
