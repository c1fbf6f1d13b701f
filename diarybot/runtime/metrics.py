"""Prometheus metrics (`DIARYBOT_METRICS=1`): how much work the bot does and how long it takes.

Off by default. When off, nothing here is built: the application runs PTB's stock request
object, the plain update processor and render pool, and no metric exists anywhere. When on,
each measurement has one hook, a thin subclass chosen in `bot/app.py`:

- updates and reply latency: `MeteredUpdateProcessor`, around PTB's update processor;
- Telegram's 429s: `MeteredRequest`, PTB's own HTTP client, at the request layer;
- renders: `MeteredRenderPool`, around the render workers;
- reminders: `bot/reminders.py` reports each delivery's outcome once (`reminder_outcome`);
- errors: `count_error`, a second error handler.

`Metered.build` makes them all; `bot/app.py` imports this module only when metrics are on, so
with them off prometheus_client is not even loaded.

Every metric lives in the `Metrics` object's own `CollectorRegistry`, not in prometheus_client's
global one, so tests and several applications in one process never collide. Labels come from
small fixed sets (the kind of update or render, why a reminder failed): never a user id, a name
or anything a patient wrote, so a scrape says nothing about anyone and the number of series
never grows with the number of patients.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, TypeVar

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from telegram import MessageEntity, Update
from telegram.request import HTTPXRequest

from diarybot.runtime import digest_tasks, render_tasks, report_tasks
from diarybot.runtime.render_pool import RenderPool, RenderTimedOutError
from diarybot.runtime.update_order import PerPatientUpdateProcessor

T = TypeVar("T")

UPDATE_KINDS = ("command", "message", "callback", "other")
#: What each render function draws; anything else is "other".
RENDER_KINDS: dict[Callable[..., Any], str] = {
    render_tasks.chart: "chart",
    render_tasks.chart_from_diary: "chart",
    report_tasks.report_files: "report",  # the PDF, with its CSV and FHIR files
    report_tasks.everything_files: "export",  # the whole diary before an erasure
    digest_tasks.digest_files: "digest",
}
RENDER_OUTCOMES = ("ok", "failed", "timed_out")
#: Why a reminder was not delivered (`bot/reminders.py` names the outcome).
REMINDER_FAILURES = ("unreachable", "rejected", "timed_out", "network")
REMINDER_SENT = "sent"
ERROR_SOURCES = ("update", "job")
# A reply is usually tens of milliseconds; per-chat pacing and a patient's queued updates can
# make it seconds.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
# A week's chart takes ~25 ms in a worker, a five-year export ~5 s; the limit is 30 s.
RENDER_BUCKETS = (0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)


class Metrics:
    """The bot's metrics, in a registry of their own."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        reg = self.registry
        self.updates = Counter(
            "diarybot_updates",
            "Updates handled (every handler group ran), by kind.",
            ["kind"],
            registry=reg,
        )
        self.updates_dropped = Counter(
            "diarybot_updates_dropped",
            "Updates dropped unhandled: their user had too many pending.",
            registry=reg,
        )
        self.reply_latency = Histogram(
            "diarybot_reply_latency_seconds",
            "From the bot taking an update to all its handlers having finished, the replies "
            "they send answered by Telegram; includes waiting behind the same user's earlier "
            "updates. Charts and reports are timed by diarybot_render_seconds instead.",
            ["kind"],
            buckets=LATENCY_BUCKETS,
            registry=reg,
        )
        self.reminders_sent = Counter(
            "diarybot_reminders_sent", "Daily reminders delivered.", registry=reg
        )
        self.reminders_failed = Counter(
            "diarybot_reminders_failed",
            "Daily reminder deliveries that failed, by reason (network: retried later).",
            ["reason"],
            registry=reg,
        )
        self.renders = Counter(
            "diarybot_renders",
            "Charts, reports and digests drawn by the render workers, by kind and outcome.",
            ["kind", "outcome"],
            registry=reg,
        )
        self.render_seconds = Histogram(
            "diarybot_render_seconds",
            "From asking for a render to its result, waiting for a free worker included.",
            ["kind"],
            buckets=RENDER_BUCKETS,
            registry=reg,
        )
        self.telegram_429 = Counter(
            "diarybot_telegram_429",
            "Answers 429 (Too Many Requests, RetryAfter) received from Telegram.",
            registry=reg,
        )
        self.errors = Counter(
            "diarybot_errors",
            "Exceptions that reached the error handler, from an update or a job.",
            ["source"],
            registry=reg,
        )
        self._start_at_zero()

    def _start_at_zero(self) -> None:
        """Create every labelled series now, so a scrape shows 0 rather than nothing."""
        # Kept by kind: looking a labelled series up costs as much as counting in it.
        self._handled = {
            kind: (self.updates.labels(kind), self.reply_latency.labels(kind))
            for kind in UPDATE_KINDS
        }
        for kind in sorted(set(RENDER_KINDS.values())):
            self.render_seconds.labels(kind)
            for outcome in RENDER_OUTCOMES:
                self.renders.labels(kind, outcome)
        for reason in REMINDER_FAILURES:
            self.reminders_failed.labels(reason)
        for source in ERROR_SOURCES:
            self.errors.labels(source)

    def exposition(self) -> bytes:
        """The metrics in Prometheus' text format (what `/metrics` answers)."""
        return generate_latest(self.registry)

    def update_handled(self, kind: str, seconds: float) -> None:
        """One update of `kind` went through every handler group in `seconds`."""
        count, latency = self._handled[kind]
        count.inc()
        latency.observe(seconds)

    def reminder_outcome(self, outcome: str) -> None:
        """One reminder delivery: `REMINDER_SENT` or one of `REMINDER_FAILURES`."""
        if outcome == REMINDER_SENT:
            self.reminders_sent.inc()
        else:
            self.reminders_failed.labels(outcome).inc()

    async def count_error(self, update: object, _context: object) -> None:
        """An error handler beside the bot's own: count what reached it."""
        self.errors.labels("job" if update is None else "update").inc()


def update_kind(update: object) -> str:
    """command, message, callback or other: what the update is, never who sent it."""
    if not isinstance(update, Update):
        return "other"
    if update.callback_query is not None:
        return "callback"
    message = update.message
    if message is None:
        return "other"
    entities = message.entities
    if entities and entities[0].type == MessageEntity.BOT_COMMAND and entities[0].offset == 0:
        return "command"
    return "message"


class MeteredUpdateProcessor(PerPatientUpdateProcessor):
    """The per-patient processor, counting updates and timing each one's handling."""

    def __init__(self, metrics: Metrics, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._metrics = metrics
        # The updates being dropped right now (by object id: alive while we look).
        self._dropping: set[int] = set()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Handle as the processor does; then count and time it (or count it as dropped)."""
        started = time.perf_counter()
        await super().do_process_update(update, coroutine)
        if id(update) in self._dropping:
            self._dropping.discard(id(update))
            self._metrics.updates_dropped.inc()
            return
        self._metrics.update_handled(update_kind(update), time.perf_counter() - started)

    async def _drop(self, update: Update, coroutine: Awaitable[Any], line: Any) -> None:
        self._dropping.add(id(update))
        await super()._drop(update, coroutine, line)


class MeteredRequest(HTTPXRequest):
    """PTB's own HTTP client, counting every 429 Telegram answers (retries included)."""

    def __init__(self, metrics: Metrics, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._too_many = metrics.telegram_429

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        """Send as PTB does; count a 429."""
        code, payload = await super().do_request(*args, **kwargs)
        if code == HTTPStatus.TOO_MANY_REQUESTS:
            self._too_many.inc()
        return code, payload


class MeteredRenderPool(RenderPool):
    """The render workers, counting and timing each render by kind."""

    def __init__(self, metrics: Metrics, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._metrics = metrics

    async def run(self, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Render as the pool does; then count the outcome and observe the duration."""
        kind = RENDER_KINDS.get(func, "other")
        started = time.perf_counter()
        outcome = "failed"
        try:
            result = await super().run(func, *args, **kwargs)
        except RenderTimedOutError:
            outcome = "timed_out"
            raise
        else:
            outcome = "ok"
            return result
        finally:
            self._metrics.renders.labels(kind, outcome).inc()
            self._metrics.render_seconds.labels(kind).observe(time.perf_counter() - started)


@dataclass(frozen=True)
class Metered:
    """The metered pieces `build_application` uses instead of the plain ones."""

    metrics: Metrics
    updates: MeteredUpdateProcessor
    request: MeteredRequest

    @classmethod
    def build(cls, connection_pool_size: int) -> Metered:
        """New metrics and the pieces that feed them (the request sized like the builder's)."""
        metrics = Metrics()
        return cls(
            metrics=metrics,
            updates=MeteredUpdateProcessor(metrics),
            request=MeteredRequest(metrics, connection_pool_size=connection_pool_size),
        )

    def renderer(self, executor: Executor | None) -> MeteredRenderPool:
        """The render pool, on `executor` if one is given (as `RenderPool`)."""
        return MeteredRenderPool(self.metrics, executor)
