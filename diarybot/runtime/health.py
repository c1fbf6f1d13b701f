"""A read-only health endpoint: `GET /health` answers a few numbers as JSON, never patient data.

With DIARYBOT_METRICS=1 the same server answers `GET /metrics` (Prometheus; runtime/metrics.py).
It runs on its own port (DIARYBOT_HEALTH_PORT), in polling and in webhook mode alike. PTB's
webhook server serves exactly one route, the update path, and offers no public way to add
another; a second small server on the same event loop keeps the public webhook path apart from
an endpoint that only the container runtime or the host's monitoring should reach. It uses
tornado, which PTB's webhook extra already brings, so no other web framework is needed. Being
served by the bot's own event loop, it also fails when that loop is stuck.
"""

from __future__ import annotations

import json
import multiprocessing
import time
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

import tornado.httpserver
import tornado.web
from telegram.ext import Application

from diarybot.runtime.rate_limit import PatientRateLimiter
from diarybot.settings import HealthSettings

if TYPE_CHECKING:
    from diarybot.runtime.metrics import Metrics

PATH = "/health"
METRICS_PATH = "/metrics"
# Prometheus' text exposition format, version 0.0.4 (what prometheus_client writes).
METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
REMINDER_PREFIX = "reminder:"

AnyApplication = Application[Any, Any, Any, Any, Any, Any]


class WatchedRateLimiter(PatientRateLimiter):
    """The bot's rate limiter, also noting when Telegram last answered a request successfully.

    Every request the bot makes passes the limiter (all but the long polls), so this is the
    one place PTB offers to see them without wrapping its HTTP layer.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.last_success: datetime | None = None

    async def process_request(  # noqa: PLR0917 - PTB's signature
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        """Send as the limiter does; on success remember when."""
        result = await super().process_request(
            callback, args, kwargs, endpoint, data, rate_limit_args
        )
        self.last_success = datetime.now(UTC)
        return result


def snapshot(application: AnyApplication, started: float) -> dict[str, Any]:
    """The health numbers: about the process, never about a patient."""
    limiter = application.bot.rate_limiter
    last = limiter.last_success if isinstance(limiter, WatchedRateLimiter) else None
    queue = application.job_queue
    jobs = queue.scheduler.get_jobs() if queue is not None and application.running else []
    return {
        "up": application.running,
        "uptime_seconds": round(time.monotonic() - started, 1),
        "last_telegram_ok": last.isoformat(timespec="seconds") if last else None,
        "reminders_scheduled": sum(1 for j in jobs if str(j.id).startswith(REMINDER_PREFIX)),
        # Render workers are the bot's only child processes; 0 until the first chart or report.
        "render_workers_alive": len(multiprocessing.active_children()),
    }


class _HealthHandler(tornado.web.RequestHandler):
    SUPPORTED_METHODS = ("GET", "HEAD")

    def initialize(self, bot_application: AnyApplication, started: float) -> None:
        self.bot_application = bot_application
        self.started = started

    def get(self) -> None:
        body = snapshot(self.bot_application, self.started)
        self.set_status(HTTPStatus.OK if body["up"] else HTTPStatus.SERVICE_UNAVAILABLE)
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(body))

    def head(self) -> None:
        self.get()


class _MetricsHandler(tornado.web.RequestHandler):
    SUPPORTED_METHODS = ("GET",)

    def initialize(self, exposition: Callable[[], bytes]) -> None:
        self.exposition = exposition

    def get(self) -> None:
        self.set_header("Content-Type", METRICS_CONTENT_TYPE)
        self.set_header("Cache-Control", "no-store")
        self.finish(self.exposition())


class HealthServer:
    """The endpoint, served on the running event loop until `stop`.

    With `metrics` (DIARYBOT_METRICS=1) it also answers `GET /metrics` in Prometheus' text
    format; without, `/metrics` is a 404 like any other path.
    """

    def __init__(
        self, application: AnyApplication, settings: HealthSettings, metrics: Metrics | None = None
    ) -> None:
        routes: list[Any] = [
            (PATH, _HealthHandler, {"bot_application": application, "started": time.monotonic()})
        ]
        if metrics is not None:
            routes.append((METRICS_PATH, _MetricsHandler, {"exposition": metrics.exposition}))
        app = tornado.web.Application(
            routes,
            log_function=lambda _handler: None,  # no access log: it would only be noise
        )
        self._server = tornado.httpserver.HTTPServer(app)
        self.settings = settings

    async def start(self) -> None:
        """Listen (call on the bot's event loop)."""
        self._server.listen(self.settings.port, address=self.settings.listen)

    async def stop(self) -> None:
        """Stop listening and close open connections."""
        self._server.stop()
        await self._server.close_all_connections()
