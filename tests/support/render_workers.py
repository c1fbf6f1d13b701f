"""Functions tests run in the render worker processes (they must be importable there)."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def wait_for_file(path: Path, timeout: float) -> bool:
    """Hold a worker until `path` exists: a render as slow as a test wants."""
    deadline = time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def exit_first_time(marker: Path) -> int:
    """Kill the worker process the first time (as the OOM killer would), answer afterwards."""
    if not marker.exists():
        marker.touch()
        os._exit(1)
    return os.getpid()


def deaf_to_time_limits(seconds: float) -> int:
    """Busy for `seconds` with the time-limit signal blocked, like a worker stuck in C code."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    time.sleep(seconds)
    return os.getpid()


def after_file(path: Path, timeout: float, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """`func(*args, **kwargs)` once `path` exists (or after `timeout`): a held-open render."""
    wait_for_file(path, timeout)
    return func(*args, **kwargs)
