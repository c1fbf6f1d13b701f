"""DIARYBOT_METRICS: how it is switched on, what it needs, and the metrics' own bookkeeping."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from telegram import CallbackQuery, Chat, Message, MessageEntity, Update, User

from diarybot.bot.reminders import Delivery
from diarybot.runtime.metrics import (
    REMINDER_FAILURES,
    REMINDER_SENT,
    MeteredUpdateProcessor,
    Metrics,
    update_kind,
)
from diarybot.settings import HealthSettings, Settings, SettingsError
from tests.support.fake_bot_api import DEFAULT_TOKEN


def env(**values: str) -> dict[str, str]:
    return {"TELEGRAM_BOT_TOKEN": DEFAULT_TOKEN, **values}


def test_metrics_are_off_by_default() -> None:
    assert Settings.from_env(env()).metrics is False
    assert Settings.from_env(env(DIARYBOT_METRICS="0")).metrics is False


def test_metrics_on_with_the_health_port_they_are_served_on() -> None:
    settings = Settings.from_env(env(DIARYBOT_METRICS="1", DIARYBOT_HEALTH_PORT="8090"))
    assert settings.metrics is True
    assert settings.health == HealthSettings(port=8090)


def test_metrics_without_a_health_port_fail_at_start_saying_what_to_set() -> None:
    with pytest.raises(SettingsError, match="DIARYBOT_HEALTH_PORT"):
        Settings.from_env(env(DIARYBOT_METRICS="1"))
    webhook = {
        "DIARYBOT_WEBHOOK_URL": "https://bot.example.org/tg",
        "DIARYBOT_WEBHOOK_SECRET": "s3cret_" + "x" * 24,
    }
    # Webhook mode too: PTB's webhook server has no room for /metrics.
    with pytest.raises(SettingsError, match="DIARYBOT_HEALTH_PORT"):
        Settings.from_env(env(DIARYBOT_METRICS="yes", **webhook))


def test_a_misspelt_metrics_switch_is_an_error_not_silently_off() -> None:
    with pytest.raises(SettingsError, match="DIARYBOT_METRICS"):
        Settings.from_env(env(DIARYBOT_METRICS="enabled", DIARYBOT_HEALTH_PORT="8090"))


def test_two_metered_applications_in_one_process_do_not_collide() -> None:
    first, second = Metrics(), Metrics()  # a shared registry would refuse the second
    first.updates.labels("command").inc()
    assert b'diarybot_updates_total{kind="command"} 1.0' in first.exposition()
    assert b'diarybot_updates_total{kind="command"} 0.0' in second.exposition()


def test_every_reminder_outcome_has_its_series() -> None:
    assert set(Delivery.__args__) == {REMINDER_SENT, *REMINDER_FAILURES}
    metrics = Metrics()
    for outcome in REMINDER_FAILURES:
        metrics.reminder_outcome(outcome)
    metrics.reminder_outcome(REMINDER_SENT)
    text = metrics.exposition().decode()
    assert "diarybot_reminders_sent_total 1.0" in text
    assert all(
        f'diarybot_reminders_failed_total{{reason="{r}"}} 1.0' in text for r in REMINDER_FAILURES
    )


def message(text: str, user_id: int = 5, chat: Chat | None = None) -> Message:
    entities = (
        (MessageEntity(MessageEntity.BOT_COMMAND, 0, len(text.split(maxsplit=1)[0])),)
        if text.startswith("/")
        else ()
    )
    return Message(
        1,
        datetime.now(UTC),
        chat or Chat(user_id, Chat.PRIVATE),
        from_user=User(user_id, "U", is_bot=False),
        text=text,
        entities=entities,
    )


def test_update_kinds_say_what_an_update_is_never_who_sent_it() -> None:
    user = User(5, "U", is_bot=False)
    assert update_kind(Update(1, message=message("/chart week"))) == "command"
    assert update_kind(Update(2, message=message("7 knee /after"))) == "message"
    press = CallbackQuery("q", user, chat_instance="c", data="s:1")
    assert update_kind(Update(3, callback_query=press)) == "callback"
    assert update_kind(Update(4)) == "other"
    assert update_kind(object()) == "other"


async def test_dropped_updates_are_counted_apart_from_handled_ones() -> None:
    metrics = Metrics()
    processor = MeteredUpdateProcessor(metrics, max_pending=2)
    group = Chat(-100, Chat.SUPERGROUP)  # dropped there without a notice (no bot needed)
    release = asyncio.Event()
    tasks = [
        asyncio.create_task(
            processor.process_update(Update(n, message=message("hi", 7, group)), release.wait())
        )
        for n in range(5)
    ]
    await asyncio.sleep(0.01)
    release.set()
    await asyncio.gather(*tasks)
    text = metrics.exposition().decode()
    assert "diarybot_updates_dropped_total 3.0" in text
    assert 'diarybot_updates_total{kind="message"} 2.0' in text
    assert 'diarybot_reply_latency_seconds_count{kind="message"} 2.0' in text


async def test_an_error_without_an_update_is_a_jobs() -> None:
    metrics = Metrics()
    await metrics.count_error(None, object())
    text = metrics.exposition().decode()
    assert 'diarybot_errors_total{source="job"} 1.0' in text
    assert 'diarybot_errors_total{source="update"} 0.0' in text
