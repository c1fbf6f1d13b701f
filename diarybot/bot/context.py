"""The typed context every handler and job receives (PTB's `ContextTypes`).

`context.services` gives the long-lived collaborators (settings, store, clock, renderer), and
`context.user_data` is a `UserState`: what we are waiting for from this user, as an enum. Tests
build the real application with a controllable clock and a temporary data folder; nothing
reaches for globals.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeAlias

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot, JobQueue

from diarybot.domain.localtime import utc_now
from diarybot.domain.share_codes import AttemptLimiter
from diarybot.domain.treatments import TreatmentDraft
from diarybot.runtime.in_flight import InFlight
from diarybot.runtime.redelivery import HandledUpdates
from diarybot.runtime.render_pool import RenderPool
from diarybot.settings import Settings
from diarybot.storage.store import Store

if TYPE_CHECKING:
    from diarybot.runtime.metrics import Metrics


@dataclass
class Services:
    """Long-lived collaborators of the handlers."""

    settings: Settings
    store: Store
    clock: Callable[[], datetime] = utc_now
    # Charts and PDFs are CPU-bound: they run in worker processes, a few at a time.
    renderer: RenderPool = field(default_factory=RenderPool)
    # One chart or report per user at a time (runtime/in_flight.py).
    in_flight: InFlight = field(default_factory=InFlight)
    # Prometheus metrics; None unless DIARYBOT_METRICS is on (runtime/metrics.py).
    metrics: Metrics | None = None


# Texts offered back and not yet answered, per user: a patient may send a few in a row.
MAX_OFFERS = 5


class Awaiting(enum.Enum):
    """What a user's next plain text answers."""

    NOTHING = enum.auto()
    TIMEZONE = enum.auto()
    REMINDER_TIME = enum.auto()
    NOTE = enum.auto()
    #: The techniques keyboard is open: a typed text is its entry's note, a typed score a new one.
    TECHNIQUES = enum.auto()
    #: /history's Note button: the next text replaces that entry's note.
    EDIT_NOTE = enum.auto()
    REPORT_NAME = enum.auto()
    REPORT_REFERENCE = enum.auto()
    PLAN_NOTE = enum.auto()
    #: /meds "Add": the next text is a medication's name and dose.
    MED_NAME = enum.auto()
    #: /meds "Rename": the next text renames the medication whose id is in `entry_id`.
    MED_RENAME = enum.auto()
    #: /treatment: the next text is the treatment's day (the draft is in `treatment`).
    TREATMENT_DATE = enum.auto()
    #: /treatment: the next text is the treatment's own words.
    TREATMENT_WORDS = enum.auto()


@dataclass
class UserState:
    """Per-user conversation state (PTB keeps one per user, in memory)."""

    awaiting: Awaiting = Awaiting.NOTHING
    #: With `Awaiting.NOTE` / `TECHNIQUES`: the entry the note belongs to.
    entry_id: str | None = None
    #: When we started waiting (`time.monotonic()`): unanswered questions expire.
    since: float = field(default_factory=time.monotonic)
    #: Words offered back to the patient ("keep this as a note?"), by the id their buttons carry.
    #: Kept here, not in callback data (64 bytes); a restart forgets them and the buttons say so.
    offered: dict[str, str] = field(default_factory=dict)
    #: With `Awaiting.PLAN_NOTE`: the patient the specialist's plan note is for.
    patient_id: int | None = None
    #: With `Awaiting.TREATMENT_DATE` / `TREATMENT_WORDS`: the treatment being recorded.
    treatment: TreatmentDraft | None = None

    def expect(self, what: Awaiting, entry_id: str | None = None) -> None:
        """Remember what the next text answers."""
        self.awaiting, self.entry_id = what, entry_id
        self.since = time.monotonic()

    def offer(self, offer_id: str, text: str) -> None:
        """Remember text offered back; only the last few offers stay answerable."""
        self.offered[offer_id] = text
        self.since = time.monotonic()
        while len(self.offered) > MAX_OFFERS:
            del self.offered[next(iter(self.offered))]

    def take_offer(self, offer_id: str) -> str | None:
        """The offered text (once): a second tap on the same buttons finds nothing."""
        return self.offered.pop(offer_id, None)

    def clear(self) -> bool:
        """Forget it; whether there was something to forget."""
        had = self.awaiting is not Awaiting.NOTHING
        self.awaiting, self.entry_id, self.patient_id = Awaiting.NOTHING, None, None
        self.treatment = None
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
