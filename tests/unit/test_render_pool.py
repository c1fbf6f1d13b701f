"""The render worker pool: work runs in other processes, and a dead worker is replaced."""

import asyncio
import contextlib
import os
from datetime import UTC, date, datetime, timedelta

import psutil
import pytest

from diarybot.domain.entries import Entry, Technique
from diarybot.runtime.render_pool import RENDER_CONCURRENCY, RenderPool, RenderTimedOutError
from diarybot.runtime.render_tasks import UNREADABLE, chart_from_diary
from tests.support.disk import DiskFiles
from tests.support.render_workers import deaf_to_time_limits, exit_first_time, wait_for_file

DAY = date(2026, 11, 2)


def _entry(n: int, score: int) -> Entry:
    at = datetime(2026, 11, 2, 9, tzinfo=UTC) + timedelta(days=n)
    return Entry(
        id=f"{n:010x}",
        recorded_at=at,
        local_date=at.date(),
        score=score,
        techniques=(Technique.BREATHING,),
    )


async def test_a_worker_that_dies_is_replaced_and_the_call_retried(tmp_path):
    pool = RenderPool()
    try:
        pid = await pool.run(exit_first_time, tmp_path / "died-once")
        assert pid != os.getpid()
        assert (tmp_path / "died-once").exists()
        assert await pool.run(os.getpid) != os.getpid()
    finally:
        pool.close()


async def test_a_chart_from_the_diary_file_reads_only_the_period(tmp_path, render_executor):
    files = DiskFiles(tmp_path)
    for n, score in enumerate([2, 9, 5, 7]):
        files.add_entry(1, _entry(n, score))
    pool = RenderPool(render_executor)
    path = files.diary_path(1)
    chart = await pool.run(
        chart_from_diary, path, "UTC", DAY + timedelta(days=1), DAY + timedelta(days=2)
    )
    assert chart.png.startswith(b"\x89PNG")
    assert (chart.worst, chart.mean, chart.days_logged, chart.days_in_period) == (9, 7.0, 2, 2)
    assert (
        await pool.run(
            chart_from_diary, path, "UTC", DAY - timedelta(days=9), DAY - timedelta(days=1)
        )
        is None
    )
    assert await pool.run(chart_from_diary, files.diary_path(2), "UTC", DAY, DAY) is None


async def test_an_unreadable_diary_is_left_to_the_bot(tmp_path, render_executor):
    diary = tmp_path / "diary.json"
    diary.write_bytes(b'{"entries": {"1": {"score"')
    pool = RenderPool(render_executor)
    assert await pool.run(chart_from_diary, diary, "UTC", DAY, DAY) == UNREADABLE
    assert diary.read_bytes() == b'{"entries": {"1": {"score"'  # never touched by a worker


def _render_workers() -> set[int]:
    """Our render worker processes: children of a forkserver child of this process."""
    me = psutil.Process()
    return {
        worker.pid
        for server in me.children()
        if "forkserver" in " ".join(server.cmdline())
        for worker in server.children()
    }


async def test_a_caller_that_gives_up_while_workers_start_leaves_nothing_running():
    before = _render_workers()
    pool = RenderPool()
    first = asyncio.create_task(pool.run(os.getpid))
    await asyncio.sleep(0.05)  # the workers are being started
    first.cancel()
    with pytest.raises(asyncio.CancelledError):
        await first
    assert await pool.run(os.getpid) != os.getpid()  # the same start, not a second pool
    assert len(_render_workers() - before) == RENDER_CONCURRENCY
    pool.close()  # waits for the workers to exit
    assert not _render_workers() - before


async def test_a_render_past_its_time_limit_is_stopped_in_the_worker(tmp_path, render_executor):
    pool = RenderPool(render_executor, time_limit=0.5)
    started = asyncio.get_running_loop().time()
    with pytest.raises(RenderTimedOutError):
        await pool.run(wait_for_file, tmp_path / "never", 30)
    assert asyncio.get_running_loop().time() - started < 3
    # Both workers are free again at once: the render stopped itself, nobody else waits.
    pids = await asyncio.wait_for(
        asyncio.gather(*(pool.run(os.getpid) for _ in range(RENDER_CONCURRENCY))), timeout=3
    )
    assert os.getpid() not in pids


async def test_workers_that_ignore_the_time_limit_are_killed_and_replaced():
    pool = RenderPool(time_limit=0.3, kill_grace=0.5)
    try:
        first = await pool.run(os.getpid)  # the workers are up
        stuck = [pool.run(deaf_to_time_limits, 60) for _ in range(RENDER_CONCURRENCY)]
        results = await asyncio.gather(*stuck, return_exceptions=True)
        assert all(isinstance(r, RenderTimedOutError) for r in results), results
        with contextlib.suppress(psutil.NoSuchProcess):
            psutil.Process(first).wait(timeout=5)  # killed: gone once its parent reaps it
        # Everyone else's renders go on at once, on new workers.
        assert await asyncio.wait_for(pool.run(os.getpid), timeout=10) != first
    finally:
        pool.close()
