"""Conversation state is kept only for users who are in the middle of something.

PTB keeps one `UserState` per user in `application.user_data` for as long as the process runs,
created the first time a handler looks at it (every plain text does). Nearly all of them say
"waiting for nothing", and users who came once would stay in the table forever. A blank state
(nothing awaited, no words offered back) is dropped after each update, and a question or offer
left unanswered for `STATE_TTL` (a time zone never typed, a note never written) is forgotten by
a job, so the table holds only users who were asked something recently. The same job empties
PTB's notes of every chat and user seen, kept for a persistence diarybot does not use.
"""

from __future__ import annotations

import time

from telegram import Update

from diarybot.bot.context import Awaiting, BotContext

#: An unanswered question older than this is forgotten; the answer then reads as a new message.
STATE_TTL = 24 * 3600.0
FORGET_INTERVAL = 3600.0
JOB_NAME = "forget-stale-states"


async def forget_if_idle(update: Update, context: BotContext) -> None:
    """After every update (last handler group): drop this user's state if it awaits nothing."""
    user = update.effective_user
    if user is None:
        return
    state = context.application.user_data.get(user.id)
    if state is not None and state.awaiting is Awaiting.NOTHING and not state.offered:
        context.application.drop_user_data(user.id)


#: PTB (22.x) notes the chat and user of every update, and every dropped one, in these sets for
#: its persistence, and only a persistence run empties them. diarybot has no PTB persistence
#: (its data is in its own files), so without this they would hold everyone ever seen.
PERSISTENCE_MARKS = (
    "_chat_ids_to_be_updated_in_persistence",
    "_user_ids_to_be_updated_in_persistence",
    "_chat_ids_to_be_deleted_in_persistence",
    "_user_ids_to_be_deleted_in_persistence",
)


async def forget_stale(context: BotContext) -> None:
    """Job, hourly: drop the states of questions left unanswered for `STATE_TTL`, and PTB's
    notes for a persistence the bot does not have."""
    app = context.application
    cutoff = time.monotonic() - STATE_TTL
    stale = [uid for uid, state in app.user_data.items() if state.since < cutoff]
    for user_id in stale:
        app.drop_user_data(user_id)
    if app.persistence is None:
        for name in PERSISTENCE_MARKS:
            marks = getattr(app, name, None)
            if isinstance(marks, set):
                marks.clear()
