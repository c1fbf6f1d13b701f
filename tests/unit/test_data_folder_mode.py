"""Only folders the bot creates are made private; an existing one keeps its mode and the
operator is warned if others can read it (issue #12, item 13)."""

from __future__ import annotations

import logging
import stat
from pathlib import Path

import pytest

from diarybot.storage.store import Store


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_an_existing_shared_folder_keeps_its_mode_and_the_operator_is_warned(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)  # like /tmp
    with caplog.at_level(logging.WARNING):
        Store(shared, threads=0)
    assert mode(shared) == 0o1777
    [warning] = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert str(shared) in warning and "1777" in warning
    assert mode(shared / "patients") == 0o700  # what the bot creates inside is private


def test_a_private_existing_folder_is_not_warned_about(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    own = tmp_path / "own"
    own.mkdir(mode=0o700)
    with caplog.at_level(logging.WARNING):
        Store(own, threads=0)
    assert mode(own) == 0o700
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_a_folder_the_bot_creates_is_private_whatever_the_umask(tmp_path: Path) -> None:
    import os  # noqa: PLC0415

    old = os.umask(0o022)
    try:
        Store(tmp_path / "new" / "data", threads=0)
    finally:
        os.umask(old)
    assert mode(tmp_path / "new" / "data") == 0o700
