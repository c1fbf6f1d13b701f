"""/delete: erase everything stored about a patient, after a confirmation that offers to send
everything first (all entries, in the files that can hold them)."""

from __future__ import annotations

from telegram import InputFile, Update

from diarybot import texts
from diarybot.bot import button_data, keyboard_shapes, specialist_linking
from diarybot.bot.context import BotContext
from diarybot.bot.replies import edit, patient_id, pressed, reply
from diarybot.domain.localtime import zone
from diarybot.runtime.report_tasks import everything_files
from diarybot.texts import erasure as erasure_texts


async def delete_command(update: Update, _context: BotContext) -> None:
    """/delete asks before erasing anything, and offers to send everything first."""
    if patient_id(update) is None:
        return
    markup = keyboard_shapes.erase_keyboard(offer_everything=True)
    await reply(update, erasure_texts.delete_confirm(), reply_markup=markup)


async def send_everything_button(update: Update, context: BotContext) -> None:
    """Send every entry (CSV and FHIR), then ask the erase question again below the files."""
    press = await pressed(update)
    if press is None:
        return
    svc = context.services
    user_id = press.user_id
    profile = await svc.store.profiles.get(user_id)
    entries = await svc.store.diary.entries(user_id) if profile is not None else []
    # The question moves below the files: the old one keeps only its text.
    await edit(press.query, erasure_texts.delete_confirm())
    markup = keyboard_shapes.erase_keyboard(offer_everything=False)
    if profile is None or not entries:
        await reply(update, erasure_texts.nothing_to_send(), reply_markup=markup)
        return
    await reply(update, texts.preparing())
    pegs = await svc.store.diary.pegs(user_id)
    treatments = await svc.store.treatments.all(user_id)
    files = await svc.renderer.run(
        everything_files,
        profile,
        entries,
        pegs,
        tz=zone(profile.timezone),
        now=svc.clock(),
        treatments=treatments,
    )
    first, last = entries[0].local_date, entries[-1].local_date
    stem = f"pain-diary-all-{first}-{last}"
    for data, suffix in files:
        await context.bot.send_document(
            profile.chat_id, InputFile(data, filename=f"{stem}.{suffix}")
        )
    sent = erasure_texts.everything_sent(len(entries)).format(
        count=len(entries), first=texts.short_date(first), last=texts.short_date(last)
    )
    await reply(update, sent, reply_markup=markup)


async def delete_button(update: Update, context: BotContext) -> None:
    """The answer to /delete's question: erase files, jobs and in-memory state, or nothing."""
    press = await pressed(update)
    if press is None:
        return
    query, user_id = press.query, press.user_id
    if press.callback.kind != button_data.DELETE_YES:
        await edit(query, texts.delete_kept())
        return
    if context.job_queue is not None:
        # Every job of this person (reminders, retries, digests, exercise steps) is named
        # "<kind>:<user id>"; none may outlive the erasure and write again.
        for job in context.job_queue.jobs():
            if job.name and job.name.rsplit(":", 1)[-1] == str(user_id):
                job.schedule_removal()
    store = context.services.store
    profile = await store.profiles.get(user_id)
    links = await store.sharing.links(user_id)
    await store.erase(user_id)
    if profile is not None:  # erasing stops sharing too: each specialist hears it once
        for link in links:
            await specialist_linking.tell_stopped(context, link.specialist_id, profile)
    context.state.clear()
    context.application.drop_user_data(user_id)
    await edit(query, texts.delete_done())
