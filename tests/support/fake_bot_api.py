"""A fake Telegram Bot API server for end-to-end tests.

The real ``Application`` talks to this server over real HTTP on 127.0.0.1, exactly as it talks
to ``api.telegram.org``: PTB's own request encoding, error mapping, retries and polling loop are
exercised, and only Telegram itself is simulated. The server runs in the test's event loop, so a
test can queue user input, wait for the bot's answer and inspect what the user would now see
without threads or sleeps.

What it models, because diarybot depends on it:

* the encoding PTB uses (form fields whose non-string values are JSON, multipart uploads);
* ``getUpdates`` offset confirmation and long polling, so updates are redelivered until the bot
  confirms them, like Telegram does;
* message state per chat (edits, deletions, inline keyboards) with Telegram's answers for
  "message is not modified", "message to edit not found", over-long texts, bad HTML/Markdown,
  invalid callback data and invalid bot commands;
* faults: scripted errors (429 with ``retry_after``, 403 blocked, 400, 5xx), slow answers,
  blocked users and Telegram-like rate limits.

* webhooks: after ``setWebhook``, queued updates are POSTed one at a time, in order, with the
  ``X-Telegram-Bot-Api-Secret-Token`` header, to the bot's server through a stand-in for the
  operator's reverse proxy (:meth:`FakeBotAPI.route_webhook_to`); an update stays pending, and is
  tried again, until the bot answers 2xx, as Telegram does.

What it does not model: groups beyond a minimal chat object, inline mode, payments, TLS and
parallel webhook connections, rendering of ``parse_mode`` (markup is validated, and the stored text
is what the bot sent), and resizing of photos (every size of a photo serves the uploaded bytes).
Error descriptions follow Telegram's wording where it is known; parse-error details are close
approximations of Telegram's.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import itertools
import json
import math
import re
import ssl
import struct
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Self, TypeVar
from urllib.parse import urlsplit

from aiohttp import BodyPartReader, ClientError, ClientSession, ClientTimeout, hdrs, web

__all__ = [
    "DEFAULT_TOKEN",
    "Call",
    "FakeBotAPI",
    "FakeUser",
    "Fault",
    "SentMessage",
    "StoredFile",
    "UploadedFile",
]

DEFAULT_TOKEN = "123456789:AAH-fake-token-for-tests-only_0123456"

_T = TypeVar("_T")
JSONDict = dict[str, Any]

# PTB sends every non-string parameter as a JSON-encoded form field and every string as is
# (telegram/request/_requestparameter.py, RequestParameter.json_value), so "7" may be the
# integer chat_id 7 or the text "7": only the parameter's name tells them apart.
_STRING_PARAMS = frozenset(
    {
        "action", "animation", "audio", "business_connection_id", "callback_query_id",
        "caption", "certificate", "data", "description", "document", "emoji", "explanation",
        "file_id", "inline_message_id", "ip_address", "language_code", "message_effect_id",
        "name", "parse_mode", "photo", "question", "secret_token", "short_description",
        "sticker", "text", "thumbnail", "title", "url", "video", "video_note", "voice",
    }
)  # fmt: skip
_JSON_PARAMS = frozenset(
    {
        "allow_paid_broadcast", "allow_sending_without_reply", "allowed_updates", "cache_time",
        "caption_entities", "chat_id", "commands", "disable_content_type_detection",
        "disable_notification", "disable_web_page_preview", "drop_pending_updates", "duration",
        "entities", "from_chat_id", "has_spoiler", "height", "limit", "link_preview_options",
        "max_connections", "media", "menu_button", "message_id", "message_ids",
        "message_thread_id", "offset", "protect_content", "reply_markup", "reply_parameters",
        "reply_to_message_id", "scope", "show_alert", "show_caption_above_media", "timeout",
        "user_id", "width",
    }
)  # fmt: skip

_DEFAULT_DESCRIPTIONS = {
    200: "",
    400: "Bad Request: chat not found",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running",
    500: "Internal Server Error",
    502: "Bad Gateway",
}
_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
_BLOCKED = "Forbidden: bot was blocked by the user"
_MAX_TEXT = 4096
_MAX_CAPTION = 1024
_MAX_CALLBACK_DATA = 64
# A command as Telegram recognises one at the start of a message: a name, then @bot optionally.
BOT_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{1,64})?")
_MAX_UPDATES_PER_POLL = 100
_SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Telegram backs off between failed deliveries; the fake retries quickly to keep tests short.
_WEBHOOK_RETRY = 0.05
_PHOTO_SIDES = (90, 320, 800, 1280)
_HTML_TAGS = frozenset(
    {
        "a", "b", "blockquote", "code", "del", "em", "i", "ins", "pre", "s", "span", "strike",
        "strong", "tg-emoji", "tg-spoiler", "u",
    }
)  # fmt: skip
# Characters MarkdownV2 never uses as markup; Telegram rejects them unescaped.
_MDV2_RESERVED = frozenset("#+-={}.!")
_COMMAND_NAME = re.compile(r"[a-z0-9_]{1,32}")


# --------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True)
class UploadedFile:
    """One file part of a multipart request, as the bot uploaded it."""

    filename: str | None
    content_type: str | None
    data: bytes


@dataclass
class Call:
    """One request the bot made, with the fake's answer.

    A call is recorded once its answer is decided, so its side effects (a stored message, a
    confirmed update) are visible to whoever sees the call. ``at`` is the arrival time.
    ``index`` is the position in :attr:`FakeBotAPI.all_calls` (polls included), which is what
    :meth:`FakeBotAPI.mark` and ``since=`` count in.
    """

    method: str
    params: JSONDict
    files: dict[str, UploadedFile]
    at: float
    status: int
    index: int
    response: JSONDict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Whether the fake answered with success."""
        return self.status == 200

    @property
    def chat_id(self) -> Any:
        """The decoded ``chat_id`` parameter, or ``None``."""
        return self.params.get("chat_id")

    @property
    def result(self) -> Any:
        """The ``result`` of a successful answer (e.g. the sent message as a dict)."""
        return self.response.get("result")

    def summary(self) -> str:
        """A one-line description for assertion messages."""
        shown = ", ".join(f"{key}={_short(value)}" for key, value in self.params.items())
        files = f" files={sorted(self.files)}" if self.files else ""
        return f"#{self.index} {self.method} -> {self.status} ({shown}){files}"


@dataclass(frozen=True)
class FakeUser:
    """A Telegram user talking to the bot; their private chat has the same id."""

    id: int
    first_name: str = "Pat"
    language_code: str | None = "en"
    username: str | None = None

    def to_dict(self) -> JSONDict:
        """The user as a Bot API ``User`` object."""
        data: JSONDict = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.username:
            data["username"] = self.username
        if self.language_code:
            data["language_code"] = self.language_code
        return data


@dataclass
class SentMessage:
    """The current state of a message the bot sent, as the user would see it now."""

    chat_id: int
    message_id: int
    date: int
    text: str | None = None
    caption: str | None = None
    parse_mode: str | None = None
    reply_markup: JSONDict | None = None
    photo: list[JSONDict] | None = None
    document: JSONDict | None = None
    deleted: bool = False
    edit_date: int | None = None

    @property
    def content(self) -> str | None:
        """The text or, for media, the caption."""
        return self.text if self.text is not None else self.caption

    @property
    def inline_markup(self) -> JSONDict | None:
        """The inline keyboard, if the message has one (only those are echoed and editable)."""
        if self.reply_markup and "inline_keyboard" in self.reply_markup:
            return self.reply_markup
        return None

    def keyboard(self) -> list[list[tuple[str, str | None]]]:
        """Rows of ``(text, callback_data)``; ``callback_data`` is None for other buttons."""
        markup = self.reply_markup or {}
        rows = markup.get("inline_keyboard") or markup.get("keyboard") or []
        return [[_button_pair(button) for button in row] for row in rows]


@dataclass
class StoredFile:
    """A file the bot uploaded, kept so it can be re-sent by file_id or downloaded."""

    file_id: str
    file_unique_id: str
    data: bytes
    file_name: str | None
    mime_type: str | None
    file_path: str


@dataclass
class Fault:
    """A scripted answer that replaces the normal one for matching requests.

    ``status=200`` with a ``delay`` models a slow success: the request takes effect (a message
    is sent) and the answer arrives late, which is how a client timeout can still deliver.
    """

    method: str | None
    chat_id: Any
    status: int
    description: str
    retry_after: int | None
    times: int | None
    delay: float
    hits: int = 0

    def matches(self, method: str, params: JSONDict) -> bool:
        """Whether this fault applies; ``method=None`` matches all methods but getUpdates."""
        if self.method is None:
            if method == "getUpdates":
                return False
        elif self.method.lower() != method.lower():
            return False
        return self.chat_id is None or params.get("chat_id") == self.chat_id


class _ApiError(Exception):
    """Raised by a method implementation to answer with a Bot API error."""

    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after


@dataclass
class _Reply:
    status: int
    body: JSONDict
    delay: float = 0.0


# --------------------------------------------------------------------------------------------
# The server


class FakeBotAPI:
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
        # Telegram's clock, which stamps message dates: a test that shifts the bot's clock
        # shifts this one too, as in production both read the same real time.
        self.now: Callable[[], float] = time.time
        self._tls = tls
        self.bot_user: JSONDict = {
            "id": int(bot_id),
            "is_bot": True,
            "first_name": "DiaryBot (test)",
            "username": bot_username,
            "can_join_groups": False,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.all_calls: list[Call] = []
        self.calls: list[Call] = []
        self.poll_count = 0
        self.messages: dict[int, list[SentMessage]] = {}
        self.files: dict[str, StoredFile] = {}
        self.callback_answers: dict[str, JSONDict] = {}
        self.menu_buttons: dict[int | None, JSONDict] = {}
        self.webhook_url = ""
        self.webhook_secret: str | None = None
        # (update_id, HTTP status; 0 = no connection) of every webhook delivery attempt.
        self.webhook_deliveries: list[tuple[int, int]] = []
        self.rate_limit_violations = 0

        self._users: dict[int, FakeUser] = {}
        self._last_message_id: dict[int, int] = {}
        self._pending: list[JSONDict] = []
        self._update_ids = itertools.count(1)
        self._ids = itertools.count(1)
        self._callback_ids: set[str] = set()
        self._commands: dict[tuple[str, str], list[JSONDict]] = {}
        self._faults: list[Fault] = []
        self._blocked: set[int] = set()
        self._rate: tuple[float | None, float | None, int] = (None, None, 1)
        self._accepted: deque[tuple[float, Any]] = deque()
        self._poll_generation = 0
        self._tick = asyncio.Event()
        self._closed = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._webhook_route: str | None = None
        self._delivered: dict[int, JSONDict] = {}
        self._delivery: asyncio.Task[None] | None = None
        self._methods: dict[str, tuple[str, Callable[[JSONDict, dict[str, UploadedFile]], Any]]]
        self._methods = {
            name.lower(): (name, handler)
            for name, handler in {
                "getMe": self._get_me,
                "logOut": self._true,
                "close": self._true,
                "setWebhook": self._set_webhook,
                "deleteWebhook": self._delete_webhook,
                "getWebhookInfo": self._get_webhook_info,
                "setMyCommands": self._set_my_commands,
                "getMyCommands": self._get_my_commands,
                "deleteMyCommands": self._delete_my_commands,
                "setChatMenuButton": self._set_chat_menu_button,
                "getChatMenuButton": self._get_chat_menu_button,
                "sendMessage": self._send_message,
                "sendPhoto": self._send_photo,
                "sendDocument": self._send_document,
                "sendChatAction": self._send_chat_action,
                "editMessageText": self._edit_message_text,
                "editMessageCaption": self._edit_message_caption,
                "editMessageReplyMarkup": self._edit_message_reply_markup,
                "deleteMessage": self._delete_message,
                "answerCallbackQuery": self._answer_callback_query,
                "getFile": self._get_file,
            }.items()
        }

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Start serving on a free port of 127.0.0.1."""
        if self._runner is not None:
            raise RuntimeError("FakeBotAPI already started")
        self._closed.clear()
        app = web.Application(client_max_size=60 * 1024 * 1024)  # Telegram allows 50 MB
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_route("GET", "/file/bot{token}/{path:.+}", self._download)
        # Long polls are woken in stop(); the short timeout only bounds a misbehaving handler.
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=self._tls)
        await site.start()
        self._runner = runner
        self._port = runner.addresses[0][1]

    async def stop(self) -> None:
        """Answer pending long polls and slow answers now, then close the server."""
        self._closed.set()
        self._notify()
        await self._stop_delivery()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

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
        return f"{self._root()}/bot"

    @property
    def base_file_url(self) -> str:
        """PTB's ``base_file_url``: PTB appends ``{token}/{file_path}``."""
        return f"{self._root()}/file/bot"

    def _root(self) -> str:
        if self._port is None:
            raise RuntimeError("FakeBotAPI is not started")
        return f"{'https' if self._tls else 'http'}://127.0.0.1:{self._port}"

    # -- simulated users ---------------------------------------------------------------------

    def send_text(self, user: FakeUser, text: str) -> int:
        """Queue a private message from ``user``; returns its update_id.

        A leading ``/command`` (with an optional ``@botname``) gets a ``bot_command`` entity,
        as Telegram adds one and PTB's ``CommandHandler`` matches on it.
        """
        self._users[user.id] = user
        message: JSONDict = {
            "message_id": self._next_message_id(user.id),
            "date": int(self.now()),
            "chat": self._chat(user.id),
            "from": user.to_dict(),
            "text": text,
        }
        # Telegram marks a command only with a name: "/" followed by 1-32 letters, digits or
        # underscores ("/" alone or "/ 5" is plain text, as PTB's CommandHandler then sees it).
        command_match = BOT_COMMAND.match(text)
        if command_match:
            message["entities"] = [
                {"type": "bot_command", "offset": 0, "length": _utf16_len(command_match[0])}
            ]
        return self.add_update({"message": message})

    def press_button(
        self,
        user: FakeUser,
        message_id: int,
        data: str,
        chat_id: int | None = None,
        *,
        require_button: bool = True,
    ) -> int:
        """Queue a callback query from ``user`` pressing a button; returns its update_id.

        ``chat_id`` defaults to the user's private chat; pass another to forge a press on a
        message the user never saw. With ``require_button`` (the default), ``data`` must be on
        the message's current keyboard, so a test cannot pass while the UI lost the button;
        pass ``False`` to forge stale or arbitrary data.
        """
        self._users[user.id] = user
        chat = user.id if chat_id is None else chat_id
        message = self._find_message(chat, message_id)
        if message is None:
            raise LookupError(f"no message {message_id} in chat {chat} to press a button on")
        offered = [d for row in message.keyboard() for _, d in row if d is not None]
        if require_button and data not in offered:
            raise LookupError(f"{data!r} is not on message {message_id}'s keyboard: {offered}")
        query_id = str(4_000_000_000_000 + next(self._ids))
        self._callback_ids.add(query_id)
        query = {
            "id": query_id,
            "from": user.to_dict(),
            "message": self._message_json(message),
            "chat_instance": str(1_000_000_000_000 + abs(chat)),
            "data": data,
        }
        return self.add_update({"callback_query": query})

    def press_label(self, user: FakeUser, label: str, *, message_id: int | None = None) -> int:
        """Press the button labelled ``label`` on the latest (or given) message in the user's
        chat, as a person would; returns the update_id."""
        message = self._message_or_latest(user.id, message_id)
        for row in message.keyboard():
            for text, data in row:
                if text == label and data is not None:
                    return self.press_button(user, message.message_id, data)
        raise LookupError(f"no button {label!r} on message {message.message_id}")

    def add_update(self, update: JSONDict) -> int:
        """Queue any update (without ``update_id``); returns the update_id assigned."""
        update_id = next(self._update_ids)
        self._pending.append({"update_id": update_id, **update})
        self._notify()
        return update_id

    @property
    def pending_updates(self) -> list[JSONDict]:
        """Updates queued and not yet confirmed by getUpdates or accepted by the webhook."""
        return list(self._pending)

    # -- webhook delivery --------------------------------------------------------------------

    def route_webhook_to(self, local_base: str) -> None:
        """Play the operator's reverse proxy: deliver to ``local_base`` + the webhook URL's
        path (``http://127.0.0.1:PORT``) what Telegram would send to the public HTTPS URL."""
        self._webhook_route = local_base.rstrip("/")
        self._notify()

    async def post_update(
        self,
        update: JSONDict,
        secret: str | None = None,
        *,
        content_type: str = "application/json",
    ) -> int:
        """POST one update to the bot's webhook as given (``secret=None``: no secret header);
        returns the HTTP status (0 when nothing answered). Nothing is queued or retried."""
        async with ClientSession(timeout=ClientTimeout(total=10)) as session:
            return await self._post_update(session, update, secret, content_type)

    async def redeliver(self, update_id: int) -> int:
        """POST an update the bot already accepted once more, as Telegram does when it did not
        see the answer; returns the HTTP status."""
        return await self.post_update(self._delivered[update_id], self.webhook_secret)

    def _webhook_target(self) -> str:
        if self._webhook_route is None:
            raise RuntimeError("route_webhook_to() was not called: nowhere to deliver")
        parts = urlsplit(self.webhook_url)
        query = f"?{parts.query}" if parts.query else ""
        return f"{self._webhook_route}{parts.path or '/'}{query}"

    async def _post_update(
        self, session: ClientSession, update: JSONDict, secret: str | None, content_type: str
    ) -> int:
        headers = {hdrs.CONTENT_TYPE: content_type}
        if secret is not None:
            headers[_SECRET_HEADER] = secret
        try:
            async with session.post(
                self._webhook_target(), data=json.dumps(update).encode(), headers=headers
            ) as response:
                await response.read()
                return response.status
        except (ClientError, OSError):
            return 0

    def _start_delivery(self) -> None:
        if self._delivery is None or self._delivery.done():
            self._delivery = asyncio.get_running_loop().create_task(self._deliver())

    async def _stop_delivery(self) -> None:
        task, self._delivery = self._delivery, None
        if task is not None and task is not asyncio.current_task():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _deliver(self) -> None:
        """Telegram's side of a webhook: the oldest pending update, until it is accepted."""
        async with ClientSession(timeout=ClientTimeout(total=10)) as session:
            while self.webhook_url and not self._closed.is_set():
                ready = await self._await(
                    lambda: (
                        True
                        if (self._pending and self._webhook_route) or not self.webhook_url
                        else None
                    ),
                    1.0,
                )
                if not ready or not self._pending or not self.webhook_url:
                    continue
                update = self._pending[0]
                status = await self._post_update(
                    session, update, self.webhook_secret, "application/json"
                )
                self.webhook_deliveries.append((update["update_id"], status))
                if 200 <= status < 300:
                    self._delivered[update["update_id"]] = update
                    self._pending = [u for u in self._pending if u is not update]
                    self._notify()
                else:
                    await self._sleep(_WEBHOOK_RETRY)

    # -- inspection --------------------------------------------------------------------------

    def last_message(self, chat_id: int) -> SentMessage | None:
        """The bot's latest message in the chat that is not deleted."""
        alive = [m for m in self.messages.get(chat_id, []) if not m.deleted]
        return alive[-1] if alive else None

    def sent_texts(self, chat_id: int) -> list[str]:
        """Current text (or caption) of each undeleted bot message in the chat, oldest first.

        Edits show as their latest state; the history is in ``calls_for``.
        """
        return [
            m.content
            for m in self.messages.get(chat_id, [])
            if not m.deleted and m.content is not None
        ]

    def keyboard(
        self, chat_id: int, message_id: int | None = None
    ) -> list[list[tuple[str, str | None]]]:
        """Rows of ``(text, callback_data)`` of the latest (or given) bot message."""
        return self._message_or_latest(chat_id, message_id).keyboard()

    def calls_for(self, method: str, chat_id: Any = None) -> list[Call]:
        """Calls of ``method`` (case-insensitive), optionally to one chat."""
        calls = self.all_calls if method.lower() == "getupdates" else self.calls
        return [c for c in calls if _call_matches(c, method, chat_id, None)]

    def commands(self, scope: JSONDict | None = None, language_code: str = "") -> list[JSONDict]:
        """The command menu stored for a scope (default scope if None) and language."""
        return list(self._commands.get(_scope_key(scope, language_code), []))

    def unanswered_callback_queries(self) -> list[str]:
        """Ids of pressed buttons the bot never answered (the user sees a spinner)."""
        return sorted(self._callback_ids - set(self.callback_answers))

    def mark(self) -> int:
        """The index the next call will get; pass it as ``since=`` to ignore earlier calls."""
        return len(self.all_calls)

    def describe(self, last: int = 15) -> str:
        """Recent calls, polling and the update queue, for assertion messages.

        Successful polls are left out of the list: a running bot makes one every second.
        """
        shown = [c for c in self.all_calls if c.method != "getUpdates" or not c.ok][-last:]
        polls = self.calls_for("getUpdates")
        last_poll = f", last answered {polls[-1].status}" if polls else ""
        return (
            f"last {len(shown)} calls (polls left out):\n  "
            + ("\n  ".join(c.summary() for c in shown) or "(none)")
            + f"\ngetUpdates: {self.poll_count} received{last_poll}"
            + f"\npending updates: {[u['update_id'] for u in self._pending]}"
            + f"\nfaults left: {len(self._faults)}"
        )

    # -- waiting -----------------------------------------------------------------------------

    async def wait_for(
        self,
        method: str,
        *,
        chat_id: Any = None,
        predicate: Callable[[Call], bool] | None = None,
        since: int | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109 - the deadline is part of this helper's contract
    ) -> Call:
        """The first call of ``method`` (index >= ``since``) matching the filters.

        Waits for it to arrive; on timeout fails the test with the recent calls.
        """

        def probe() -> Call | None:
            for call in self.all_calls[since or 0 :]:
                if _call_matches(call, method, chat_id, predicate):
                    return call
            return None

        found = await self._await(probe, timeout)
        if found is None:
            raise AssertionError(
                f"no {method} call (chat_id={chat_id}, since={since}) within {timeout}s\n"
                + self.describe()
            )
        return found

    async def wait_until(
        self,
        condition: Callable[[], bool],
        timeout: float = 5.0,  # noqa: ASYNC109 - the deadline is part of this helper's contract
    ) -> None:
        """Wait until ``condition()`` holds; it is re-checked on every request and every 10 ms
        (it may depend on state outside the fake, like the bot's storage)."""
        if await self._await(lambda: True if condition() else None, timeout, 0.01) is None:
            raise AssertionError(f"condition not met within {timeout}s\n" + self.describe())

    async def wait_idle(self, timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Wait until the bot has fetched and confirmed every queued update.

        Confirmed means a later getUpdates carried a higher offset: the updates reached PTB's
        update queue, not necessarily the end of their handlers. Wait for the reply for that.
        """
        if await self._await(lambda: True if not self._pending else None, timeout) is None:
            raise AssertionError(f"updates still pending after {timeout}s\n" + self.describe())

    async def _await(
        self, probe: Callable[[], _T | None], within: float, poll: float | None = None
    ) -> _T | None:
        """Re-run ``probe`` whenever the fake's state changes (and every ``poll`` seconds)
        until it returns something other than None, or ``within`` seconds passed."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while (found := probe()) is None:
            remaining = deadline - loop.time()
            if remaining <= 0:
                return None
            tick = self._tick
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(min(remaining, poll or remaining)):
                    await tick.wait()
        return found

    def _notify(self) -> None:
        """Wake everyone waiting on the fake's state; each waiter re-checks its own condition."""
        self._tick.set()
        self._tick = asyncio.Event()

    # -- faults ------------------------------------------------------------------------------

    def add_fault(
        self,
        method: str | None = None,
        *,
        chat_id: Any = None,
        status: int,
        description: str | None = None,
        retry_after: int | None = None,
        times: int | None = 1,
        delay: float = 0.0,
    ) -> Fault:
        """Answer the next ``times`` matching requests (None: all) with ``status``.

        Faults are tried in the order added. ``method=None`` matches every method except
        getUpdates. A 429 always carries ``retry_after`` (default 1), as Telegram's do. A
        faulted request is recorded but has no effect, except ``status=200`` (see Fault).
        """
        if times is not None and times < 1:
            raise ValueError("times must be None or >= 1")
        if status == 429 and retry_after is None:
            retry_after = 1
        if description is None:
            description = (
                f"Too Many Requests: retry after {retry_after}"
                if status == 429
                else _DEFAULT_DESCRIPTIONS.get(status, f"Error {status}")
            )
        fault = Fault(method, chat_id, status, description, retry_after, times, delay)
        self._faults.append(fault)
        return fault

    def clear_faults(self) -> None:
        """Remove every scripted fault."""
        self._faults.clear()

    def block(self, chat_id: int) -> None:
        """The user blocks the bot: every request for their chat answers 403."""
        self._blocked.add(chat_id)

    def unblock(self, chat_id: int) -> None:
        """The user unblocks the bot."""
        self._blocked.discard(chat_id)

    def set_rate_limit(
        self,
        overall_per_second: float | None = 30,
        per_chat_per_second: float | None = None,
        retry_after: int = 1,
    ) -> None:
        """Answer 429 to requests with a chat_id beyond these rates (None: unlimited).

        Rates are enforced over a sliding window of ``max(1 s, 1 / rate)``, so fractional
        rates work: ``per_chat_per_second=20 / 60`` allows one request per chat every 3 s.
        Requests the limiter refused do not count towards the window.
        """
        self._rate = (overall_per_second, per_chat_per_second, retry_after)
        self._accepted.clear()

    def _take_fault(self, method: str, params: JSONDict) -> Fault | None:
        for fault in self._faults:
            if fault.matches(method, params):
                fault.hits += 1
                if fault.times is not None:
                    fault.times -= 1
                    if fault.times == 0:
                        self._faults.remove(fault)
                return fault
        return None

    def _rate_limited(self, chat_id: Any, now: float) -> bool:
        overall, per_chat, _ = self._rate
        if chat_id is None or (overall is None and per_chat is None):
            return False
        longest = max(_window(rate) for rate in (overall, per_chat) if rate is not None)
        while self._accepted and self._accepted[0][0] <= now - longest:
            self._accepted.popleft()
        for rate, same_chat in ((overall, False), (per_chat, True)):
            if rate is None:
                continue
            since = now - _window(rate)
            used = sum(
                1 for at, c in self._accepted if at > since and (not same_chat or c == chat_id)
            )
            if used >= rate * _window(rate):
                return True
        self._accepted.append((now, chat_id))
        return False

    # -- HTTP --------------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        arrived = time.monotonic()
        params, files = await _read_request(request)
        name = request.match_info["method"]
        method = self._methods.get(name.lower(), (name, None))[0]
        if request.match_info["token"] != self.token:
            reply = _error(401, "Unauthorized")
        else:
            reply = await self._answer(method, params, files, arrived)
        self._record(method, params, files, arrived, reply)
        if reply.delay:
            await self._sleep(reply.delay)
        return web.json_response(reply.body, status=reply.status)

    async def _answer(
        self, method: str, params: JSONDict, files: dict[str, UploadedFile], arrived: float
    ) -> _Reply:
        fault = self._take_fault(method, params)
        chat_id = params.get("chat_id")
        if fault is not None and fault.status != 200:
            reply = _error(fault.status, fault.description, fault.retry_after)
        elif isinstance(chat_id, int) and chat_id in self._blocked:
            reply = _error(403, _BLOCKED)
        elif self._rate_limited(chat_id, arrived):
            self.rate_limit_violations += 1
            retry_after = self._rate[2]
            reply = _error(429, f"Too Many Requests: retry after {retry_after}", retry_after)
        else:
            reply = await self._dispatch(method, params, files)
        if fault is not None:
            reply.delay = fault.delay
        return reply

    async def _dispatch(
        self, method: str, params: JSONDict, files: dict[str, UploadedFile]
    ) -> _Reply:
        try:
            if method == "getUpdates":
                result = await self._get_updates(params)
            elif (entry := self._methods.get(method.lower())) is not None:
                result = entry[1](params, files)
            else:
                raise _ApiError(404, "Not Found: method not found")
        except _ApiError as err:
            return _error(err.status, err.description, err.retry_after)
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            # Malformed parameters (a non-numeric limit, a button that is not an object);
            # Telegram answers those with 400 too, and the repr keeps a fake bug debuggable.
            return _error(400, f"Bad Request: invalid parameters: {err!r}")
        return _Reply(200, {"ok": True, "result": result})

    def _record(
        self,
        method: str,
        params: JSONDict,
        files: dict[str, UploadedFile],
        arrived: float,
        reply: _Reply,
    ) -> None:
        call = Call(method, params, files, arrived, reply.status, len(self.all_calls), reply.body)
        self.all_calls.append(call)
        if method != "getUpdates":
            self.calls.append(call)
        self._notify()

    async def _sleep(self, seconds: float) -> None:
        """Sleep, but not past stop(): a slow answer must not hold the server open."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(seconds):
                await self._closed.wait()

    async def _download(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        path = request.match_info["path"]
        for stored in self.files.values():
            if stored.file_path == path:
                return web.Response(body=stored.data, content_type="application/octet-stream")
        return web.Response(status=404)

    # -- getUpdates --------------------------------------------------------------------------

    async def _get_updates(self, params: JSONDict) -> list[JSONDict]:
        """Confirm by offset, then answer at once or hold the poll open up to ``timeout``.

        A newer getUpdates ends an older one with 409, as Telegram does, so a second bot
        instance polling the same token shows up as Conflict errors instead of lost updates.
        """
        if self.webhook_url:
            raise _ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        self.poll_count += 1
        self._confirm(params.get("offset"))
        self._poll_generation += 1
        generation = self._poll_generation
        self._notify()
        limit = min(max(int(params.get("limit") or _MAX_UPDATES_PER_POLL), 1), 100)

        def ready() -> bool | None:
            if generation != self._poll_generation:
                raise _ApiError(409, _DEFAULT_DESCRIPTIONS[409])
            return True if self._pending or self._closed.is_set() else None

        await self._await(ready, max(0.0, float(params.get("timeout") or 0)))
        return [json.loads(json.dumps(u)) for u in self._pending[:limit]]

    def _confirm(self, offset: Any) -> None:
        if not isinstance(offset, int) or offset == 0:
            return
        if offset < 0:
            self._pending = self._pending[offset:]
        else:
            self._pending = [u for u in self._pending if u["update_id"] >= offset]

    # -- method implementations ---------------------------------------------------------------

    def _true(self, params: JSONDict, files: dict[str, UploadedFile]) -> bool:
        return True

    def _get_me(self, params: JSONDict, files: dict[str, UploadedFile]) -> JSONDict:
        return dict(self.bot_user)

    def _set_webhook(self, params: JSONDict, files: dict[str, UploadedFile]) -> bool:
        url = str(params.get("url") or "")
        if url and not url.startswith("https://"):
            raise _ApiError(
                400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
            )
        self.webhook_url = url
        self.webhook_secret = params.get("secret_token") or None
        if params.get("drop_pending_updates"):
            self._pending.clear()
        if url:
            self._start_delivery()
        return True

    def _delete_webhook(self, params: JSONDict, files: dict[str, UploadedFile]) -> bool:
        self.webhook_url = ""
        self.webhook_secret = None
        self._notify()  # the delivery task sees the webhook gone and ends
        if params.get("drop_pending_updates"):
            self._pending.clear()
        return True

    def _get_webhook_info(self, params: JSONDict, files: dict[str, UploadedFile]) -> JSONDict:
        return {
            "url": self.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._pending),
        }

    def _set_my_commands(self, params: JSONDict, files: dict[str, UploadedFile]) -> bool:
        commands = params.get("commands") or []
        for command in commands:
            if not _COMMAND_NAME.fullmatch(str(command.get("command", ""))):
                raise _ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise _ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        key = _scope_key(params.get("scope"), params.get("language_code", ""))
        self._commands[key] = [
            {"command": c["command"], "description": c["description"]} for c in commands
        ]
        return True

    def _get_my_commands(self, params: JSONDict, files: dict[str, UploadedFile]) -> list[Any]:
        return self.commands(params.get("scope"), params.get("language_code", ""))

    def _delete_my_commands(self, params: JSONDict, files: dict[str, UploadedFile]) -> bool:
        self._commands.pop(_scope_key(params.get("scope"), params.get("language_code", "")), None)
        return True

    def _set_chat_menu_button(self, params: JSONDict, files: dict[str, UploadedFile]) -> bool:
        self.menu_buttons[params.get("chat_id")] = params.get("menu_button") or {"type": "default"}
        return True

    def _get_chat_menu_button(self, params: JSONDict, files: dict[str, UploadedFile]) -> Any:
        chat_id = params.get("chat_id")
        default = self.menu_buttons.get(None, {"type": "default"})
        return self.menu_buttons.get(chat_id, default)

    def _send_message(self, params: JSONDict, files: dict[str, UploadedFile]) -> JSONDict:
        chat_id = _chat_id(params)
        text = params.get("text")
        parse_mode = params.get("parse_mode")
        _check_text(text, parse_mode, _MAX_TEXT, "Bad Request: message is too long")
        markup = _check_markup(params.get("reply_markup"))
        message = self._store(chat_id, text=text, parse_mode=parse_mode, reply_markup=markup)
        return self._message_json(message)

    def _send_photo(self, params: JSONDict, files: dict[str, UploadedFile]) -> JSONDict:
        chat_id = _chat_id(params)
        caption, parse_mode, markup = self._media_common(params)
        stored = self._file_input(params, files, "photo")
        size = _image_size(stored.data)
        if size is None:
            raise _ApiError(400, "Bad Request: IMAGE_PROCESS_FAILED")
        width, height = size
        if width + height > 10_000 or max(size) > 20 * min(size):
            raise _ApiError(400, "Bad Request: PHOTO_INVALID_DIMENSIONS")
        photo = _photo_sizes(stored, width, height)
        message = self._store(
            chat_id, caption=caption, parse_mode=parse_mode, reply_markup=markup, photo=photo
        )
        return self._message_json(message)

    def _send_document(self, params: JSONDict, files: dict[str, UploadedFile]) -> JSONDict:
        chat_id = _chat_id(params)
        caption, parse_mode, markup = self._media_common(params)
        stored = self._file_input(params, files, "document")
        document = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_name": stored.file_name,
            "mime_type": stored.mime_type,
            "file_size": len(stored.data),
        }
        message = self._store(
            chat_id, caption=caption, parse_mode=parse_mode, reply_markup=markup, document=document
        )
        return self._message_json(message)

    def _send_chat_action(self, params: JSONDict, files: dict[str, UploadedFile]) -> bool:
        _chat_id(params)
        if not params.get("action"):
            raise _ApiError(400, "Bad Request: wrong parameter action in request")
        return True

    def _edit_message_text(self, params: JSONDict, files: dict[str, UploadedFile]) -> JSONDict:
        message = self._message_to_edit(params)
        if message.text is None:
            raise _ApiError(400, "Bad Request: there is no text in the message to edit")
        text = params.get("text")
        parse_mode = params.get("parse_mode")
        _check_text(text, parse_mode, _MAX_TEXT, "Bad Request: message is too long")
        # Like Telegram, an edit without reply_markup removes the inline keyboard.
        markup = _check_markup(params.get("reply_markup"))
        if text == message.text and markup == message.inline_markup:
            raise _ApiError(400, _NOT_MODIFIED)
        message.text, message.parse_mode, message.reply_markup = text, parse_mode, markup
        return self._edited(message)

    def _edit_message_caption(self, params: JSONDict, files: dict[str, UploadedFile]) -> JSONDict:
        message = self._message_to_edit(params)
        if message.text is not None:
            raise _ApiError(400, "Bad Request: there is no caption in the message to edit")
        caption = params.get("caption")
        parse_mode = params.get("parse_mode")
        if caption:
            _check_text(
                caption, parse_mode, _MAX_CAPTION, "Bad Request: message caption is too long"
            )
        markup = _check_markup(params.get("reply_markup"))
        if caption == message.caption and markup == message.inline_markup:
            raise _ApiError(400, _NOT_MODIFIED)
        message.caption, message.parse_mode, message.reply_markup = caption, parse_mode, markup
        return self._edited(message)

    def _edit_message_reply_markup(
        self, params: JSONDict, files: dict[str, UploadedFile]
    ) -> JSONDict:
        message = self._message_to_edit(params)
        markup = _check_markup(params.get("reply_markup"))
        if markup == message.inline_markup:
            raise _ApiError(400, _NOT_MODIFIED)
        message.reply_markup = markup
        return self._edited(message)

    def _delete_message(self, params: JSONDict, files: dict[str, UploadedFile]) -> bool:
        message = self._find_message(_chat_id(params), params.get("message_id"))
        if message is None:
            raise _ApiError(400, "Bad Request: message to delete not found")
        message.deleted = True
        return True

    def _answer_callback_query(self, params: JSONDict, files: dict[str, UploadedFile]) -> bool:
        query_id = params.get("callback_query_id")
        if query_id not in self._callback_ids or query_id in self.callback_answers:
            raise _ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is "
                "invalid",
            )
        if len(params.get("text") or "") > 200:
            raise _ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        self.callback_answers[query_id] = params
        return True

    def _get_file(self, params: JSONDict, files: dict[str, UploadedFile]) -> JSONDict:
        stored = self.files.get(str(params.get("file_id")))
        if stored is None:
            raise _ApiError(400, "Bad Request: invalid file_id")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
            "file_path": stored.file_path,
        }

    # -- message helpers ---------------------------------------------------------------------

    def _media_common(self, params: JSONDict) -> tuple[str | None, str | None, JSONDict | None]:
        caption = params.get("caption")
        parse_mode = params.get("parse_mode")
        if caption:
            _check_text(
                caption, parse_mode, _MAX_CAPTION, "Bad Request: message caption is too long"
            )
        return caption, parse_mode, _check_markup(params.get("reply_markup"))

    def _file_input(
        self, params: JSONDict, files: dict[str, UploadedFile], name: str
    ) -> StoredFile:
        """Resolve a media parameter: an upload (by part name or ``attach://``) or a file_id."""
        value = params.get(name)
        upload = files.get(name)
        if upload is None and isinstance(value, str) and value.startswith("attach://"):
            upload = files.get(value.removeprefix("attach://"))
        if upload is not None:
            if not upload.data:
                raise _ApiError(400, "Bad Request: file must be non-empty")
            return self._store_file(upload, name)
        if not value:
            raise _ApiError(400, f"Bad Request: there is no {name} in the request")
        if str(value).startswith(("http://", "https://")):
            raise _ApiError(400, "Bad Request: failed to get HTTP URL content")
        stored = self.files.get(str(value))
        if stored is None:
            raise _ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
        return stored

    def _store_file(self, upload: UploadedFile, kind: str) -> StoredFile:
        number = next(self._ids)
        name = upload.filename or ""
        extension = name.rsplit(".", 1)[1] if "." in name else "bin"
        stored = StoredFile(
            file_id=f"{kind}-file-{number:06d}",
            file_unique_id=f"u{number:06d}",
            data=upload.data,
            file_name=upload.filename,
            mime_type=upload.content_type,
            file_path=f"{kind}s/file_{number}.{extension}",
        )
        self.files[stored.file_id] = stored
        return stored

    def _store(self, chat_id: int, **state: Any) -> SentMessage:
        message = SentMessage(chat_id, self._next_message_id(chat_id), int(self.now()), **state)
        self.messages.setdefault(chat_id, []).append(message)
        return message

    def _next_message_id(self, chat_id: int) -> int:
        # Both sides of a private chat share one message id sequence, as in Telegram.
        self._last_message_id[chat_id] = self._last_message_id.get(chat_id, 0) + 1
        return self._last_message_id[chat_id]

    def _find_message(self, chat_id: int, message_id: Any) -> SentMessage | None:
        for message in self.messages.get(chat_id, []):
            if message.message_id == message_id and not message.deleted:
                return message
        return None

    def _message_or_latest(self, chat_id: int, message_id: int | None) -> SentMessage:
        if message_id is None:
            message = self.last_message(chat_id)
        else:
            message = self._find_message(chat_id, message_id)
        if message is None:
            raise LookupError(f"no bot message {message_id or ''} in chat {chat_id}")
        return message

    def _message_to_edit(self, params: JSONDict) -> SentMessage:
        if params.get("inline_message_id"):
            raise _ApiError(400, "Bad Request: MESSAGE_ID_INVALID")
        message = self._find_message(_chat_id(params), params.get("message_id"))
        if message is None:
            raise _ApiError(400, "Bad Request: message to edit not found")
        return message

    def _edited(self, message: SentMessage) -> JSONDict:
        message.edit_date = int(self.now())
        return self._message_json(message)

    def _chat(self, chat_id: int) -> JSONDict:
        if chat_id < 0:
            kind = "supergroup" if str(chat_id).startswith("-100") else "group"
            return {"id": chat_id, "type": kind, "title": "Test group"}
        user = self._users.get(chat_id)
        chat: JSONDict = {"id": chat_id, "type": "private"}
        chat["first_name"] = user.first_name if user else "Pat"
        if user and user.username:
            chat["username"] = user.username
        return chat

    def _message_json(self, message: SentMessage) -> JSONDict:
        data: JSONDict = {
            "message_id": message.message_id,
            "date": message.date,
            "chat": self._chat(message.chat_id),
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


# --------------------------------------------------------------------------------------------
# Request decoding


async def _read_request(request: web.Request) -> tuple[JSONDict, dict[str, UploadedFile]]:
    """Read the query string and body the way Telegram accepts them (form, multipart, JSON)."""
    raw: dict[str, Any] = dict(request.query)
    files: dict[str, UploadedFile] = {}
    if request.content_type == "multipart/form-data":
        reader = await request.multipart()
        async for part in reader:
            if not isinstance(part, BodyPartReader) or part.name is None:
                continue
            if part.filename is None:
                raw[part.name] = await part.text()
            else:
                data = bytes(await part.read())
                content_type = part.headers.get(hdrs.CONTENT_TYPE)
                files[part.name] = UploadedFile(part.filename, content_type, data)
    elif request.content_type == "application/json":
        body = await request.read()
        raw.update(json.loads(body) if body else {})
    elif request.content_type == "application/x-www-form-urlencoded":
        form = await request.post()
        raw.update({key: value for key, value in form.items() if isinstance(value, str)})
    return _decode_params(raw), files


def _decode_params(raw: dict[str, Any]) -> JSONDict:
    """Undo PTB's form encoding: JSON-decode the fields that are not strings in the Bot API.

    String parameters stay strings even when they look like JSON (a text "7" or "[1]"); known
    non-string ones are decoded, falling back to the string (a chat_id of "@channel"); unknown
    ones are decoded only when they hold a JSON object or array.
    """
    return {key: _decode_value(key, value) for key, value in raw.items()}


def _decode_value(key: str, value: Any) -> Any:
    if not isinstance(value, str) or key in _STRING_PARAMS:
        return value
    if key in _JSON_PARAMS or value.lstrip().startswith(("{", "[")):
        try:
            decoded = json.loads(value)
        except ValueError:
            return value
        if key in _JSON_PARAMS or isinstance(decoded, dict | list):
            return decoded
    return value


# --------------------------------------------------------------------------------------------
# Validation and pure helpers


def _error(status: int, description: str, retry_after: int | None = None) -> _Reply:
    body: JSONDict = {"ok": False, "error_code": status, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return _Reply(status, body)


def _chat_id(params: JSONDict) -> int:
    chat_id = params.get("chat_id")
    if chat_id is None or chat_id == "":
        raise _ApiError(400, "Bad Request: chat_id is empty")
    if not isinstance(chat_id, int) or isinstance(chat_id, bool):
        raise _ApiError(400, "Bad Request: chat not found")
    return chat_id


def _check_text(text: Any, parse_mode: Any, limit: int, too_long: str) -> None:
    """Reject what Telegram rejects: empty text, bad markup, text over the limit."""
    if not isinstance(text, str) or not text.strip():
        raise _ApiError(400, "Bad Request: message text is empty")
    problem = _markup_problem(text, str(parse_mode or ""))
    if problem:
        raise _ApiError(400, f"Bad Request: can't parse entities: {problem}")
    visible = _html_plain(text) if str(parse_mode).lower() == "html" else text
    if _utf16_len(visible) > limit:
        raise _ApiError(400, too_long)


def _check_markup(markup: Any) -> JSONDict | None:
    """Reject inline keyboards Telegram rejects (over-long callback data, text-only buttons)."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise _ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
    for row in markup.get("inline_keyboard", []):
        for button in row:
            actions = set(button) - {"text", "style", "icon_custom_emoji_id"}
            data = button.get("callback_data")
            if not actions:
                raise _ApiError(
                    400, "Bad Request: text buttons are unallowed in the inline keyboard"
                )
            if data is not None and not 1 <= len(data.encode()) <= _MAX_CALLBACK_DATA:
                raise _ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
    return markup


def _markup_problem(text: str, parse_mode: str) -> str | None:
    mode = parse_mode.lower()
    if mode == "html":
        return _html_problem(text)
    if mode == "markdownv2":
        return _markdown_v2_problem(text)
    if mode == "markdown":
        return _markdown_problem(text)
    return None


def _html_problem(text: str) -> str | None:
    """Telegram's HTML parser, reduced to what it rejects: unknown, unclosed, misnested tags.

    As in Telegram, a bare ``<`` starts a tag, so user text must be escaped: "pain < 5" is an
    unsupported start tag "" (the name ends at the space).
    """
    open_tags: list[str] = []
    position = 0
    while (start := text.find("<", position)) != -1:
        offset = len(text[:start].encode())
        closing = text.startswith("</", start)
        name_match = re.compile(r"[^\s>]*").match(text, start + (2 if closing else 1))
        name = name_match.group().lower() if name_match else ""
        end = text.find(">", start)
        if not closing and name not in _HTML_TAGS:
            return f'Unsupported start tag "{name}" at byte offset {offset}'
        if end == -1:
            return f"Unclosed {'end' if closing else 'start'} tag at byte offset {offset}"
        if not closing:
            open_tags.append(name)
        elif not open_tags:
            return f"Unexpected end tag at byte offset {offset}"
        elif (expected := open_tags.pop()) != name:
            return (
                f'Unmatched end tag at byte offset {offset}, expected "</{expected}>", '
                f'found "</{name}>"'
            )
        position = end + 1
    if open_tags:
        return f'Can\'t find end tag corresponding to start tag "{open_tags[-1]}"'
    return None


def _html_plain(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", text))


def _markdown_v2_problem(text: str) -> str | None:
    """Flag unescaped characters MarkdownV2 reserves, outside code and link targets."""
    without_code = re.sub(r"```.*?```|`(?:[^`\\]|\\.)*`", "", text, flags=re.DOTALL)
    without_links = re.sub(r"\]\((?:[^)\\]|\\.)*\)", "]", without_code)
    chars = iter(without_links)
    for char in chars:
        if char == "\\":
            next(chars, None)
        elif char in _MDV2_RESERVED:
            return f"Character '{char}' is reserved and must be escaped with the preceding '\\'"
    return None


def _markdown_problem(text: str) -> str | None:
    """Legacy Markdown: every ``*``, ``_``, backtick or ``[`` must be closed."""
    position = 0
    while position < len(text):
        char = text[position]
        if char == "\\" and text[position + 1 : position + 2] in ("_", "*", "`", "["):
            position += 2
            continue
        if char in "*_`[":
            closer = "```" if text.startswith("```", position) else ("]" if char == "[" else char)
            close = text.find(closer, position + len(closer))
            if close == -1:
                offset = len(text[:position].encode())
                return f"Can't find end of the entity starting at byte offset {offset}"
            position = close + len(closer)
            continue
        position += 1
    return None


def _image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG or JPEG; None for anything Telegram could not process."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return (width, height) if width and height else None
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    position = 2
    while position + 9 < len(data):
        if data[position] != 0xFF:
            return None
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker in (0x01, 0xD8) or 0xD0 <= marker <= 0xD7:  # markers without a length
            position += 2
            continue
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):  # start of frame
            height, width = struct.unpack(">HH", data[position + 5 : position + 9])
            return (width, height) if width and height else None
        position += 2 + int.from_bytes(data[position + 2 : position + 4], "big")
    return None


def _photo_sizes(stored: StoredFile, width: int, height: int) -> list[JSONDict]:
    """The sizes Telegram offers for a photo: thumbnails up to the full (≤1280 px) size."""
    sizes = []
    for side in _PHOTO_SIDES:
        scale = min(1.0, side / max(width, height))
        sizes.append(
            {
                "file_id": stored.file_id if scale == 1.0 else f"{stored.file_id}-{side}",
                "file_unique_id": f"{stored.file_unique_id}-{side}",
                "width": max(1, round(width * scale)),
                "height": max(1, round(height * scale)),
                "file_size": max(1, math.ceil(len(stored.data) * scale * scale)),
            }
        )
        if scale == 1.0:
            break
    return sizes


def _button_pair(button: Any) -> tuple[str, str | None]:
    if isinstance(button, str):  # reply keyboards may be plain strings
        return button, None
    return str(button.get("text", "")), button.get("callback_data")


def _call_matches(
    call: Call, method: str, chat_id: Any, predicate: Callable[[Call], bool] | None
) -> bool:
    return (
        call.method.lower() == method.lower()
        and (chat_id is None or call.params.get("chat_id") == chat_id)
        and (predicate is None or predicate(call))
    )


def _scope_key(scope: Any, language_code: Any) -> tuple[str, str]:
    return json.dumps(scope or {"type": "default"}, sort_keys=True), str(language_code or "")


def _window(rate: float) -> float:
    return max(1.0, 1.0 / rate)


def _utf16_len(text: str) -> int:
    """Telegram measures texts and entity offsets in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _short(value: Any, limit: int = 60) -> str:
    shown = repr(value)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"
