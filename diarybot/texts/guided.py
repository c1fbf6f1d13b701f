"""The words of the guided exercises (/breathe, /relax, /practice) and of their report lines."""

from __future__ import annotations

from collections.abc import Iterable

from diarybot.domain.exercises import Phase, PracticeFigures, Step
from diarybot.texts.i18n import _, format_decimal, ngettext, pgettext
from diarybot.texts.techniques import technique_names


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
    # Translators: a button below a running breathing or relaxation exercise: end it now.
    return pgettext("exercise", "Stop")


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


def practice_sessions(count: int) -> str:
    # Translators: how often the patient did a guided exercise, used as {sessions} below.
    return ngettext("{count} session", "{count} sessions", count)


def practice_line() -> str:
    return _("• {technique}: {sessions}")


def practice_change(pairs: int) -> str:
    return ngettext(
        "• {technique}: {sessions}; pain before → after: {change} points on average over "
        "{pairs} rated session",
        "• {technique}: {sessions}; pain before → after: {change} points on average over "
        "{pairs} rated sessions",
        pairs,
    )


def practice_too_few(pairs: int) -> str:
    return ngettext(
        "• {technique}: {sessions}; {pairs} rated (at least 3 are needed to show a change)",
        "• {technique}: {sessions}; {pairs} rated (at least 3 are needed to show a change)",
        pairs,
    )


def practice_text(lines: list[str]) -> str:
    """The /practice reply: the heading above one line per technique."""
    return "\n".join([practice_header(), *lines])


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
        words = {
            "technique": technique_names()[f.technique],
            "sessions": practice_sessions(f.sessions).format(count=f.sessions),
            "pairs": f.rated,
        }
        if f.mean_change is not None:
            change = format_decimal(f.mean_change, signed=True)
            lines.append(practice_change(f.rated).format(**words, change=change))
        elif f.rated:
            lines.append(practice_too_few(f.rated).format(**words))
        else:
            lines.append(practice_line().format(**words))
    return lines
