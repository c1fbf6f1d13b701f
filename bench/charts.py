"""Chart benchmark: render time per period length, and memory over many renders.

Targets (issue): week ≤ 100 ms median, 90 days ≤ 150 ms median on the 2-core server; RSS growth
over 1 000 renders no more than a few MB. The baseline (an empty figure of the same size saved
as PNG through ``Figure.savefig``) is measured in the same run, so the ratios stay meaningful
on a faster or slower machine. ``scripts_week_ms`` is a week whose strip labels are in ten
scripts (Greek to emoji), so falling back through the Noto fonts and shaping are measured too.

Run as a module, ``.venv/bin/python -m bench.charts [--quick] [--versus REV]`` (as a script,
``bench/`` would come first on ``sys.path`` and ``import charts`` would find this file).

``--versus REV`` also renders with the ``charts`` package of git revision REV (for example
``2ccee17``, the last with our own text stamping and PNG encoder), in alternating rounds of two
subprocesses, so a shared machine's load falls on both alike; ``versus_*_ratio`` is this tree's
median over REV's.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import psutil
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from charts import ChartEntry, render_trend
from charts.layout import DPI, WIDTH_PX, Layout
from charts.sample import synthetic_entries

TZ = ZoneInfo("Europe/Berlin")
END = date(2026, 11, 29)
PERIODS = {"week": 7, "quarter": 90, "year": 365}
MB = 1024 * 1024


def _median_ms(action: Callable[[], object], repetitions: int) -> float:
    """Median wall time of ``action`` after one warm-up call."""
    action()
    timings = []
    for _ in range(repetitions):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000


def _empty_figure() -> FigureCanvasAgg:
    """An empty figure the size of a typical chart (a week with six strip rows), on Agg."""
    height = Layout(days=7, rows=6).height_px
    figure = Figure(figsize=(WIDTH_PX / DPI, height / DPI), dpi=DPI, facecolor="white")
    return FigureCanvasAgg(figure)


def _empty_figure_savefig(compress_level: int | None = None) -> bytes:
    """The floor: an empty figure saved with ``savefig`` (Pillow's PNG encoder), at Pillow's
    default zlib level or at the chart's own."""
    buffer = io.BytesIO()
    pil_kwargs = {} if compress_level is None else {"compress_level": compress_level}
    _empty_figure().figure.savefig(
        buffer, format="png", metadata={"Software": None}, pil_kwargs=pil_kwargs
    )
    return buffer.getvalue()


SCRIPT_NAMES = (
    "Παρακεταμόλη",
    "Ибупрофен",
    "باراسيتامول",
    "布洛芬缓释胶囊",
    "ロキソニン錠",
    "타이레놀",
    "दर्द निवारक",
    "พาราเซตามอล",
    "💊🔥❤️",
    "Paracetamol 500 mg twice daily after meals with water",
)


def _scripts_week(entries: list[ChartEntry]) -> list[ChartEntry]:
    """The week's entries with one technique row per script, as a multilingual patient's."""
    return [
        dataclasses.replace(entry, techniques=(SCRIPT_NAMES[index % len(SCRIPT_NAMES)],))
        for index, entry in enumerate(entries)
    ]


def _rss_mb() -> float:
    gc.collect()
    return psutil.Process().memory_info().rss / MB


def _memory_growth_mb(entries: list, renders: int) -> tuple[float, float]:
    """RSS after ``renders`` renders minus RSS after the first 10, and the highest RSS sampled
    every 50 renders on the way, over a rotating set of periods (as the bot would see:
    different lengths, end days, titles and tick labels)."""
    variants = [
        (END - timedelta(days=shift + length - 1), END - timedelta(days=shift))
        for shift in range(0, 50, 5)
        for length in (7, 30, 90)
    ]
    for index in range(10):
        render_trend(entries, TZ, *variants[index % len(variants)])
    before = peak = _rss_mb()
    for index in range(10, renders):
        render_trend(entries, TZ, *variants[index % len(variants)])
        if index % 50 == 0:
            peak = max(peak, _rss_mb())
    after = _rss_mb()
    return after - before, max(peak, after)


ROOT = Path(__file__).resolve().parents[1]
#: Run in a subprocess with either ``charts`` package first on the path: medians of the periods.
_ROUND = """
import functools, json, statistics, time
from datetime import date, timedelta
from zoneinfo import ZoneInfo
import charts
from charts import render_trend
from charts.sample import synthetic_entries
charts_file = charts.__file__
tz, end = ZoneInfo("Europe/Berlin"), date(2026, 11, 29)
entries = synthetic_entries(end - timedelta(days=364), 365, tz)
result = dict()
for name, days in {periods!r}.items():
    chart = functools.partial(render_trend, entries, tz, end - timedelta(days=days - 1), end)
    chart()
    timings = []
    for _ in range({repetitions}):
        started = time.perf_counter()
        chart()
        timings.append(time.perf_counter() - started)
    result[name] = statistics.median(timings) * 1000
print(json.dumps(result))
"""


def _round(charts_parent: Path, repetitions: int) -> dict[str, float]:
    """One subprocess rendering each period with the ``charts`` package in ``charts_parent``."""
    code = _ROUND.format(periods=PERIODS, repetitions=repetitions)
    env = {**os.environ, "PYTHONPATH": str(charts_parent)}
    # In ``charts_parent``: ``-c`` puts the working folder first on ``sys.path``.
    done = subprocess.run(
        [sys.executable, "-c", code + "\nprint(charts_file)"],
        cwd=charts_parent,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result, charts_file = done.stdout.splitlines()
    if not charts_file.startswith(str(charts_parent)):
        raise RuntimeError(f"rendered with {charts_file}, not the charts in {charts_parent}")
    return json.loads(result)


def versus(revision: str, rounds: int = 5, repetitions: int = 7) -> dict[str, float]:
    """Medians of this tree's charts and of ``revision``'s, measured in alternating rounds."""
    with tempfile.TemporaryDirectory() as folder:
        archive = subprocess.run(
            ["git", "archive", revision, "charts"], cwd=ROOT, capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", folder], input=archive.stdout, check=True)
        timings: dict[str, list[float]] = {}
        for _ in range(rounds):
            for label, parent in (("versus", Path(folder)), ("this", ROOT)):
                for name, value in _round(parent, repetitions).items():
                    timings.setdefault(f"{label}_{name}_ms", []).append(value)
    metrics = {key: statistics.median(values) for key, values in timings.items()}
    for name in PERIODS:
        metrics[f"versus_{name}_ratio"] = metrics[f"this_{name}_ms"] / metrics[f"versus_{name}_ms"]
    return metrics


def run(quick: bool = False) -> dict[str, float]:
    """Measure and return the metrics; ``quick`` uses fewer repetitions and 200 renders."""
    repetitions = 7 if quick else 25
    entries = synthetic_entries(END - timedelta(days=364), 365, TZ)
    started = time.perf_counter()
    render_trend(entries, TZ, END - timedelta(days=6), END)  # cold: fonts and caches load
    metrics: dict[str, float] = {
        "first_render_ms": (time.perf_counter() - started) * 1000,
        "baseline_empty_figure_ms": _median_ms(_empty_figure_savefig, repetitions),
        "baseline_empty_figure_level1_ms": _median_ms(
            functools.partial(_empty_figure_savefig, 1), repetitions
        ),
    }
    for name, days in PERIODS.items():
        start = END - timedelta(days=days - 1)
        chart = functools.partial(render_trend, entries, TZ, start, END)
        metrics[f"{name}_ms"] = _median_ms(chart, repetitions)
    week_start = END - timedelta(days=6)
    scripts = functools.partial(render_trend, _scripts_week(entries), TZ, week_start, END)
    metrics["scripts_week_ms"] = _median_ms(scripts, repetitions)
    for name in (*PERIODS, "scripts_week"):
        metrics[f"{name}_vs_baseline"] = (
            metrics[f"{name}_ms"] / metrics["baseline_empty_figure_ms"]
        )
    renders = 200 if quick else 1000
    metrics["memory_renders"] = float(renders)
    growth, peak = _memory_growth_mb(entries, renders)
    metrics["rss_growth_mb"] = growth
    metrics["rss_peak_mb"] = peak
    metrics["rss_final_mb"] = _rss_mb()
    return {key: round(value, 2) for key, value in metrics.items()}


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if "--versus" in arguments:
        revision = arguments[arguments.index("--versus") + 1]
        print(json.dumps({k: round(v, 2) for k, v in versus(revision).items()}, indent=2))
    else:
        print(json.dumps(run(quick="--quick" in arguments), indent=2))
