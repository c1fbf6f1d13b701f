"""The report's coping techniques: what was observed on the days with and without each one.

Technique figures are observations ("on the days with …"), never effects, and the page says so.
"""

from __future__ import annotations

from diarybot.domain.entries import Technique
from diarybot.domain.technique_figures import COMPARISON_MIN_DAYS, TechniqueFigures
from diarybot.texts.i18n import _
from diarybot.texts.report_formats import days, number
from diarybot.texts.techniques import technique_names


def techniques() -> str:
    return _("Coping techniques")


def techniques_none() -> str:
    return _("No coping techniques were recorded in this period.")


#: How a technique reads inside a sentence (the check-in labels are capitalised buttons).
def technique_phrases() -> dict[Technique, str]:
    return {
        Technique.BREATHING: _("breathing exercises"),
        Technique.RELAXATION: _("relaxation / PMR"),
        Technique.MINDFULNESS: _("mindfulness or meditation"),
        Technique.MOVEMENT: _("stretching, exercise or physio"),
        Technique.HEAT_COLD: _("heat or cold"),
        Technique.TENS: _("TENS"),
        Technique.DISTRACTION: _("distraction or a pleasant activity"),
        Technique.OTHER: _("another technique"),
    }


def technique_compared() -> str:
    return _(
        "On the {days_with} with {phrase} the average pain was {mean_with}; "
        "on the {days_without} without, {mean_without}."
    )


def technique_used_only() -> str:
    return _("{name}: used on {days_with}; too few days to compare averages.")


def techniques_caveat() -> str:
    return _(
        "These are observations, not effects: days with and without a technique may differ in "
        "other ways. Averages are compared only with at least {comparison_min_days} logged days "
        "with and {comparison_min_days} without."
    ).format(comparison_min_days=COMPARISON_MIN_DAYS)


def technique_observation(figures: TechniqueFigures) -> str:
    """One technique as an observation, never as advice."""
    if not figures.comparison_shown:
        return technique_used_only().format(
            name=technique_names()[figures.technique], days_with=days(figures.days_used)
        )
    return technique_compared().format(
        days_with=days(figures.days_used),
        phrase=technique_phrases()[figures.technique],
        mean_with=number(figures.mean_with),
        days_without=days(figures.days_without),
        mean_without=number(figures.mean_without),
    )
