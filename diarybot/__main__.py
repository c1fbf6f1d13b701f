"""Command line: `diarybot` (or `python -m diarybot`) runs the bot with long polling."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path

from dotenv import load_dotenv

from diarybot.settings import Settings, SettingsError

EXIT_CONFIG = 2
EXIT_UNREACHABLE = 3
REJECTED_BY_TELEGRAM = (
    "Telegram rejected TELEGRAM_BOT_TOKEN (revoked or mistyped?): "
    "get the current token from @BotFather."
)
UNREACHABLE = (
    "could not reach Telegram at start-up ({error}); check the network or proxy settings "
    "and start again."
)


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, read settings and run until stopped (SIGINT/SIGTERM)."""
    parser = argparse.ArgumentParser(prog="diarybot", description="A pain diary on Telegram.")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="run the bot (the default)")
    demo = sub.add_parser("demo", help="write sample charts and a sample report (no token)")
    demo.add_argument("--out", type=Path, default=Path("demo-output"), help="output folder")
    args = parser.parse_args(argv)
    if args.command in (None, "run"):
        return _run()
    if args.command == "demo":
        from diarybot.demo import render_demo  # noqa: PLC0415 - matplotlib only when asked

        for path in render_demo(args.out):
            sys.stdout.write(f"{path}\n")
        return 0
    parser.error(f"unknown command {args.command}")
    return EXIT_CONFIG


def _run() -> int:
    load_dotenv()
    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        sys.stderr.write(f"diarybot: {exc}\n")
        return EXIT_CONFIG
    from telegram.error import InvalidToken, TelegramError  # noqa: PLC0415 - keep `--help` fast

    from diarybot.bot.app import build_application  # noqa: PLC0415
    from diarybot.runtime.logs import configure_logging  # noqa: PLC0415

    configure_logging(settings.log_level)
    application = build_application(settings)
    logging.getLogger(__name__).info("diarybot starting; data in %s", settings.data_dir)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)  # run_polling uses it; we close it, after any cleanup below
    try:
        application.run_polling(allowed_updates=["message", "callback_query"], close_loop=False)
    except TelegramError as exc:
        # Start-up failed (token refused, Telegram unreachable). The HTTP clients were opened
        # first and PTB only closes them for a bot that started: close them here. PTB's
        # messages can quote the token and an uncaught exception is printed without our
        # redacting formatter, so one plain line says what happened.
        loop.run_until_complete(application.bot.shutdown())
        if isinstance(exc, InvalidToken):
            sys.stderr.write(f"diarybot: {REJECTED_BY_TELEGRAM}\n")
            return EXIT_CONFIG
        sys.stderr.write(f"diarybot: {UNREACHABLE.format(error=type(exc).__name__)}\n")
        return EXIT_UNREACHABLE
    finally:
        loop.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
