"""How the bot reaches Telegram: PTB's own HTTP client, as `build_application` sets it up, with
the network settings an operator gives it in the environment (README, `.env.example`).

These are the guarantees our former hand-written transport re-implemented; PTB's `HTTPXRequest`
gives them through httpx. A builder option that switched httpx's reading of the environment off
(a custom transport, `trust_env=False`, a fixed `verify`) would fail here.
"""

from __future__ import annotations

import asyncio
import shutil
import ssl
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from telegram.error import NetworkError

from diarybot.bot.app import build_application
from diarybot.settings import Settings
from tests.support.fake_bot_api import DEFAULT_TOKEN, FakeBotAPI

NETWORK_VARIABLES = (
    "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy",
    "NO_PROXY", "no_proxy", "SSL_CERT_FILE", "SSL_CERT_DIR",
)  # fmt: skip


@pytest.fixture(autouse=True)
def no_network_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Start from an environment without proxy or CA variables (this machine sets some)."""
    for name in NETWORK_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and its key: a private CA of one."""
    openssl = shutil.which("openssl")
    assert openssl, "these tests make their certificate with the openssl command"
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "ca.pem", folder / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-keyout", str(key), "-out", str(cert),
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture
async def https_api(certificate: tuple[Path, Path]) -> AsyncIterator[FakeBotAPI]:
    """The fake Bot API over HTTPS, with a certificate no public CA vouches for."""
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server.load_cert_chain(*certificate)
    async with FakeBotAPI(tls=server) as api:
        yield api


def bot_for(data_dir: Path, base_url: str | None = None) -> Any:
    """The Bot of the real application, pointed at `base_url` (default: Telegram's)."""
    settings = Settings(token=DEFAULT_TOKEN, data_dir=data_dir, api_base_url=base_url)
    return build_application(settings).bot


async def test_a_private_ca_named_in_ssl_cert_file_is_trusted(
    https_api: FakeBotAPI, certificate: tuple[Path, Path], tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    bot = bot_for(tmp_path, https_api.base_url)
    async with bot:  # initialize: getMe over TLS, verified against that CA
        assert bot.username == https_api.bot_username


async def test_without_that_ca_the_certificate_is_refused(
    https_api: FakeBotAPI, tmp_path: Path
) -> None:
    bot = bot_for(tmp_path, https_api.base_url)
    try:
        with pytest.raises(NetworkError, match="CERTIFICATE_VERIFY_FAILED"):
            await bot.initialize()
    finally:
        await bot.shutdown()
    assert https_api.calls_for("getMe") == []


async def test_calls_to_telegram_go_through_the_proxy_named_in_https_proxy(
    tmp_path: Path, monkeypatch: Any
) -> None:
    asked: list[bytes] = []

    async def refusing_proxy(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        asked.append(await reader.readline())
        writer.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
        await writer.drain()
        writer.close()

    proxy = await asyncio.start_server(refusing_proxy, "127.0.0.1", 0)
    port = proxy.sockets[0].getsockname()[1]
    monkeypatch.setenv("HTTPS_PROXY", f"http://127.0.0.1:{port}")
    bot = bot_for(tmp_path)  # Telegram's own address: only the proxy is ever contacted
    try:
        with pytest.raises(NetworkError):
            await bot.initialize()
    finally:
        await bot.shutdown()
        proxy.close()
        await proxy.wait_closed()
    assert asked == [b"CONNECT api.telegram.org:443 HTTP/1.1\r\n"]
