"""Small statistics and timing helpers shared by the benchmark suites."""

from __future__ import annotations

import math
import statistics
import sys
import time
from collections.abc import Callable, Sequence


def percentile(values: Sequence[float], q: float) -> float:
    """The `q`-th percentile (0–100) with linear interpolation between closest ranks.

    NaN for no values, so a suite that measured nothing shows "n/a" instead of crashing.
    """
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def median(values: Sequence[float]) -> float:
    """The median, or NaN for no values."""
    return statistics.median(values) if values else math.nan


def time_ms(action: Callable[[], object]) -> float:
    """Wall time of one call of `action`, in milliseconds."""
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def ratio(value: float, baseline: float) -> float:
    """`value / baseline`, NaN when the baseline is zero or missing."""
    if not baseline or math.isnan(baseline):
        return math.nan
    return value / baseline


def progress(message: str) -> None:
    """A progress line on stderr, so stdout carries only the results table."""
    sys.stderr.write(f"[bench] {message}\n")
    sys.stderr.flush()
