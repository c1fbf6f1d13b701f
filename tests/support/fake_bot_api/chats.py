"""The chats as Telegram holds them: who is in them, the bot's messages, and their JSON form."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

from tests.support.fake_bot_api.records import FakeUser, JSONDict, SentMessage
from tests.support.fake_bot_api.validation import require_chat_id
from tests.support.fake_bot_api.wire import ApiError


class Chats:
    """Users, the bot's messages per chat (edits and deletions included) and message ids."""

    def __init__(self, bot_user: JSONDict) -> None:
        self.bot_user = bot_user
        # Telegram's clock, which stamps message dates: a test that shifts the bot's clock
        # shifts this one too, as in production both read the same real time.
        self.now: Callable[[], float] = time.time
        self.users: dict[int, FakeUser] = {}
        self.messages: dict[int, list[SentMessage]] = {}
        self._last_message_id: dict[int, int] = {}

    def store(self, chat_id: int, **state: Any) -> SentMessage:
        """Record a new bot message in the chat."""
        message = SentMessage(chat_id, self.next_message_id(chat_id), int(self.now()), **state)
        self.messages.setdefault(chat_id, []).append(message)
        return message

    def next_message_id(self, chat_id: int) -> int:
        """The chat's next message id."""
        # Both sides of a private chat share one message id sequence, as in Telegram.
        self._last_message_id[chat_id] = self._last_message_id.get(chat_id, 0) + 1
        return self._last_message_id[chat_id]

    def last_message(self, chat_id: int) -> SentMessage | None:
        """The bot's latest message in the chat that is not deleted."""
        alive = [m for m in self.messages.get(chat_id, []) if not m.deleted]
        return alive[-1] if alive else None

    def find(self, chat_id: int, message_id: Any) -> SentMessage | None:
        """The undeleted bot message with this id, if any."""
        for message in self.messages.get(chat_id, []):
            if message.message_id == message_id and not message.deleted:
                return message
        return None

    def message_or_latest(self, chat_id: int, message_id: int | None) -> SentMessage:
        """The given message, or the latest one; LookupError for a test asking for neither."""
        if message_id is None:
            message = self.last_message(chat_id)
        else:
            message = self.find(chat_id, message_id)
        if message is None:
            raise LookupError(f"no bot message {message_id or ''} in chat {chat_id}")
        return message

    def message_to_edit(self, params: JSONDict) -> SentMessage:
        """The message an edit request names, or Telegram's error."""
        if params.get("inline_message_id"):
            raise ApiError(400, "Bad Request: MESSAGE_ID_INVALID")
        message = self.find(require_chat_id(params), params.get("message_id"))
        if message is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        return message

    def edited(self, message: SentMessage) -> JSONDict:
        """Stamp the edit time and return the message as Telegram echoes it."""
        message.edit_date = int(self.now())
        return self.message_json(message)

    def chat(self, chat_id: int) -> JSONDict:
        """The chat as a Bot API ``Chat`` object."""
        if chat_id < 0:
            kind = "supergroup" if str(chat_id).startswith("-100") else "group"
            return {"id": chat_id, "type": kind, "title": "Test group"}
        user = self.users.get(chat_id)
        chat: JSONDict = {"id": chat_id, "type": "private"}
        chat["first_name"] = user.first_name if user else "Pat"
        if user and user.username:
            chat["username"] = user.username
        return chat

    def message_json(self, message: SentMessage) -> JSONDict:
        """The message as a Bot API ``Message`` object."""
        data: JSONDict = {
            "message_id": message.message_id,
            "date": message.date,
            "chat": self.chat(message.chat_id),
            "from": dict(self.bot_user),
        }
        optional = {
            "edit_date": message.edit_date,
            "text": message.text,
            "caption": message.caption,
            "photo": message.photo,
            "document": message.document,
            # Telegram echoes only inline keyboards; PTB parses reply_markup as one.
            "reply_markup": message.inline_markup,
        }
        data.update({key: value for key, value in optional.items() if value is not None})
        return json.loads(json.dumps(data))
