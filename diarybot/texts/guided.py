"""The words of the guided exercises (/breathe, /relax, /practice) and of their report lines."""

from __future__ import annotations

from collections.abc import Iterable

from diarybot.domain.exercises import Phase, PracticeFigures, Step
from diarybot.texts import technique_names
from diarybot.texts.i18n import _


def breathe_menu() -> str:
    return _(
        "A guided breathing exercise. Find a comfortable position; you can stop at any moment. "
        "Which pattern?"
    )


def pattern_names() -> dict[str, str]:
    return {
        "calm": _("Calm: in 4 s, out 6 s (3 minutes)"),
        "box": _("Box: in, hold, out, hold, 4 s each (3 minutes)"),
        "478": _("4-7-8: in 4, hold 7, out 8 (about 1½ minutes)"),
        "pmr": _("Progressive muscle relaxation (about 3 minutes)"),
    }


def ask_pain_before() -> str:
    return _("Before we start: how is your pain right now? (0 = no pain, 10 = worst imaginable)")


def ask_pain_after() -> str:
    return _("Well done. How is your pain now? (0 = no pain, 10 = worst imaginable)")


def exercise_step() -> str:
    return _("{step}\n\n{progress}")


def exercise_progress() -> str:
    return _("Step {n} of {total}")


def exercise_stopped() -> str:
    return _("Stopped. That's fine: even a few calm breaths count.")


def exercise_done() -> str:
    return _("Finished. Thank you for taking this time for yourself.")


def exercise_saved() -> str:
    return _("Saved. {change}")


def exercise_change() -> str:
    return _("Before {before}/10, after {after}/10.")


def exercise_no_change_rated() -> str:
    return _("Thank you.")


def button_stop() -> str:
    return _("Stop")


def get_ready() -> str:
    return _("Get comfortable, let your shoulders drop, and breathe normally for a moment.")


def breath_in() -> str:
    return _("Breathe in slowly through your nose… ({seconds} s)")


def breath_out() -> str:
    return _("Breathe out gently through your mouth… ({seconds} s)")


def breath_hold() -> str:
    return _("Hold, softly… ({seconds} s)")


def pmr_tense() -> str:
    return _("{group}: tense gently (not to the point of pain) and hold… ({seconds} s)")


def pmr_release() -> str:
    return _("Release. Let go and notice the difference… ({seconds} s)")


def pmr_groups() -> tuple[str, ...]:
    return (
        _("Hands: make fists"),
        _("Upper arms: bend your elbows and tighten"),
        _("Shoulders: lift them towards your ears"),
        _("Forehead: raise your eyebrows"),
        _("Eyes and cheeks: squeeze your eyes shut"),
        _("Jaw: press your lips together"),
        _("Back: gently draw your shoulder blades together"),
        _("Stomach: tighten your belly"),
        _("Thighs: press your knees together"),
        _("Feet: point your toes"),
    )


def practice_none() -> str:
    return _("No guided exercises yet. Try /breathe or /relax.")


def practice_header() -> str:
    return _("Your guided exercises:")


def practice_line() -> str:
    return _("• {technique}: {sessions}")


def practice_change() -> str:
    return _("; pain before → after: {change:+.1f} points on average over {pairs} rated sessions")


def practice_too_few() -> str:
    return _("; {pairs} rated (at least 3 are needed to show a change)")


def step_text(step: Step) -> str:
    """One step of an exercise in words."""
    if step.phase is Phase.TENSE and step.group is not None:
        return pmr_tense().format(group=pmr_groups()[step.group], seconds=step.seconds)
    template = {
        Phase.GET_READY: get_ready(),
        Phase.BREATHE_IN: breath_in(),
        Phase.BREATHE_OUT: breath_out(),
        Phase.HOLD: breath_hold(),
        Phase.RELEASE: pmr_release(),
    }[step.phase]
    return template.format(seconds=step.seconds)


def practice_lines(figures: Iterable[PracticeFigures]) -> list[str]:
    """The figures in words, for the patient and for the specialist's report."""
    lines = []
    for f in figures:
        count = f"{f.sessions} session{'s' if f.sessions != 1 else ''}"
        line = practice_line().format(technique=technique_names()[f.technique], sessions=count)
        if f.mean_change is not None:
            line += practice_change().format(change=f.mean_change, pairs=f.rated)
        elif f.rated:
            line += practice_too_few().format(pairs=f.rated)
        lines.append(line)
    return lines
