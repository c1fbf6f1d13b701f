"""The fake Bot API behaves like Telegram for a real PTB ``Bot`` and ``Application``.

Every test talks HTTP to the fake on 127.0.0.1 through PTB's own request stack, so these tests
also pin down how PTB encodes requests and maps error answers to exceptions.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import re
import ssl
import struct
import time
import zlib
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import (
    BadRequest,
    Conflict,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
)
from telegram.request import HTTPXRequest

from tests.support.fake_bot_api import FakeBotAPI, FakeUser

PAT = FakeUser(1001, "Pat")
SAM = FakeUser(1002, "Sam")
MOOD_KEYBOARD = InlineKeyboardMarkup(
    [
        [
            InlineKeyboardButton("Good", callback_data="mood:good"),
            InlineKeyboardButton("Bad", callback_data="mood:bad"),
        ]
    ]
)


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as fake:
        yield fake


@functools.cache
def shared_tls() -> ssl.SSLContext:
    """One TLS context for all test bots: httpx builds (and loads CA certificates for) a new
    one per client otherwise, about 0.1 s each, and PTB makes two clients per bot."""
    return ssl.create_default_context()


def quick_bot(api: FakeBotAPI, token: str | None = None) -> Bot:
    """A Bot pointed at the fake; the same PTB request stack, minus the TLS set-up cost."""
    return Bot(
        token or api.token,
        base_url=api.base_url,
        base_file_url=api.base_file_url,
        request=HTTPXRequest(httpx_kwargs={"verify": shared_tls()}),
        get_updates_request=HTTPXRequest(httpx_kwargs={"verify": shared_tls()}),
    )


@pytest.fixture
async def bot(api: FakeBotAPI) -> AsyncIterator[Bot]:
    async with quick_bot(api) as client:
        yield client


@pytest.fixture
def ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opt in to PTB's timedelta periods: without it, merely constructing ``RetryAfter``
    emits a PTBDeprecationWarning, which ``filterwarnings = error`` turns into a failure."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


def png(width: int, height: int) -> bytes:
    """A valid grayscale PNG of the given size."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\x00" + bytes(width) for _ in range(height)))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet and offer the mood keyboard."""
    assert update.effective_message is not None
    await update.effective_message.reply_text("How are you?", reply_markup=MOOD_KEYBOARD)


@contextlib.asynccontextmanager
async def running_app(
    api: FakeBotAPI, pressed: list[tuple[int, int, str]]
) -> AsyncIterator[Application]:
    """A polling Application with /start and a mood callback, stopped however the test ends."""

    async def mood(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Record who pressed what, then confirm the choice in place."""
        query = update.callback_query
        assert query is not None and query.message is not None and query.data is not None
        await query.answer()
        pressed.append((query.from_user.id, query.message.chat.id, query.data))
        await query.edit_message_text(f"Noted: {query.data}")

    app = (
        ApplicationBuilder()
        .token(api.token)
        .base_url(api.base_url)
        .base_file_url(api.base_file_url)
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(mood, pattern=r"^mood:"))
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0, timeout=1)
    try:
        yield app
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()


# -- plain Bot -------------------------------------------------------------------------------


async def test_get_me_describes_the_bot_named_by_the_token(api: FakeBotAPI) -> None:
    async with Bot(api.token, base_url=api.base_url, base_file_url=api.base_file_url) as bot:
        me = await bot.get_me()

    assert me.id == 123456789
    assert me.is_bot
    assert me.username == "diarybot_test_bot"
    assert [c.method for c in api.calls] == ["getMe", "getMe"]  # initialize() + ours


@pytest.mark.parametrize("text", ["7", "[1, 2]", "true", "Pain 7/10 {worse}"])
async def test_send_message_params_are_decoded_by_type_not_by_look(
    bot: Bot, api: FakeBotAPI, text: str
) -> None:
    sent = await bot.send_message(
        PAT.id, text, reply_markup=MOOD_KEYBOARD, disable_notification=True
    )

    call = await api.wait_for("sendMessage", chat_id=PAT.id)
    assert call.params["chat_id"] == PAT.id
    assert call.params["text"] == text
    assert call.params["disable_notification"] is True
    assert call.params["reply_markup"] == {
        "inline_keyboard": [
            [
                {"text": "Good", "callback_data": "mood:good"},
                {"text": "Bad", "callback_data": "mood:bad"},
            ]
        ]
    }
    assert sent.text == text
    assert sent.reply_markup == MOOD_KEYBOARD
    assert sent.from_user is not None and sent.from_user.id == 123456789
    assert api.keyboard(PAT.id) == [[("Good", "mood:good"), ("Bad", "mood:bad")]]
    assert api.sent_texts(PAT.id) == [text]


async def test_message_ids_count_up_per_chat_shared_with_the_user(
    bot: Bot, api: FakeBotAPI
) -> None:
    api.send_text(PAT, "hello")  # the user's message takes id 1 in their chat

    first = await bot.send_message(PAT.id, "a")
    second = await bot.send_message(PAT.id, "b")
    other_chat = await bot.send_message(SAM.id, "c")

    assert (first.message_id, second.message_id, other_chat.message_id) == (2, 3, 1)


async def test_send_photo_records_the_upload_and_answers_with_photo_sizes(
    bot: Bot, api: FakeBotAPI
) -> None:
    image = png(2000, 1000)

    sent = await bot.send_photo(PAT.id, image, caption="Your week")

    call = api.calls_for("sendPhoto")[0]
    assert call.params == {"chat_id": PAT.id, "caption": "Your week"}
    upload = call.files["photo"]
    assert upload.data == image
    # PTB names an upload made from bare bytes after its MIME type.
    assert (upload.filename, upload.content_type) == (
        "application.octet-stream",
        "application/octet-stream",
    )
    assert sent.caption == "Your week"
    assert [(p.width, p.height) for p in sent.photo] == [
        (90, 45),
        (320, 160),
        (800, 400),
        (1280, 640),
    ]
    assert api.last_message(PAT.id) is not None
    assert api.last_message(PAT.id).photo is not None  # type: ignore[union-attr]


async def test_send_photo_rejects_bytes_that_are_no_image(bot: Bot, api: FakeBotAPI) -> None:
    with pytest.raises(BadRequest, match="Image_process_failed"):
        await bot.send_photo(PAT.id, b"not an image")

    assert api.messages == {}


async def test_sent_document_keeps_its_name_and_can_be_downloaded(
    bot: Bot, api: FakeBotAPI
) -> None:
    sent = await bot.send_document(PAT.id, b"%PDF-1.4 report", filename="pain-report.pdf")

    assert sent.document is not None
    assert sent.document.file_name == "pain-report.pdf"
    assert sent.document.mime_type == "application/pdf"
    assert sent.document.file_size == len(b"%PDF-1.4 report")
    file = await bot.get_file(sent.document.file_id)
    assert bytes(await file.download_as_bytearray()) == b"%PDF-1.4 report"


async def test_editing_updates_the_stored_message_and_drops_an_unrepeated_keyboard(
    bot: Bot, api: FakeBotAPI
) -> None:
    sent = await bot.send_message(PAT.id, "How are you?", reply_markup=MOOD_KEYBOARD)

    await bot.edit_message_text("Noted", chat_id=PAT.id, message_id=sent.message_id)

    message = api.last_message(PAT.id)
    assert message is not None
    assert message.text == "Noted"
    assert message.edit_date is not None
    assert api.keyboard(PAT.id) == []


async def test_editing_to_identical_content_is_not_modified(bot: Bot, api: FakeBotAPI) -> None:
    sent = await bot.send_message(PAT.id, "How are you?", reply_markup=MOOD_KEYBOARD)

    with pytest.raises(BadRequest, match="Message is not modified"):
        await sent.edit_text("How are you?", reply_markup=MOOD_KEYBOARD)
    with pytest.raises(BadRequest, match="Message is not modified"):
        await sent.edit_reply_markup(MOOD_KEYBOARD)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", chat_id=PAT.id, message_id=99)

    assert [c.status for c in api.calls_for("editMessageText")] == [400, 400]


async def test_deleted_message_is_gone_for_the_user(bot: Bot, api: FakeBotAPI) -> None:
    sent = await bot.send_message(PAT.id, "oops")

    assert await sent.delete()

    assert api.last_message(PAT.id) is None
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await sent.delete()


@pytest.mark.parametrize(
    ("text", "parse_mode", "problem"),
    [
        ("<b>Pain 7", "HTML", "Can't find end tag"),
        ("pain < 5", "HTML", 'Unsupported start tag ""'),
        ("<b>7</i>", "HTML", "Unmatched end tag"),
        ("Pain 7/10.", "MarkdownV2", "Character '.' is reserved"),
        ("pain_level 7", "Markdown", "Can't find end of the entity"),
    ],
)
async def test_bad_markup_is_rejected_like_telegram(
    bot: Bot, text: str, parse_mode: str, problem: str
) -> None:
    # PTB strips "Bad Request: " and capitalize()s the rest, lower-casing it.
    with pytest.raises(BadRequest, match=f"(?i){re.escape(problem)}"):
        await bot.send_message(PAT.id, text, parse_mode=parse_mode)


async def test_well_formed_markup_is_accepted(bot: Bot) -> None:
    await bot.send_message(
        PAT.id, "<b>Pain</b> &lt; 5 <a href='https://x.org'>x</a>", parse_mode="HTML"
    )
    await bot.send_message(
        PAT.id, r"*Pain* 7/10\. [site](https://x.org/a-b)", parse_mode="MarkdownV2"
    )


@pytest.mark.parametrize(
    ("button", "problem"),
    [
        (InlineKeyboardButton("x", callback_data="é" * 33), "button_data_invalid"),  # 66 bytes
        (InlineKeyboardButton("x"), "text buttons are unallowed"),
    ],
)
async def test_invalid_inline_buttons_are_rejected(
    bot: Bot, button: InlineKeyboardButton, problem: str
) -> None:
    with pytest.raises(BadRequest, match=f"(?i){problem}"):
        await bot.send_message(PAT.id, "pick", reply_markup=InlineKeyboardMarkup([[button]]))


async def test_commands_are_stored_per_scope(bot: Bot, api: FakeBotAPI) -> None:
    from telegram import BotCommand, BotCommandScopeChat  # noqa: PLC0415

    await bot.set_my_commands([BotCommand("log", "Log pain")])
    await bot.set_my_commands([BotCommand("help", "Help")], scope=BotCommandScopeChat(PAT.id))

    assert [c.command for c in await bot.get_my_commands()] == ["log"]
    assert api.commands() == [{"command": "log", "description": "Log pain"}]
    assert api.commands({"type": "chat", "chat_id": PAT.id}) == [
        {"command": "help", "description": "Help"}
    ]
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Log", "capitalised")])


# -- getUpdates ------------------------------------------------------------------------------


async def test_updates_are_redelivered_until_confirmed_by_offset(
    bot: Bot, api: FakeBotAPI
) -> None:
    first = api.send_text(PAT, "/start")
    second = api.send_text(PAT, "7")

    assert [u.update_id for u in await bot.get_updates(timeout=0)] == [first, second]
    assert [u.update_id for u in await bot.get_updates(timeout=0, limit=1)] == [first]
    assert [u.update_id for u in await bot.get_updates(offset=second, timeout=0)] == [second]
    assert await bot.get_updates(offset=second + 1, timeout=0) == ()
    assert api.pending_updates == []


async def test_command_message_carries_a_bot_command_entity(bot: Bot, api: FakeBotAPI) -> None:
    api.send_text(PAT, "/log@diarybot_test_bot 7")

    (update,) = await bot.get_updates(timeout=0)

    assert update.message is not None
    assert update.message.parse_entities(["bot_command"]).popitem()[1] == "/log@diarybot_test_bot"
    assert update.message.from_user is not None and update.message.from_user.id == PAT.id


async def test_long_poll_returns_as_soon_as_an_update_arrives(bot: Bot, api: FakeBotAPI) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await api.wait_until(lambda: api.poll_count == 1, timeout=1)
    started = time.monotonic()

    api.send_text(PAT, "hello")

    updates = await asyncio.wait_for(poll, 2)
    assert [u.message.text for u in updates if u.message] == ["hello"]
    assert time.monotonic() - started < 1


async def test_stopping_the_server_ends_a_pending_long_poll(bot: Bot, api: FakeBotAPI) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=30))
    await api.wait_until(lambda: api.poll_count == 1, timeout=1)
    started = time.monotonic()

    await api.stop()

    assert await asyncio.wait_for(poll, 2) == ()
    assert time.monotonic() - started < 1.5


async def test_a_second_poller_ends_the_first_with_conflict(bot: Bot, api: FakeBotAPI) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await api.wait_until(lambda: api.poll_count == 1, timeout=1)

    async with quick_bot(api) as second_instance:
        assert await second_instance.get_updates(timeout=0) == ()

    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await asyncio.wait_for(first, 1)


async def test_get_updates_conflicts_with_an_active_webhook(bot: Bot, api: FakeBotAPI) -> None:
    await bot.set_webhook("https://example.org/hook")

    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates(timeout=0)

    assert await bot.delete_webhook()
    assert await bot.get_updates(timeout=0) == ()


# -- Application -----------------------------------------------------------------------------


async def test_application_answers_start_from_a_user(api: FakeBotAPI) -> None:
    async with running_app(api, []):
        api.send_text(PAT, "/start")

        call = await api.wait_for("sendMessage", chat_id=PAT.id)

    assert call.params["text"] == "How are you?"
    assert api.keyboard(PAT.id) == [[("Good", "mood:good"), ("Bad", "mood:bad")]]
    assert api.pending_updates == []


async def test_button_press_reaches_the_callback_handler(api: FakeBotAPI) -> None:
    pressed: list[tuple[int, int, str]] = []
    async with running_app(api, pressed):
        api.send_text(PAT, "/start")
        await api.wait_for("sendMessage", chat_id=PAT.id)
        mark = api.mark()

        api.press_label(PAT, "Bad")
        await api.wait_for("editMessageText", chat_id=PAT.id, since=mark)
        # Sam forges a press on Pat's message; the handler must see who really pressed.
        message_id = api.last_message(PAT.id).message_id  # type: ignore[union-attr]
        api.press_button(SAM, message_id, "mood:good", chat_id=PAT.id, require_button=False)
        await api.wait_for("answerCallbackQuery", since=api.mark())

    assert pressed == [(PAT.id, PAT.id, "mood:bad"), (SAM.id, PAT.id, "mood:good")]
    assert api.sent_texts(PAT.id) == ["Noted: mood:good"]
    assert api.unanswered_callback_queries() == []


async def test_pressing_a_button_that_is_not_offered_is_a_test_error(api: FakeBotAPI) -> None:
    async with quick_bot(api) as bot:
        sent = await bot.send_message(PAT.id, "pick", reply_markup=MOOD_KEYBOARD)

    with pytest.raises(LookupError, match="not on message"):
        api.press_button(PAT, sent.message_id, "mood:meh")
    with pytest.raises(LookupError, match="no message 99"):
        api.press_button(PAT, 99, "mood:good")


# -- faults ----------------------------------------------------------------------------------


@pytest.mark.usefixtures("ptb_timedelta")
async def test_429_fault_raises_retry_after_once(bot: Bot, api: FakeBotAPI) -> None:
    api.add_fault("sendMessage", status=429, retry_after=7)

    with pytest.raises(RetryAfter) as raised:
        await bot.send_message(PAT.id, "first")
    await bot.send_message(PAT.id, "second")

    assert raised.value.retry_after == timedelta(seconds=7)
    assert [c.status for c in api.calls_for("sendMessage")] == [429, 200]
    assert api.sent_texts(PAT.id) == ["second"]


@pytest.mark.parametrize(
    ("status", "error", "message"),
    [
        (403, Forbidden, "bot was blocked by the user"),
        (400, BadRequest, "Chat not found"),
        (500, NetworkError, "Internal Server Error"),
        (502, NetworkError, "Bad Gateway"),
    ],
)
async def test_fault_status_maps_to_ptb_error(
    bot: Bot, api: FakeBotAPI, status: int, error: type[TelegramError], message: str
) -> None:
    api.add_fault("sendMessage", chat_id=PAT.id, status=status)

    with pytest.raises(error, match=message):
        await bot.send_message(PAT.id, "hi")

    assert api.calls_for("sendMessage")[0].status == status
    assert api.messages == {}


async def test_blocked_user_answers_forbidden_until_unblocked(bot: Bot, api: FakeBotAPI) -> None:
    api.block(PAT.id)

    with pytest.raises(Forbidden, match="blocked"):
        await bot.send_message(PAT.id, "reminder")
    await bot.send_message(SAM.id, "reminder")
    api.unblock(PAT.id)
    await bot.send_message(PAT.id, "reminder")

    assert api.sent_texts(PAT.id) == ["reminder"]


async def test_slow_answer_times_out_although_the_message_was_sent(
    bot: Bot, api: FakeBotAPI
) -> None:
    api.add_fault("sendMessage", status=200, delay=5)

    with pytest.raises(TimedOut):
        await bot.send_message(PAT.id, "hi", read_timeout=0.2)

    # Like Telegram: a client timeout says nothing about delivery.
    assert api.sent_texts(PAT.id) == ["hi"]
    started = time.monotonic()
    await api.stop()  # cuts the slow answer short instead of waiting it out
    assert time.monotonic() - started < 0.5


async def test_wrong_token_raises_invalid_token(api: FakeBotAPI) -> None:
    stranger = Bot("123456789:not-the-right-secret", base_url=api.base_url)

    # `async with` shuts the bot's HTTP client down when initialize() fails.
    with pytest.raises(InvalidToken, match="was rejected by the server"):
        async with stranger:
            pass

    assert [(c.method, c.status) for c in api.calls] == [("getMe", 401)]


async def test_unknown_method_answers_404(bot: Bot, api: FakeBotAPI) -> None:
    # PTB maps 404 to InvalidToken (Telegram also answers 404 to a malformed token) and, once
    # the bot is initialized, re-raises it from do_api_request as EndPointNotFound.
    with pytest.raises(EndPointNotFound, match="sendTelepathy"):
        await bot.do_api_request("sendTelepathy", api_kwargs={"chat_id": PAT.id})

    assert api.calls[-1].method == "sendTelepathy"
    assert api.calls[-1].status == 404


@pytest.mark.usefixtures("ptb_timedelta")
async def test_rate_limit_answers_429_beyond_the_per_chat_rate(bot: Bot, api: FakeBotAPI) -> None:
    api.set_rate_limit(overall_per_second=None, per_chat_per_second=1, retry_after=3)

    await bot.send_message(PAT.id, "one")
    with pytest.raises(RetryAfter) as raised:
        await bot.send_message(PAT.id, "two")
    await bot.send_message(SAM.id, "other chat")

    assert raised.value.retry_after == timedelta(seconds=3)
    assert api.rate_limit_violations == 1


async def test_wait_for_fails_with_a_summary_of_recent_calls(bot: Bot, api: FakeBotAPI) -> None:
    await bot.send_message(PAT.id, "hi")

    with pytest.raises(AssertionError, match=r"(?s)no sendPhoto call.*sendMessage -> 200"):
        await api.wait_for("sendPhoto", timeout=0.05)
