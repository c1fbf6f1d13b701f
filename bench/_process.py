"""Bots in their own processes, talking to a fake Bot API served by the benchmark process."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
import time
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import psutil

from tests.support.fake_bot_api import Call, FakeBotAPI

REPO_ROOT = Path(__file__).resolve().parent.parent
STOP_TIMEOUT = 30.0


class BotFailedError(RuntimeError):
    """The bot process exited or never started polling; the message ends with its log."""


@dataclass
class BotProcess:
    """A running bot: its process, when it was spawned and when it first polled for updates."""

    process: asyncio.subprocess.Process
    spawned_at: float
    polling_at: float
    log_path: Path


def _tail(path: Path, lines: int) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def bot_command(kind: str, api: FakeBotAPI, *options: str) -> list[str]:
    """The command line of `bench._botproc` for `kind` against `api`."""
    return [
        sys.executable,
        "-m",
        "bench._botproc",
        kind,
        "--base-url",
        api.base_url,
        "--base-file-url",
        api.base_file_url,
        "--token",
        api.token,
        *options,
    ]


@asynccontextmanager
async def spawned(
    command: list[str],
    api: FakeBotAPI,
    log_path: Path,
    *,
    env: Mapping[str, str] | None = None,
    ready_timeout: float = 300.0,
    cwd: Path | None = None,
) -> AsyncIterator[BotProcess]:
    """Start `command` (in `cwd`, by default this repository), wait for its first getUpdates,
    and stop it with SIGTERM at the end."""
    with log_path.open("wb") as log:
        spawned_at = time.monotonic()
        process = await asyncio.create_subprocess_exec(
            *command, stdout=log, stderr=log, cwd=cwd or REPO_ROOT, env=env
        )
    try:
        try:
            async with asyncio.timeout(ready_timeout):
                polling_at = await _wait_for_first_poll(api, process, log_path)
        except TimeoutError:
            raise BotFailedError(
                f"bot did not poll within {ready_timeout}s:\n{_tail(log_path, 30)}"
            ) from None
        yield BotProcess(process, spawned_at, polling_at, log_path)
    finally:
        await _stop(process)


async def _wait_for_first_poll(
    api: FakeBotAPI, process: asyncio.subprocess.Process, log_path: Path
) -> float:
    """When the fake saw the first getUpdates (the bot is serving updates from then on)."""
    while api.poll_count == 0:
        if process.returncode is not None:
            raise BotFailedError(
                f"bot exited with {process.returncode} before polling:\n{_tail(log_path, 30)}"
            )
        with contextlib.suppress(AssertionError):
            await api.wait_until(lambda: api.poll_count > 0, timeout=0.5)
    return time.monotonic()


async def _stop(process: asyncio.subprocess.Process) -> None:
    if process.returncode is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        await asyncio.wait_for(process.wait(), STOP_TIMEOUT)
    except TimeoutError:
        process.kill()
        await process.wait()


class CallScanner:
    """Reads the calls the fake recorded (polls excluded), each one once."""

    def __init__(self, api: FakeBotAPI) -> None:
        self.api = api
        self.index = len(api.calls)

    def new_calls(self) -> list[Call]:
        """Calls recorded since the last look."""
        calls = self.api.calls[self.index :]
        self.index += len(calls)
        return calls


def cpu_seconds(process: psutil.Process) -> float:
    """CPU time of a bot process, all its threads, user and system."""
    times = process.cpu_times()
    return times.user + times.system
