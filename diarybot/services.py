"""What handlers and jobs share: settings, the patient store and the clock.

Kept in `application.bot_data` under one key, so tests build the real application with a
controllable clock and a temporary data folder, and nothing reaches for globals.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from telegram.ext import Application, CallbackContext

from diarybot.localtime import utc_now
from diarybot.patients import PatientStore
from diarybot.settings import Settings

KEY = "diarybot.services"
RENDER_CONCURRENCY = 2


@dataclass
class Services:
    """Long-lived collaborators of the handlers."""

    settings: Settings
    store: PatientStore
    clock: Callable[[], datetime] = utc_now
    # Charts and PDFs are CPU-bound and run on worker threads; this bounds how many at once so
    # a burst of /chart or /export requests cannot starve the storage threads or the loop.
    render_slots: asyncio.Semaphore = field(
        default_factory=lambda: asyncio.Semaphore(RENDER_CONCURRENCY)
    )


def services(context: CallbackContext[Any, Any, Any, Any]) -> Services:
    """The services of the running application."""
    return context.application.bot_data[KEY]  # type: ignore[no-any-return]


def services_of(application: Application[Any, Any, Any, Any, Any, Any]) -> Services:
    """The services of an application (start-up and shutdown hooks)."""
    return application.bot_data[KEY]  # type: ignore[no-any-return]
