"""Settings from the environment (and an optional `.env` file); nothing else configures the bot."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# BotFather tokens look like 123456789:AAE…; checking the shape catches pasting mistakes early.
TOKEN_PATTERN = re.compile(r"^\d{3,15}:[A-Za-z0-9_-]{30,60}$")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
# Telegram's rule for setWebhook's secret_token: 1-256 characters of A-Z, a-z, 0-9, _ and -.
SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
# The only ports Telegram delivers webhooks to (Bot API docs, setWebhook).
WEBHOOK_PORTS = (443, 80, 88, 8443)
# How DIARYBOT_METRICS may say yes or no.
TRUE_WORDS = ("1", "true", "yes", "on")
FALSE_WORDS = ("", "0", "false", "no", "off")
#: The settings that are secrets: once read into `Settings`, no other code and no child
#: process (the render workers) needs them in the environment.
SECRET_VARIABLES = ("TELEGRAM_BOT_TOKEN", "DIARYBOT_WEBHOOK_SECRET")


def forget_secrets(environ: MutableMapping[str, str] | None = None) -> None:
    """Remove the secret settings from the environment (`os.environ` by default), so that
    processes started afterwards do not inherit them."""
    env = os.environ if environ is None else environ
    for name in SECRET_VARIABLES:
        env.pop(name, None)


@dataclass(frozen=True)
class WebhookSettings:
    """Where Telegram delivers updates (the public HTTPS URL) and where PTB's server listens.

    The public URL is usually a reverse proxy's; it forwards `path` to `listen:port`.
    """

    url: str
    secret: str = field(repr=False)
    listen: str = "127.0.0.1"
    port: int = 8080
    path: str = "/"


@dataclass(frozen=True)
class HealthSettings:
    """Where the read-only health endpoint listens (off unless a port is set)."""

    port: int
    listen: str = "127.0.0.1"


class SettingsError(Exception):
    """A setting is missing or malformed; the message is one line fit to show the operator."""


@dataclass(frozen=True)
class Settings:
    """Everything the bot reads from its environment."""

    token: str
    data_dir: Path = Path("data")
    default_timezone: str = "UTC"
    log_level: str = "INFO"
    api_base_url: str | None = None
    api_base_file_url: str | None = None
    webhook: WebhookSettings | None = None
    health: HealthSettings | None = None
    #: Prometheus metrics at `/metrics` on the health endpoint's port (off by default).
    metrics: bool = False

    def __repr__(self) -> str:
        # The token must never end up in a log line or a traceback through repr().
        return (
            f"Settings(token=<hidden>, data_dir={self.data_dir!s}, "
            f"default_timezone={self.default_timezone}, log_level={self.log_level})"
        )

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read and validate the settings; raises SettingsError with a one-line reason."""
        env = os.environ if env is None else env
        token = env.get("TELEGRAM_BOT_TOKEN", "").strip()
        if not token:
            raise SettingsError(
                "TELEGRAM_BOT_TOKEN is not set: get a token from @BotFather and export it."
            )
        if not TOKEN_PATTERN.match(token):
            raise SettingsError(
                "TELEGRAM_BOT_TOKEN does not look like a bot token (expected 123456:ABC…)."
            )
        tz = env.get("DIARYBOT_DEFAULT_TIMEZONE", "").strip() or "UTC"
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
            raise SettingsError(
                f"DIARYBOT_DEFAULT_TIMEZONE={tz!r} is not a known time zone."
            ) from exc
        level = (env.get("DIARYBOT_LOG_LEVEL", "").strip() or "INFO").upper()
        if level not in LOG_LEVELS:
            raise SettingsError(f"DIARYBOT_LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}.")
        health, metrics = _health(env), _metrics(env)
        if metrics and health is None:
            raise SettingsError(
                "DIARYBOT_METRICS is on but DIARYBOT_HEALTH_PORT is not set: /metrics is served "
                "on the health endpoint's port; set one (for example 8090)."
            )
        return cls(
            token=token,
            data_dir=Path(env.get("DIARYBOT_DATA_DIR", "").strip() or "data"),
            default_timezone=tz,
            log_level=level,
            api_base_url=env.get("TELEGRAM_API_BASE_URL", "").strip() or None,
            api_base_file_url=env.get("TELEGRAM_API_BASE_FILE_URL", "").strip() or None,
            webhook=_webhook(env),
            health=health,
            metrics=metrics,
        )


def _webhook(env: Mapping[str, str]) -> WebhookSettings | None:
    """Webhook mode when DIARYBOT_WEBHOOK_URL is set; long polling (None) otherwise."""
    url = env.get("DIARYBOT_WEBHOOK_URL", "").strip()
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise SettingsError(
            "DIARYBOT_WEBHOOK_URL must be an https:// URL (Telegram delivers only over HTTPS)."
        )
    try:
        public_port = parts.port or 443
    except ValueError as exc:
        raise SettingsError("DIARYBOT_WEBHOOK_URL has an invalid port.") from exc
    if public_port not in WEBHOOK_PORTS:
        raise SettingsError(
            f"DIARYBOT_WEBHOOK_URL: Telegram delivers only to ports "
            f"{', '.join(map(str, WEBHOOK_PORTS))}."
        )
    secret = env.get("DIARYBOT_WEBHOOK_SECRET", "").strip()
    if not SECRET_PATTERN.match(secret):
        # Required: without it anyone who learns the URL can post forged updates.
        raise SettingsError(
            "DIARYBOT_WEBHOOK_SECRET must be set with DIARYBOT_WEBHOOK_URL: 1-256 characters "
            "of A-Z, a-z, 0-9, _ and - (for example: openssl rand -hex 32)."
        )
    path = env.get("DIARYBOT_WEBHOOK_PATH", "").strip() or parts.path or "/"
    return WebhookSettings(
        url=url,
        secret=secret,
        listen=env.get("DIARYBOT_WEBHOOK_LISTEN", "").strip() or "127.0.0.1",
        port=_port(env, "DIARYBOT_WEBHOOK_PORT", 8080),
        path=path if path.startswith("/") else f"/{path}",
    )


def _health(env: Mapping[str, str]) -> HealthSettings | None:
    """The health endpoint when DIARYBOT_HEALTH_PORT is set."""
    if not env.get("DIARYBOT_HEALTH_PORT", "").strip():
        return None
    return HealthSettings(
        port=_port(env, "DIARYBOT_HEALTH_PORT", 0),
        listen=env.get("DIARYBOT_HEALTH_LISTEN", "").strip() or "127.0.0.1",
    )


def _metrics(env: Mapping[str, str]) -> bool:
    """Whether DIARYBOT_METRICS switches the Prometheus metrics on (a typo is an error, not
    silently off: an operator who asked for metrics would otherwise scrape nothing)."""
    raw = env.get("DIARYBOT_METRICS", "").strip().lower()
    if raw in TRUE_WORDS:
        return True
    if raw in FALSE_WORDS:
        return False
    raise SettingsError("DIARYBOT_METRICS must be 1 (on) or 0 (off, the default).")


def _port(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise SettingsError(f"{name} must be a port number (1-65535).")
    return int(raw)
