"""The Bot API's wire format: requests decoded as PTB encodes them, answers as Telegram's JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from aiohttp import BodyPartReader, hdrs, web

from tests.support.fake_bot_api.records import JSONDict, UploadedFile

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

DEFAULT_DESCRIPTIONS = {
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


class ApiError(Exception):
    """Raised by a method implementation to answer with a Bot API error."""

    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after


@dataclass
class Reply:
    """An answer to one request: HTTP status, JSON body, and how long to hold it back."""

    status: int
    body: JSONDict
    delay: float = 0.0


def error(status: int, description: str, retry_after: int | None = None) -> Reply:
    """A Bot API error answer, with ``retry_after`` for 429s."""
    body: JSONDict = {"ok": False, "error_code": status, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return Reply(status, body)


async def read_request(request: web.Request) -> tuple[JSONDict, dict[str, UploadedFile]]:
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
