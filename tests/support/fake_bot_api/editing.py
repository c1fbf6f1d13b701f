"""Bot API methods that change what the user sees: edits, ``deleteMessage``, and the answer to
a pressed button (``answerCallbackQuery``)."""

from __future__ import annotations

from tests.support.fake_bot_api.chats import Chats
from tests.support.fake_bot_api.records import JSONDict, UploadedFile
from tests.support.fake_bot_api.validation import (
    MAX_CAPTION,
    MAX_TEXT,
    check_markup,
    check_text,
    require_chat_id,
)
from tests.support.fake_bot_api.wire import ApiError

_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)


class EditingMethods:
    """Edits and deletions of the bot's messages, and answers to callback queries.

    ``query_ids`` holds the callback queries users sent (see ``SimulatedUsers``); ``answers``
    the bot's answer to each, by query id.
    """

    def __init__(self, chats: Chats) -> None:
        self._chats = chats
        self.query_ids: set[str] = set()
        self.answers: dict[str, JSONDict] = {}

    def edit_message_text(self, params: JSONDict, files: dict[str, UploadedFile]) -> JSONDict:
        """``editMessageText``."""
        message = self._chats.message_to_edit(params)
        if message.text is None:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        text = params.get("text")
        parse_mode = params.get("parse_mode")
        check_text(text, parse_mode, MAX_TEXT, "Bad Request: message is too long")
        # Like Telegram, an edit without reply_markup removes the inline keyboard.
        markup = check_markup(params.get("reply_markup"))
        if text == message.text and markup == message.inline_markup:
            raise ApiError(400, _NOT_MODIFIED)
        message.text, message.parse_mode, message.reply_markup = text, parse_mode, markup
        return self._chats.edited(message)

    def edit_message_caption(self, params: JSONDict, files: dict[str, UploadedFile]) -> JSONDict:
        """``editMessageCaption``."""
        message = self._chats.message_to_edit(params)
        if message.text is not None:
            raise ApiError(400, "Bad Request: there is no caption in the message to edit")
        caption = params.get("caption")
        parse_mode = params.get("parse_mode")
        if caption:
            check_text(
                caption, parse_mode, MAX_CAPTION, "Bad Request: message caption is too long"
            )
        markup = check_markup(params.get("reply_markup"))
        if caption == message.caption and markup == message.inline_markup:
            raise ApiError(400, _NOT_MODIFIED)
        message.caption, message.parse_mode, message.reply_markup = caption, parse_mode, markup
        return self._chats.edited(message)

    def edit_message_reply_markup(
        self, params: JSONDict, files: dict[str, UploadedFile]
    ) -> JSONDict:
        """``editMessageReplyMarkup``."""
        message = self._chats.message_to_edit(params)
        markup = check_markup(params.get("reply_markup"))
        if markup == message.inline_markup:
            raise ApiError(400, _NOT_MODIFIED)
        message.reply_markup = markup
        return self._chats.edited(message)

    def delete_message(self, params: JSONDict, files: dict[str, UploadedFile]) -> bool:
        """``deleteMessage``."""
        message = self._chats.find(require_chat_id(params), params.get("message_id"))
        if message is None:
            raise ApiError(400, "Bad Request: message to delete not found")
        message.deleted = True
        return True

    def answer_callback_query(self, params: JSONDict, files: dict[str, UploadedFile]) -> bool:
        """``answerCallbackQuery``: once per query a user sent."""
        query_id = params.get("callback_query_id")
        if query_id not in self.query_ids or query_id in self.answers:
            raise ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is "
                "invalid",
            )
        if len(params.get("text") or "") > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        self.answers[query_id] = params
        return True

    def unanswered(self) -> list[str]:
        """Ids of pressed buttons the bot never answered (the user sees a spinner)."""
        return sorted(self.query_ids - set(self.answers))
