"""The health endpoint, served next to the running bot: a few numbers, never patient data."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from diarybot.runtime.health import HealthServer, WatchedRateLimiter
from diarybot.settings import HealthSettings
from tests.conftest import Clock, Harness, free_port, running_bot
from tests.support.fake_bot_api import FakeBotAPI

KEYS = {"up", "uptime_seconds", "last_telegram_ok", "reminders_scheduled", "render_workers_alive"}


async def fetch(port: int, method: str = "GET") -> tuple[int, str]:
    url = f"http://127.0.0.1:{port}/health"
    async with aiohttp.ClientSession() as session, session.request(method, url) as response:
        return response.status, await response.text()


@pytest.fixture
async def watched(api: FakeBotAPI, tmp_path: Path, clock: Clock) -> AsyncIterator[Harness]:
    harness = Harness(
        api=api,
        data_dir=tmp_path / "data",
        clock=clock,
        rate_limiter=WatchedRateLimiter(per_chat_per_second=1000),
    )
    yield harness


async def test_health_reports_the_running_bot_without_patient_data(watched: Harness) -> None:
    h = watched
    port = free_port()
    async with running_bot(h) as app:
        server = HealthServer(app, HealthSettings(port=port))
        await server.start()
        try:
            status, body = await fetch(port)
            assert status == 200
            started = json.loads(body)
            assert set(started) == KEYS
            assert started["up"] is True and started["reminders_scheduled"] == 0
            assert started["last_telegram_ok"] is not None  # setMyCommands at start-up

            pat = h.user(731_905_288, "Zoë")
            await h.onboard(pat, tz="Pacific/Chatham", at="21:45")
            await h.say(pat, "/log 7 knee after the stairs")
            status, body = await fetch(port)
            health = json.loads(body)
            assert health["reminders_scheduled"] == 1
            assert health["last_telegram_ok"] >= started["last_telegram_ok"]
            for secret in ("731905288", "Zoë", "Chatham", "knee", "21:45", h.api.token):
                assert secret not in body
            assert (await fetch(port, "POST"))[0] == 405  # read-only
        finally:
            await server.stop()
    with pytest.raises(aiohttp.ClientConnectionError):
        await fetch(port)


async def test_health_says_503_once_the_bot_stopped(watched: Harness) -> None:
    port = free_port()
    async with running_bot(watched) as app:
        server = HealthServer(app, HealthSettings(port=port))
        await server.start()
        try:
            await app.stop()
            status, body = await fetch(port)
            assert status == 503 and json.loads(body)["up"] is False
        finally:
            await server.stop()
