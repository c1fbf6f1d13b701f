"""`diarybot` as an operator runs it: webhook mode, then back to polling, in real processes."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

from tests.conftest import free_port
from tests.e2e.test_health import fetch
from tests.support.fake_bot_api import FakeBotAPI, FakeUser

# The checkout under test, ahead of whatever diarybot the interpreter has installed.
REPO = Path(__file__).resolve().parents[2]
SECRET = "cli-secret-" + "0123456789abcdef"
START_TIMEOUT = 30.0


def cli_env(tmp_path: Path, api: FakeBotAPI, **values: str) -> dict[str, str]:
    """The test's environment without bot settings, pointed at the fake, plus `values`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DIARYBOT_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=api.token,
        TELEGRAM_API_BASE_URL=api.base_url,
        TELEGRAM_API_BASE_FILE_URL=api.base_file_url,
        DIARYBOT_DATA_DIR=str(tmp_path / "data"),
        PYTHONPATH=str(REPO),
        **values,
    )
    return env


async def start(tmp_path: Path, env: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "diarybot",
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def stop(proc: asyncio.subprocess.Process) -> str:
    """SIGTERM, as systemd or Docker stop it; the exit code must be 0. Returns the output."""
    proc.send_signal(signal.SIGTERM)
    stdout, stderr = await asyncio.wait_for(proc.communicate(), timeout=30)
    output = (stdout + stderr).decode()
    assert proc.returncode == 0, output
    return output


async def test_webhook_mode_then_back_to_polling_removes_the_webhook(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    port, health_port = free_port(), free_port()
    env = cli_env(
        tmp_path,
        api,
        DIARYBOT_WEBHOOK_URL="https://diary.example.org/hook",
        DIARYBOT_WEBHOOK_SECRET=SECRET,
        DIARYBOT_WEBHOOK_PORT=str(port),
        DIARYBOT_HEALTH_PORT=str(health_port),
        DIARYBOT_LOG_LEVEL="DEBUG",
    )
    api.route_webhook_to(f"http://127.0.0.1:{port}")
    proc = await start(tmp_path, env)
    try:
        registered = await api.wait_for("setWebhook", timeout=START_TIMEOUT)
        assert registered.params["url"] == "https://diary.example.org/hook"
        assert registered.params["secret_token"] == SECRET
        assert registered.params["allowed_updates"] == ["message", "callback_query"]
        pat = FakeUser(id=4242, first_name="Pat")
        api.send_text(pat, "/start")
        await api.wait_for("sendMessage", chat_id=pat.id, timeout=START_TIMEOUT)
        assert api.poll_count == 0
        status, body = await fetch(health_port)  # on its own port next to the webhook server
        assert status == 200 and '"up": true' in body
    finally:
        output = await stop(proc)
    assert SECRET not in output  # not even at DEBUG
    assert "webhook" in output

    # The operator removes DIARYBOT_WEBHOOK_URL: polling must work again at once.
    proc = await start(tmp_path, cli_env(tmp_path, api, DIARYBOT_HEALTH_PORT=str(health_port)))
    try:
        await api.wait_for("deleteWebhook", timeout=START_TIMEOUT)
        assert api.webhook_url == ""
        sam = FakeUser(id=4343, first_name="Sam")
        api.send_text(sam, "/start")
        await api.wait_for("sendMessage", chat_id=sam.id, timeout=START_TIMEOUT)
        assert api.poll_count > 0
        status, body = await fetch(health_port)
        assert status == 200 and '"up": true' in body
    finally:
        await stop(proc)
    assert (tmp_path / "data" / "patients" / "4242" / "profile.json").exists()
    assert (tmp_path / "data" / "patients" / "4343" / "profile.json").exists()


async def test_webhook_port_in_use_exits_with_one_line(api: FakeBotAPI, tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        env = cli_env(
            tmp_path,
            api,
            DIARYBOT_WEBHOOK_URL="https://diary.example.org/hook",
            DIARYBOT_WEBHOOK_SECRET=SECRET,
            DIARYBOT_WEBHOOK_PORT=str(port),
        )
        proc = await start(tmp_path, env)
        stdout, stderr = await asyncio.wait_for(proc.communicate(), timeout=60)
    output = (stdout + stderr).decode()
    assert proc.returncode == 4, output
    assert output.splitlines()[-1].startswith("diarybot: cannot listen (")
    assert "DIARYBOT_WEBHOOK_LISTEN/PORT" in output.splitlines()[-1]
    assert "Traceback" not in output
