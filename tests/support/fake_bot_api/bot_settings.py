"""Bot API methods about the bot itself: ``getMe``, ``logOut``/``close``, the command menu per
scope and language, and the chat menu button."""

from __future__ import annotations

import json
import re
from typing import Any

from tests.support.fake_bot_api.records import JSONDict, UploadedFile
from tests.support.fake_bot_api.wire import ApiError

_COMMAND_NAME = re.compile(r"[a-z0-9_]{1,32}")


class BotSettingsMethods:
    """The bot's identity, its command menus and menu buttons."""

    def __init__(self, bot_user: JSONDict) -> None:
        self._bot_user = bot_user
        self._commands: dict[tuple[str, str], list[JSONDict]] = {}
        self.menu_buttons: dict[int | None, JSONDict] = {}

    def true(self, params: JSONDict, files: dict[str, UploadedFile]) -> bool:
        """``logOut`` and ``close``: accepted, without effect."""
        return True

    def get_me(self, params: JSONDict, files: dict[str, UploadedFile]) -> JSONDict:
        """``getMe``."""
        return dict(self._bot_user)

    def commands(self, scope: JSONDict | None = None, language_code: str = "") -> list[JSONDict]:
        """The command menu stored for a scope (default scope if None) and language."""
        return list(self._commands.get(_scope_key(scope, language_code), []))

    def set_my_commands(self, params: JSONDict, files: dict[str, UploadedFile]) -> bool:
        """``setMyCommands``, with Telegram's checks of names and descriptions."""
        commands = params.get("commands") or []
        for command in commands:
            if not _COMMAND_NAME.fullmatch(str(command.get("command", ""))):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        key = _scope_key(params.get("scope"), params.get("language_code", ""))
        self._commands[key] = [
            {"command": c["command"], "description": c["description"]} for c in commands
        ]
        return True

    def get_my_commands(self, params: JSONDict, files: dict[str, UploadedFile]) -> list[Any]:
        """``getMyCommands``."""
        return self.commands(params.get("scope"), params.get("language_code", ""))

    def delete_my_commands(self, params: JSONDict, files: dict[str, UploadedFile]) -> bool:
        """``deleteMyCommands``."""
        self._commands.pop(_scope_key(params.get("scope"), params.get("language_code", "")), None)
        return True

    def set_chat_menu_button(self, params: JSONDict, files: dict[str, UploadedFile]) -> bool:
        """``setChatMenuButton``; without chat_id it sets the default."""
        self.menu_buttons[params.get("chat_id")] = params.get("menu_button") or {"type": "default"}
        return True

    def get_chat_menu_button(self, params: JSONDict, files: dict[str, UploadedFile]) -> Any:
        """``getChatMenuButton``: the chat's own button, else the default."""
        chat_id = params.get("chat_id")
        default = self.menu_buttons.get(None, {"type": "default"})
        return self.menu_buttons.get(chat_id, default)


def _scope_key(scope: Any, language_code: Any) -> tuple[str, str]:
    return json.dumps(scope or {"type": "default"}, sort_keys=True), str(language_code or "")
