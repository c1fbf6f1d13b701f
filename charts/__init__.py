"""Pure chart rendering for diarybot: plain diary data in, PNG bytes out.

Imports neither ``telegram`` nor ``tinydb``. The bot draws charts in its render worker
processes (``diarybot.runtime.render_tasks`` through ``diarybot.runtime.render_pool``), never on
its own event loop; ``render_trend`` is also thread-safe (serialised by a module lock).
"""

from charts.labels import DEFAULT_LABELS, DEFAULT_TECHNIQUE_NAMES, TECHNIQUE_CODES, ChartLabels
from charts.model import (
    ChartEntry,
    DayStat,
    Summary,
    daily_stats,
    rolling_mean,
    summarize,
)
from charts.render import render_trend

__all__ = [
    "DEFAULT_LABELS",
    "DEFAULT_TECHNIQUE_NAMES",
    "TECHNIQUE_CODES",
    "ChartEntry",
    "ChartLabels",
    "DayStat",
    "Summary",
    "daily_stats",
    "render_trend",
    "rolling_mean",
    "summarize",
]
