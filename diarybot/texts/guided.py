"""The words of the guided exercises (/breathe, /relax, /practice) and of their report lines."""

from __future__ import annotations

from collections.abc import Iterable

from diarybot.domain.exercises import Phase, PracticeFigures, Step
from diarybot.texts import TECHNIQUE_NAMES

BREATHE_MENU = (
    "A guided breathing exercise. Find a comfortable position; you can stop at any moment. "
    "Which pattern?"
)
PATTERN_NAMES = {
    "calm": "Calm: in 4 s, out 6 s (3 minutes)",
    "box": "Box: in, hold, out, hold, 4 s each (3 minutes)",
    "478": "4-7-8: in 4, hold 7, out 8 (about 1½ minutes)",
    "pmr": "Progressive muscle relaxation (about 3 minutes)",
}
ASK_PAIN_BEFORE = (
    "Before we start: how is your pain right now? (0 = no pain, 10 = worst imaginable)"
)
ASK_PAIN_AFTER = "Well done. How is your pain now? (0 = no pain, 10 = worst imaginable)"
EXERCISE_STEP = "{step}\n\n{progress}"
EXERCISE_PROGRESS = "Step {n} of {total}"
EXERCISE_STOPPED = "Stopped. That's fine: even a few calm breaths count."
EXERCISE_DONE = "Finished. Thank you for taking this time for yourself."
EXERCISE_SAVED = "Saved. {change}"
EXERCISE_CHANGE = "Before {before}/10, after {after}/10."
EXERCISE_NO_CHANGE_RATED = "Thank you."
BUTTON_STOP = "Stop"
GET_READY = "Get comfortable, let your shoulders drop, and breathe normally for a moment."
BREATH_IN = "Breathe in slowly through your nose… ({seconds} s)"
BREATH_OUT = "Breathe out gently through your mouth… ({seconds} s)"
BREATH_HOLD = "Hold, softly… ({seconds} s)"
PMR_TENSE = "{group}: tense gently (not to the point of pain) and hold… ({seconds} s)"
PMR_RELEASE = "Release. Let go and notice the difference… ({seconds} s)"
PMR_GROUPS = (
    "Hands: make fists",
    "Upper arms: bend your elbows and tighten",
    "Shoulders: lift them towards your ears",
    "Forehead: raise your eyebrows",
    "Eyes and cheeks: squeeze your eyes shut",
    "Jaw: press your lips together",
    "Back: gently draw your shoulder blades together",
    "Stomach: tighten your belly",
    "Thighs: press your knees together",
    "Feet: point your toes",
)
PRACTICE_NONE = "No guided exercises yet. Try /breathe or /relax."
PRACTICE_HEADER = "Your guided exercises:"
PRACTICE_LINE = "• {technique}: {sessions}"
PRACTICE_CHANGE = (
    "; pain before → after: {change:+.1f} points on average over {pairs} rated sessions"
)
PRACTICE_TOO_FEW = "; {pairs} rated (at least 3 are needed to show a change)"


def step_text(step: Step) -> str:
    """One step of an exercise in words."""
    if step.phase is Phase.TENSE and step.group is not None:
        return PMR_TENSE.format(group=PMR_GROUPS[step.group], seconds=step.seconds)
    template = {
        Phase.GET_READY: GET_READY,
        Phase.BREATHE_IN: BREATH_IN,
        Phase.BREATHE_OUT: BREATH_OUT,
        Phase.HOLD: BREATH_HOLD,
        Phase.RELEASE: PMR_RELEASE,
    }[step.phase]
    return template.format(seconds=step.seconds)


def practice_lines(figures: Iterable[PracticeFigures]) -> list[str]:
    """The figures in words, for the patient and for the specialist's report."""
    lines = []
    for f in figures:
        count = f"{f.sessions} session{'s' if f.sessions != 1 else ''}"
        line = PRACTICE_LINE.format(technique=TECHNIQUE_NAMES[f.technique], sessions=count)
        if f.mean_change is not None:
            line += PRACTICE_CHANGE.format(change=f.mean_change, pairs=f.rated)
        elif f.rated:
            line += PRACTICE_TOO_FEW.format(pairs=f.rated)
        lines.append(line)
    return lines
