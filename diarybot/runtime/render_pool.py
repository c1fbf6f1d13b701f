"""A few worker processes for the CPU-bound work of charts and reports.

Threads were not enough: drawing holds the GIL most of the time, and the event loop then gets
it back only in 5 ms slices, so every check-in answer queued behind year-long charts waited too
(BENCHMARKS.md: p99 401 ms with 10 charts in the works). Workers are processes started by a
forkserver (forking the bot itself would copy its threads' held locks) at a lower CPU priority,
so on a busy machine the bot's own loop is served first. They start on first use: start-up and
patients who never ask for a chart pay nothing.

Every render has a time limit (`RENDER_TIME_LIMIT`). Cancelling a `ProcessPoolExecutor`
future only works while it is still queued: once a worker runs it, `cancel()` returns False and
the worker goes on computing, holding one of the few workers for everyone. So the limit is kept
in two places. In the worker, an interval timer interrupts the render itself (a Python-level
exception between bytecodes: fpdf2, matplotlib's Python side), which frees the worker at once.
In the bot, a worker that has still not answered `KILL_GRACE` seconds later (stuck inside one C
call, or with signals blocked) is killed with all its pool's processes: the pool is replaced,
and a render of someone else's that was running on the other worker is tried again once on the
new pool, as after any worker crash.

Every call carries the language active where it was made (`i18n.active()`: the patient's, or
the specialist's inside ``speaking``) and runs in it (`render_tasks.in_language`): a context
variable does not cross into a worker process by itself.
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
from diarybot.runtime.render_tasks import in_language, warm_up
from diarybot.settings import forget_secrets
from diarybot.texts import i18n

logger = logging.getLogger(__name__)

T = TypeVar("T")

RENDER_CONCURRENCY = 2
#: Longest a single render may run. The heaviest legitimate one, `/export all` of five years
#: (PDF bounded to `report_delivery.MAX_PDF_ENTRIES` rows, CSV and FHIR of everything), takes
#: ~5 s on an idle core here; this leaves room for a slow or busy machine.
RENDER_TIME_LIMIT = 30.0
#: How much longer a worker gets to stop by itself before it is killed.
KILL_GRACE = 5.0
# Added to the workers' nice value: renders yield the CPU to the bot whenever it has work.
WORKER_NICENESS = 10


class RenderTimedOutError(Exception):
    """A render ran past its time limit and was stopped (in the worker, or by killing it)."""


def _start_worker(log_level: int) -> None:
    # Drawing needs no secret. The bot removes them from its own environment at start
    # (`__main__`), so workers never inherit them; a pool started by anything else (tests,
    # tools) still drops them here.
    forget_secrets()
    with contextlib.suppress(OSError):
        os.nice(WORKER_NICENESS)
    # Ctrl-C reaches the whole process group: the bot stops its workers itself, after the
    # renders in flight, instead of having them die under it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    configure_logging(logging.getLevelName(log_level))


def _out_of_time(_signum: int, _frame: object) -> None:
    raise RenderTimedOutError


def within(seconds: float, call: Callable[[], T]) -> T:
    """Run `call` in a worker, interrupted with `RenderTimedOutError` after `seconds`."""
    previous = signal.signal(signal.SIGALRM, _out_of_time)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return call()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


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

    def __init__(
        self,
        executor: Executor | None = None,
        slots: int = RENDER_CONCURRENCY,
        time_limit: float = RENDER_TIME_LIMIT,
        kill_grace: float = KILL_GRACE,
    ) -> None:
        self._executor = executor
        self.time_limit = time_limit
        self._kill_grace = kill_grace
        self._owned = executor is None
        self._workers = slots
        self._slots = asyncio.Semaphore(slots)
        self._starting: asyncio.Future[ProcessPoolExecutor] | None = None
        self._closed = False

    async def run(self, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """`func(*args, **kwargs)` in a worker, in the active language; its result or its
        exception.

        The language active here travels with the task: a report made inside
        `speaking(specialist.language)` is in the specialist's words, an export in the patient's.
        Raises `RenderTimedOutError` when it runs past `time_limit`.
        """
        task = functools.partial(func, *args, **kwargs)
        in_reader_language = functools.partial(in_language, i18n.active(), task)
        call = functools.partial(within, self.time_limit, in_reader_language)
        async with self._slots:
            executor = await self._pool()
            try:
                return await self._submit(executor, call)
            except BrokenProcessPool:
                if self._closed:  # stopping: no new workers
                    raise
                logger.warning("A render worker stopped unexpectedly; starting new workers")
                self._replace(executor)
                executor = await self._pool()
                return await self._submit(executor, call)

    async def _submit(self, executor: Executor, call: Callable[[], T]) -> T:
        future = executor.submit(call)
        try:
            return await asyncio.wait_for(
                asyncio.wrap_future(future), self.time_limit + self._kill_grace
            )
        except TimeoutError:
            # Cancelling only helps while no worker has started the call.
            if not future.cancel() and not future.done():
                self._kill(executor)
            raise RenderTimedOutError from None

    def _kill(self, executor: Executor) -> None:
        """Stop a worker that ignores its time limit: all of its pool's processes, since a
        pool does not say which process runs which call."""
        if self._executor is not executor:
            return  # another call's time limit already replaced this pool
        if not self._owned:
            logger.error("A render worker is stuck past its time limit in a pool we do not own")
            return
        logger.warning("A render worker did not stop at its time limit; restarting the workers")
        # ProcessPoolExecutor has no public way to stop a running call before Python 3.14
        # (`kill_workers()`); its private process table is the only handle until then.
        for process in list(getattr(executor, "_processes", {}).values()):
            with contextlib.suppress(OSError):
                process.kill()
        self._replace(executor)

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
