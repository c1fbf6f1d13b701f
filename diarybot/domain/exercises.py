"""Guided exercises as timed steps, and what the sessions show (pure).

The steps are data: each says which phase it is (breathe in, hold, tense a muscle group …) and
for how long; `bot/guided_exercises.py` plays them in the chat through the job queue and
`texts` words them. No claims are made from fewer than `MIN_RATED_SESSIONS` rated sessions.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from diarybot.domain.models import ExerciseSession, Technique

MIN_RATED_SESSIONS = 3
GET_READY_SECONDS = 5


class Phase(enum.Enum):
    """What one step asks of the patient."""

    GET_READY = enum.auto()
    BREATHE_IN = enum.auto()
    BREATHE_OUT = enum.auto()
    HOLD = enum.auto()
    TENSE = enum.auto()
    RELEASE = enum.auto()


@dataclass(frozen=True)
class Step:
    """One instruction shown for `seconds` before the next replaces it; `group` is the
    muscle group (0 … PMR_GROUPS - 1) of a progressive muscle relaxation step."""

    phase: Phase
    seconds: int
    group: int | None = None


@dataclass(frozen=True)
class Pattern:
    """A guided exercise: its technique and its rhythm."""

    code: str
    technique: Technique
    phases: tuple[tuple[Phase, int], ...]  # (phase, seconds) for one round
    rounds: int


PATTERNS: dict[str, Pattern] = {
    "calm": Pattern(
        "calm", Technique.BREATHING, ((Phase.BREATHE_IN, 4), (Phase.BREATHE_OUT, 6)), rounds=18
    ),
    "box": Pattern(
        "box",
        Technique.BREATHING,
        ((Phase.BREATHE_IN, 4), (Phase.HOLD, 4), (Phase.BREATHE_OUT, 4), (Phase.HOLD, 4)),
        rounds=11,
    ),
    "478": Pattern(
        "478",
        Technique.BREATHING,
        ((Phase.BREATHE_IN, 4), (Phase.HOLD, 7), (Phase.BREATHE_OUT, 8)),
        rounds=4,
    ),
    "pmr": Pattern("pmr", Technique.RELAXATION, (), rounds=0),
}
BREATHING_PATTERNS = ("calm", "box", "478")
#: Hands, upper arms, shoulders, forehead, eyes, jaw, back, stomach, thighs, feet.
PMR_GROUPS = 10
PMR_TENSE_SECONDS = 5
PMR_RELEASE_SECONDS = 10


def steps(code: str) -> list[Step]:
    """The full sequence of steps for a pattern, starting with a moment to settle."""
    pattern = PATTERNS[code]
    sequence = [Step(Phase.GET_READY, GET_READY_SECONDS)]
    if pattern.technique is Technique.RELAXATION:
        for group in range(PMR_GROUPS):
            sequence.append(Step(Phase.TENSE, PMR_TENSE_SECONDS, group))
            sequence.append(Step(Phase.RELEASE, PMR_RELEASE_SECONDS, group))
        return sequence
    for _ in range(pattern.rounds):
        sequence += [Step(phase, seconds) for phase, seconds in pattern.phases]
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
