"""The coping techniques and pain medication in words: buttons, entry lines, files."""

from __future__ import annotations

from diarybot.domain.entries import Entry, Technique
from diarybot.texts import words
from diarybot.texts.i18n import _, format_list, pgettext


def technique_names() -> dict[Technique, str]:
    return {
        Technique.BREATHING: _("Breathing exercises"),
        Technique.RELAXATION: _("Relaxation / PMR"),
        Technique.MINDFULNESS: _("Mindfulness / meditation"),
        Technique.MOVEMENT: _("Stretching / exercise / physio"),
        Technique.HEAT_COLD: _("Heat or cold"),
        # Translators: transcutaneous electrical nerve stimulation; keep the usual abbreviation.
        Technique.TENS: _("TENS"),
        Technique.DISTRACTION: _("Distraction / pleasant activity"),
        # Translators: a coping technique not in this list.
        Technique.OTHER: pgettext("technique", "Other"),
    }


def medication_name() -> str:
    return _("Pain medication")


def no_techniques() -> str:
    # Translators: after a score: the patient said they used no coping technique.
    return _("no techniques")


def technique_list(entry: Entry) -> str:
    """The techniques (and medication) of an entry in words."""
    names = [technique_names()[t] for t in entry.techniques]
    if entry.medication:
        names.append(medication_name())
    if not names:
        return no_techniques() if entry.techniques_answered else words.techniques_not_answered()
    return format_list(names)
