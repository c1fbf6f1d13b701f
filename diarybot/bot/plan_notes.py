"""/plan: a specialist writes a short plan note for a linked patient; the patient reads it.

The note is the specialist's own words, shown as theirs; the bot never adds advice. It is kept
on the patient's link to that specialist, so it goes when sharing stops.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from diarybot.bot import button_data, keyboard_shapes
from diarybot.bot.context import Awaiting, BotContext
from diarybot.bot.replies import patient_id, pressed, reply
from diarybot.bot.specialist_delivery import still_shared
from diarybot.reports.content import display_name
from diarybot.texts import plan as plan_texts
from diarybot.texts import specialist as st

PLAN_MAX = 500


async def plan_command(update: Update, context: BotContext) -> None:
    """/plan: a patient's plans from their specialists; a specialist picks whose to write."""
    user_id = patient_id(update)
    if user_id is None:
        return
    store = context.services.store
    plans = [link for link in await store.sharing.links(user_id) if link.plan]
    patients = await store.sharing.linked_patients(user_id)
    if plans:
        lines = [st.plan_line().format(who=link.who, plan=link.plan) for link in plans]
        profile = await store.profiles.get(user_id)
        shown = profile is None or profile.plan_in_reminders
        await reply(update, "\n\n".join([st.plan_header(), *lines]), reply_markup=_switch(shown))
    if patients:
        people = sorted(
            ((p.user_id, display_name(p)) for p in patients), key=lambda p: p[1].lower()
        )
        buttons = [(name, f"{button_data.PLAN_FOR}:{pid}") for pid, name in people[:90]]
        await reply(update, st.plan_pick(), reply_markup=keyboard_shapes.buttons_keyboard(buttons))
    if not plans and not patients:
        is_patient = await store.profiles.get(user_id) is not None
        await reply(update, st.plan_none() if is_patient else st.plan_nobody())


def _switch(shown: bool) -> InlineKeyboardMarkup:
    """The button that turns the plan line in the patient's reminders off (or back on)."""
    if shown:
        return keyboard_shapes.single_button(
            plan_texts.hide_in_reminders(), button_data.PLAN_LINE_OFF
        )
    return keyboard_shapes.single_button(plan_texts.show_in_reminders(), button_data.PLAN_LINE_ON)


async def plan_in_reminders_button(update: Update, context: BotContext) -> None:
    """The patient turned the plan line in their daily reminder off or on."""
    press = await pressed(update)
    if press is None:
        return
    shown = press.callback.args[0] == "on"
    profile = await context.services.store.profiles.update(press.user_id, plan_in_reminders=shown)
    if profile is None:
        await reply(update, st.not_available())
        return
    done = plan_texts.turned_on() if shown else plan_texts.turned_off()
    await reply(update, done, reply_markup=_switch(shown))


async def plan_for_button(update: Update, context: BotContext) -> None:
    """The specialist picked a patient: ask for the note (only while the patient shares)."""
    press = await pressed(update)
    if press is None:
        return
    target = int(press.callback.args[0])
    svc = context.services
    profile = await svc.store.profiles.get(target)
    if profile is None or await still_shared(svc, target, press.user_id) is None:
        await reply(update, st.not_available())
        return
    context.state.expect(Awaiting.PLAN_NOTE)
    context.state.patient_id = target
    await reply(update, st.plan_ask().format(name=display_name(profile), limit=PLAN_MAX))


async def plan_text(update: Update, context: BotContext, typed: str) -> None:
    """The note itself: stored on the link (if the patient still shares) and shown to them."""
    user_id = patient_id(update)
    target = context.state.patient_id
    if user_id is None or target is None:
        return
    plan = typed.strip()
    if not plan or len(plan) > PLAN_MAX:
        await reply(update, st.plan_too_long().format(limit=PLAN_MAX))
        return
    svc = context.services
    context.state.clear()
    profile = await svc.store.profiles.get(target)
    link = (
        await svc.store.sharing.set_plan(target, user_id, plan, svc.clock()) if profile else None
    )
    if profile is None or link is None:
        await reply(update, st.not_available())
        return
    await context.bot.send_message(profile.chat_id, st.plan_new().format(who=link.who, plan=plan))
    await reply(update, st.plan_saved().format(name=display_name(profile)))
