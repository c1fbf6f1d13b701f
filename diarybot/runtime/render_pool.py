"""A few worker processes for the CPU-bound work of charts and reports.

Threads were not enough: drawing holds the GIL most of the time, and the event loop then gets
it back only in 5 ms slices, so every check-in answer queued behind year-long charts waited too
(BENCHMARKS.md: p99 401 ms with 10 charts in the works). Workers are processes started by a
forkserver (forking the bot itself would copy its threads' held locks) at a lower CPU priority,
so on a busy machine the bot's own loop is served first. They start on first use: start-up and
patients who never ask for a chart pay nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import multiprocessing
import os
import signal
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from diarybot.runtime.logs import configure_logging
from diarybot.runtime.render_tasks import warm_up

logger = logging.getLogger(__name__)

T = TypeVar("T")

RENDER_CONCURRENCY = 2
# Added to the workers' nice value: renders yield the CPU to the bot whenever it has work.
WORKER_NICENESS = 10


def _start_worker(log_level: int) -> None:
    with contextlib.suppress(OSError):
        os.nice(WORKER_NICENESS)
    # Ctrl-C reaches the whole process group: the bot stops its workers itself, after the
    # renders in flight, instead of having them die under it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    configure_logging(logging.getLevelName(log_level))


def new_process_pool(workers: int = RENDER_CONCURRENCY) -> ProcessPoolExecutor:
    """The pool the bot uses in production: `workers` processes from a forkserver."""
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("forkserver"),
        initializer=_start_worker,
        initargs=(logging.getLogger().getEffectiveLevel(),),
    )


class RenderPool:
    """Runs picklable functions in worker processes, at most `slots` at once.

    Given an `executor` (tests share one across many bots), it uses it and leaves it open;
    otherwise it starts its own on first use and shuts it down in `close`. A pool whose worker
    died (killed, out of memory) is replaced by a fresh one and the call tried once more.
    """

    def __init__(self, executor: Executor | None = None, slots: int = RENDER_CONCURRENCY) -> None:
        self._executor = executor
        self._owned = executor is None
        self._workers = slots
        self._slots = asyncio.Semaphore(slots)
        self._starting: asyncio.Future[ProcessPoolExecutor] | None = None
        self._closed = False

    async def run(self, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """`func(*args, **kwargs)` in a worker; its result or its exception."""
        call = functools.partial(func, *args, **kwargs)
        async with self._slots:
            executor = await self._pool()
            try:
                return await asyncio.get_running_loop().run_in_executor(executor, call)
            except BrokenProcessPool:
                if self._closed:  # stopping: no new workers
                    raise
                logger.warning("A render worker stopped unexpectedly; starting new workers")
                self._replace(executor)
                executor = await self._pool()
                return await asyncio.get_running_loop().run_in_executor(executor, call)

    async def _pool(self) -> Executor:
        if self._executor is not None:
            return self._executor
        if self._closed:
            raise RuntimeError("the render pool is closed")
        if self._starting is None:
            # Starting processes blocks for tens of milliseconds each (and their imports take
            # a second): done on a thread, so nobody else's check-in waits for it.
            self._starting = asyncio.ensure_future(asyncio.to_thread(self._start, self._workers))
        starting = self._starting
        try:
            # Shielded: a caller that gives up must not orphan a pool being started.
            pool = await asyncio.shield(starting)
        except Exception:
            if self._starting is starting:
                self._starting = None  # the next call tries again
            raise
        if self._executor is None:
            self._executor, self._owned, self._starting = pool, True, None
        return self._executor

    @staticmethod
    def _start(workers: int) -> ProcessPoolExecutor:
        pool = new_process_pool(workers)
        try:
            # Workers are started on demand, one per submit that finds none idle: `workers`
            # tasks at once start them all now, each loading the drawing libraries.
            for ready in [pool.submit(warm_up) for _ in range(workers)]:
                ready.result()
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        return pool

    def _replace(self, broken: Executor) -> None:
        # Several calls can see the same broken pool; only the first replaces it.
        if self._executor is not broken:
            return
        if self._owned:
            broken.shutdown(wait=False, cancel_futures=True)
        self._executor = None

    def close(self) -> None:
        """Stop the workers this pool started (at shutdown); a shared executor stays open."""
        self._closed = True
        if self._owned and self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
        self._executor = None
        if self._starting is not None:
            # Still starting: stop that pool as soon as it exists.
            self._starting.add_done_callback(_shut_down_started)
            self._starting = None


def _shut_down_started(started: asyncio.Future[ProcessPoolExecutor]) -> None:
    if not started.cancelled() and started.exception() is None:
        started.result().shutdown(wait=False, cancel_futures=True)
