"""The crisis check every patient text goes through first: message texts, captions, notes and
/log arguments (the phrase lists are data: diarybot/domain/safety_data/)."""

from __future__ import annotations

from telegram import Update

from diarybot.bot.context import BotContext
from diarybot.bot.replies import patient_id, reply
from diarybot.domain import safety
from diarybot.domain.crisis_lines import CrisisHelp, crisis_help
from diarybot.texts.safety import crisis_reply


async def answer_if_alarming(
    update: Update, context: BotContext, text: str, *, as_note: bool = False
) -> bool:
    """Send the crisis reply if `text` sounds like self-harm or an emergency; True if sent.

    Callers run this before any other check of the message (length, format, what we asked
    for), so nothing else the message gets wrong can keep the reply from the patient.
    """
    found = safety.concerns(text)
    if not found:
        return False
    await reply(update, crisis_reply(found, await _help_for(update, context), as_note=as_note))
    return True


async def _help_for(update: Update, context: BotContext) -> CrisisHelp:
    """Whom to point to: by the patient's own time zone, once they have chosen one (until
    then the zone is only the operator's default and says nothing about the patient)."""
    user_id = patient_id(update)
    profile = await context.services.store.profiles.get(user_id) if user_id else None
    chosen = profile is not None and profile.onboarded
    return crisis_help(profile.timezone if chosen and profile else None)
