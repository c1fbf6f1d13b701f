"""How the bot talks HTTP to Telegram: PTB's request interface on aiohttp instead of httpx.

PTB sends every Bot API call through a `BaseRequest`; its default one is built on httpx. The
update benchmark found that one `/log` cost the bot 5.8 ms of CPU, about half of it in httpx and
httpcore (request building, form encoding in Python, connection-pool bookkeeping). aiohttp does
the same work with C-accelerated parsing and a simpler pool, and the parameters go as a JSON
body (serialised in C) instead of a form: about 3.4 ms per `/log` end to end, and over 1.6
times the updates per second (BENCHMARKS.md). PTB documents custom request classes for exactly
this; everything above it (retries, errors, rate limiting) is unchanged.

Same defaults as PTB's `HTTPXRequest`, the same errors (`TimedOut` for any timeout,
`NetworkError` for anything else on the wire), the same proxy and CA settings from the
environment, no redirects followed, multipart bodies for uploads. One difference: aiohttp has
no per-write timeout, so a request's timeouts add up to one deadline (see `_client_timeout`).
Uploads are sent from bytes (as the bot does): aiohttp closes file handles it uploads.
"""

from __future__ import annotations

import functools
import os
import ssl
import urllib.parse
import urllib.request
from dataclasses import dataclass

import aiohttp
import certifi
import orjson
from telegram._utils.defaultvalue import DefaultValue
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

from diarybot.runtime.logs import TOKEN_IN_TEXT

DEFAULT_READ_TIMEOUT = 5.0
DEFAULT_WRITE_TIMEOUT = 5.0
DEFAULT_CONNECT_TIMEOUT = 5.0
DEFAULT_POOL_TIMEOUT = 1.0
# Uploads (charts, PDFs) take longer to write than a text message.
DEFAULT_MEDIA_WRITE_TIMEOUT = 20.0
KEEPALIVE = 5.0

Timeout = float | None


@dataclass(frozen=True)
class Timeouts:
    """Seconds each phase of a request may take when the call does not say (None: no limit)."""

    read: Timeout = DEFAULT_READ_TIMEOUT
    write: Timeout = DEFAULT_WRITE_TIMEOUT
    connect: Timeout = DEFAULT_CONNECT_TIMEOUT
    pool: Timeout = DEFAULT_POOL_TIMEOUT
    media_write: Timeout = DEFAULT_MEDIA_WRITE_TIMEOUT


class AiohttpRequest(BaseRequest):
    """A `BaseRequest` on one `aiohttp.ClientSession` with at most `pool_size` connections.

    `timeouts` may be replaced at any time; it applies to the calls made after.
    """

    def __init__(self, pool_size: int, timeouts: Timeouts | None = None) -> None:
        self._pool_size = pool_size
        self.timeouts = timeouts or Timeouts()
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        """The default read timeout (PTB adds the long-poll time to it for getUpdates)."""
        return self.timeouts.read

    async def initialize(self) -> None:
        """Open the session (on the running loop, as aiohttp requires)."""
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                # Idle connections kept 5 s, as httpx does: a server that closes a quiet
                # connection first would make the next request on it fail.
                connector=aiohttp.TCPConnector(
                    limit=self._pool_size, ssl=_tls(), keepalive_timeout=KEEPALIVE
                ),
                headers={"User-Agent": self.USER_AGENT},
            )

    async def shutdown(self) -> None:
        """Close the session and its connections."""
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(  # noqa: PLR0917 - PTB's signature
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Timeout | DefaultValue[None] = BaseRequest.DEFAULT_NONE,
        write_timeout: Timeout | DefaultValue[None] = BaseRequest.DEFAULT_NONE,
        connect_timeout: Timeout | DefaultValue[None] = BaseRequest.DEFAULT_NONE,
        pool_timeout: Timeout | DefaultValue[None] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Send one request; the status code and the body."""
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized")
        uploads = request_data is not None and request_data.contains_files
        defaults = self.timeouts
        timeout = _client_timeout(
            read=_given(read_timeout, defaults.read),
            write=_given(write_timeout, defaults.media_write if uploads else defaults.write),
            connect=_given(connect_timeout, defaults.connect),
            pool=_given(pool_timeout, defaults.pool),
        )
        try:
            async with self._session.request(
                # Like PTB's httpx transport: a redirect is an error, not a silent GET.
                method,
                url,
                data=_body(request_data),
                timeout=timeout,
                allow_redirects=False,
                proxy=_proxy_for(url),  # HTTPS_PROXY / NO_PROXY, as httpx honours them
            ) as response:
                return response.status, await response.read()
        except TimeoutError as exc:  # aiohttp's own timeout errors are TimeoutErrors too
            raise TimedOut(f"Timed out ({_described(exc)})") from None
        except aiohttp.ClientError as exc:
            raise NetworkError(_described(exc)) from None


def _client_timeout(
    read: Timeout, write: Timeout, connect: Timeout, pool: Timeout
) -> aiohttp.ClientTimeout:
    # aiohttp has no write timeout, so a request's phases share one deadline (their sum, 31 s
    # for an upload) that keeps a stalled upload from hanging forever; `sock_read` still limits
    # a silent server on its own. httpx instead limits each write: an upload that keeps
    # trickling could outlast the sum there, here it ends as TimedOut.
    phases = (read, write, connect, pool)
    total = None if None in phases else sum(p for p in phases if p is not None)
    acquire = None if connect is None or pool is None else connect + pool
    return aiohttp.ClientTimeout(
        total=total, connect=acquire, sock_connect=connect, sock_read=read
    )


@functools.cache
def _tls() -> ssl.SSLContext:
    # What PTB's httpx transport trusts: SSL_CERT_FILE / SSL_CERT_DIR when set (a corporate
    # CA), else certifi's bundle, not whatever the host has (a slim container may have none).
    cafile, capath = os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR")
    if cafile or capath:
        return ssl.create_default_context(cafile=cafile, capath=capath)
    return ssl.create_default_context(cafile=certifi.where())


def _proxy_for(url: str) -> str | None:
    """The proxy from HTTPS_PROXY / HTTP_PROXY / NO_PROXY for this URL's host, as PTB's httpx
    transport would use; None for a direct connection."""
    parts = urllib.parse.urlsplit(url)
    return _env_proxy(parts.scheme, parts.hostname or "")


@functools.cache
def _env_proxy(scheme: str, host: str) -> str | None:
    # Looked up once per host: aiohttp's own lookup (trust_env) re-reads the environment on
    # every request, ~0.25 ms each, a tenth of a check-in's CPU.
    if urllib.request.proxy_bypass(host):
        return None
    return urllib.request.getproxies().get(scheme)


def _described(exc: BaseException) -> str:
    """The error's class and message with the token blanked. aiohttp quotes the request URL
    (which holds the token) in some messages, so the original is not chained (`from None`): a
    traceback printed outside our log formatter must not carry it either."""
    return f"aiohttp.{type(exc).__name__}: {TOKEN_IN_TEXT.sub('<token>', str(exc))}"


def _given(value: Timeout | DefaultValue[None], default: Timeout) -> Timeout:
    return default if isinstance(value, DefaultValue) else value


def _body(request_data: RequestData | None) -> aiohttp.FormData | aiohttp.BytesPayload | None:
    """A JSON body, or multipart when there are files.

    Telegram takes JSON, form-encoded or multipart bodies alike. JSON is serialised in C
    (orjson); form encoding percent-escapes every byte of a keyboard's JSON in Python, which
    cost 7 % of the bot's CPU per check-in.
    """
    if request_data is None:
        return None
    if not request_data.contains_files:
        return aiohttp.BytesPayload(
            orjson.dumps(request_data.parameters), content_type="application/json"
        )
    form = aiohttp.FormData()
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, (filename, content, mime_type) in request_data.multipart_data.items():
        form.add_field(name, content, filename=filename, content_type=mime_type)
    return form
