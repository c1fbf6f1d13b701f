"""The weekly PEG in the chat: asked on the patient's chosen day at their reminder time.

The three items come one after another on one message; each answer is stored as it is given,
so a PEG interrupted after two items keeps them.
"""

from __future__ import annotations

from datetime import datetime

from telegram import Bot, InlineKeyboardMarkup, Update

from diarybot import texts
from diarybot.bot import button_data, keyboard_shapes
from diarybot.bot.context import BotContext, Services
from diarybot.bot.replies import edit, pressed, profile_or_prompt, reply
from diarybot.domain.command_words import read_switch
from diarybot.domain.entries import new_id
from diarybot.domain.localtime import local_date, zone
from diarybot.domain.parsing import parse_weekday
from diarybot.domain.people import Profile
from diarybot.domain.practice import PEG_ITEMS, PegResponse
from diarybot.domain.schedule import weekday_due
from diarybot.texts.i18n import format_decimal


def peg_due(profile: Profile, now: datetime) -> bool:
    """On the chosen weekday, once the reminder time has passed, once that day."""
    if not profile.peg_on or not profile.reminders_active:
        return False
    return weekday_due(
        profile.peg_weekday, profile.reminder_time, profile.timezone, profile.last_peg_asked, now
    )


def question_text(item: str, *, first: bool) -> str:
    """One PEG item with its anchors (the intro only on the first)."""
    question, anchors = texts.peg_questions()[item]
    template = texts.peg_first_question() if first else texts.peg_question()
    return template.format(
        n=PEG_ITEMS.index(item) + 1, total=len(PEG_ITEMS), question=question, anchors=anchors
    )


async def ask_if_due(bot: Bot, svc: Services, profile: Profile) -> None:
    """Called by the daily reminder job: start this week's PEG, exactly once on its day."""
    now = svc.clock()
    if not peg_due(profile, now):
        return
    today = local_date(now, zone(profile.timezone))
    claimed, _ = await svc.store.profiles.claim_day(profile.user_id, "last_peg_asked", today)
    if not claimed:
        return
    response = PegResponse(id=new_id(), local_date=today, asked_at=now)
    await _save(svc, profile.user_id, response)
    await bot.send_message(
        profile.chat_id,
        question_text(PEG_ITEMS[0], first=True),
        reply_markup=_item_keyboard(response.id, PEG_ITEMS[0]),
    )


def _item_keyboard(response_id: str, item: str) -> InlineKeyboardMarkup:
    return keyboard_shapes.rating_keyboard(
        f"{button_data.PEG}", f"{response_id}:{item}", skippable=False
    )


async def _save(svc: Services, user_id: int, response: PegResponse) -> None:
    await svc.store.diary.save_peg(user_id, response)


async def responses_of(svc: Services, user_id: int) -> list[PegResponse]:
    """Every stored PEG of a patient."""
    return await svc.store.diary.pegs(user_id)


async def answer_button(update: Update, context: BotContext) -> None:
    """One PEG item answered: store it, then ask the next or show the score."""
    press = await pressed(update)
    if press is None:
        return
    query, callback, user_id = press.query, press.callback, press.user_id
    svc = context.services
    response_id, item, value = callback.args
    response = next((r for r in await responses_of(svc, user_id) if r.id == response_id), None)
    if response is None:
        await edit(query, texts.button_expired())
        return
    response = response.replace(**{item: int(value)})
    await _save(svc, user_id, response)
    missing = [i for i in PEG_ITEMS if getattr(response, i) is None]
    if missing:
        await edit(
            query, question_text(missing[0], first=False), _item_keyboard(response.id, missing[0])
        )
        return
    # All three items are answered here, so the score is there.
    await edit(
        query,
        texts.peg_done().format(
            score=format_decimal(response.score or 0.0),
            pain=response.pain,
            enjoyment=response.enjoyment,
            activity=response.activity,
        ),
    )


async def peg_command(update: Update, context: BotContext) -> None:
    """/peg [weekday|off]: the day of the weekly PEG, or off."""
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    store = context.services.store
    arg = (context.args or [""])[0]
    if read_switch(arg) == "off":
        await store.profiles.update(profile.user_id, peg_on=False)
        await reply(update, texts.peg_off())
        return
    weekday = parse_weekday(arg)
    if weekday is None:
        usage = (
            texts.peg_usage_on().format(weekday=texts.weekdays()[profile.peg_weekday])
            if profile.peg_on
            else texts.peg_usage_off()
        )
        await reply(update, usage)
        return
    await store.profiles.update(profile.user_id, peg_on=True, peg_weekday=weekday)
    await reply(update, texts.peg_set().format(weekday=texts.weekdays()[weekday]))
