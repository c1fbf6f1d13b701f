"""Command line: `diarybot` (or `python -m diarybot`) runs the bot (long polling, or a webhook
when DIARYBOT_WEBHOOK_URL is set); `backup`, `restore` and `check` look after its data.

Exit codes (README lists them too): 0 stopped normally, 1 a maintenance command failed,
2 a setting is wrong or Telegram refused the token, 3 Telegram unreachable at start-up,
4 a port could not be bound, 5 another diarybot already runs on the data folder.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from dotenv import load_dotenv

from diarybot.settings import Settings, SettingsError, forget_secrets

EXIT_FAILED = 1
EXIT_CONFIG = 2
EXIT_UNREACHABLE = 3
EXIT_LISTEN = 4
EXIT_LOCKED = 5
REJECTED_BY_TELEGRAM = (
    "Telegram rejected TELEGRAM_BOT_TOKEN (revoked or mistyped?): "
    "get the current token from @BotFather."
)
UNREACHABLE = (
    "could not reach Telegram at start-up ({error}); check the network or proxy settings "
    "and start again."
)
CANNOT_LISTEN = "cannot listen ({error}); is another program using the port? Check {settings}."


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, read settings and run until stopped (SIGINT/SIGTERM)."""
    parser = argparse.ArgumentParser(prog="diarybot", description="A pain diary on Telegram.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="run the bot (the default)")
    demo = sub.add_parser("demo", help="write sample charts and a sample report (no token)")
    demo.add_argument("--out", type=Path, default=Path("demo-output"), help="output folder")
    folder = "data folder (default: DIARYBOT_DATA_DIR, else ./data)"
    backup = sub.add_parser("backup", help="archive the data folder (safe while the bot runs)")
    backup.add_argument("--out", type=Path, required=True, help="archive to write (.tar.gz)")
    backup.add_argument("--data-dir", type=Path, help=folder)
    restore = sub.add_parser("restore", help="restore a backup into an empty data folder")
    restore.add_argument("archive", type=Path, help="a file written by `diarybot backup`")
    restore.add_argument("--data-dir", type=Path, required=True, help="empty folder to fill")
    check = sub.add_parser("check", help="read every data file and report (changes nothing)")
    check.add_argument("--data-dir", type=Path, help=folder)
    args = parser.parse_args(argv)
    if args.command in (None, "run"):
        return _run()
    if args.command == "backup":
        return _backup(_data_dir(args.data_dir), args.out)
    if args.command == "restore":
        return _restore(args.archive, args.data_dir)
    if args.command == "check":
        return _check(_data_dir(args.data_dir))
    if args.command == "demo":
        from diarybot.demo import render_demo  # noqa: PLC0415 - matplotlib only when asked

        for path in render_demo(args.out):
            sys.stdout.write(f"{path}\n")
        return 0
    parser.error(f"unknown command {args.command}")
    return EXIT_CONFIG


def _version() -> str:
    """The installed distribution's version (pyproject.toml is its one source)."""
    try:
        return version("diarybot")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "(not installed)"


def _load_dotenv() -> None:
    """Read `.env` from the working directory, where the operator runs the bot.

    `load_dotenv()` without a path searches upwards from the calling module's folder (the
    installed package), so a `.env` beside the operator was silently ignored. Values already
    in the environment win over the file.
    """
    load_dotenv(Path.cwd() / ".env")


def _data_dir(given: Path | None) -> Path:
    """The data folder: the option, else DIARYBOT_DATA_DIR (environment or .env), else ./data.

    No token is needed: maintenance never talks to Telegram."""
    if given is not None:
        return given
    _load_dotenv()
    return Path(os.environ.get("DIARYBOT_DATA_DIR", "").strip() or "data")


def _backup(data_dir: Path, out: Path) -> int:
    from diarybot.storage.backup import write_backup  # noqa: PLC0415 - keep `--help` fast

    try:
        summary = write_backup(data_dir, out)
    except OSError as exc:
        sys.stderr.write(f"diarybot: backup failed: {exc}\n")
        return EXIT_FAILED
    sys.stdout.write(
        f"wrote {out}: {summary.files} files, {summary.patients} patients, "
        f"{summary.entries} entries\n"
    )
    for path in summary.unreadable:
        sys.stderr.write(f"diarybot: {path} does not parse; archived as it is\n")
    return EXIT_FAILED if summary.unreadable else 0


def _restore(archive: Path, data_dir: Path) -> int:
    from diarybot.storage.backup import RestoreError, restore  # noqa: PLC0415

    try:
        manifest = restore(archive, data_dir)
    except (RestoreError, OSError) as exc:
        sys.stderr.write(f"diarybot: restore refused: {exc}\n")
        return EXIT_FAILED
    sys.stdout.write(
        f"restored {len(manifest['files'])} files ({manifest['patients']} patients, "
        f"{manifest['entries']} entries, backup of {manifest['created_at']}) into {data_dir}\n"
    )
    return 0


def _check(data_dir: Path) -> int:
    from diarybot.storage.check import check  # noqa: PLC0415

    if not data_dir.is_dir():
        sys.stderr.write(f"diarybot: no data folder at {data_dir}\n")
        return EXIT_CONFIG
    report = check(data_dir)
    sys.stdout.write("".join(f"{line}\n" for line in report.lines()))
    return 0 if report.ok else EXIT_FAILED


def _run() -> int:
    _load_dotenv()
    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        sys.stderr.write(f"diarybot: {exc}\n")
        return EXIT_CONFIG
    # Read once; every process started from here on (the render workers) runs without them.
    forget_secrets()
    from diarybot.storage.data_lock import DataFolderBusy, DataFolderLock  # noqa: PLC0415

    lock = DataFolderLock(settings.data_dir)
    try:
        lock.acquire()
    except DataFolderBusy as exc:
        sys.stderr.write(f"diarybot: {exc}\n")
        return EXIT_LOCKED
    started = False
    try:
        code, started = _serve(settings)
        return code
    finally:
        # A start-up that failed leaves no empty data folder behind (one it created itself).
        lock.release(remove_if_unused=not started)


def _serve(settings: Settings) -> tuple[int, bool]:
    """Run the bot until stopped; the exit code, and whether start-up got as far as serving."""
    from telegram.error import InvalidToken, TelegramError  # noqa: PLC0415 - keep `--help` fast

    from diarybot.bot.app import build_application  # noqa: PLC0415
    from diarybot.runtime.health import HealthServer, WatchedRateLimiter  # noqa: PLC0415
    from diarybot.runtime.logs import configure_logging, quiet_startup_failures  # noqa: PLC0415
    from diarybot.runtime.serving import serve  # noqa: PLC0415

    configure_logging(settings.log_level)
    quiet_startup_failures()
    log = logging.getLogger(__name__)
    application = build_application(settings, rate_limiter=WatchedRateLimiter())
    mode = "long polling" if settings.webhook is None else "webhook"
    log.info("diarybot starting (%s); data in %s", mode, settings.data_dir)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)  # run_polling/run_webhook use it; we close it after cleanup
    metrics = application.bot_data.services.metrics
    health = HealthServer(application, settings.health, metrics) if settings.health else None
    listening = "DIARYBOT_HEALTH_LISTEN/PORT"
    try:
        if health is not None:
            loop.run_until_complete(health.start())
        listening = "DIARYBOT_WEBHOOK_LISTEN/PORT"
        try:
            serve(application, settings)
        finally:
            if health is not None:
                loop.run_until_complete(health.stop())
    except TelegramError as exc:
        # Start-up failed (token refused, Telegram unreachable). The HTTP clients were opened
        # first and PTB only closes them for a bot that started: close them here. PTB's
        # messages can quote the token and an uncaught exception is printed without our
        # redacting formatter, so one plain line says what happened.
        # The traceback goes to DEBUG, through the redacting formatter.
        log.debug("Start-up failed", exc_info=exc)
        loop.run_until_complete(application.bot.shutdown())
        if isinstance(exc, InvalidToken):
            sys.stderr.write(f"diarybot: {REJECTED_BY_TELEGRAM}\n")
            return EXIT_CONFIG, False
        sys.stderr.write(f"diarybot: {UNREACHABLE.format(error=type(exc).__name__)}\n")
        return EXIT_UNREACHABLE, False
    except OSError as exc:
        # Binding the health or the webhook port failed: an address for the operator to fix.
        if health is None and settings.webhook is None:
            raise
        log.debug("Start-up failed", exc_info=exc)
        loop.run_until_complete(application.bot.shutdown())
        error = exc.strerror or type(exc).__name__
        sys.stderr.write(f"diarybot: {CANNOT_LISTEN.format(error=error, settings=listening)}\n")
        return EXIT_LISTEN, False
    finally:
        loop.close()
    return 0, True


if __name__ == "__main__":
    sys.exit(main())
