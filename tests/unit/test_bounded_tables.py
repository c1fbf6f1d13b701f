"""Every per-user table stays bounded when many users come once (issue #12, item 14).

Each test feeds one table far more users than its bound (the bound lowered where the real one
would make the test slow) and checks its size. The update-order table is checked in
test_update_order.py, the in-flight renders by every e2e test (the harness waits for it to
empty), and PTB's user_data in tests/e2e/test_fairness.py.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from diarybot.domain import share_codes
from diarybot.domain.people import Profile
from diarybot.runtime import rate_limit
from diarybot.runtime.rate_limit import PatientRateLimiter
from diarybot.runtime.redelivery import REMEMBERED, HandledUpdates
from diarybot.storage import open_files as open_files_module
from diarybot.storage import profile_cache as profile_cache_module
from diarybot.storage.folders import run_inline
from diarybot.storage.store import Store

NOW = datetime(2026, 12, 2, 12, tzinfo=UTC)


async def test_per_chat_limiters_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rate_limit, "CHATS_TRACKED", 100)
    limiter = PatientRateLimiter(overall_per_second=1e9, per_chat_per_second=1e9)

    async def send(**_kwargs: Any) -> bool:
        return True

    for chat_id in range(1, 1001):
        data = {"chat_id": chat_id, "text": "hi"}
        await limiter.process_request(send, (), {}, "sendMessage", data, None)
    assert len(limiter._chats) <= 100


def test_wrong_code_counters_are_bounded_and_forget_old_guessers() -> None:
    limiter = share_codes.AttemptLimiter(max_users=100)
    for user_id in range(1000):
        limiter.failed(user_id, NOW)
    assert len(limiter) == 100
    assert limiter.blocked(999, NOW) is False  # the newest are the ones kept
    # An hour later, one new wrong code: everyone whose window passed is gone.
    limiter.failed(5000, NOW + share_codes.WRONG_CODE_WINDOW)
    assert len(limiter) == 1


def test_the_wrong_code_limit_still_holds_for_a_user_kept_in_the_table() -> None:
    limiter = share_codes.AttemptLimiter(max_users=100)
    for n in range(share_codes.MAX_WRONG_CODES):
        limiter.failed(1, NOW + timedelta(seconds=n))
    for user_id in range(2, 60):  # others guessing meanwhile do not push the guesser out
        limiter.failed(user_id, NOW)
    assert limiter.blocked(1, NOW + timedelta(minutes=1))


def test_the_profile_cache_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(profile_cache_module, "PROFILES_CACHED", 50)
    store = Store(tmp_path, threads=0)
    first = Profile(user_id=1, chat_id=1)
    run_inline(store.profiles.save(first))
    for user_id in range(2, 201):
        run_inline(store.profiles.save(Profile(user_id=user_id, chat_id=user_id)))
    assert len(store.profiles._known) == 50
    assert run_inline(store.profiles.get(1)) == first  # read again from disk


def test_handled_update_ids_are_bounded(tmp_path: Path) -> None:
    handled = HandledUpdates(tmp_path)
    for update_id in range(3 * REMEMBERED):
        handled.handled(update_id)
    assert len(handled._ids) == len(handled._order) == REMEMBERED
    assert not handled.seen(0)
    assert handled.seen(3 * REMEMBERED - 1)


async def test_folder_locks_queues_and_open_files_are_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(open_files_module, "OPEN_FILES_CACHED", 20)
    store = Store(tmp_path)
    folders = store.folders
    peak: dict[str, int] = {}

    def touch(owner: int) -> None:
        with folders.lock(owner):  # re-entrant, as the repositories take it
            folders.use(owner, "note.json", lambda db: db.table("t").insert({"n": owner}))
        for name, size in folders.tables().items():
            peak[name] = max(peak.get(name, 0), size)

    try:
        await asyncio.gather(*(folders.run(o, lambda o=o: touch(o)) for o in range(1, 201)))
    finally:
        store.close()
    assert peak["queues"] > 1  # they really were queued at once
    assert folders.tables() == {"locks": 0, "open": 20, "queues": 0}
