"""Settings from the environment (and an optional `.env` file); nothing else configures the bot."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# BotFather tokens look like 123456789:AAE…; checking the shape catches pasting mistakes early.
TOKEN_PATTERN = re.compile(r"^\d{3,15}:[A-Za-z0-9_-]{30,60}$")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


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
        return cls(
            token=token,
            data_dir=Path(env.get("DIARYBOT_DATA_DIR", "").strip() or "data"),
            default_timezone=tz,
            log_level=level,
            api_base_url=env.get("TELEGRAM_API_BASE_URL", "").strip() or None,
            api_base_file_url=env.get("TELEGRAM_API_BASE_FILE_URL", "").strip() or None,
        )
