"""/treatment: record a treatment event (kind, day, optional words) in a diary.

A patient records one in their own diary. A specialist records one in a linked patient's diary:
the link is read from the patient's own file at every step and once more after the write (a
patient who stopped sharing meanwhile gets the event taken out again), and the patient is told.
Buttons carry the patient's id, the kind and the day; whoever presses is checked again, so a
forged press reaches no diary its presser may not write to.
"""

from __future__ import annotations

from datetime import date

from telegram import CallbackQuery, Update

from diarybot import texts
from diarybot.bot import button_data
from diarybot.bot import treatment_keyboards as tk
from diarybot.bot.context import Awaiting, BotContext, Services
from diarybot.bot.replies import edit, patient_id, pressed, reply
from diarybot.bot.specialist_delivery import still_shared
from diarybot.domain.backdating import MAX_BACKDATE, parse_day
from diarybot.domain.localtime import local_date, zone
from diarybot.domain.people import Profile
from diarybot.domain.treatments import (
    WORDS_MAX_CHARS,
    Kind,
    TreatmentDraft,
    TreatmentEvent,
    clean_words,
    new_treatment_id,
)
from diarybot.reports.content import display_name
from diarybot.texts import specialist as st
from diarybot.texts import treatments as tt

#: Patients listed on the "whose diary" keyboard (Telegram allows 100 buttons).
MAX_PATIENT_BUTTONS = 90


async def treatment_command(update: Update, context: BotContext) -> None:
    """/treatment: the kinds for a patient; a specialist first picks whose diary."""
    user_id = patient_id(update)
    if user_id is None:
        return
    store = context.services.store
    own = await store.profiles.get(user_id)
    patients = await store.sharing.linked_patients(user_id)
    if patients:
        people = sorted(
            ((p.user_id, display_name(p)) for p in patients), key=lambda p: p[1].lower()
        )
        markup = tk.whose_keyboard(user_id if own else None, people[:MAX_PATIENT_BUTTONS])
        await reply(update, tt.ask_whose(), reply_markup=markup)
        return
    if own is None:
        await reply(update, texts.need_start())
        return
    await reply(update, tt.ask_kind(), reply_markup=tk.kind_keyboard(user_id))


async def diary_owner(svc: Services, user_id: int, target: int) -> Profile | None:
    """The patient whose diary `user_id` may record in: their own, or a patient who shares
    with them right now (read from the patient's file); None otherwise."""
    if target != user_id and await still_shared(svc, target, user_id) is None:
        return None
    return await svc.store.profiles.get(target)


async def whose_button(update: Update, context: BotContext) -> None:
    """A specialist chose whose diary: the kinds."""
    press = await pressed(update)
    if press is None:
        return
    target = int(press.callback.args[0])
    profile = await diary_owner(context.services, press.user_id, target)
    if profile is None:
        await reply(update, st.not_available())
        return
    text = tt.ask_kind()
    if target != press.user_id:
        text = tt.ask_kind_for().format(name=display_name(profile))
    await edit(press.query, text, tk.kind_keyboard(target))


async def kind_button(update: Update, context: BotContext) -> None:
    """The kind was chosen: ask for the day (buttons, or a typed date)."""
    press = await pressed(update)
    if press is None:
        return
    target, kind = int(press.callback.args[0]), Kind(press.callback.args[1])
    profile = await diary_owner(context.services, press.user_id, target)
    if profile is None:
        await reply(update, st.not_available())
        return
    context.state.expect(Awaiting.TREATMENT_DATE)
    context.state.treatment = TreatmentDraft(target, kind)
    today = _today(context.services, profile)
    text = tt.ask_date().format(kind=tt.kind_names()[kind])
    await edit(press.query, text, tk.day_keyboard(target, kind, today))


async def day_button(update: Update, context: BotContext) -> None:
    """A day was tapped: ask for the words."""
    press = await pressed(update)
    if press is None:
        return
    target, kind = int(press.callback.args[0]), Kind(press.callback.args[1])
    day = button_data.callback_day(press.callback.args[2])
    draft = TreatmentDraft(target, kind, day)
    await _ask_words(update, context, press.user_id, draft, press.query)


async def date_text(update: Update, context: BotContext, typed: str) -> None:
    """A typed day ("yesterday", "2026-11-30", "30.11"): ask for the words, or say why not."""
    user_id, draft = patient_id(update), context.state.treatment
    if user_id is None or draft is None:
        return
    profile = await diary_owner(context.services, user_id, draft.patient_id)
    if profile is None:
        context.state.clear()
        await reply(update, st.not_available())
        return
    day = parse_day(typed, _today(context.services, profile))
    if day is None:
        await reply(update, tt.date_unreadable())
        return
    draft = TreatmentDraft(draft.patient_id, draft.kind, day)
    await _ask_words(update, context, user_id, draft, None)


async def skip_button(update: Update, context: BotContext) -> None:
    """Skip: record it without words (once: a second tap finds the question answered)."""
    press = await pressed(update)
    if press is None:
        return
    target, kind = int(press.callback.args[0]), Kind(press.callback.args[1])
    draft = TreatmentDraft(target, kind, button_data.callback_day(press.callback.args[2]))
    state = context.state
    if state.awaiting is not Awaiting.TREATMENT_WORDS or state.treatment != draft:
        await edit(press.query, tt.expired())
        return
    state.clear()
    await _save(update, context, press.user_id, draft, "", query=press.query)


async def words_text(update: Update, context: BotContext, typed: str) -> None:
    """The treatment's own words: record it."""
    user_id, draft = patient_id(update), context.state.treatment
    if user_id is None or draft is None:
        return
    words = clean_words(typed)
    if words is None:
        await reply(update, tt.words_too_long().format(limit=WORDS_MAX_CHARS))
        return
    context.state.clear()
    await _save(update, context, user_id, draft, words, query=None)


async def _ask_words(
    update: Update,
    context: BotContext,
    user_id: int,
    draft: TreatmentDraft,
    query: CallbackQuery | None,
) -> None:
    profile = await diary_owner(context.services, user_id, draft.patient_id)
    if profile is None or draft.day is None:
        context.state.clear()
        await reply(update, st.not_available())
        return
    problem = _day_problem(draft.day, _today(context.services, profile))
    if problem is not None:
        await reply(update, problem)
        return
    context.state.expect(Awaiting.TREATMENT_WORDS)
    context.state.treatment = draft
    text = tt.ask_words().format(kind=tt.kind_names()[draft.kind], day=tt.day_text(draft.day))
    markup = tk.skip_keyboard(draft.patient_id, draft.kind, draft.day)
    if query is not None:
        await edit(query, text, markup)
    else:
        await reply(update, text, reply_markup=markup)


async def _save(
    update: Update,
    context: BotContext,
    user_id: int,
    draft: TreatmentDraft,
    words: str,
    *,
    query: CallbackQuery | None,
) -> None:
    """Store the event (consent read again first and after) and tell whoever must know."""
    svc = context.services
    target = draft.patient_id
    by_specialist = target != user_id
    link = await still_shared(svc, target, user_id) if by_specialist else None
    profile = await svc.store.profiles.get(target)
    if profile is None or draft.day is None or (by_specialist and link is None):
        await reply(update, st.not_available())
        return
    if _day_problem(draft.day, _today(svc, profile)) is not None:
        await reply(update, tt.expired())
        return
    event = TreatmentEvent(
        id=new_treatment_id(),
        local_date=draft.day,
        kind=draft.kind,
        recorded_at=svc.clock(),
        words=words,
        specialist_id=user_id if by_specialist else None,
        recorded_by=link.who if link is not None else "",
    )
    await svc.store.treatments.add(target, event)
    if by_specialist and await still_shared(svc, target, user_id) is None:
        # The patient stopped sharing while this was being written: it must not stay.
        await svc.store.treatments.remove(target, event.id)
        await reply(update, st.not_available())
        return
    await _confirm(update, context, profile, event, query)


async def _confirm(
    update: Update,
    context: BotContext,
    profile: Profile,
    event: TreatmentEvent,
    query: CallbackQuery | None,
) -> None:
    words = {
        "kind": tt.kind_names()[event.kind],
        "day": tt.day_text(event.local_date),
        "words": event.words,
    }
    if event.by_specialist:
        told = tt.patient_told_with_words() if event.words else tt.patient_told()
        await context.bot.send_message(
            profile.chat_id, told.format(who=event.recorded_by, **words)
        )
        text = tt.saved_for().format(name=display_name(profile), **words)
    else:
        text = (tt.saved_with_words() if event.words else tt.saved()).format(**words)
    if query is not None:
        await edit(query, text)
    else:
        await reply(update, text)


def _today(svc: Services, profile: Profile) -> date:
    """Today in the patient's own time zone (the diary's days are theirs)."""
    return local_date(svc.clock(), zone(profile.timezone))


def _day_problem(day: date, today: date) -> str | None:
    """Why a day cannot be a treatment's (in the future, or older than /log allows)."""
    if day > today:
        return tt.date_in_future()
    if today - day > MAX_BACKDATE:
        return tt.date_too_old()
    return None
