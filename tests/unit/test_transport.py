"""The aiohttp transport under PTB's Bot: encodings, uploads, timeouts and network errors."""

import asyncio
import socket
from pathlib import Path

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, NetworkError, TimedOut

from diarybot.runtime import transport
from diarybot.runtime.transport import AiohttpRequest, Timeouts
from tests.support.fake_bot_api import FakeBotAPI, FakeUser

FAST = Timeouts(read=0.3, write=0.3, connect=0.3, pool=0.3, media_write=0.3)


def bot_on(api: FakeBotAPI, timeouts: Timeouts | None = None) -> Bot:
    return Bot(
        api.token,
        base_url=api.base_url,
        base_file_url=api.base_file_url,
        request=AiohttpRequest(4, timeouts),
        get_updates_request=AiohttpRequest(1, timeouts),
    )


@pytest.fixture
async def api():
    async with FakeBotAPI() as fake:
        yield fake


async def test_parameters_keyboards_and_uploads_arrive_as_sent(api):
    user = FakeUser(id=77, first_name="T")
    api.send_text(user, "/start")  # so the chat exists
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Breathing ✓", callback_data="t:1")]])
    png = (Path(__file__).parents[2] / "docs" / "sample-week.png").read_bytes()
    async with bot_on(api) as bot:
        sent = await bot.send_message(77, "Saved: 4/10 – ünïcode", reply_markup=keyboard)
        await bot.send_photo(77, png, caption="Pain diary", filename="chart.png")
    assert sent.text == "Saved: 4/10 – ünïcode"
    assert sent.reply_markup == keyboard
    [message] = api.calls_for("sendMessage", 77)
    assert message.params["reply_markup"]["inline_keyboard"][0][0]["text"] == "Breathing ✓"
    [photo] = api.calls_for("sendPhoto", 77)
    assert photo.params["caption"] == "Pain diary"
    [upload] = photo.files.values()
    assert (upload.data, upload.filename) == (png, "chart.png")


async def test_an_answer_that_comes_too_late_is_a_timeout(api):
    api.add_fault("sendMessage", status=200, delay=1.5)
    async with bot_on(api, FAST) as bot:
        with pytest.raises(TimedOut):
            await bot.send_message(77, "hello")


async def test_telegram_errors_keep_their_meaning(api):
    api.add_fault("sendMessage", status=400, description="Bad Request: chat not found")
    async with bot_on(api) as bot:
        with pytest.raises(BadRequest, match=r"[Cc]hat not found"):
            await bot.send_message(77, "hello")


async def test_nobody_listening_is_a_network_error_not_a_timeout():
    with socket.socket() as probe:  # a port that was free a moment ago
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    request = AiohttpRequest(1, FAST)
    await request.initialize()
    try:
        with pytest.raises(NetworkError) as caught:
            await request.post(f"http://127.0.0.1:{port}/bot1:x/getMe")
        assert not isinstance(caught.value, TimedOut)
    finally:
        await request.shutdown()


async def test_at_most_pool_size_requests_are_open_at_once(api):
    api.add_fault("sendMessage", status=200, delay=0.3, times=None)
    async with bot_on(api) as bot:
        await asyncio.gather(*(bot.send_message(77, f"m{i}") for i in range(12)))
    calls = sorted(api.calls_for("sendMessage"), key=lambda c: c.at)
    # Pool of 4, each answer 0.3 s late: 12 messages take three rounds, never 12 at once.
    assert calls[-1].at - calls[0].at >= 0.5


async def test_an_error_that_quotes_the_url_does_not_carry_the_token(api):
    request = AiohttpRequest(1, FAST)
    await request.initialize()
    try:
        with pytest.raises(NetworkError) as caught:
            await request.post(f"htp://127.0.0.1/bot{api.token}/getMe")  # aiohttp quotes it
    finally:
        await request.shutdown()
    assert "/bot<token>/getMe" in caught.value.message
    # Not chained either: a traceback printed outside our log formatter shows no cause.
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    assert api.token not in caught.value.message
    assert api.token.split(":")[1] not in caught.value.message


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, None),
        ({"HTTPS_PROXY": "http://proxy.example:3128"}, "http://proxy.example:3128"),
        ({"HTTPS_PROXY": "http://proxy.example:3128", "NO_PROXY": "api.telegram.org"}, None),
    ],
)
def test_proxies_come_from_the_environment_as_with_ptbs_default(monkeypatch, env, expected):
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    transport._env_proxy.cache_clear()
    try:
        assert transport._proxy_for("https://api.telegram.org/bot1:x/getMe") == expected
    finally:
        transport._env_proxy.cache_clear()
