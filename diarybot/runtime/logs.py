"""Logging that never carries the bot token or anything a patient wrote.

httpx logs every request URL at INFO, and the URL contains the token; PTB logs request
parameters (message texts) at DEBUG. Those loggers are capped, and as a second line of defence
every formatted line, tracebacks included, has anything token-shaped replaced.
"""

from __future__ import annotations

import logging
import re

TOKEN_IN_TEXT = re.compile(r"\d{3,15}:[A-Za-z0-9_-]{30,60}")

# Loggers whose DEBUG/INFO output contains URLs (with the token) or message contents.
CAPPED_LOGGERS = {
    "httpx": logging.WARNING,
    "httpcore": logging.WARNING,
    "apscheduler": logging.WARNING,
    "telegram": logging.INFO,
    "hpack": logging.WARNING,
    "matplotlib": logging.WARNING,
    "PIL": logging.WARNING,
    # fpdf subsets fonts with fontTools, which reports every table it touches at INFO.
    "fontTools": logging.WARNING,
}


class RedactingFormatter(logging.Formatter):
    """A formatter that blanks anything shaped like a bot token in the final line."""

    def format(self, record: logging.LogRecord) -> str:
        """Format as usual, then redact."""
        return TOKEN_IN_TEXT.sub("<token>", super().format(record))


def configure_logging(level: str = "INFO") -> None:
    """Set up one stderr handler for the whole process."""
    handler = logging.StreamHandler()
    handler.setFormatter(
        RedactingFormatter("%(asctime)s - %(name)s - %(levelname)s - %(message)s")
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    cap_noisy_loggers()


def cap_noisy_loggers() -> None:
    """Keep third-party loggers that leak tokens or message texts at a safe level."""
    for name, cap in CAPPED_LOGGERS.items():
        logger = logging.getLogger(name)
        logger.setLevel(max(cap, logging.getLogger().getEffectiveLevel()))


# PTB's start-up retry loop logs its final failure with a full traceback (~40 lines) before the
# command line prints its one line saying what to do; the traceback belongs at DEBUG.
BOOTSTRAP_FAILURE = "Network Retry Loop (Bootstrap"


class _BootstrapFailureToDebug(logging.Filter):
    """Drop PTB's start-up failure record; `diarybot` logs the traceback at DEBUG itself."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (
            record.levelno >= logging.ERROR and record.getMessage().startswith(BOOTSTRAP_FAILURE)
        )


def quiet_startup_failures() -> None:
    """Leave the report of a failed start-up to the command line's one line."""
    logger = logging.getLogger("telegram.ext")
    if not any(isinstance(f, _BootstrapFailureToDebug) for f in logger.filters):
        logger.addFilter(_BootstrapFailureToDebug())
