"""Hand-written pieces that stand where a library already has one, each shown doing its job.

Every test here was checked against a plant of the library's way (named in its docstring): it
fails with the plant and passes with ours, so the piece keeps a reason to exist.
"""

from __future__ import annotations

import asyncio
import io
import logging
import os
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest

from diarybot.domain.entries import Entry
from diarybot.domain.parsing import suggest_timezones
from diarybot.runtime import logs
from diarybot.storage.store import Store
from tests.support.disk import DiskFiles

PATIENT, OTHER = 7, 8


def entry(n: int, note: str = "") -> Entry:
    return Entry(
        id=f"{n:010x}",
        recorded_at=datetime(2026, 11, 1, 12, tzinfo=UTC),
        local_date=date(2026, 11, 1),
        score=n % 11,
        note=note,
    )


# -- runtime/logs.py: RedactingFormatter ----------------------------------------------------


@pytest.fixture
def production_log() -> Iterator[io.StringIO]:
    """The root handler `configure_logging` installs, writing to a buffer; restored after."""
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    saved_caps = {name: logging.getLogger(name).level for name in logs.CAPPED_LOGGERS}
    logs.configure_logging("INFO")
    [handler] = root.handlers
    buffer = io.StringIO()
    handler.setStream(buffer)  # type: ignore[attr-defined]
    try:
        yield buffer
    finally:
        root.handlers[:] = saved_handlers
        root.setLevel(saved_level)
        for name, level in saved_caps.items():
            logging.getLogger(name).setLevel(level)


def test_a_token_in_a_log_line_or_in_a_traceback_is_blanked(production_log: io.StringIO) -> None:
    """Plant: `logging.Formatter` in `configure_logging` (what PTB's examples use)."""
    # Built at run time, so the repository scan for committed tokens does not trip on it.
    token = "123456789:" + "AAF-exactly-the-shape-of-a-bot-token_x"
    url = f"https://api.telegram.org/bot{token}/sendMessage"
    log = logging.getLogger("diarybot.tests.redaction")
    log.warning("request to %s failed", url)
    try:
        # Exception texts carry request URLs (tdlib/telegram-bot-api #876), and the error
        # handler logs them with their traceback.
        raise ConnectionError(f"Cannot connect to host for {url}")
    except ConnectionError:
        log.exception("Error while handling an update")
    written = production_log.getvalue()
    assert "Traceback" in written and "ConnectionError" in written  # both really were logged
    assert token not in written and token.split(":")[1] not in written
    assert written.count("<token>") == 2


# -- storage/atomic.py: AtomicJSONStorage ---------------------------------------------------


class Crash(BaseException):
    """The process dying at this instant: nothing after it runs."""


def test_a_crash_in_the_middle_of_a_shrinking_write_leaves_the_diary_readable(
    tmp_path, monkeypatch
) -> None:
    """Plant: TinyDB's `JSONStorage.write` (seek 0, write, flush, fsync, truncate) in place.

    Deleting an entry makes the file shorter. Written in place, a crash before the truncate
    leaves the new text followed by the old tail ("Extra data", tinydb #301): the file no
    longer parses, is set aside, and the patient's diary is gone from the bot.
    """
    files = DiskFiles(tmp_path)
    for n in range(20):
        files.add_entry(PATIENT, entry(n, note="a longer note " * (n % 7)))
    before = {e.id for e in files.entries(PATIENT)}
    doomed = entry(13).id  # the longest note: the file shrinks the most

    def crash(_fd: int) -> None:
        raise Crash

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(Crash):
        files.delete_entry(PATIENT, doomed)
    monkeypatch.undo()

    after = {e.id for e in DiskFiles(tmp_path).entries(PATIENT)}  # a restart reads the disk
    assert after in (before, before - {doomed})
    assert not [p.name for p in files.folder(PATIENT).iterdir() if ".corrupt-" in p.name]


# -- storage/work_queues.py: the per-person queue ------------------------------------------


async def test_one_patients_200_writes_do_not_hold_up_another_patients_read(tmp_path) -> None:
    """Plant: `run` submitting straight to the thread pool (`loop.run_in_executor`), as the
    default executor would, relying on the per-person thread lock alone.

    Without the queue, the 200 writes fill the pool's queue first and each holds a storage
    thread while it waits for that patient's lock; the other patient's read then waits for
    nearly all of them.
    """
    store = Store(tmp_path)
    try:
        await store.diary.add(OTHER, entry(1))
        finished: list[str] = []

        async def write(n: int) -> None:
            await store.diary.add(PATIENT, entry(n))
            finished.append("write")

        async def read() -> None:
            assert [e.id for e in await store.diary.entries(OTHER)] == [entry(1).id]
            finished.append("read")

        writes = [asyncio.create_task(write(n)) for n in range(200)]
        await asyncio.sleep(0)  # all 200 are queued before the read is asked for
        await asyncio.gather(read(), *writes)
    finally:
        store.close()
    assert len(DiskFiles(tmp_path).entries(PATIENT)) == 200
    # With the queue the read is served alongside the first write or two.
    assert finished.index("read") < 20, finished.index("read")


# -- domain/parsing.py: time-zone suggestions by city ---------------------------------------


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("oslo", "Europe/Oslo"),
        ("Cairo", "Africa/Cairo"),
        ("sydney", "Australia/Sydney"),
        ("Kyiv", "Europe/Kyiv"),
        ("Paris", "Europe/Paris"),
    ],
)
def test_a_city_typed_alone_is_suggested_its_zone(typed: str, zone: str) -> None:
    """Plant: `difflib.get_close_matches` over the full zone names only: a short city name is
    too unlike "Europe/Oslo" as a whole (ratio under 0.6), so nothing is suggested."""
    assert suggest_timezones(typed)[0] == zone
