"""How updates reach the bot: long polling (the default) or PTB's own webhook server.

Both are PTB's stock machinery (`Application.run_polling` / `run_webhook`); this module only
decides which, with what arguments, so that the command line and the tests start the bot the
same way. Switching back to polling needs no step of ours: PTB's polling start-up always calls
`deleteWebhook` first (telegram.ext.Updater._bootstrap), and Telegram refuses getUpdates while
a webhook is set.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram.ext import Application

from diarybot.settings import Settings, WebhookSettings

# The update types the bot handles; Telegram then does not even send the others.
ALLOWED_UPDATES = ("message", "callback_query")
# PTB's webhook handler logs the whole update at CRITICAL when it cannot parse it.
WEBHOOK_HANDLER_LOGGER = "telegram.ext._utils.webhookhandler"


def webhook_arguments(webhook: WebhookSettings) -> dict[str, Any]:
    """The arguments of `Updater.start_webhook` (and `Application.run_webhook`).

    `drop_pending_updates=False`: updates that arrived while the bot was down (a restart, an
    upgrade) are still delivered; patients' check-ins are never thrown away. The secret makes
    PTB's server answer 403 to any request without Telegram's `X-Telegram-Bot-Api-Secret-Token`.
    """
    return {
        "listen": webhook.listen,
        "port": webhook.port,
        "url_path": webhook.path,
        "webhook_url": webhook.url,
        "secret_token": webhook.secret,
        "allowed_updates": list(ALLOWED_UPDATES),
        "drop_pending_updates": False,
    }


def serve(application: Application[Any, Any, Any, Any, Any, Any], settings: Settings) -> None:
    """Run until SIGINT/SIGTERM on the current event loop (which the caller closes)."""
    if settings.webhook is None:
        application.run_polling(allowed_updates=list(ALLOWED_UPDATES), close_loop=False)
        return
    keep_updates_out_of_logs()
    application.run_webhook(**webhook_arguments(settings.webhook), close_loop=False)


class _NoUpdateContent(logging.Filter):
    """Replace the arguments of a log line with nothing: they are a patient's update."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            kind = record.exc_info[0] if record.exc_info else None
            error = f" ({kind.__name__})" if kind is not None else ""
            record.msg = f"{str(record.msg).split(':', 1)[0]}: <not logged>{error}"
            # The traceback's message may quote a value from the update.
            record.args, record.exc_info, record.exc_text = None, None, None
        return True


def keep_updates_out_of_logs() -> None:
    """PTB's webhook handler quotes an update it cannot parse; the update is patient data."""
    logger = logging.getLogger(WEBHOOK_HANDLER_LOGGER)
    if not any(isinstance(f, _NoUpdateContent) for f in logger.filters):
        logger.addFilter(_NoUpdateContent())
