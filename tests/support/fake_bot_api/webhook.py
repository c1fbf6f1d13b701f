"""Webhooks: ``setWebhook``/``deleteWebhook``/``getWebhookInfo``, and Telegram's side of the
delivery — queued updates POSTed one at a time, in order, with the secret header, until the
bot answers 2xx — through a stand-in for the operator's reverse proxy."""

from __future__ import annotations

import asyncio
import contextlib
import json
from urllib.parse import urlsplit

from aiohttp import ClientError, ClientSession, ClientTimeout, hdrs

from tests.support.fake_bot_api.changes import Changes
from tests.support.fake_bot_api.records import JSONDict, UploadedFile
from tests.support.fake_bot_api.updates import UpdateQueue
from tests.support.fake_bot_api.wire import ApiError

_SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Telegram backs off between failed deliveries; the fake retries quickly to keep tests short.
_WEBHOOK_RETRY = 0.05


class Webhook:
    """The webhook the bot set, and the task that delivers the queue to it."""

    def __init__(self, queue: UpdateQueue, changes: Changes) -> None:
        self._queue = queue
        self._changes = changes
        self.url = ""
        self.secret: str | None = None
        # (update_id, HTTP status; 0 = no connection) of every webhook delivery attempt.
        self.deliveries: list[tuple[int, int]] = []
        self._route: str | None = None
        self._delivered: dict[int, JSONDict] = {}
        self._delivery: asyncio.Task[None] | None = None

    def set_webhook(self, params: JSONDict, files: dict[str, UploadedFile]) -> bool:
        """``setWebhook``: HTTPS only; starts delivering."""
        url = str(params.get("url") or "")
        if url and not url.startswith("https://"):
            raise ApiError(
                400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
            )
        self.url = url
        self.secret = params.get("secret_token") or None
        if params.get("drop_pending_updates"):
            self._queue.pending.clear()
        if url:
            self._start_delivery()
        return True

    def delete_webhook(self, params: JSONDict, files: dict[str, UploadedFile]) -> bool:
        """``deleteWebhook``."""
        self.url = ""
        self.secret = None
        self._changes.notify()  # the delivery task sees the webhook gone and ends
        if params.get("drop_pending_updates"):
            self._queue.pending.clear()
        return True

    def get_webhook_info(self, params: JSONDict, files: dict[str, UploadedFile]) -> JSONDict:
        """``getWebhookInfo``."""
        return {
            "url": self.url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._queue.pending),
        }

    def route_to(self, local_base: str) -> None:
        """Deliver to ``local_base`` + the webhook URL's path (see FakeBotAPI.route_webhook_to)."""
        self._route = local_base.rstrip("/")
        self._changes.notify()

    async def post_update(self, update: JSONDict, secret: str | None, content_type: str) -> int:
        """POST one update as given; the HTTP status (0 when nothing answered)."""
        async with ClientSession(timeout=ClientTimeout(total=10)) as session:
            return await self._post(session, update, secret, content_type)

    async def redeliver(self, update_id: int) -> int:
        """POST an update the bot already accepted once more; the HTTP status."""
        return await self.post_update(self._delivered[update_id], self.secret, "application/json")

    async def stop(self) -> None:
        """End the delivery task."""
        task, self._delivery = self._delivery, None
        if task is not None and task is not asyncio.current_task():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def _target(self) -> str:
        if self._route is None:
            raise RuntimeError("route_webhook_to() was not called: nowhere to deliver")
        parts = urlsplit(self.url)
        query = f"?{parts.query}" if parts.query else ""
        return f"{self._route}{parts.path or '/'}{query}"

    async def _post(
        self, session: ClientSession, update: JSONDict, secret: str | None, content_type: str
    ) -> int:
        headers = {hdrs.CONTENT_TYPE: content_type}
        if secret is not None:
            headers[_SECRET_HEADER] = secret
        try:
            async with session.post(
                self._target(), data=json.dumps(update).encode(), headers=headers
            ) as response:
                await response.read()
                return response.status
        except (ClientError, OSError):
            return 0

    def _start_delivery(self) -> None:
        if self._delivery is None or self._delivery.done():
            self._delivery = asyncio.get_running_loop().create_task(self._deliver())

    async def _deliver(self) -> None:
        """Telegram's side of a webhook: the oldest pending update, until it is accepted."""
        pending = self._queue.pending
        async with ClientSession(timeout=ClientTimeout(total=10)) as session:
            while self.url and not self._changes.closed.is_set():
                ready = await self._changes.wait(
                    lambda: True if (pending and self._route) or not self.url else None, 1.0
                )
                if not ready or not pending or not self.url:
                    continue
                update = pending[0]
                status = await self._post(session, update, self.secret, "application/json")
                self.deliveries.append((update["update_id"], status))
                if 200 <= status < 300:
                    self._delivered[update["update_id"]] = update
                    self._queue.remove(update)
                    self._changes.notify()
                else:
                    await self._changes.sleep(_WEBHOOK_RETRY)
