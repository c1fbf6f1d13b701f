"""/meds: the patient's own medication list (add, rename, stop), and the check-in's list of
what was taken. Every step is optional; the one-tap check-in never waits for it."""

from __future__ import annotations

from datetime import date

from telegram import CallbackQuery, Update

from diarybot.bot import button_data, checkin_keyboards, medication_keyboards
from diarybot.bot.context import Awaiting, BotContext
from diarybot.bot.replies import edit, edit_markup, pressed, profile_or_prompt, reply
from diarybot.domain import medications as meds
from diarybot.domain.entries import Entry, new_id
from diarybot.domain.localtime import local_date, zone
from diarybot.domain.people import Profile
from diarybot.texts import entry_gone
from diarybot.texts import medications as med_texts


async def meds_command(update: Update, context: BotContext) -> None:
    """/meds shows the list with a button per medication and one to add."""
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    context.state.clear()
    await reply(
        update,
        med_texts.list_text(profile.medications),
        reply_markup=medication_keyboards.meds_list_keyboard(profile.medications),
    )


async def menu_button(update: Update, context: BotContext) -> None:
    """ "Add a medication" (asks for the name) or back to the list."""
    press = await pressed(update)
    profile = await profile_or_prompt(update, context) if press else None
    if press is None or profile is None:
        return
    if press.callback.args[0] == "list":
        context.state.clear()
        meds_list = profile.medications
        await edit(
            press.query,
            med_texts.list_text(meds_list),
            medication_keyboards.meds_list_keyboard(meds_list),
        )
        return
    if len(meds.active(profile.medications)) >= meds.MAX_MEDICATIONS:
        await edit(press.query, med_texts.list_full())
        return
    context.state.expect(Awaiting.MED_NAME)
    await edit(press.query, med_texts.ask_name())


async def name_text(update: Update, context: BotContext, text: str) -> None:
    """The typed name of a new medication: ask regular or as needed (the name waits here)."""
    name = meds.clean_name(text)
    if name is None:
        await reply(update, med_texts.name_invalid())
        return
    context.state.clear()
    offer_id = new_id()
    context.state.offer(offer_id, name)
    await reply(
        update,
        med_texts.ask_use().format(name=name),
        reply_markup=medication_keyboards.meds_use_keyboard(offer_id),
    )


async def use_button(update: Update, context: BotContext) -> None:
    """Regular or as needed: the medication joins the list."""
    press = await pressed(update)
    profile = await profile_or_prompt(update, context) if press else None
    if press is None or profile is None:
        return
    offer_id, use = press.callback.args
    name = context.state.take_offer(offer_id)
    if name is None:
        await edit(press.query, med_texts.question_gone())
        return
    if len(meds.active(profile.medications)) >= meds.MAX_MEDICATIONS:
        await edit(press.query, med_texts.list_full())
        return
    medication = meds.Medication(
        id=meds.new_medication_id(m.id for m in profile.medications),
        name=name,
        use=meds.Use(use),
        started=_today(context, profile),
    )
    await context.services.store.profiles.update(
        profile.user_id, medications=(*profile.medications, medication)
    )
    await edit(
        press.query,
        med_texts.added().format(name=name, use=med_texts.use_names()[medication.use]),
    )


async def open_button(update: Update, context: BotContext) -> None:
    """One medication: rename, stop, or back to the list."""
    found = await _pressed_medication(update, context)
    if found is None:
        return
    press_query, _profile, medication = found
    await edit(
        press_query,
        med_texts.detail_text(medication),
        medication_keyboards.med_detail_keyboard(medication),
    )


async def rename_button(update: Update, context: BotContext) -> None:
    """Rename: the next text is the new name."""
    found = await _pressed_medication(update, context)
    if found is None:
        return
    query, _profile, medication = found
    context.state.expect(Awaiting.MED_RENAME, medication.id)
    await edit(query, med_texts.ask_rename().format(name=medication.name))


async def rename_text(update: Update, context: BotContext, medication_id: str, text: str) -> None:
    """The new name; entries keep pointing at the same medication (by id)."""
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    name = meds.clean_name(text)
    if name is None:
        await reply(update, med_texts.name_invalid())
        return
    context.state.clear()
    if meds.find(profile.medications, medication_id) is None:
        await reply(update, med_texts.med_gone())
        return
    changed = meds.changed(profile.medications, medication_id, name=name)
    await context.services.store.profiles.update(profile.user_id, medications=changed)
    await reply(
        update,
        med_texts.renamed().format(name=name),
        reply_markup=medication_keyboards.meds_list_keyboard(changed),
    )


async def stop_button(update: Update, context: BotContext) -> None:
    """Stopped: it leaves the check-in but stays on the list, with the day, for reports."""
    found = await _pressed_medication(update, context)
    if found is None:
        return
    query, profile, medication = found
    day = medication.stopped or _today(context, profile)
    changed = meds.changed(profile.medications, medication.id, stopped=day)
    await context.services.store.profiles.update(profile.user_id, medications=changed)
    await edit(
        query,
        med_texts.stopped().format(name=medication.name, day=med_texts.day_text(day)),
        medication_keyboards.meds_list_keyboard(changed),
    )


async def _pressed_medication(
    update: Update, context: BotContext
) -> tuple[CallbackQuery, Profile, meds.Medication] | None:
    press = await pressed(update)
    profile = await profile_or_prompt(update, context) if press else None
    if press is None or profile is None:
        return None
    medication = meds.find(profile.medications, press.callback.args[0])
    if medication is None:
        await edit(press.query, med_texts.med_gone())
        return None
    return press.query, profile, medication


def _today(context: BotContext, profile: Profile) -> date:
    return local_date(context.services.clock(), zone(profile.timezone))


# -- the check-in's list ------------------------------------------------------------------------


def offered(profile: Profile, entry: Entry) -> tuple[meds.Medication, ...]:
    """The medications the check-in offers: those still taken, and any this entry records."""
    return tuple(m for m in profile.medications if m.active or meds.doses_of(entry.doses, m.id))


async def checkin_list_button(update: Update, context: BotContext) -> None:
    """ "Pain medication ›", a tap on a medication, Clear, or Back to the techniques."""
    press = await pressed(update)
    profile = await profile_or_prompt(update, context) if press else None
    if press is None or profile is None:
        return
    query, callback = press.query, press.callback
    diary = context.services.store.diary
    entry = await diary.get(profile.user_id, callback.args[0])
    if entry is None:
        await edit(query, entry_gone())
        return
    doses = entry.doses
    if callback.kind == button_data.CHECKIN_TAKEN:
        medication = meds.find(profile.medications, callback.args[1])
        if medication is not None:
            doses = meds.tap(doses, medication)
    elif callback.kind == button_data.CHECKIN_MEDS_CLEAR:
        doses = ()
    if doses != entry.doses:
        taken = bool(doses)
        updated = await diary.answer(
            profile.user_id,
            entry.id,
            context.services.clock(),
            doses=doses,
            medication=taken,
            # A tick is an answer; clearing the last one goes back to what the techniques say.
            techniques_answered=taken or bool(entry.techniques),
        )
        if updated is None:
            await edit(query, entry_gone())
            return
        entry = updated
    if callback.kind == button_data.CHECKIN_MEDS_BACK:
        await edit_markup(query, checkin_keyboards.techniques_keyboard(entry, has_list=True))
    else:
        await edit_markup(
            query, medication_keyboards.checkin_meds_keyboard(entry, offered(profile, entry))
        )
