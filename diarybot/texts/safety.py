"""The crisis reply: what a patient reads when a message sounds like self-harm or a medical
emergency (diarybot/domain/safety.py decides when; the phrase lists are data, see there).

STATUS: not clinically reviewed yet (SECURITY.md). Plain, calm, and honest about what the bot
is: a diary that told no one. Each paragraph is a whole sentence with named placeholders.
"""

from __future__ import annotations

from diarybot.domain.crisis_lines import CrisisHelp, CrisisLine
from diarybot.domain.crisis_matching import Concern
from diarybot.texts.i18n import _, format_list


def self_harm() -> str:
    return _(
        "I'm really sorry you're going through this. You don't have to face it alone, and you "
        "deserve support right now."
    )


def self_harm_line() -> str:
    return _(
        "Please reach out to a crisis line now: {line}. They are there to listen, whatever is "
        "going on. If you are in danger right now, call {emergency}."
    )


def self_harm_directory() -> str:
    return _(
        "Please reach out to a crisis line now: {directory_name} ({directory_url}) lists free, "
        "confidential helplines in your country. If you are in danger right now, call {emergency}."
    )


def elsewhere() -> str:
    return _(
        "If you are not in the country your time zone suggests, {directory_name} "
        "({directory_url}) lists the lines everywhere else."
    )


def medical() -> str:
    return _(
        "What you describe may need help right away. If you think it's an emergency, call "
        "{emergency} now; otherwise, please contact your care team today."
    )


def medical_default_emergency() -> str:
    # Translators: fills {emergency} ("call {emergency}") when the patient's country is not known.
    return _("your local emergency number (112 in Europe, 911 in North America)")


def line_call() -> str:
    # Translators: fills {line}: a crisis line's own name, then its number(s), e.g.
    # "Samaritans: call 116 123".
    return _("{name}: call {numbers}")


def line_call_or_text() -> str:
    # Translators: fills {line}, for a line that also takes text messages.
    return _("{name}: call or text {numbers}")


def line_call_free() -> str:
    # Translators: fills {line}, for a line that is free of charge at any hour.
    return _("{name}: call {numbers} (free, any time)")


def line_words(line: CrisisLine) -> str:
    """A crisis line in the active language: its own name, then how to reach it."""
    numbers = format_list(line.numbers, style="or")
    if line.texts:
        template = line_call_or_text()
    elif line.free:
        template = line_call_free()
    else:
        template = line_call()
    return template.format(name=line.name, numbers=numbers)


def emergency_words(numbers: tuple[str, ...]) -> str:
    """The ambulance numbers ("15 or 112"), or the general phrase when the country is unknown."""
    return format_list(numbers, style="or") if numbers else medical_default_emergency()


#: In every crisis reply: what the bot did and did not do with the message.
def nothing_sent() -> str:
    return _(
        "I'm only a diary and can't give medical advice. Nothing was sent to anyone: no person or "
        "service has been told about this message."
    )


def note_later() -> str:
    return _(
        "If you keep this as a note in your diary, a specialist you share your diary with sees it "
        "only in a later summary, never straight away."
    )


def crisis_reply(found: frozenset[Concern], help_: CrisisHelp, *, as_note: bool = False) -> str:
    """The reply to a message that sounds like `found`, for a patient whom `help_` fits.

    A medical emergency comes first when both are there ("I took all my pills" is both).
    """
    paragraphs: list[str] = []
    emergency = emergency_words(help_.emergency)
    if Concern.MEDICAL_EMERGENCY in found:
        paragraphs.append(medical().format(emergency=emergency))
    if Concern.SELF_HARM in found:
        paragraphs.append(self_harm())
        if help_.line is not None:
            line = line_words(help_.line)
            paragraphs.append(self_harm_line().format(line=line, emergency=emergency))
            paragraphs.append(
                elsewhere().format(
                    directory_name=help_.directory_name, directory_url=help_.directory_url
                )
            )
        else:
            paragraphs.append(
                self_harm_directory().format(
                    directory_name=help_.directory_name,
                    directory_url=help_.directory_url,
                    emergency=emergency,
                )
            )
    paragraphs.append(nothing_sent())
    if as_note:
        paragraphs.append(note_later())
    return "\n\n".join(paragraphs)
