"""/log: a score in one message (/log 6 knee bad again), now or for an earlier time
(/log yesterday 7); /log alone starts the check-in."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time
from zoneinfo import ZoneInfo

from telegram import Update

from diarybot import texts
from diarybot.bot import crisis
from diarybot.bot.checkin import checkin_command, save_typed
from diarybot.bot.context import BotContext
from diarybot.bot.diary_entries import make_entry, message_entry_id, store_continuations
from diarybot.bot.replies import profile_or_prompt, reply
from diarybot.domain import safety
from diarybot.domain.backdating import LogProblem, LogRequest, parse_log
from diarybot.domain.entries import Entry, Source
from diarybot.domain.free_text import split_note
from diarybot.domain.localtime import local_date, zone
from diarybot.domain.people import Profile
from diarybot.texts import words


async def log_command(update: Update, context: BotContext) -> None:
    """/log 6 [note] now, or at an earlier time (/log yesterday 7); /log alone asks."""
    if update.effective_message is None:
        return
    parts = (update.effective_message.text or "").split(maxsplit=1)
    args = parts[1] if len(parts) > 1 else ""
    now = context.services.clock()
    # The crisis reply before anything else: a missing profile, a bad score or date. Whether
    # the words will be kept is judged in UTC here; the patient's zone only moves the edges.
    kept = isinstance(parse_log(args, now, ZoneInfo("UTC"), time(20)), LogRequest)
    alarming = await crisis.answer_if_alarming(update, context, args, as_note=kept)
    profile = await profile_or_prompt(update, context)
    if profile is None:
        return
    if not args:
        await checkin_command(update, context)
        return
    request = parse_log(args, now, zone(profile.timezone), profile.reminder_time)
    if isinstance(request, LogProblem):
        if not alarming:  # the crisis reply said enough
            await _log_refused(update, request)
        return
    context.state.clear()
    pieces = split_note(request.note)
    entry = make_entry(
        profile,
        request.score,
        request.at or now,
        Source.QUICK_LOG,
        entry_id=message_entry_id(update),
        note=pieces[0] if pieces else "",
    )
    if request.day is not None and request.day != entry.local_date:
        entry = entry.replace(local_date=request.day)
    if request.at is None or entry.local_date == local_date(now, zone(profile.timezone)):
        await save_typed(update, context, profile, entry, pieces[1:])
    else:
        await _save_backdated(update, context, profile, entry, pieces[1:])


async def _log_refused(update: Update, problem: LogProblem) -> None:
    if problem is LogProblem.IN_FUTURE:
        await reply(update, words.log_in_future())
    elif problem is LogProblem.TOO_OLD:
        await reply(update, words.log_too_old())
    else:
        await reply(update, words.log_usage())


async def _save_backdated(
    update: Update,
    context: BotContext,
    profile: Profile,
    entry: Entry,
    more_notes: Sequence[str],
) -> None:
    """An entry for an earlier day: stored and confirmed with its day. No techniques keyboard
    ("which did you use today?" would be wrong) and no flare notice about a past day."""
    await context.services.store.diary.add(profile.user_id, entry)
    await store_continuations(context, profile.user_id, entry, more_notes, entry.id)
    at = entry.recorded_at.astimezone(zone(profile.timezone))
    template = words.backdated_saved_with_note() if entry.note else words.backdated_saved()
    await reply(
        update,
        template.format(
            day=texts.short_date(entry.local_date),
            time=texts.format_time(at.time()),
            score=entry.score,
            preview=texts.shorten(entry.note),
        ),
    )
    if entry.score is not None and safety.is_high_score(entry.score):
        await reply(update, texts.safety_high_score())
