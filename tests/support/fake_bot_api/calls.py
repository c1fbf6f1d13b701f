"""The log of every request the bot made, with the fake's answer, and queries over it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.support.fake_bot_api.changes import Changes
from tests.support.fake_bot_api.records import Call, JSONDict, UploadedFile
from tests.support.fake_bot_api.wire import Reply


class CallLog:
    """``all_calls`` holds every request (polls included), ``calls`` all but getUpdates."""

    def __init__(self, changes: Changes) -> None:
        self._changes = changes
        self.all_calls: list[Call] = []
        self.calls: list[Call] = []

    def record(
        self,
        method: str,
        params: JSONDict,
        files: dict[str, UploadedFile],
        arrived: float,
        reply: Reply,
    ) -> None:
        """Log a request once its answer is decided, and wake the waiters."""
        call = Call(method, params, files, arrived, reply.status, len(self.all_calls), reply.body)
        self.all_calls.append(call)
        if method != "getUpdates":
            self.calls.append(call)
        self._changes.notify()

    def calls_for(self, method: str, chat_id: Any = None) -> list[Call]:
        """Calls of ``method`` (case-insensitive), optionally to one chat."""
        calls = self.all_calls if method.lower() == "getupdates" else self.calls
        return [c for c in calls if call_matches(c, method, chat_id, None)]

    def first(
        self,
        method: str,
        chat_id: Any,
        predicate: Callable[[Call], bool] | None,
        since: int | None,
    ) -> Call | None:
        """The first call of ``method`` (index >= ``since``) matching the filters, if any."""
        for call in self.all_calls[since or 0 :]:
            if call_matches(call, method, chat_id, predicate):
                return call
        return None

    def recent(self, last: int) -> list[Call]:
        """The last calls, leaving out successful polls (a running bot makes one a second)."""
        return [c for c in self.all_calls if c.method != "getUpdates" or not c.ok][-last:]


def call_matches(
    call: Call, method: str, chat_id: Any, predicate: Callable[[Call], bool] | None
) -> bool:
    """Whether ``call`` is of ``method`` (case-insensitive), to ``chat_id``, and passes."""
    return (
        call.method.lower() == method.lower()
        and (chat_id is None or call.params.get("chat_id") == chat_id)
        and (predicate is None or predicate(call))
    )
