"""A disk that fails once, where a test wants it: shared by the storage fault tests."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any


def fail_once(
    real: Callable[..., Any], target: str, code: int
) -> tuple[Callable[..., Any], list[str]]:
    """A stand-in for os.write/os.fsync that fails once, only on a temp file of `target`."""
    failed: list[str] = []

    def wrapper(fd: int, *args: Any) -> Any:
        try:
            name = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            name = ""
        if not failed and f".{target}." in name and name.endswith(".tmp"):
            failed.append(name)
            raise OSError(code, os.strerror(code))
        return real(fd, *args)

    return wrapper, failed
