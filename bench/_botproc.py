"""A bot process for the benchmarks: diarybot itself, or the bare PTB echo bot baseline.

Run as ``python -m bench._botproc diarybot|echo --base-url URL --token TOKEN ...``. Each bot
runs with long polling (``run_polling``, as ``python -m diarybot`` does) in its own process, so
it has a CPU of its own and the benchmark's fake Bot API and load generator do not share its
event loop. SIGTERM stops it the way it stops in production.

diarybot is built with the production factory, ``build_application``; only the rate limiter's
rates can be changed (``--overall-rate``, ``--per-chat-rate``), and ``--metrics-port`` switches
the Prometheus metrics on, served with the health endpoint on that port.
``--fire-reminders-after`` makes every daily reminder due at once, as if the clock had reached
the minute all patients chose: the bot's clock jumps forward by that many seconds and every
``reminder:*`` job runs now.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("PTB_TIMEDELTA", "true")

# PTB reads PTB_TIMEDELTA when it is imported (as diarybot.app sets it before importing).
from telegram import Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CommandHandler,
    ContextTypes,
)

logger = logging.getLogger("bench.bot")
ALLOWED_UPDATES = ["message", "callback_query"]


@dataclass
class ShiftedClock:
    """The bot's clock: real time plus an offset that can jump forward."""

    offset: timedelta = timedelta(0)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset


async def echo(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reply with the message's own text: the least a bot can do for an update."""
    if update.message is not None and update.message.text is not None:
        await update.message.reply_text(update.message.text)


def echo_application(args: argparse.Namespace) -> Application[Any, Any, Any, Any, Any, Any]:
    """A bare PTB application (every default) with one command handler.

    `--concurrent-updates N` handles up to N updates at once, as diarybot does (256).
    """
    builder = ApplicationBuilder().token(args.token).base_url(args.base_url)
    if args.concurrent_updates:
        builder = builder.concurrent_updates(args.concurrent_updates)
    app = builder.build()
    app.add_handler(CommandHandler("log", echo))
    return app


def diarybot_application(args: argparse.Namespace) -> Application[Any, Any, Any, Any, Any, Any]:
    """diarybot from its production factory, with the given rate-limiter rates."""
    from diarybot.bot.app import build_application  # noqa: PLC0415 - only in the diarybot process
    from diarybot.runtime.logs import configure_logging  # noqa: PLC0415
    from diarybot.runtime.rate_limit import PatientRateLimiter  # noqa: PLC0415
    from diarybot.settings import HealthSettings, Settings  # noqa: PLC0415

    configure_logging(args.log_level)
    settings = Settings(
        token=args.token,
        data_dir=Path(args.data_dir),
        api_base_url=args.base_url,
        api_base_file_url=args.base_file_url,
        log_level=args.log_level,
        metrics=args.metrics_port is not None,
        health=HealthSettings(port=args.metrics_port) if args.metrics_port else None,
    )
    rates = {"overall_per_second": args.overall_rate, "per_chat_per_second": args.per_chat_rate}
    limiter = PatientRateLimiter(**{name: rate for name, rate in rates.items() if rate})
    clock = ShiftedClock()
    app = build_application(settings, clock=clock, rate_limiter=limiter)
    if args.fire_reminders_after is not None:
        _fire_reminders_once_started(app, clock, timedelta(seconds=args.fire_reminders_after))
    if settings.health is not None:
        _serve_health(app, settings.health)
    return app


def _serve_health(app: Application[Any, Any, Any, Any, Any, Any], health: Any) -> None:
    """The health endpoint (and /metrics) next to the bot, as `python -m diarybot` runs it."""
    from diarybot.runtime.health import HealthServer  # noqa: PLC0415

    post_init = app.post_init

    async def post_init_then_serve(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        if post_init is not None:
            await post_init(application)
        server = HealthServer(application, health, application.bot_data.services.metrics)
        await server.start()

    app.post_init = post_init_then_serve


def _fire_reminders_once_started(
    app: Application[Any, Any, Any, Any, Any, Any], clock: ShiftedClock, jump: timedelta
) -> None:
    """After start-up, jump the clock forward and make every daily reminder job due now."""
    post_init = app.post_init

    async def fire(_context: ContextTypes.DEFAULT_TYPE) -> None:
        clock.offset = jump
        assert app.job_queue is not None
        now = datetime.now(UTC)
        fired = 0
        for job in app.job_queue.jobs():
            if job.name and job.name.startswith("reminder:"):
                job.job.modify(next_run_time=now)
                fired += 1
        logger.warning("Benchmark: %d reminder jobs made due now", fired)

    async def post_init_then_fire(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        if post_init is not None:
            await post_init(application)
        assert application.job_queue is not None
        # A job: it runs once the job queue has started, right after polling begins.
        application.job_queue.run_once(fire, when=0.2, name="bench:fire-reminders")

    app.post_init = post_init_then_fire


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments and run the chosen bot until SIGTERM."""
    parser = argparse.ArgumentParser(prog="python -m bench._botproc")
    parser.add_argument("kind", choices=("diarybot", "echo"))
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--base-file-url", default=None)
    parser.add_argument("--token", required=True)
    parser.add_argument("--data-dir", default="data")
    # Unset: diarybot's production rates (30 messages/s overall, 1 per second per chat).
    parser.add_argument("--overall-rate", type=float, default=None)
    parser.add_argument("--per-chat-rate", type=float, default=None)
    parser.add_argument("--fire-reminders-after", type=float, default=None)
    parser.add_argument("--log-level", default="INFO")
    parser.add_argument("--concurrent-updates", type=int, default=0)
    # DIARYBOT_METRICS=1 with the health endpoint (and so /metrics) on this port.
    parser.add_argument("--metrics-port", type=int, default=None)
    args = parser.parse_args(argv)
    if args.kind == "echo":
        logging.basicConfig(level=logging.WARNING)
        app = echo_application(args)
    else:
        app = diarybot_application(args)
    app.run_polling(allowed_updates=ALLOWED_UPDATES)
    return 0


if __name__ == "__main__":
    sys.exit(main())
