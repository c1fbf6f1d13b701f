"""The per-user update processor: turns before shared slots, a bounded backlog per user."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from telegram import Chat, Message, Update, User

from diarybot.runtime.update_order import PerPatientUpdateProcessor
from diarybot.texts import fairness


class RecordingBot:
    """Stands in for the Bot behind `chat.send_message`."""

    def __init__(self) -> None:
        self.sent: list[tuple[int, str]] = []

    async def send_message(self, chat_id: int, text: str, **_kwargs: Any) -> None:
        self.sent.append((chat_id, text))


def update(
    update_id: int, user_id: int, bot: RecordingBot | None = None, group: int | None = None
) -> Update:
    chat = Chat(user_id, Chat.PRIVATE) if group is None else Chat(group, Chat.SUPERGROUP)
    if bot is not None:
        chat.set_bot(bot)  # type: ignore[arg-type]
    message = Message(
        update_id, datetime.now(UTC), chat, from_user=User(user_id, "U", is_bot=False), text="x"
    )
    return Update(update_id, message=message)


async def test_a_user_waiting_for_their_turn_holds_no_shared_slot() -> None:
    # Two shared slots; one user with ten updates stuck behind their first.
    processor = PerPatientUpdateProcessor(max_concurrent_updates=2, max_pending=50)
    release = asyncio.Event()

    async def stuck() -> None:
        await release.wait()

    flood = [
        asyncio.create_task(processor.process_update(update(n, 1), stuck())) for n in range(10)
    ]
    await asyncio.sleep(0.01)
    other = asyncio.create_task(processor.process_update(update(99, 2), asyncio.sleep(0)))
    await asyncio.wait_for(other, timeout=1)  # served at once, the flood still stuck
    assert not any(task.done() for task in flood)
    release.set()
    await asyncio.gather(*flood)
    assert processor.users_pending == 0


async def test_updates_beyond_the_backlog_are_dropped_with_one_notice_per_burst() -> None:
    processor = PerPatientUpdateProcessor(max_pending=3)
    bot = RecordingBot()
    release = asyncio.Event()
    handled: list[int] = []

    async def handle(n: int) -> None:
        await release.wait()
        handled.append(n)

    async def burst(first: int) -> None:
        tasks = [
            asyncio.create_task(processor.process_update(update(n, 7, bot), handle(n)))
            for n in range(first, first + 10)
        ]
        await asyncio.sleep(0.01)
        release.set()
        await asyncio.gather(*tasks)
        release.clear()

    await burst(0)
    assert handled == [0, 1, 2]  # the first three, in order; the others never ran
    assert bot.sent == [(7, fairness.slow_down())]
    assert processor.dropped == 7
    await burst(100)  # a later burst is a new one: told again
    assert handled == [0, 1, 2, 100, 101, 102]
    assert bot.sent == [(7, fairness.slow_down())] * 2
    assert processor.users_pending == 0


async def test_the_per_user_table_forgets_everyone_who_is_done() -> None:
    processor = PerPatientUpdateProcessor()
    peak = 0

    async def handle() -> None:
        nonlocal peak
        peak = max(peak, processor.users_pending)
        await asyncio.sleep(0)

    await asyncio.gather(
        *(processor.process_update(update(n, n), handle()) for n in range(1, 3001))
    )
    assert peak > 1  # they really were in the table at once
    assert processor.users_pending == 0


async def test_a_flood_in_a_group_is_dropped_without_a_word_to_the_group() -> None:
    processor = PerPatientUpdateProcessor(max_pending=2)
    bot = RecordingBot()
    release = asyncio.Event()
    tasks = [
        asyncio.create_task(
            processor.process_update(update(n, 7, bot, group=-100), release.wait())
        )
        for n in range(5)
    ]
    await asyncio.sleep(0.01)
    release.set()
    await asyncio.gather(*tasks)
    assert processor.dropped == 3
    assert bot.sent == []
