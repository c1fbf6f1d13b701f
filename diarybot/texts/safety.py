"""The crisis reply: what a patient reads when a message sounds like self-harm or a medical
emergency (diarybot/domain/safety.py decides when; the phrase lists are data, see there).

STATUS: not clinically reviewed yet (SECURITY.md). Plain, calm, and honest about what the bot
is: a diary that told no one. Each paragraph is a whole sentence with named placeholders.
"""

from __future__ import annotations

from diarybot.domain.safety import Concern, CrisisHelp
from diarybot.texts.i18n import _


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
    return _("your local emergency number")


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
    if Concern.MEDICAL_EMERGENCY in found:
        paragraphs.append(medical().format(emergency=help_.emergency))
    if Concern.SELF_HARM in found:
        paragraphs.append(self_harm())
        if help_.line is not None:
            paragraphs.append(self_harm_line().format(line=help_.line, emergency=help_.emergency))
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
                    emergency=help_.emergency,
                )
            )
    paragraphs.append(nothing_sent())
    if as_note:
        paragraphs.append(note_later())
    return "\n\n".join(paragraphs)
