"""What the fake Bot API records: the bot's calls, its messages and files, the users in them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

JSONDict = dict[str, Any]


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
        shown = ", ".join(f"{key}={short(value)}" for key, value in self.params.items())
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
        return [[button_pair(button) for button in row] for row in rows]


@dataclass
class StoredFile:
    """A file the bot uploaded, kept so it can be re-sent by file_id or downloaded."""

    file_id: str
    file_unique_id: str
    data: bytes
    file_name: str | None
    mime_type: str | None
    file_path: str


def button_pair(button: Any) -> tuple[str, str | None]:
    """A keyboard button as ``(text, callback_data)``."""
    if isinstance(button, str):  # reply keyboards may be plain strings
        return button, None
    return str(button.get("text", "")), button.get("callback_data")


def short(value: Any, limit: int = 60) -> str:
    """``repr(value)``, cut to ``limit`` characters for one-line summaries."""
    shown = repr(value)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"
