"""/history: every entry, page by page, and corrections to any of them.

Each change goes through `diary.correct` / `diary.remove`, which record the old value and the
time of the change in the diary's audit trail in the same write; reports read the entries as
they are now. Every button carries only an entry id (validated), and the entry is looked up in
the presser's own diary, so a forged press reaches nothing of anyone else's.
"""

from __future__ import annotations

from telegram import CallbackQuery, InlineKeyboardMarkup, Update

from diarybot import texts
from diarybot.bot import (
    button_data,
    checkin_keyboards,
    diary_entries,
    keyboard_shapes,
    treatment_history,
)
from diarybot.bot.context import Awaiting, BotContext
from diarybot.bot.history_keyboards import (
    back_to_entry,
    correctable_items,
    entry_keyboard,
    history_keyboard,
)
from diarybot.bot.replies import edit, edit_markup, patient_id, pressed, profile_or_prompt, reply
from diarybot.domain.entries import Entry, Technique
from diarybot.domain.free_text import split_note
from diarybot.domain.localtime import zone
from diarybot.domain.people import Profile
from diarybot.texts import daily_items as item_texts
from diarybot.texts import words

PAGE_SIZE = 5
# The entry view quotes the note whole up to this length. Telegram counts a message's 4 096
# characters in UTF-16 units (an emoji is two), so this is a count of those units too.
VIEW_NOTE_CHARS = 3500


def describe(entry: Entry, tz_name: str) -> str:
    """One entry as the patient reads it in /history's entry view: its daily items (as the
    report's table words them) and the note quoted whole."""
    first_line = texts.entry_line(entry, entry.recorded_at.astimezone(zone(tz_name)))
    first_line = "\n".join([first_line.split("\n", 1)[0], *item_texts.entry_items(entry)])
    if not entry.note:
        return first_line
    return words.entry_with_note().format(entry=first_line, note=_quoted(entry.note))


def _quoted(note: str) -> str:
    """The note cut to VIEW_NOTE_CHARS UTF-16 units, as Telegram measures a message."""
    encoded = note.encode("utf-16-le")
    if len(encoded) <= 2 * VIEW_NOTE_CHARS:
        return note
    # "ignore" drops half an emoji left at the cut.
    return encoded[: 2 * (VIEW_NOTE_CHARS - 1)].decode("utf-16-le", errors="ignore") + "…"


async def history_command(update: Update, context: BotContext) -> None:
    """/history: the newest entries, with buttons to page back and to correct one."""
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    page = await _page(context, profile.user_id, profile.timezone, 0)
    if page is not None:
        await reply(update, page[0], reply_markup=page[1])
    # Treatment events follow the entries, each removable (bot/treatment_history.py).
    if (
        not await treatment_history.show_in_history(update, context, profile.user_id)
        and page is None
    ):
        await reply(update, texts.history_empty())


async def _page(
    context: BotContext, user_id: int, tz_name: str, page: int
) -> tuple[str, InlineKeyboardMarkup] | None:
    entries = await context.services.store.diary.entries(user_id)
    if not entries:
        return None
    newest_first = entries[::-1]
    last_page = (len(newest_first) - 1) // PAGE_SIZE
    page = min(page, last_page)
    shown = newest_first[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    tz = zone(tz_name)
    numbered = words.history_line()
    lines = [
        numbered.format(n=n, entry=texts.entry_line(e, e.recorded_at.astimezone(tz)))
        for n, e in enumerate(shown, start=page * PAGE_SIZE + 1)
    ]
    header = words.history_page(len(entries)).format(
        first=page * PAGE_SIZE + 1, last=page * PAGE_SIZE + len(shown), total=len(entries)
    )
    labels = [(line.split("\n", 1)[0], e.id) for line, e in zip(lines, shown, strict=True)]
    markup = history_keyboard(labels, page, older=page < last_page, newer=page > 0)
    return "\n\n".join([header, "\n".join(lines)]), markup


async def page_button(update: Update, context: BotContext) -> None:
    """Older / Newer / Back to the list."""
    press = await pressed(update)
    profile = await profile_or_prompt(update, context) if press else None
    if press is None or profile is None:
        return
    page = await _page(context, profile.user_id, profile.timezone, int(press.callback.args[0]))
    if page is None:
        await edit(press.query, texts.history_empty())
        return
    await edit(press.query, page[0], page[1])


async def entry_button(update: Update, context: BotContext) -> None:
    """One entry and what can be corrected on it."""
    press = await pressed(update)
    profile = await profile_or_prompt(update, context) if press else None
    if press is None or profile is None:
        return
    entry = await context.services.store.diary.get(profile.user_id, press.callback.args[0])
    await show_entry(press.query, entry, profile)


async def show_entry(query: CallbackQuery, entry: Entry | None, profile: Profile) -> None:
    """The entry view: the entry, and a button for each thing that can be corrected on it."""
    if entry is None:
        await edit(query, texts.entry_gone())
        return
    await edit(
        query,
        words.entry_view().format(line=describe(entry, profile.timezone)),
        entry_keyboard(entry, items=correctable_items(entry, profile.daily_items)),
    )


async def edit_button(update: Update, context: BotContext) -> None:
    """Score, Techniques, Note, Remove: ask for the new value (or the confirmation)."""
    press = await pressed(update)
    profile = await profile_or_prompt(update, context) if press else None
    if press is None or profile is None:
        return
    kind, entry_id = press.callback.kind, press.callback.args[0]
    entry = await context.services.store.diary.get(profile.user_id, entry_id)
    if entry is None:
        await edit(press.query, texts.entry_gone())
        return
    line = describe(entry, profile.timezone)
    if kind == button_data.HISTORY_SCORE:
        markup = back_to_entry(
            keyboard_shapes.rating_keyboard(
                button_data.HISTORY_SET_SCORE, entry.id, skippable=False
            ),
            entry.id,
        )
        await edit(press.query, words.ask_new_score().format(line=line), markup)
    elif kind == button_data.HISTORY_TECHNIQUES:
        markup = checkin_keyboards.techniques_keyboard(entry, correcting=True)
        await edit(press.query, words.ask_new_techniques().format(line=line), markup)
    elif kind == button_data.HISTORY_NOTE:
        context.state.expect(Awaiting.EDIT_NOTE, entry.id)
        await edit(press.query, words.ask_new_note().format(line=line))
    else:
        yes = f"{button_data.HISTORY_REMOVE_YES}:{entry.id}"
        no = f"{button_data.HISTORY_ENTRY}:{entry.id}"
        markup = keyboard_shapes.confirm_keyboard(texts.button_yes_remove(), yes, no)
        await edit(press.query, words.remove_confirm().format(line=line), markup)


async def correction_button(update: Update, context: BotContext) -> None:
    """A new score, a technique or medication ticked, or the removal confirmed."""
    press = await pressed(update)
    profile = await profile_or_prompt(update, context) if press else None
    if press is None or profile is None:
        return
    diary, now = context.services.store.diary, context.services.clock()
    kind, entry_id = press.callback.kind, press.callback.args[0]
    if kind == button_data.HISTORY_REMOVE_YES:
        removed = await diary.remove(profile.user_id, entry_id, now)
        await edit(press.query, words.removed() if removed else texts.entry_gone())
        return
    entry = await diary.get(profile.user_id, entry_id)
    if entry is None:
        await edit(press.query, texts.entry_gone())
        return
    if kind == button_data.HISTORY_SET_SCORE:
        changes: dict[str, object] = {"score": int(press.callback.args[1])}
    elif kind == button_data.HISTORY_MEDICATION:
        changes = _medication_toggled(entry)
    elif kind == button_data.HISTORY_TECHNIQUES_NONE:
        changes = {
            "techniques": (),
            "medication": False,
            "doses": (),
            "techniques_answered": True,
        }
    else:
        changes = _toggled(entry, press.callback.args[1])
    entry = await diary.correct(profile.user_id, entry_id, now, **changes)
    if kind != button_data.HISTORY_TOGGLE:
        await show_entry(press.query, entry, profile)
    elif entry is None:
        await edit(press.query, texts.entry_gone())
    else:
        await edit_markup(
            press.query, checkin_keyboards.techniques_keyboard(entry, correcting=True)
        )


def _toggled(entry: Entry, code: str) -> dict[str, object]:
    # Correcting the techniques from /history is an answer, even down to nothing ticked.
    if code == button_data.MEDICATION_CODE:
        return _medication_toggled(entry)
    chosen = set(entry.techniques) ^ {Technique(code)}
    return {"techniques": tuple(t for t in Technique if t in chosen), "techniques_answered": True}


def _medication_toggled(entry: Entry) -> dict[str, object]:
    # "No medication" takes the named doses with it: the yes/no and the names never disagree.
    if entry.medication:
        return {"medication": False, "doses": (), "techniques_answered": True}
    return {"medication": True, "techniques_answered": True}


async def note_text(update: Update, context: BotContext, entry_id: str, text: str) -> None:
    """The corrected note: it replaces the old one (kept in the audit trail). The crisis check
    ran on it before (routing)."""
    user_id = patient_id(update)
    if user_id is None:
        return
    context.state.clear()
    head, *more = split_note(text) or [text]
    entry = await context.services.store.diary.correct(
        user_id, entry_id, context.services.clock(), note=head
    )
    if entry is None:
        await reply(update, texts.entry_gone())
    else:
        await diary_entries.store_continuations(
            context, user_id, entry, more, diary_entries.message_entry_id(update)
        )
        await reply(update, words.note_changed())
