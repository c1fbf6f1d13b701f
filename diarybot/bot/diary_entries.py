"""Entries made from what a patient sends: stamped with their local day, given an id from the
update (a redelivered update stores nothing twice), and with notes too long for one entry kept
whole as note-only entries right after it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from telegram import Update

from diarybot.bot.context import BotContext
from diarybot.domain.entries import NOTE_MAX_CHARS, Entry, Source, new_id
from diarybot.domain.free_text import continuation_id, join_notes, split_note
from diarybot.domain.localtime import local_date, zone
from diarybot.domain.people import Profile


def make_entry(
    profile: Profile,
    score: int,
    now: datetime,
    source: Source,
    *,
    entry_id: str | None = None,
    note: str = "",
) -> Entry:
    """A new entry stamped with the instant and the patient's local day."""
    return Entry(
        id=entry_id or new_id(),
        recorded_at=now,
        local_date=local_date(now, zone(profile.timezone)),
        score=score,
        note=note,
        source=source,
    )


def message_entry_id(update: Update) -> str:
    """An entry made from a message takes its id from the update: if Telegram delivers the
    same update again, storing it again changes nothing (`store.diary.add` keeps the first)."""
    return f"{update.update_id % 16**10:010x}"


async def store_continuations(
    context: BotContext, user_id: int, entry: Entry, pieces: Sequence[str], key: str
) -> None:
    """Text too long for one note, kept as note-only entries right after `entry` (never cut).

    `key` names the message the text came from: the same message stored twice (a redelivered
    update) stores each piece once, and two messages never share an id.
    """
    for index, piece in enumerate(pieces, start=1):
        continued = Entry(
            id=continuation_id(key, index),
            # A microsecond apart, so they sort after the entry and in order.
            recorded_at=entry.recorded_at + timedelta(microseconds=index),
            local_date=entry.local_date,
            score=None,
            note=piece,
            source=Source.NOTE,
        )
        await context.services.store.diary.add(user_id, continued)


async def append_note(
    context: BotContext, user_id: int, entry: Entry, text: str, key: str
) -> tuple[Entry | None, int]:
    """Add `text` below an entry's note; what does not fit follows as note-only entries.

    Returns the updated entry (None when it is gone) and how many notes the text took.
    """
    joined = join_notes(entry.note, text)
    if len(joined) <= NOTE_MAX_CHARS:
        pieces, first = [], joined
    else:
        # The old note stays exactly as it was; the new text goes on in notes of its own.
        head, *pieces = split_note(text)
        first = entry.note
        if len(join_notes(entry.note, head)) <= NOTE_MAX_CHARS:
            first = join_notes(entry.note, head)
        else:
            pieces.insert(0, head)
    updated = await context.services.store.diary.update(user_id, entry.id, note=first)
    if updated is None:
        return None, 0
    await store_continuations(context, user_id, updated, pieces, key)
    return updated, len(pieces) + 1
