"""Shared fixtures: the fake Bot API on 127.0.0.1 and the real bot application running on it."""

from __future__ import annotations

import socket
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, JobExecutionEvent
from telegram import Update
from telegram.ext import TypeHandler

from diarybot.bot.app import build_application
from diarybot.runtime.rate_limit import PatientRateLimiter
from diarybot.runtime.render_pool import new_process_pool
from diarybot.runtime.serving import webhook_arguments
from diarybot.settings import Settings, WebhookSettings
from diarybot.storage.store import Store
from tests.support.disk import DiskFiles
from tests.support.fake_bot_api import FakeBotAPI, FakeUser


@dataclass
class Clock:
    """The bot's clock: real time shifted by an offset a test can set (APScheduler stays real)."""

    offset: timedelta = timedelta(0)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def set(self, instant: datetime) -> None:
        self.offset = instant - datetime.now(UTC)


@dataclass
class Harness:
    """The fake API, the running application, its data folder and clock, and helpers."""

    api: FakeBotAPI
    data_dir: Path
    clock: Clock
    app: Any = None
    # Telegram-like per-chat pacing makes every multi-message reply take seconds; the rate-limit
    # tests switch it back on (None = the production limiter).
    rate_limiter: Any = field(default_factory=lambda: PatientRateLimiter(per_chat_per_second=1000))
    # The render worker processes; None lets the bot start its own (tests share one pool).
    render_executor: Any = None
    # Set: the bot runs PTB's webhook server and the fake delivers updates to it by POST.
    webhook: WebhookSettings | None = None
    # DIARYBOT_METRICS: the metered application (runtime/metrics.py).
    metrics: bool = False
    users: dict[int, FakeUser] = field(default_factory=dict)
    job_runs: Counter[str] = field(default_factory=Counter)

    def user(self, user_id: int = 1001, name: str = "Pat") -> FakeUser:
        return self.users.setdefault(user_id, FakeUser(id=user_id, first_name=name))

    @property
    def store(self) -> Store:
        """The running bot's own store (seeding through it keeps the bot's caches true)."""
        return self.app.bot_data.services.store

    @property
    def files(self) -> DiskFiles:
        """A fresh reader of what is on disk (not the bot's in-memory cache)."""
        return DiskFiles(self.data_dir)

    def __post_init__(self) -> None:
        # Every update queued through the fake (by any helper) is remembered, so `settle` can
        # wait for exactly those to go through the bot's handlers.
        self.issued: set[int] = set()
        self.processed: set[int] = set()
        add_update = self.api.add_update

        def recording_add_update(update: dict[str, Any]) -> int:
            update_id = add_update(update)
            self.issued.add(update_id)
            return update_id

        self.api.add_update = recording_add_update  # type: ignore[method-assign]

    async def settle(self, timeout: float = 10.0) -> None:  # noqa: ASYNC109
        """Wait until every queued update went through all of the bot's handlers, and every
        chart or report they asked for was sent (those are prepared after the handler).

        A test that holds a render open must queue its next updates with `api.send_text` and
        wait for their replies itself."""
        in_flight = self.app.bot_data.services.in_flight
        await self.api.wait_until(
            lambda: self.issued <= self.processed and not in_flight, timeout=timeout
        )

    async def say(self, user: FakeUser, text: str) -> list[str]:
        """Send a text and return the texts of the bot's new messages or edits to this user."""
        mark = self.api.mark()
        self.api.send_text(user, text)
        await self.settle()
        return self.replies_since(mark, user.id)

    async def press(self, user: FakeUser, label: str, message_id: int | None = None) -> list[str]:
        """Press a labelled button on the latest (or given) message; return new texts."""
        mark = self.api.mark()
        self.api.press_label(user, label, message_id=message_id)
        await self.settle()
        return self.replies_since(mark, user.id)

    def replies_since(self, mark: int, chat_id: int) -> list[str]:
        texts = []
        for call in self.api.all_calls[mark:]:
            if (
                call.ok
                and call.method in ("sendMessage", "editMessageText")
                and call.params.get("chat_id") == chat_id
            ):
                texts.append(call.params.get("text", ""))
        return texts

    async def run_job(self, name: str, timeout: float = 10.0) -> None:  # noqa: ASYNC109
        """Make the named APScheduler job run now and wait until its callback has finished."""
        [job] = self.app.job_queue.get_jobs_by_name(name)
        job_id = job.job.id
        before = self.job_runs[job_id]
        job.job.modify(next_run_time=datetime.now(UTC))
        await self.api.wait_until(lambda: self.job_runs[job_id] > before, timeout=timeout)

    async def onboard(self, user: FakeUser, tz: str = "Europe/Berlin", at: str = "20:00") -> None:
        """Run /start, pick a zone by typing it, and a reminder time by typing it."""
        await self.say(user, "/start")
        await self.say(user, tz)
        await self.say(user, at)


@asynccontextmanager
async def running_bot(harness: Harness) -> AsyncIterator[Any]:
    """Start the real application like `run_polling` does, and stop it like SIGTERM would."""
    settings = Settings(
        token=harness.api.token,
        data_dir=harness.data_dir,
        api_base_url=harness.api.base_url,
        api_base_file_url=harness.api.base_file_url,
        webhook=harness.webhook,
        metrics=harness.metrics,
    )
    app = build_application(
        settings,
        clock=harness.clock,
        rate_limiter=harness.rate_limiter,
        render_executor=harness.render_executor,
    )
    harness.app = app

    async def processed(update: object, _context: object) -> None:
        harness.processed.add(update.update_id)  # type: ignore[attr-defined]

    # Runs after every handler group of ours, so "processed" means the replies were sent.
    app.add_handler(TypeHandler(Update, processed), group=10_000)

    def job_finished(event: JobExecutionEvent) -> None:
        harness.job_runs[event.job_id] += 1

    # APScheduler reports a coroutine job as executed once it has returned.
    app.job_queue.scheduler.add_listener(job_finished, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
    await app.initialize()
    await app.post_init(app)  # type: ignore[misc]
    if settings.webhook is None:
        await app.updater.start_polling(poll_interval=0, timeout=1)
    else:
        # What run_webhook does, with the production arguments; the fake plays the proxy.
        harness.api.route_webhook_to(f"http://127.0.0.1:{settings.webhook.port}")
        await app.updater.start_webhook(**webhook_arguments(settings.webhook))
    await app.start()
    try:
        yield app
    finally:
        if app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()
        await app.post_shutdown(app)  # type: ignore[misc]


def free_port() -> int:
    """A TCP port nobody listens on right now (the OS picks it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def webhook_settings(secret: str = "test-secret_0123456789") -> WebhookSettings:
    """Webhook settings as an operator behind a reverse proxy would write them."""
    return WebhookSettings(
        url="https://diary.example.org/telegram/hook",
        secret=secret,
        listen="127.0.0.1",
        port=free_port(),
        path="/telegram/hook",
    )


@pytest.fixture
async def api(clock: Clock) -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as fake:
        fake.now = lambda: clock().timestamp()  # Telegram's dates follow the shifted clock
        yield fake


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture(scope="session")
def render_executor() -> Iterator[ProcessPoolExecutor]:
    """The production kind of render pool, started once: worker start-up (imports of
    matplotlib and fpdf) would otherwise cost every chart test a second or two."""
    pool = new_process_pool()
    yield pool
    pool.shutdown(wait=True, cancel_futures=True)


@pytest.fixture
async def harness(
    api: FakeBotAPI, tmp_path: Path, clock: Clock, render_executor: ProcessPoolExecutor
) -> AsyncIterator[Harness]:
    h = Harness(api=api, data_dir=tmp_path / "data", clock=clock, render_executor=render_executor)
    async with running_bot(h):
        yield h


@pytest.fixture
async def webhook_harness(
    api: FakeBotAPI, tmp_path: Path, clock: Clock, render_executor: ProcessPoolExecutor
) -> AsyncIterator[Harness]:
    """The same bot, fed by Telegram-style webhook POSTs instead of long polling."""
    h = Harness(
        api=api,
        data_dir=tmp_path / "data",
        clock=clock,
        render_executor=render_executor,
        webhook=webhook_settings(),
    )
    async with running_bot(h):
        yield h
