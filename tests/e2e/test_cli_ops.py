"""`diarybot` as an operator meets it: --version, `.env` beside them, one process per data
folder, a quiet and tidy failure when Telegram is unreachable (issue #12, items 10-12, 17)."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.e2e.test_serving_cli import REPO, START_TIMEOUT, cli_env, start, stop
from tests.support.fake_bot_api import FakeBotAPI, FakeUser

EXIT_LOCKED = 5


def run_cli(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "diarybot", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def clean_env(**values: str) -> dict[str, str]:
    import os  # noqa: PLC0415

    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DIARYBOT_"))}
    env.update(PYTHONPATH=str(REPO), **values)
    return env


def test_version_prints_the_packages_version(tmp_path: Path) -> None:
    expected = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]
    done = run_cli(tmp_path, clean_env(), "--version")
    assert (done.returncode, done.stdout, done.stderr) == (0, f"diarybot {expected}\n", "")


def test_dotenv_in_the_working_directory_is_read(tmp_path: Path) -> None:
    # Without the file the token is "not set"; read, it is the malformed one from the file.
    assert "is not set" in run_cli(tmp_path, clean_env()).stderr
    (tmp_path / ".env").write_text("TELEGRAM_BOT_TOKEN=12345:too-short\n")
    done = run_cli(tmp_path, clean_env())
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "diarybot: TELEGRAM_BOT_TOKEN does not look like a bot token (expected 123456:ABC…)."
    ]
    # Maintenance commands read their data folder from the same file.
    (tmp_path / ".env").write_text(f"DIARYBOT_DATA_DIR={tmp_path / 'from-dotenv'}\n")
    done = run_cli(tmp_path, clean_env(), "check")
    assert done.stderr == f"diarybot: no data folder at {tmp_path / 'from-dotenv'}\n"
    # The environment wins over the file.
    done = run_cli(tmp_path, clean_env(DIARYBOT_DATA_DIR=str(tmp_path / "env")), "check")
    assert done.stderr == f"diarybot: no data folder at {tmp_path / 'env'}\n"


async def test_a_second_bot_on_the_same_data_folder_exits_at_once(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    env = cli_env(tmp_path, api)
    first = await start(tmp_path, env)
    try:
        await api.wait_for("getUpdates", timeout=START_TIMEOUT)
        second = await start(tmp_path, env)
        stdout, stderr = await asyncio.wait_for(second.communicate(), timeout=60)
        assert second.returncode == EXIT_LOCKED, stderr
        assert stdout == b""
        [line] = stderr.decode().splitlines()
        assert line.startswith(f"diarybot: another diarybot (process {first.pid}) is already")
        assert str(tmp_path / "data") in line
        # The first one is untouched and still serves patients.
        pat = FakeUser(id=4242, first_name="Pat")
        api.send_text(pat, "/start")
        await api.wait_for("sendMessage", chat_id=pat.id, timeout=START_TIMEOUT)
        # Backup and check only read: they run beside the bot, and the lock is no problem.
        data = str(tmp_path / "data")
        backup = await asyncio.to_thread(
            run_cli, tmp_path, clean_env(), "backup", "--out", "b.tar.gz", "--data-dir", data
        )
        assert backup.returncode == 0, backup.stderr
        checked = await asyncio.to_thread(
            run_cli, tmp_path, clean_env(), "check", "--data-dir", data
        )
        assert checked.returncode == 0, checked.stdout
        assert "hidden temp files" not in checked.stdout
    finally:
        await stop(first)
    # Stopped, it lets go: the next start works.
    again = await start(tmp_path, env)
    try:
        sam = FakeUser(id=4343, first_name="Sam")
        api.send_text(sam, "/start")
        await api.wait_for("sendMessage", chat_id=sam.id, timeout=START_TIMEOUT)
    finally:
        await stop(again)


def unreachable_env(tmp_path: Path, **values: str) -> dict[str, str]:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return clean_env(
        TELEGRAM_BOT_TOKEN="987654321:" + "AAH-unreachable-token-never-printed-9",
        TELEGRAM_API_BASE_URL=f"http://127.0.0.1:{port}/bot",
        TELEGRAM_API_BASE_FILE_URL=f"http://127.0.0.1:{port}/file/bot",
        DIARYBOT_DATA_DIR=str(tmp_path / "data"),
        **values,
    )


def test_telegram_unreachable_prints_one_line_and_leaves_no_data_folder(tmp_path: Path) -> None:
    done = run_cli(tmp_path, unreachable_env(tmp_path))
    assert done.returncode == 3
    assert "Traceback" not in done.stderr
    problems = [line for line in done.stderr.splitlines() if " - INFO - " not in line]
    assert problems == [
        "diarybot: could not reach Telegram at start-up (NetworkError); check the network or "
        "proxy settings and start again."
    ]
    assert not (tmp_path / "data").exists()  # created for the start-up, removed with it


def test_telegram_unreachable_keeps_an_existing_data_folder_and_traces_at_debug(
    tmp_path: Path,
) -> None:
    (tmp_path / "data").mkdir()
    env = unreachable_env(tmp_path, DIARYBOT_LOG_LEVEL="DEBUG")
    done = run_cli(tmp_path, env)
    assert done.returncode == 3
    assert "Traceback" in done.stderr
    assert "AAH-unreachable-token-never-printed-9" not in done.stderr
    assert (tmp_path / "data").is_dir()  # the operator's folder: never removed
