"""The HTTP side: serving ``/bot<token>/<method>`` and ``/file/bot<token>/<path>`` on
127.0.0.1, and routing each request through fault injection to its method, then to the log."""

from __future__ import annotations

import ssl
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from tests.support.fake_bot_api.calls import CallLog
from tests.support.fake_bot_api.changes import Changes
from tests.support.fake_bot_api.faults import Faults
from tests.support.fake_bot_api.records import JSONDict, UploadedFile
from tests.support.fake_bot_api.wire import ApiError, Reply, error, read_request

# A Bot API method: decoded parameters and uploaded files in, the answer's ``result`` out.
Method = Callable[[JSONDict, dict[str, UploadedFile]], Any]


class HttpServer:
    """An aiohttp server whose answers come from ``methods`` (by lower-case name).

    ``getUpdates`` is apart because it is the one method that waits (long polling).
    """

    def __init__(
        self,
        token: str,
        tls: ssl.SSLContext | None,
        methods: dict[str, tuple[str, Method]],
        get_updates: Callable[[JSONDict], Awaitable[list[JSONDict]]],
        download: Callable[[web.Request], Awaitable[web.Response]],
        faults: Faults,
        log: CallLog,
        changes: Changes,
    ) -> None:
        self._token = token
        self._tls = tls
        self._methods = methods
        self._get_updates = get_updates
        self._download = download
        self._faults = faults
        self._log = log
        self._changes = changes
        self._runner: web.AppRunner | None = None
        self._port: int | None = None

    async def start(self) -> None:
        """Start serving on a free port of 127.0.0.1."""
        if self._runner is not None:
            raise RuntimeError("FakeBotAPI already started")
        self._changes.closed.clear()
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
        """Close the server (after the caller woke long polls and slow answers)."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def root(self) -> str:
        """``scheme://127.0.0.1:port`` of the running server."""
        if self._port is None:
            raise RuntimeError("FakeBotAPI is not started")
        return f"{'https' if self._tls else 'http'}://127.0.0.1:{self._port}"

    async def _handle(self, request: web.Request) -> web.Response:
        arrived = time.monotonic()
        params, files = await read_request(request)
        name = request.match_info["method"]
        method = self._methods.get(name.lower(), (name, None))[0]
        if request.match_info["token"] != self._token:
            reply = error(401, "Unauthorized")
        else:
            reply = await self._answer(method, params, files, arrived)
        self._log.record(method, params, files, arrived, reply)
        if reply.delay:
            await self._changes.sleep(reply.delay)
        return web.json_response(reply.body, status=reply.status)

    async def _answer(
        self, method: str, params: JSONDict, files: dict[str, UploadedFile], arrived: float
    ) -> Reply:
        fault, refused = self._faults.refusal(method, params, arrived)
        reply = refused or await self._dispatch(method, params, files)
        if fault is not None:
            reply.delay = fault.delay
        return reply

    async def _dispatch(
        self, method: str, params: JSONDict, files: dict[str, UploadedFile]
    ) -> Reply:
        try:
            if method == "getUpdates":
                result: Any = await self._get_updates(params)
            elif (entry := self._methods.get(method.lower())) is not None:
                result = entry[1](params, files)
            else:
                raise ApiError(404, "Not Found: method not found")
        except ApiError as err:
            return error(err.status, err.description, err.retry_after)
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            # Malformed parameters (a non-numeric limit, a button that is not an object);
            # Telegram answers those with 400 too, and the repr keeps a fake bug debuggable.
            return error(400, f"Bad Request: invalid parameters: {err!r}")
        return Reply(200, {"ok": True, "result": result})
