"""The typed context every handler and job receives (PTB's `ContextTypes`).

`context.services` gives the long-lived collaborators (settings, store, clock, renderer), and
`context.user_data` is a `UserState`: what we are waiting for from this user, as an enum. Tests
build the real application with a controllable clock and a temporary data folder; nothing
reaches for globals.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeAlias

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot, JobQueue

from diarybot.domain.localtime import utc_now
from diarybot.domain.share_codes import AttemptLimiter
from diarybot.runtime.redelivery import HandledUpdates
from diarybot.runtime.render_pool import RenderPool
from diarybot.settings import Settings
from diarybot.storage.store import Store


@dataclass
class Services:
    """Long-lived collaborators of the handlers."""

    settings: Settings
    store: Store
    clock: Callable[[], datetime] = utc_now
    # Charts and PDFs are CPU-bound: they run in worker processes, a few at a time.
    renderer: RenderPool = field(default_factory=RenderPool)


class Awaiting(enum.Enum):
    """What a user's next plain text answers."""

    NOTHING = enum.auto()
    TIMEZONE = enum.auto()
    REMINDER_TIME = enum.auto()
    NOTE = enum.auto()
    REPORT_NAME = enum.auto()
    REPORT_REFERENCE = enum.auto()
    PLAN_NOTE = enum.auto()


@dataclass
class UserState:
    """Per-user conversation state (PTB keeps one per user, in memory)."""

    awaiting: Awaiting = Awaiting.NOTHING
    #: With `Awaiting.NOTE`: the entry the note belongs to.
    entry_id: str | None = None
    #: With `Awaiting.PLAN_NOTE`: the patient the specialist's plan note is for.
    patient_id: int | None = None

    def expect(self, what: Awaiting, entry_id: str | None = None) -> None:
        """Remember what the next text answers."""
        self.awaiting, self.entry_id = what, entry_id

    def clear(self) -> bool:
        """Forget it; whether there was something to forget."""
        had = self.awaiting is not Awaiting.NOTHING
        self.awaiting, self.entry_id, self.patient_id = Awaiting.NOTHING, None, None
        return had


class BotData:
    """Application-wide state, set once by `build_application`."""

    services: Services
    handled: HandledUpdates

    def __init__(self) -> None:
        self.link_attempts = AttemptLimiter()
        #: Specialists whose weekly digest is being drawn or sent right now (one at a time).
        self.digests_running: set[int] = set()


class BotContext(CallbackContext[ExtBot[Any], UserState, dict[Any, Any], BotData]):
    """The context handlers and jobs receive."""

    @property
    def services(self) -> Services:
        """The application's services."""
        return self.bot_data.services

    @property
    def queue(self) -> JobQueue[Any]:
        """The job queue (the bot is always built with one)."""
        if self.job_queue is None:
            raise RuntimeError("diarybot needs PTB's job queue (python-telegram-bot[job-queue])")
        return self.job_queue

    @property
    def state(self) -> UserState:
        """This user's conversation state (a blank one where there is no user)."""
        return self.user_data if self.user_data is not None else UserState()


CONTEXT_TYPES = ContextTypes(
    context=BotContext, bot_data=BotData, user_data=UserState, chat_data=dict
)
DiaryApp: TypeAlias = Application[
    ExtBot[Any], BotContext, UserState, dict[Any, Any], BotData, JobQueue[Any]
]
