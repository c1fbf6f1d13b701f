"""Prometheus metrics at /metrics on the health port: they count the bot's work, never a person.

The real application, metered (DIARYBOT_METRICS=1), runs a patient's day against the fake Bot
API; then /metrics is scraped over HTTP like Prometheus would.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import aiohttp
import prometheus_client
import pytest
from prometheus_client.parser import text_string_to_metric_families

from diarybot import texts
from diarybot.bot import reminders
from diarybot.domain.localtime import instant_on
from diarybot.runtime.health import HealthServer
from diarybot.runtime.rate_limit import MAX_RETRIES
from diarybot.runtime.render_pool import RenderPool
from diarybot.runtime.update_order import PerPatientUpdateProcessor
from diarybot.settings import HealthSettings
from tests.conftest import Clock, Harness, free_port, running_bot
from tests.e2e.test_serving_cli import SECRET, START_TIMEOUT, cli_env, start, stop
from tests.support.fake_bot_api import FakeBotAPI, FakeUser

BERLIN = ZoneInfo("Europe/Berlin")
# A Wednesday: no weekly chart or PEG question joins the reminder.
DAY = datetime(2026, 12, 2, tzinfo=BERLIN).date()
# Seeded to be found if anything about the patient leaked into a scrape.
PATIENT_ID = 731_905_288
PATIENT_NAME = "Quillfeather"
NOTE = "Zyxwvut sciatica after gardening"

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


async def scrape(port: int, path: str = "/metrics") -> tuple[int, str]:
    url = f"http://127.0.0.1:{port}{path}"
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status, await response.text()


def samples(text: str) -> Samples:
    """Every sample of a scrape, by name and labels."""
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def value(found: Samples, name: str, **labels: str) -> float:
    return found[(name, frozenset(labels.items()))]


@pytest.fixture
async def metered(
    api: FakeBotAPI, tmp_path: Path, clock: Clock, render_executor: object
) -> AsyncIterator[tuple[Harness, int]]:
    """The metered bot with its health server (and so /metrics) on a free port."""
    h = Harness(
        api=api,
        data_dir=tmp_path / "data",
        clock=clock,
        render_executor=render_executor,
        metrics=True,
    )
    port = free_port()
    async with running_bot(h) as app:
        server = HealthServer(app, HealthSettings(port=port), app.bot_data.services.metrics)
        await server.start()
        try:
            yield h, port
        finally:
            await server.stop()


async def test_metrics_count_a_patients_day_without_anything_about_the_patient(
    metered: tuple[Harness, int],
) -> None:
    h, port = metered
    pat = h.user(PATIENT_ID, PATIENT_NAME)
    await h.onboard(pat, tz="Europe/Berlin", at="20:00")
    # The reminder, its score button, the techniques and a note: a whole check-in.
    h.clock.set(instant_on(DAY, time(20), BERLIN) + timedelta(seconds=5))
    await h.run_job(reminders.job_id(pat.id))
    assert h.api.sent_texts(pat.id)[-1] == texts.reminder()
    await h.press(pat, "6")
    await h.press(pat, texts.button_done())
    # Telegram asks the bot to slow down once; the limiter waits and sends again.
    h.api.add_fault("sendMessage", chat_id=pat.id, status=429, retry_after=1)
    assert await h.say(pat, NOTE) == [texts.note_saved()]
    [entry] = h.files.entries(pat.id)
    assert entry.score == 6 and entry.note == NOTE
    await h.say(pat, "/chart")
    assert len(h.api.calls_for("sendPhoto", pat.id)) == 1

    status, body = await scrape(port)
    assert status == 200
    found = samples(body)
    # /start, /chart; the zone, the time and the note; the score and Done buttons.
    assert value(found, "diarybot_updates_total", kind="command") == 2
    assert value(found, "diarybot_updates_total", kind="message") == 3
    assert value(found, "diarybot_updates_total", kind="callback") == 2
    assert value(found, "diarybot_reply_latency_seconds_count", kind="message") == 3
    # The note's reply waited out the 429's pause (retry_after 1 s) before it was sent.
    assert value(found, "diarybot_reply_latency_seconds_sum", kind="message") >= 1.0
    assert value(found, "diarybot_reminders_sent_total") == 1
    assert value(found, "diarybot_reminders_failed_total", reason="network") == 0
    assert value(found, "diarybot_renders_total", kind="chart", outcome="ok") == 1
    assert value(found, "diarybot_render_seconds_count", kind="chart") == 1
    assert value(found, "diarybot_render_seconds_sum", kind="chart") > 0
    assert value(found, "diarybot_telegram_429_total") == 1
    assert value(found, "diarybot_errors_total", source="update") == 0
    assert value(found, "diarybot_updates_dropped_total") == 0

    for secret in (str(PATIENT_ID), PATIENT_NAME, "Zyxwvut", "sciatica", "Berlin", h.api.token):
        assert secret not in body
    labels = {name for (_, labelset) in found for name, _ in labelset}
    assert labels <= {"kind", "outcome", "reason", "source", "le"}


async def test_a_reminder_refused_with_429_counts_as_failed_and_the_429_is_counted(
    metered: tuple[Harness, int],
) -> None:
    h, port = metered
    pat = h.user(PATIENT_ID, PATIENT_NAME)
    await h.onboard(pat, tz="Europe/Berlin", at="20:00")
    h.clock.set(instant_on(DAY, time(20), BERLIN) + timedelta(seconds=5))
    # More 429s than the limiter retries: the reminder job gets RetryAfter and retries later.
    h.api.add_fault("sendMessage", chat_id=pat.id, status=429, retry_after=1, times=None)
    await h.run_job(reminders.job_id(pat.id), timeout=30)
    h.api.clear_faults()
    found = samples((await scrape(port))[1])
    assert value(found, "diarybot_reminders_sent_total") == 0
    assert value(found, "diarybot_reminders_failed_total", reason="network") == 1
    # The first try and every retry of the limiter, each one a 429 from Telegram.
    assert value(found, "diarybot_telegram_429_total") == 1 + MAX_RETRIES
    assert len(h.app.job_queue.get_jobs_by_name(f"retry:{pat.id}")) == 1


async def test_a_handler_that_fails_is_counted_as_an_error(
    metered: tuple[Harness, int],
) -> None:
    h, port = metered
    pat = h.user(PATIENT_ID, PATIENT_NAME)
    h.api.add_fault("sendMessage", chat_id=pat.id, status=502)  # Telegram's gateway fails
    await h.say(pat, "/help")
    found = samples((await scrape(port))[1])
    assert value(found, "diarybot_errors_total", source="update") == 1
    assert value(found, "diarybot_errors_total", source="job") == 0
    # It still went through every handler group: handled, not dropped.
    assert value(found, "diarybot_updates_total", kind="command") == 1


async def test_without_metrics_there_is_no_metrics_page_and_nothing_is_registered(
    harness: Harness,
) -> None:
    app = harness.app
    services = app.bot_data.services
    assert services.metrics is None
    # The plain pieces, not the metered subclasses.
    assert type(app.update_processor) is PerPatientUpdateProcessor
    assert type(services.renderer) is RenderPool
    port = free_port()
    server = HealthServer(app, HealthSettings(port=port), services.metrics)
    await server.start()
    try:
        pat = harness.user(PATIENT_ID, PATIENT_NAME)
        await harness.say(pat, "/start")
        assert (await scrape(port, "/health"))[0] == 200
        assert (await scrape(port))[0] == 404
    finally:
        await server.stop()
    # prometheus_client's global registry never holds ours (metered bots use their own).
    assert not [m for m in prometheus_client.REGISTRY.collect() if m.name.startswith("diarybot")]


async def test_the_diarybot_command_serves_metrics_next_to_its_webhook(
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
        DIARYBOT_METRICS="1",
    )
    api.route_webhook_to(f"http://127.0.0.1:{port}")
    proc = await start(tmp_path, env)
    try:
        await api.wait_for("setWebhook", timeout=START_TIMEOUT)
        pat = FakeUser(id=PATIENT_ID, first_name=PATIENT_NAME)
        api.send_text(pat, "/start")
        await api.wait_for("sendMessage", chat_id=pat.id, timeout=START_TIMEOUT)
        # Counted once every handler group has finished, a moment after the reply.
        for _ in range(50):
            status, body = await scrape(health_port)
            if value(samples(body), "diarybot_updates_total", kind="command") == 1:
                break
            await asyncio.sleep(0.1)
        assert status == 200
        assert value(samples(body), "diarybot_updates_total", kind="command") == 1
        assert str(PATIENT_ID) not in body and PATIENT_NAME not in body
    finally:
        await stop(proc)


async def test_metrics_without_a_health_port_stop_the_command_with_one_line(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    proc = await start(tmp_path, cli_env(tmp_path, api, DIARYBOT_METRICS="1"))
    stdout, stderr = await asyncio.wait_for(proc.communicate(), timeout=60)
    output = (stdout + stderr).decode()
    assert proc.returncode == 2, output
    assert "DIARYBOT_HEALTH_PORT" in output.splitlines()[-1]
    assert api.calls == []  # refused before a single request to Telegram
