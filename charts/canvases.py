"""The figures charts are drawn on, kept for the next chart of the same size in this process.

Matplotlib caches what it measures of a text (``matplotlib.text._get_text_metrics_with_cache``)
per renderer, and a ``FigureCanvasAgg`` keeps its renderer only while the figure's size stays
the same. A new figure per chart therefore measured every label again, with FreeType shaping
the whole string each time (~0.4 ms for a date like "Mon 23 Nov"): about a fifth of a week's
chart. Keeping the figure and its canvas per chart height, cleared between charts, keeps that
cache warm, so the dates, the 0–10 scale, the legend and the headings, the same on every chart
of a period and a language (a specialist's digest draws dozens in a row), are measured once.

The figures kept are bounded (``KEPT_SIZES``, least recently used out): each renderer holds the
image's pixel buffer, ~5 MB. Callers hold ``charts.render``'s lock; a ``Sheet`` drawn on a kept
figure is valid until the next chart of the same height is started.
"""

from __future__ import annotations

from collections import OrderedDict

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from charts import layout as lay

#: Chart heights whose figure is kept: a week, a month and a quarter of one patient, or the
#: few strip sizes among a digest's patients.
KEPT_SIZES = 4

_KEPT: OrderedDict[int, FigureCanvasAgg] = OrderedDict()


def blank_canvas(height_px: int) -> FigureCanvasAgg:
    """An empty white figure ``height_px`` tall (and the chart's width) on its Agg canvas;
    the same canvas, cleared, as the last chart of this height if it is still kept."""
    canvas = _KEPT.pop(height_px, None)
    if canvas is None:
        figure = Figure(
            figsize=(lay.WIDTH_PX / lay.DPI, height_px / lay.DPI), dpi=lay.DPI, facecolor="white"
        )
        canvas = FigureCanvasAgg(figure)
    else:
        canvas.figure.clear()
    _KEPT[height_px] = canvas
    while len(_KEPT) > KEPT_SIZES:
        _KEPT.popitem(last=False)
    return canvas


def forget() -> None:
    """Drop every kept figure (tests use it to start cold)."""
    _KEPT.clear()
