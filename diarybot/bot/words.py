"""The patient's own words outside a question: a score with a note, or text to keep.

Nothing a patient writes is refused: a leading score ("6 knee bad again", "seven") is an entry
with a note; anything else is offered back with buttons (add it to today's last entry, keep it
as a note on its own, or rate the pain now). The offered text stays in the user's state; the
buttons carry only an id.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update

from diarybot import texts
from diarybot.bot import button_data, checkin, checkin_keyboards, checkin_notes, diary_entries
from diarybot.bot.context import Awaiting, BotContext
from diarybot.bot.replies import edit, pressed, profile_or_prompt, reply
from diarybot.domain.entries import Entry, Source
from diarybot.domain.free_text import is_bad_number, read_score_and_note, split_note
from diarybot.domain.localtime import local_date, zone
from diarybot.domain.people import Profile
from diarybot.texts import words

# Text typed this long after a score is no longer that check-in's note: the keyboard is stale.
TECHNIQUES_NOTE_WINDOW = timedelta(hours=3)


async def typed_text(update: Update, context: BotContext, text: str) -> None:
    """Free text that answers no question: a score (with a note), a slip, or words to keep."""
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    scored = read_score_and_note(text)
    if scored is not None:
        await checkin.typed_score(update, context, profile, scored.score, scored.note)
    elif is_bad_number(text):
        await reply(update, texts.score_invalid())
    elif await _note_for_open_checkin(update, context, profile):
        await checkin_notes.note_text(update, context, context.state.entry_id or "", text)
    else:
        offer_id = diary_entries.message_entry_id(update)
        context.state.offer(offer_id, text)
        await reply(
            update,
            words.offer().format(preview=texts.shorten(text, 80)),
            reply_markup=offer_keyboard(offer_id),
        )


async def _note_for_open_checkin(update: Update, context: BotContext, profile: Profile) -> bool:
    """Whether the techniques keyboard of a recent entry is open, so text is its note."""
    state = context.state
    if state.awaiting is not Awaiting.TECHNIQUES or state.entry_id is None:
        return False
    entry = await context.services.store.diary.get(profile.user_id, state.entry_id)
    fresh = entry is not None and context.services.clock() - entry.recorded_at < (
        TECHNIQUES_NOTE_WINDOW
    )
    if not fresh:
        state.clear()
    return fresh


async def offer_button(update: Update, context: BotContext) -> None:
    """The patient's choice for words we offered back."""
    press = await pressed(update)
    message = press.query.message if press else None
    if press is None or not isinstance(message, Message):
        return
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    offer_id, action = press.callback.args
    text = context.state.take_offer(offer_id)
    stored = context.services.store.diary
    if text is None and action == "rate" and await stored.get(profile.user_id, offer_id):
        # A second tap on "Rate my pain now": the words are already kept; the scale stays.
        await edit(press.query, texts.ask_score(), checkin_keyboards.score_keyboard(offer_id))
        return
    if text is None:
        await edit(press.query, words.offer_expired())
        return
    # The words were written when the patient sent them, which is when we offered them back.
    written = min(message.date, context.services.clock())
    if action == "rate":
        # Kept on disk now, as a note of its own under the keyboard's id: the score tapped next
        # turns it into a scored entry, and a restart in between loses nothing (the state
        # lives in memory only).
        await _store_note_only(context, profile, offer_id=offer_id, text=text, written=written)
        await edit(press.query, texts.ask_score(), checkin_keyboards.score_keyboard(offer_id))
        return
    if action == "add":
        await _add_to_latest(
            press.query, context, profile, offer_id=offer_id, text=text, written=written
        )
    else:
        await _save_note_only(
            press.query, context, profile, offer_id=offer_id, text=text, written=written
        )


async def _add_to_latest(
    query: CallbackQuery,
    context: BotContext,
    profile: Profile,
    *,
    offer_id: str,
    text: str,
    written: datetime,
) -> None:
    today = local_date(written, zone(profile.timezone))
    todays = await context.services.store.diary.entries(profile.user_id, today, today)
    if not todays:
        await _save_note_only(
            query, context, profile, offer_id=offer_id, text=text, written=written, no_entry=True
        )
        return
    latest = todays[-1]
    updated, _count = await diary_entries.append_note(
        context, profile.user_id, latest, text, offer_id
    )
    if updated is None:
        await edit(query, texts.entry_gone())
        return
    at = updated.recorded_at.astimezone(zone(profile.timezone))
    score = (
        words.no_score_label()
        if updated.score is None
        else texts.score_out_of_ten().format(score=updated.score)
    )
    await edit(
        query, words.added_to_latest().format(time=texts.format_time(at.time()), score=score)
    )


async def _save_note_only(
    query: CallbackQuery,
    context: BotContext,
    profile: Profile,
    *,
    offer_id: str,
    text: str,
    written: datetime,
    no_entry: bool = False,
) -> None:
    await _store_note_only(context, profile, offer_id=offer_id, text=text, written=written)
    at = written.astimezone(zone(profile.timezone))
    template = words.no_entry_today() if no_entry else words.note_only_saved()
    await edit(query, template.format(time=texts.format_time(at.time())))


async def _store_note_only(
    context: BotContext, profile: Profile, *, offer_id: str, text: str, written: datetime
) -> None:
    """The words as a note-only entry (and its continuations) under the offer's id."""
    # Unicode spaces alone (U+3000, U+00A0) split into nothing: kept as they came.
    head, *more = split_note(text) or [text]
    entry = Entry(
        id=offer_id,
        recorded_at=written,
        local_date=local_date(written, zone(profile.timezone)),
        score=None,
        note=head,
        source=Source.NOTE,
    )
    await context.services.store.diary.add(profile.user_id, entry)
    await diary_entries.store_continuations(context, profile.user_id, entry, more, offer_id)


def offer_keyboard(offer_id: str) -> InlineKeyboardMarkup:
    """Where to keep words written outside a question: one choice per row (long labels)."""
    choices = (
        (words.button_add_to_latest(), "add"),
        (words.button_note_only(), "note"),
        (words.button_rate_now(), "rate"),
    )
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(label, callback_data=f"{button_data.OFFER}:{offer_id}:{action}")]
            for label, action in choices
        ]
    )
