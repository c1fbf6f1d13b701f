"""Render workers draw charts and PDFs; they never get the bot token (issue #12, item 15)."""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import psutil
import pytest

from diarybot.runtime.render_pool import RenderPool, _start_worker
from diarybot.settings import SECRET_VARIABLES
from tests.e2e.test_serving_cli import START_TIMEOUT, cli_env, start, stop
from tests.support.fake_bot_api import FakeBotAPI, FakeUser

WEBHOOK_SECRET = "never-in-a-worker_0123456789"


def environment() -> dict[str, str]:
    """Run in a worker: what it sees in its environment."""
    return dict(os.environ)


async def test_a_worker_asked_for_its_environment_has_no_secrets(
    monkeypatch: pytest.MonkeyPatch, api: FakeBotAPI
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", api.token)
    monkeypatch.setenv("DIARYBOT_WEBHOOK_SECRET", WEBHOOK_SECRET)
    # Workers spawned afresh from this environment (the forkserver of the other tests may have
    # started before the secrets were set), with the production initializer.
    executor = ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(logging.INFO,),
    )
    try:
        seen = await RenderPool(executor).run(environment)
    finally:
        executor.shutdown()
    assert seen["PATH"] == os.environ["PATH"]  # it is the real environment
    assert not set(SECRET_VARIABLES) & set(seen)
    assert api.token not in seen.values()
    assert WEBHOOK_SECRET not in seen.values()


def render_workers(bot: psutil.Process) -> list[psutil.Process]:
    """The bot's forkserver's children: its render workers."""
    return [
        worker
        for server in bot.children()
        if "forkserver" in " ".join(server.cmdline())
        for worker in server.children()
    ]


async def test_the_running_bot_starts_its_workers_without_the_token(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    proc = await start(tmp_path, cli_env(tmp_path, api))
    try:
        pat = FakeUser(id=4242, first_name="Pat")
        api.send_text(pat, "/start")
        api.send_text(pat, "/chart")  # starts the render workers (which find no entries)
        await api.wait_for(
            "sendMessage",
            chat_id=pat.id,
            predicate=lambda call: call.params["text"].startswith("No entries"),
            timeout=START_TIMEOUT,
        )
        workers = render_workers(psutil.Process(proc.pid))
        assert len(workers) >= 1
        for worker in workers:
            # /proc/<pid>/environ: what the process was started with, not only os.environ.
            environ = worker.environ()
            assert "TELEGRAM_BOT_TOKEN" not in environ
            assert api.token not in environ.values()
            assert environ.get("TELEGRAM_API_BASE_URL") == api.base_url  # the real one
    finally:
        await stop(proc)
