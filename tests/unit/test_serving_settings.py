"""Webhook and health settings: what an operator writes, what the bot makes of it."""

from __future__ import annotations

import logging

import pytest

from diarybot.runtime.serving import (
    ALLOWED_UPDATES,
    WEBHOOK_HANDLER_LOGGER,
    keep_updates_out_of_logs,
    webhook_arguments,
)
from diarybot.settings import HealthSettings, Settings, SettingsError, WebhookSettings
from tests.support.fake_bot_api import DEFAULT_TOKEN

SECRET = "s3cret_-" + "x" * 24


def env(**values: str) -> dict[str, str]:
    return {"TELEGRAM_BOT_TOKEN": DEFAULT_TOKEN, **values}


def test_polling_and_no_health_endpoint_by_default() -> None:
    settings = Settings.from_env(env())
    assert settings.webhook is None and settings.health is None


def test_webhook_path_defaults_to_the_public_urls_path() -> None:
    settings = Settings.from_env(
        env(
            DIARYBOT_WEBHOOK_URL="https://bot.example.org/diary/tg", DIARYBOT_WEBHOOK_SECRET=SECRET
        )
    )
    assert settings.webhook == WebhookSettings(
        url="https://bot.example.org/diary/tg",
        secret=SECRET,
        listen="127.0.0.1",
        port=8080,
        path="/diary/tg",
    )
    assert SECRET not in repr(settings) and SECRET not in repr(settings.webhook)


def test_webhook_listen_port_and_path_can_be_set() -> None:
    webhook = Settings.from_env(
        env(
            DIARYBOT_WEBHOOK_URL="https://bot.example.org:8443/",
            DIARYBOT_WEBHOOK_SECRET=SECRET,
            DIARYBOT_WEBHOOK_LISTEN="0.0.0.0",
            DIARYBOT_WEBHOOK_PORT="9000",
            DIARYBOT_WEBHOOK_PATH="hook",
        )
    ).webhook
    assert webhook is not None
    assert (webhook.listen, webhook.port, webhook.path) == ("0.0.0.0", 9000, "/hook")
    assert webhook_arguments(webhook) == {
        "listen": "0.0.0.0",
        "port": 9000,
        "url_path": "/hook",
        "webhook_url": "https://bot.example.org:8443/",
        "secret_token": SECRET,
        "allowed_updates": list(ALLOWED_UPDATES),
        "drop_pending_updates": False,
    }


@pytest.mark.parametrize(
    ("values", "named"),
    [
        ({"DIARYBOT_WEBHOOK_URL": "https://bot.example.org/"}, "DIARYBOT_WEBHOOK_SECRET"),
        (
            {"DIARYBOT_WEBHOOK_URL": "https://bot.example.org/", "DIARYBOT_WEBHOOK_SECRET": "a b"},
            "DIARYBOT_WEBHOOK_SECRET",
        ),
        (
            {"DIARYBOT_WEBHOOK_URL": "http://bot.example.org/", "DIARYBOT_WEBHOOK_SECRET": SECRET},
            "https://",
        ),
        (
            {
                "DIARYBOT_WEBHOOK_URL": "https://bot.example.org:8080/",
                "DIARYBOT_WEBHOOK_SECRET": SECRET,
            },
            "443, 80, 88, 8443",
        ),
        (
            {
                "DIARYBOT_WEBHOOK_URL": "https://bot.example.org/",
                "DIARYBOT_WEBHOOK_SECRET": SECRET,
                "DIARYBOT_WEBHOOK_PORT": "99999",
            },
            "DIARYBOT_WEBHOOK_PORT",
        ),
        ({"DIARYBOT_HEALTH_PORT": "http"}, "DIARYBOT_HEALTH_PORT"),
    ],
)
def test_bad_service_settings_are_refused_with_one_line(
    values: dict[str, str], named: str
) -> None:
    with pytest.raises(SettingsError, match=named) as raised:
        Settings.from_env(env(**values))
    assert "\n" not in str(raised.value)
    assert SECRET not in str(raised.value)


def test_health_endpoint_address() -> None:
    assert Settings.from_env(env(DIARYBOT_HEALTH_PORT="8090")).health == HealthSettings(
        port=8090, listen="127.0.0.1"
    )
    settings = Settings.from_env(env(DIARYBOT_HEALTH_PORT="8090", DIARYBOT_HEALTH_LISTEN="::"))
    assert settings.health == HealthSettings(port=8090, listen="::")


def test_an_update_ptb_cannot_parse_is_not_quoted_in_the_log(
    caplog: pytest.LogCaptureFixture,
) -> None:
    keep_updates_out_of_logs()
    logger = logging.getLogger(WEBHOOK_HANDLER_LOGGER)
    try:
        raise ValueError("bad field: 'my knee hurts'")
    except ValueError as exc:
        logger.critical(  # PTB's own wording (telegram/ext/_utils/webhookhandler.py)
            "Something went wrong processing the data received from Telegram. "
            "Received data was *not* processed! Received data was: %r",
            {"message": {"text": "my knee hurts"}},
            exc_info=exc,
        )
    assert "my knee hurts" not in caplog.text
    assert "Received data was *not* processed" in caplog.text
    assert "ValueError" in caplog.text
