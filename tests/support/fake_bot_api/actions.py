"""What a test makes happen through the fake: users writing and pressing buttons, updates
posted to the bot's webhook, and faults (scripted errors, blocked users, rate limits)."""

from __future__ import annotations

from typing import Any

from tests.support.fake_bot_api.faults import Fault, Faults
from tests.support.fake_bot_api.records import FakeUser, JSONDict
from tests.support.fake_bot_api.updates import UpdateQueue
from tests.support.fake_bot_api.users import SimulatedUsers
from tests.support.fake_bot_api.webhook import Webhook


class Actions:
    """FakeBotAPI's controls for tests (a mixin: FakeBotAPI sets the collaborators)."""

    _faults: Faults
    _queue: UpdateQueue
    _users: SimulatedUsers
    _webhook: Webhook

    def send_text(self, user: FakeUser, text: str) -> int:
        """Queue a private message from ``user``; returns its update_id.

        A leading ``/command`` (with an optional ``@botname``) gets a ``bot_command`` entity,
        as Telegram adds one and PTB's ``CommandHandler`` matches on it.
        """
        return self._users.send_text(user, text)

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
        return self._users.press_button(user, message_id, data, chat_id, require_button)

    def press_label(self, user: FakeUser, label: str, *, message_id: int | None = None) -> int:
        """Press the button labelled ``label`` on the latest (or given) message in the user's
        chat, as a person would; returns the update_id."""
        return self._users.press_label(user, label, message_id)

    def add_update(self, update: JSONDict) -> int:
        """Queue any update (without ``update_id``); returns the update_id assigned."""
        return self._queue.add(update)

    def route_webhook_to(self, local_base: str) -> None:
        """Play the operator's reverse proxy: deliver to ``local_base`` + the webhook URL's
        path (``http://127.0.0.1:PORT``) what Telegram would send to the public HTTPS URL."""
        self._webhook.route_to(local_base)

    async def post_update(
        self,
        update: JSONDict,
        secret: str | None = None,
        *,
        content_type: str = "application/json",
    ) -> int:
        """POST one update to the bot's webhook as given (``secret=None``: no secret header);
        returns the HTTP status (0 when nothing answered). Nothing is queued or retried."""
        return await self._webhook.post_update(update, secret, content_type)

    async def redeliver(self, update_id: int) -> int:
        """POST an update the bot already accepted once more, as Telegram does when it did not
        see the answer; returns the HTTP status."""
        return await self._webhook.redeliver(update_id)

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
        return self._faults.add(method, chat_id, status, description, retry_after, times, delay)

    def clear_faults(self) -> None:
        """Remove every scripted fault."""
        self._faults.clear()

    def block(self, chat_id: int) -> None:
        """The user blocks the bot: every request for their chat answers 403."""
        self._faults.block(chat_id)

    def unblock(self, chat_id: int) -> None:
        """The user unblocks the bot."""
        self._faults.unblock(chat_id)

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
        self._faults.set_rate_limit(overall_per_second, per_chat_per_second, retry_after)
