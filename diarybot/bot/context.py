"""What handlers and jobs share: settings, the patient store and the clock.

Kept in `application.bot_data` under one key, so tests build the real application with a
controllable clock and a temporary data folder, and nothing reaches for globals.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from telegram.ext import Application, CallbackContext

from diarybot.domain.localtime import utc_now
from diarybot.runtime.render_pool import RenderPool
from diarybot.settings import Settings
from diarybot.storage.patients import PatientStore

KEY = "diarybot.services"


@dataclass
class Services:
    """Long-lived collaborators of the handlers."""

    settings: Settings
    store: PatientStore
    clock: Callable[[], datetime] = utc_now
    # Charts and PDFs are CPU-bound: they run in worker processes, a few at a time.
    renderer: RenderPool = field(default_factory=RenderPool)


def services(context: CallbackContext[Any, Any, Any, Any]) -> Services:
    """The services of the running application."""
    return context.application.bot_data[KEY]  # type: ignore[no-any-return]


def services_of(application: Application[Any, Any, Any, Any, Any, Any]) -> Services:
    """The services of an application (start-up and shutdown hooks)."""
    return application.bot_data[KEY]  # type: ignore[no-any-return]
