"""What Telegram rejects in what the bot sends: empty or over-long texts, broken HTML/Markdown,
invalid inline keyboards and chat ids, with Telegram's error descriptions."""

from __future__ import annotations

import html
import re
from typing import Any

from tests.support.fake_bot_api.records import JSONDict
from tests.support.fake_bot_api.wire import ApiError

MAX_TEXT = 4096
MAX_CAPTION = 1024
_MAX_CALLBACK_DATA = 64
_HTML_TAGS = frozenset(
    {
        "a", "b", "blockquote", "code", "del", "em", "i", "ins", "pre", "s", "span", "strike",
        "strong", "tg-emoji", "tg-spoiler", "u",
    }
)  # fmt: skip
# Characters MarkdownV2 never uses as markup; Telegram rejects them unescaped.
_MDV2_RESERVED = frozenset("#+-={}.!")


def require_chat_id(params: JSONDict) -> int:
    """The ``chat_id`` parameter of a request that needs one (only numeric ids are known)."""
    chat_id = params.get("chat_id")
    if chat_id is None or chat_id == "":
        raise ApiError(400, "Bad Request: chat_id is empty")
    if not isinstance(chat_id, int) or isinstance(chat_id, bool):
        raise ApiError(400, "Bad Request: chat not found")
    return chat_id


def check_text(text: Any, parse_mode: Any, limit: int, too_long: str) -> None:
    """Reject what Telegram rejects: empty text, bad markup, text over the limit."""
    if not isinstance(text, str) or not text.strip():
        raise ApiError(400, "Bad Request: message text is empty")
    problem = _markup_problem(text, str(parse_mode or ""))
    if problem:
        raise ApiError(400, f"Bad Request: can't parse entities: {problem}")
    visible = _html_plain(text) if str(parse_mode).lower() == "html" else text
    if utf16_len(visible) > limit:
        raise ApiError(400, too_long)


def check_markup(markup: Any) -> JSONDict | None:
    """Reject inline keyboards Telegram rejects (over-long callback data, text-only buttons)."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
    for row in markup.get("inline_keyboard", []):
        for button in row:
            actions = set(button) - {"text", "style", "icon_custom_emoji_id"}
            data = button.get("callback_data")
            if not actions:
                raise ApiError(
                    400, "Bad Request: text buttons are unallowed in the inline keyboard"
                )
            if data is not None and not 1 <= len(data.encode()) <= _MAX_CALLBACK_DATA:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
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


def utf16_len(text: str) -> int:
    """Telegram measures texts and entity offsets in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2
