"""What a test reads off the fake: the chats as the user sees them, the calls the bot made,
the command menus, polling, the update queue and the webhook."""

from __future__ import annotations

from typing import Any

from tests.support.fake_bot_api.bot_settings import BotSettingsMethods
from tests.support.fake_bot_api.calls import CallLog
from tests.support.fake_bot_api.chats import Chats
from tests.support.fake_bot_api.editing import EditingMethods
from tests.support.fake_bot_api.faults import Faults
from tests.support.fake_bot_api.records import Call, JSONDict, SentMessage
from tests.support.fake_bot_api.updates import UpdateQueue
from tests.support.fake_bot_api.webhook import Webhook


class Inspection:
    """FakeBotAPI's read-only views of its collaborators (a mixin: FakeBotAPI sets them)."""

    _bot_settings: BotSettingsMethods
    _chats: Chats
    _editing: EditingMethods
    _faults: Faults
    _log: CallLog
    _queue: UpdateQueue
    _webhook: Webhook

    @property
    def poll_count(self) -> int:
        """How many getUpdates requests arrived."""
        return self._queue.poll_count

    @property
    def pending_updates(self) -> list[JSONDict]:
        """Updates queued and not yet confirmed by getUpdates or accepted by the webhook."""
        return list(self._queue.pending)

    @property
    def webhook_url(self) -> str:
        """The URL of the last setWebhook ("" without a webhook)."""
        return self._webhook.url

    @property
    def rate_limit_violations(self) -> int:
        """How many requests the rate limit (set_rate_limit) refused."""
        return self._faults.rate_limit_violations

    def last_message(self, chat_id: int) -> SentMessage | None:
        """The bot's latest message in the chat that is not deleted."""
        return self._chats.last_message(chat_id)

    def sent_texts(self, chat_id: int) -> list[str]:
        """Current text (or caption) of each undeleted bot message in the chat, oldest first.

        Edits show as their latest state; the history is in ``calls_for``.
        """
        return [
            m.content
            for m in self._chats.messages.get(chat_id, [])
            if not m.deleted and m.content is not None
        ]

    def keyboard(
        self, chat_id: int, message_id: int | None = None
    ) -> list[list[tuple[str, str | None]]]:
        """Rows of ``(text, callback_data)`` of the latest (or given) bot message."""
        return self._chats.message_or_latest(chat_id, message_id).keyboard()

    def calls_for(self, method: str, chat_id: Any = None) -> list[Call]:
        """Calls of ``method`` (case-insensitive), optionally to one chat."""
        return self._log.calls_for(method, chat_id)

    def commands(self, scope: JSONDict | None = None, language_code: str = "") -> list[JSONDict]:
        """The command menu stored for a scope (default scope if None) and language."""
        return self._bot_settings.commands(scope, language_code)

    def unanswered_callback_queries(self) -> list[str]:
        """Ids of pressed buttons the bot never answered (the user sees a spinner)."""
        return self._editing.unanswered()

    def mark(self) -> int:
        """The index the next call will get; pass it as ``since=`` to ignore earlier calls."""
        return len(self._log.all_calls)
