"""FakeBotAPI, the fake Telegram Bot API server tests start: a facade over small collaborators
(chats, files, update queue, webhook, faults, call log, HTTP server) that wires them together."""

from __future__ import annotations

import itertools
import ssl
from collections.abc import Callable
from types import TracebackType
from typing import Self

from tests.support.fake_bot_api.actions import Actions
from tests.support.fake_bot_api.bot_settings import BotSettingsMethods
from tests.support.fake_bot_api.calls import CallLog
from tests.support.fake_bot_api.changes import Changes
from tests.support.fake_bot_api.chats import Chats
from tests.support.fake_bot_api.editing import EditingMethods
from tests.support.fake_bot_api.faults import Faults
from tests.support.fake_bot_api.files import FileStore
from tests.support.fake_bot_api.inspection import Inspection
from tests.support.fake_bot_api.records import JSONDict
from tests.support.fake_bot_api.sending import SendingMethods
from tests.support.fake_bot_api.server import HttpServer, Method
from tests.support.fake_bot_api.updates import UpdateQueue
from tests.support.fake_bot_api.users import SimulatedUsers
from tests.support.fake_bot_api.waiting import Waits
from tests.support.fake_bot_api.webhook import Webhook

DEFAULT_TOKEN = "123456789:AAH-fake-token-for-tests-only_0123456"


class FakeBotAPI(Actions, Inspection, Waits):
    """A Telegram Bot API stand-in served on 127.0.0.1 from the current event loop.

    Use it as ``async with FakeBotAPI() as api:`` and point PTB at it with
    ``base_url=api.base_url`` and ``base_file_url=api.base_file_url``. With ``tls`` (a server
    SSL context holding a certificate) it serves HTTPS instead of HTTP.
    """

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        bot_username: str = "diarybot_test_bot",
        tls: ssl.SSLContext | None = None,
    ) -> None:
        bot_id, _, secret = token.partition(":")
        if not bot_id.isdigit() or not secret:
            raise ValueError(f"not a bot token: {token!r}")
        self.token = token
        self.bot_username = bot_username
        self.bot_user: JSONDict = _bot_user(int(bot_id), bot_username)
        self._changes = Changes()
        self._chats = Chats(self.bot_user)
        self._log = CallLog(self._changes)
        self._faults = Faults()
        self._queue = UpdateQueue(self._changes, webhook_active=lambda: bool(self._webhook.url))
        self._webhook = Webhook(self._queue, self._changes)
        ids = itertools.count(1)  # callback query ids and file numbers share one sequence
        self._files = FileStore(token, ids)
        self._editing = EditingMethods(self._chats)
        self._bot_settings = BotSettingsMethods(self.bot_user)
        # Through add_update as looked up at each call, so a test that wraps it (conftest's
        # Harness) sees every update: the lambda is the point, not a bound method.
        queue = lambda update: self.add_update(update)  # noqa: E731, PLW0108
        self._users = SimulatedUsers(self._chats, self._editing, ids, queue)
        self._server = HttpServer(
            token, tls, self._method_table(), self._queue.get_updates, self._files.download,
            self._faults, self._log, self._changes,
        )  # fmt: skip
        # The records tests read, shared with the collaborators that fill them.
        self.all_calls = self._log.all_calls
        self.calls = self._log.calls
        self.messages = self._chats.messages
        self.files = self._files.files
        self.callback_answers = self._editing.answers
        self.menu_buttons = self._bot_settings.menu_buttons
        # (update_id, HTTP status; 0 = no connection) of every webhook delivery attempt.
        self.webhook_deliveries = self._webhook.deliveries

    def _method_table(self) -> dict[str, tuple[str, Method]]:
        """Every method but getUpdates, by lower-case name (Telegram ignores the case)."""
        settings = self._bot_settings
        sending = SendingMethods(self._chats, self._files)
        editing = self._editing
        methods: dict[str, Method] = {
            "getMe": settings.get_me,
            "logOut": settings.true,
            "close": settings.true,
            "setWebhook": self._webhook.set_webhook,
            "deleteWebhook": self._webhook.delete_webhook,
            "getWebhookInfo": self._webhook.get_webhook_info,
            "setMyCommands": settings.set_my_commands,
            "getMyCommands": settings.get_my_commands,
            "deleteMyCommands": settings.delete_my_commands,
            "setChatMenuButton": settings.set_chat_menu_button,
            "getChatMenuButton": settings.get_chat_menu_button,
            "sendMessage": sending.send_message,
            "sendPhoto": sending.send_photo,
            "sendDocument": sending.send_document,
            "sendChatAction": sending.send_chat_action,
            "editMessageText": editing.edit_message_text,
            "editMessageCaption": editing.edit_message_caption,
            "editMessageReplyMarkup": editing.edit_message_reply_markup,
            "deleteMessage": editing.delete_message,
            "answerCallbackQuery": editing.answer_callback_query,
            "getFile": self._files.get_file,
        }
        return {name.lower(): (name, method) for name, method in methods.items()}

    @property
    def now(self) -> Callable[[], float]:
        """Telegram's clock, which stamps message dates: a test that shifts the bot's clock
        shifts this one too, as in production both read the same real time."""
        return self._chats.now

    @now.setter
    def now(self, clock: Callable[[], float]) -> None:
        self._chats.now = clock

    async def start(self) -> None:
        """Start serving on a free port of 127.0.0.1."""
        await self._server.start()

    async def stop(self) -> None:
        """Answer pending long polls and slow answers now, then close the server."""
        self._changes.closed.set()
        self._changes.notify()
        await self._webhook.stop()
        await self._server.stop()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        """PTB's ``base_url``: PTB appends ``{token}/{method}``."""
        return f"{self._server.root()}/bot"

    @property
    def base_file_url(self) -> str:
        """PTB's ``base_file_url``: PTB appends ``{token}/{file_path}``."""
        return f"{self._server.root()}/file/bot"


def _bot_user(bot_id: int, username: str) -> JSONDict:
    """The bot as getMe describes it."""
    return {
        "id": bot_id,
        "is_bot": True,
        "first_name": "DiaryBot (test)",
        "username": username,
        "can_join_groups": False,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
    }
