"""Bot API methods that send: ``sendMessage``, ``sendPhoto``, ``sendDocument``,
``sendChatAction``."""

from __future__ import annotations

from tests.support.fake_bot_api.chats import Chats
from tests.support.fake_bot_api.files import FileStore
from tests.support.fake_bot_api.photos import image_size, photo_sizes
from tests.support.fake_bot_api.records import JSONDict, UploadedFile
from tests.support.fake_bot_api.validation import (
    MAX_CAPTION,
    MAX_TEXT,
    check_markup,
    check_text,
    require_chat_id,
)
from tests.support.fake_bot_api.wire import ApiError


class SendingMethods:
    """New messages in a chat, checked as Telegram checks them."""

    def __init__(self, chats: Chats, files: FileStore) -> None:
        self._chats = chats
        self._files = files

    def send_message(self, params: JSONDict, files: dict[str, UploadedFile]) -> JSONDict:
        """``sendMessage``."""
        chat_id = require_chat_id(params)
        text = params.get("text")
        parse_mode = params.get("parse_mode")
        check_text(text, parse_mode, MAX_TEXT, "Bad Request: message is too long")
        markup = check_markup(params.get("reply_markup"))
        message = self._chats.store(chat_id, text=text, parse_mode=parse_mode, reply_markup=markup)
        return self._chats.message_json(message)

    def send_photo(self, params: JSONDict, files: dict[str, UploadedFile]) -> JSONDict:
        """``sendPhoto``: PNG or JPEG within Telegram's dimension limits."""
        chat_id = require_chat_id(params)
        caption, parse_mode, markup = _media_common(params)
        stored = self._files.file_input(params, files, "photo")
        size = image_size(stored.data)
        if size is None:
            raise ApiError(400, "Bad Request: IMAGE_PROCESS_FAILED")
        width, height = size
        if width + height > 10_000 or max(size) > 20 * min(size):
            raise ApiError(400, "Bad Request: PHOTO_INVALID_DIMENSIONS")
        photo = photo_sizes(stored, width, height)
        message = self._chats.store(
            chat_id, caption=caption, parse_mode=parse_mode, reply_markup=markup, photo=photo
        )
        return self._chats.message_json(message)

    def send_document(self, params: JSONDict, files: dict[str, UploadedFile]) -> JSONDict:
        """``sendDocument``."""
        chat_id = require_chat_id(params)
        caption, parse_mode, markup = _media_common(params)
        stored = self._files.file_input(params, files, "document")
        document = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_name": stored.file_name,
            "mime_type": stored.mime_type,
            "file_size": len(stored.data),
        }
        message = self._chats.store(
            chat_id, caption=caption, parse_mode=parse_mode, reply_markup=markup, document=document
        )
        return self._chats.message_json(message)

    def send_chat_action(self, params: JSONDict, files: dict[str, UploadedFile]) -> bool:
        """``sendChatAction``: checked, and otherwise without effect."""
        require_chat_id(params)
        if not params.get("action"):
            raise ApiError(400, "Bad Request: wrong parameter action in request")
        return True


def _media_common(params: JSONDict) -> tuple[str | None, str | None, JSONDict | None]:
    caption = params.get("caption")
    parse_mode = params.get("parse_mode")
    if caption:
        check_text(caption, parse_mode, MAX_CAPTION, "Bad Request: message caption is too long")
    return caption, parse_mode, check_markup(params.get("reply_markup"))
