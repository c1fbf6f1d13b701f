"""The words of the weekly PEG check (/peg): its three questions, the score, its day."""

from __future__ import annotations

from diarybot.texts.argument_words import with_argument_words
from diarybot.texts.i18n import _


def peg_questions() -> dict[str, tuple[str, str]]:
    return {
        "pain": (
            # Translators: a PEG item (Krebs et al. 2009, J Gen Intern Med 24:733). Follow a
            # published translation where one exists: Spanish PEG-S (PMC11580754); none was
            # found for de, fr, pt_BR or ru (docs/peg-translations.md), so those are our own.
            _("What number best describes your pain on average in the past week?"),
            _("0 = no pain, 10 = pain as bad as you can imagine"),
        ),
        "enjoyment": (
            # Translators: a PEG item (Krebs et al. 2009, J Gen Intern Med 24:733). Follow a
            # published translation where one exists: Spanish PEG-S (PMC11580754); none was
            # found for de, fr, pt_BR or ru (docs/peg-translations.md), so those are our own.
            _(
                "What number best describes how, during the past week, pain has interfered with "
                "your enjoyment of life?"
            ),
            _("0 = does not interfere, 10 = completely interferes"),
        ),
        "activity": (
            # Translators: a PEG item (Krebs et al. 2009, J Gen Intern Med 24:733). Follow a
            # published translation where one exists: Spanish PEG-S (PMC11580754); none was
            # found for de, fr, pt_BR or ru (docs/peg-translations.md), so those are our own.
            _(
                "What number best describes how, during the past week, pain has interfered with "
                "your general activity?"
            ),
            _("0 = does not interfere, 10 = completely interferes"),
        ),
    }


def peg_question() -> str:
    return _("Question {n} of {total}\n{question}\n{anchors}")


def peg_first_question() -> str:
    return _(
        "Your weekly check (PEG, 3 quick questions about the past week).\n\n"
        "Question {n} of {total}\n{question}\n{anchors}"
    )


def peg_done() -> str:
    return _(
        "Thank you. Your PEG score this week: {score} "
        "(pain {pain}, enjoyment of life {enjoyment}, general activity {activity})."
    )


def peg_usage_on() -> str:
    # Translators: {sunday} and {off}: words the command reads, in your language.
    text = _(
        "The weekly PEG check is on, every {weekday}. /peg {sunday} (or any day) sets the day, at "
        "your reminder time; /peg {off} stops it."
    )
    return with_argument_words(text)


def peg_usage_off() -> str:
    # Translators: {sunday} and {off}: words the command reads, in your language.
    text = _(
        "The weekly PEG check is off. /peg {sunday} (or any day) sets the day, at your reminder "
        "time; /peg {off} stops it."
    )
    return with_argument_words(text)


def peg_set() -> str:
    return _("Weekly PEG check: every {weekday} at your reminder time.")


def peg_off() -> str:
    return _("Weekly PEG check off.")
