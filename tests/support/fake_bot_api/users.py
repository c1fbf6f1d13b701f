"""Users talking to the bot: their messages and button presses, as the updates Telegram makes
of them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from tests.support.fake_bot_api.chats import Chats
from tests.support.fake_bot_api.editing import EditingMethods
from tests.support.fake_bot_api.records import FakeUser, JSONDict
from tests.support.fake_bot_api.validation import utf16_len

# A command as Telegram recognises one at the start of a message: a name, then @bot optionally.
BOT_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{1,64})?")


class SimulatedUsers:
    """Turns what a user does into updates, queued through ``queue`` (FakeBotAPI.add_update)."""

    def __init__(
        self,
        chats: Chats,
        editing: EditingMethods,
        ids: Iterator[int],
        queue: Callable[[JSONDict], int],
    ) -> None:
        self._chats = chats
        self._editing = editing
        self._ids = ids
        self._queue = queue

    def send_text(self, user: FakeUser, text: str) -> int:
        """Queue a private message from ``user``; returns its update_id (see FakeBotAPI)."""
        self._chats.users[user.id] = user
        message: JSONDict = {
            "message_id": self._chats.next_message_id(user.id),
            "date": int(self._chats.now()),
            "chat": self._chats.chat(user.id),
            "from": user.to_dict(),
            "text": text,
        }
        # Telegram marks a command only with a name: "/" followed by 1-32 letters, digits or
        # underscores ("/" alone or "/ 5" is plain text, as PTB's CommandHandler then sees it).
        command_match = BOT_COMMAND.match(text)
        if command_match:
            message["entities"] = [
                {"type": "bot_command", "offset": 0, "length": utf16_len(command_match[0])}
            ]
        return self._queue({"message": message})

    def press_button(
        self, user: FakeUser, message_id: int, data: str, chat_id: int | None, require_button: bool
    ) -> int:
        """Queue a callback query from ``user`` pressing a button (see FakeBotAPI)."""
        self._chats.users[user.id] = user
        chat = user.id if chat_id is None else chat_id
        message = self._chats.find(chat, message_id)
        if message is None:
            raise LookupError(f"no message {message_id} in chat {chat} to press a button on")
        offered = [d for row in message.keyboard() for _, d in row if d is not None]
        if require_button and data not in offered:
            raise LookupError(f"{data!r} is not on message {message_id}'s keyboard: {offered}")
        query_id = str(4_000_000_000_000 + next(self._ids))
        self._editing.query_ids.add(query_id)
        query = {
            "id": query_id,
            "from": user.to_dict(),
            "message": self._chats.message_json(message),
            "chat_instance": str(1_000_000_000_000 + abs(chat)),
            "data": data,
        }
        return self._queue({"callback_query": query})

    def press_label(self, user: FakeUser, label: str, message_id: int | None) -> int:
        """Press the button labelled ``label`` on the latest (or given) message."""
        message = self._chats.message_or_latest(user.id, message_id)
        for row in message.keyboard():
            for text, data in row:
                if text == label and data is not None:
                    return self.press_button(user, message.message_id, data, None, True)
        raise LookupError(f"no button {label!r} on message {message.message_id}")
