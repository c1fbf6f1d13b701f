"""Pure chart rendering for diarybot: plain diary data in, PNG bytes out.

Imports neither ``telegram`` nor ``tinydb`` nor anything of ``diarybot``; the bot calls
``render_trend`` in its render worker processes (it is also thread-safe, serialised by a module
lock). Labels in any script a patient types are drawn through the fonts of ``charts.fonts``.
"""

from charts.labels import DEFAULT_LABELS, DEFAULT_TECHNIQUE_NAMES, TECHNIQUE_CODES, ChartLabels
from charts.model import (
    ChartEntry,
    ChartEvent,
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
    "ChartEvent",
    "ChartLabels",
    "DayStat",
    "Summary",
    "daily_stats",
    "render_trend",
    "rolling_mean",
    "summarize",
]
