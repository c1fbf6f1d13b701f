"""Render a patient's pain diary for a period as one PNG a specialist can read at a glance.

Only ``matplotlib.figure.Figure`` on the Agg canvas (drawn by a ``RendererAgg``) is used, never
``pyplot``: pyplot keeps every figure in a global registry, which leaks in a long-running bot.
Matplotlib is not thread-safe (its font objects and caches are shared), so all matplotlib work
runs under one module lock and callers may use any thread. No global ``rcParams`` are touched,
so other matplotlib users in the process are unaffected, and the same data gives the same PNG
bytes.

Speed shapes the code (targets: a week ≤ 100 ms, 90 days ≤ 150 ms on a small 2-core server;
``bench/charts.py`` measures them).
An ``Axes`` costs ~10 ms to set up and each of its ticks is five artists, so the chart draws
plain lines and collections straight onto the figure through fixed pixel transforms
(``charts.layout``). Labels are matplotlib's own ``Text`` artists and the PNG is
``Figure.savefig`` at zlib level 1: our own text stamping and PNG encoder were about 4x faster
(a week 21 ms against 82 ms, a year 36 ms against 156 ms; BENCHMARKS.md), but charts are drawn
in worker processes, off the bot's loop, and the difference is invisible behind a photo upload
to Telegram, while matplotlib's text brings shaping (Arabic, Devanagari, Thai) and per-character
font fallback (``charts.fonts``) for every script a patient types.
"""

from __future__ import annotations

import io
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal
from zoneinfo import ZoneInfo

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.transforms import Transform

from charts import fonts
from charts import layout as lay
from charts.labels import DEFAULT_LABELS, TECHNIQUE_CODES, ChartLabels
from charts.layout import Layout, MarkSizes, Panel
from charts.model import ChartEntry, DayStat, Summary, daily_stats, rolling_mean, summarize
from charts.ticks import DateTicks, date_ticks, format_period

_RENDER_LOCK = threading.Lock()
#: zlib level for the PNG: 1 is ~2x faster than Pillow's default 6 and costs ~15 % in size;
#: Telegram recompresses photos anyway.
PNG_COMPRESS_LEVEL = 1
ELLIPSIS = "…"

HAlign = Literal["left", "center", "right"]
VAlign = Literal["top", "center", "baseline", "bottom"]
# "center" centres the line's own glyph box on y, which would move labels with their letters.
_MPL_VA: dict[VAlign, Literal["top", "center_baseline", "baseline", "bottom"]] = {
    "top": "top",
    "center": "center_baseline",
    "baseline": "baseline",
    "bottom": "bottom",
}

#: Periods longer than this many days also show the 7-day rolling mean.
ROLLING_AFTER_DAYS = 14

# Line styles shared by the marks and their legend keys.
Style = dict[str, object]
MEAN_STYLE: Style = {"color": lay.BLUE, "markeredgecolor": "white", "markeredgewidth": 0.8}
ROLLING_STYLE: Style = {"color": lay.ORANGE, "linewidth": 3.5, "solid_capstyle": "round"}
PERIOD_MEAN_STYLE: Style = {
    "color": lay.BLACK,
    "linewidth": 1.4,
    "linestyle": (0, (6, 4)),
    "alpha": 0.75,
}
ENTRY_STYLE: Style = {"linestyle": "none", "marker": "o", "color": lay.BLACK, "markeredgewidth": 0}
GRID_STYLE: Style = {"colors": lay.GRID, "linewidths": 0.8, "zorder": 0.5}


@dataclass(frozen=True)
class Series:
    """The plotted values per day (NaN where there is nothing to draw) and which marks appear.

    The legend lists only marks that are actually drawn, so a chart of a calm week is not
    explained with a 7-day average it does not show.
    """

    means: list[float]
    rolling: list[float] | None
    has_ranges: bool
    has_gaps: bool

    @classmethod
    def of(cls, stats: Sequence[DayStat]) -> Series:
        """Daily means, the rolling mean for periods over two weeks, and the marks present."""
        rolling = None
        if len(stats) > ROLLING_AFTER_DAYS:
            values = rolling_mean(stats)
            if any(value is not None for value in values):
                rolling = [np.nan if value is None else value for value in values]
        return cls(
            # NaN breaks a line, so a day without entries is a gap, never a zero or a bridge.
            means=[np.nan if stat.mean is None else stat.mean for stat in stats],
            rolling=rolling,
            has_ranges=any(stat.low != stat.high for stat in stats),
            has_gaps=any(not stat.scores for stat in stats),
        )


@dataclass(frozen=True)
class StripRow:
    """One row of the technique/medication strip: its label and the day indexes it marks."""

    label: str
    days: tuple[int, ...]
    medication: bool = False


def render_trend(
    entries: Sequence[ChartEntry],
    tz: ZoneInfo,
    start: date,
    end: date,
    labels: ChartLabels = DEFAULT_LABELS,
) -> bytes:
    """Draw the pain diary from ``start`` to ``end`` (local days in ``tz``) as PNG bytes.

    The top plot shows each local day's mean score (line, broken at days without entries,
    which are shaded), its lowest–highest range (bar) and every single entry (dots), on a fixed
    0–10 scale; for periods over 14 days also the 7-day rolling mean (see
    ``charts.model.rolling_mean``), and the period mean (mean of daily means) as a dashed
    line. Below, one row per coping technique used and one for medication mark the days they
    were used. Raises ``ValueError`` when no entry falls within the period: an empty chart
    would only look like "no pain".
    """
    stats = daily_stats(entries, tz, start, end)
    summary = summarize(stats)
    if not summary.days_logged:
        raise ValueError(f"no diary entries between {start} and {end} ({tz.key}) to chart")
    rows = strip_rows(stats, labels)
    with _RENDER_LOCK:
        return _render_png(stats, summary, rows, labels)


def strip_rows(stats: Sequence[DayStat], labels: ChartLabels) -> list[StripRow]:
    """Rows for the techniques used in the period (known ones in fixed order), then medication."""
    used = {code for stat in stats for code in stat.techniques}
    ordered = [code for code in TECHNIQUE_CODES if code in used]
    ordered += sorted(used.difference(TECHNIQUE_CODES))
    rows = [
        StripRow(
            label=labels.technique(code),
            days=tuple(i for i, stat in enumerate(stats) if code in stat.techniques),
        )
        for code in ordered
    ]
    medication_days = tuple(i for i, stat in enumerate(stats) if stat.medication)
    if medication_days:
        rows.append(StripRow(label=labels.medication, days=medication_days, medication=True))
    return rows


@dataclass(frozen=True)
class Label:
    """A text at ``(x, y)`` figure pixels, measured from the top-left corner.

    ``va="center"`` centres the line's baseline-to-cap box on ``y`` (what a label beside a
    gridline needs), whatever letters it contains. ``text`` may hold several lines.
    """

    text: str
    x: float
    y: float
    size: float
    color: str = lay.TEXT
    bold: bool = False
    ha: HAlign = "left"
    va: VAlign = "baseline"


class _Sheet:
    """The figure being built, with text measured by the renderer that will draw it."""

    def __init__(self, layout: Layout) -> None:
        self.height = layout.height_px
        self.figure = Figure(
            figsize=(lay.WIDTH_PX / lay.DPI, self.height / lay.DPI), dpi=lay.DPI, facecolor="white"
        )
        self.canvas = FigureCanvasAgg(self.figure)
        self.from_top = lay.pixels_from_top(self.height)
        fonts.families()  # registers the fallback fonts with matplotlib, once per process

    def data(self, panel: Panel) -> Transform:
        """The transform that draws ``panel``'s data coordinates in place."""
        return panel.data_transform(self.height)

    def line(
        self, transform: Transform, xs: Sequence[float], ys: Sequence[float], **style: object
    ) -> None:
        """A line and/or markers; NaN in ``ys`` leaves a gap."""
        self.figure.add_artist(Line2D(xs, ys, transform=transform, **style))  # type: ignore[arg-type]

    def segments(
        self, transform: Transform, segments: list[list[tuple[float, float]]], **style: object
    ) -> None:
        """Many straight segments as one artist (gridlines, range bars)."""
        self.figure.add_artist(LineCollection(segments, transform=transform, **style))  # type: ignore[arg-type]

    def boxes(
        self,
        transform: Transform,
        corners: Sequence[tuple[float, float]],
        size: tuple[float, float],
        colour: str,
    ) -> None:
        """Equal filled rectangles (lower-left ``corners``; ``size`` is width, height) as one
        artist, behind everything else."""
        width, height = size
        verts = [
            [(x, y), (x + width, y), (x + width, y + height), (x, y + height)] for x, y in corners
        ]
        self.figure.add_artist(
            PolyCollection(verts, transform=transform, facecolors=colour, linewidths=0, zorder=0.2)
        )

    @staticmethod
    def font(text: str, size: float, bold: bool = False) -> FontProperties:
        """DejaVu Sans at ``size`` points, falling back per character to the ``charts.fonts``
        faces that ``text`` needs. Only those: matplotlib looks up every family of the list
        for every draw, and all 24 would cost ~90 ms a chart."""
        families = [fonts.PRIMARY_FAMILY, *(face.family for face in fonts.faces_for(text))]
        return FontProperties(family=families, size=size, weight="bold" if bold else "normal")

    def text_width(self, text: str, size: float, bold: bool = False) -> float:
        """Pixel width of the widest line of ``text``, as the renderer will draw it."""
        renderer = self.canvas.get_renderer()
        prop = self.font(text, size, bold)
        return max(
            renderer.get_text_width_height_descent(line, prop, ismath=False)[0]
            for line in text.split("\n")
        )

    def fit(self, text: str, size: float, room_px: float) -> str:
        """``text`` cut at the end with an ellipsis where it is wider than ``room_px``.

        User text (a technique or medication name) can be any length; cut, it stays inside
        the margin instead of running off the image or over the plot.
        """
        if self.text_width(text, size) <= room_px:
            return text
        low, high = 0, len(text)
        while low < high:  # the longest prefix that fits with the ellipsis
            middle = (low + high + 1) // 2
            if self.text_width(_prefix(text, middle) + ELLIPSIS, size) <= room_px:
                low = middle
            else:
                high = middle - 1
        return _prefix(text, low) + ELLIPSIS

    def text(self, *labels: Label) -> None:
        """Labels as ``Text`` artists; math parsing off, since ``$`` in a name is just ``$``."""
        for label in labels:
            self.figure.add_artist(
                Text(
                    label.x,
                    label.y,
                    label.text,
                    color=label.color,
                    fontproperties=self.font(label.text, label.size, label.bold),
                    horizontalalignment=label.ha,
                    verticalalignment=_MPL_VA[label.va],
                    transform=self.from_top,
                    parse_math=False,
                    linespacing=1.3,
                )
            )

    def png(self) -> bytes:
        """Draw with Agg and encode, without metadata (no software version, no timestamp),
        so equal charts are equal bytes."""
        buffer = io.BytesIO()
        self.figure.savefig(
            buffer,
            format="png",
            metadata={"Software": None},
            pil_kwargs={"compress_level": PNG_COMPRESS_LEVEL},
        )
        return buffer.getvalue()


def _prefix(text: str, length: int) -> str:
    """The first ``length`` characters, without a dangling joiner or combining mark (a vowel
    sign of Devanagari or Thai) whose base letter was cut away after it."""
    prefix = text[:length].rstrip()
    while prefix and (
        unicodedata.combining(prefix[-1])
        or unicodedata.category(prefix[-1]) in ("Mn", "Mc", "Cf")
        or (length < len(text) and unicodedata.category(text[len(prefix)]) in ("Mn", "Mc"))
    ):
        prefix = prefix[:-1].rstrip()
    return prefix


def _render_png(
    stats: Sequence[DayStat],
    summary: Summary,
    rows: Sequence[StripRow],
    labels: ChartLabels,
) -> bytes:
    """Build and draw the whole chart. Needs ``_RENDER_LOCK``."""
    layout = Layout(days=len(stats), rows=len(rows))
    sheet = _Sheet(layout)
    sizes = MarkSizes(day_px=lay.PLOT_WIDTH_PX / len(stats))
    ticks = date_ticks([stat.day for stat in stats], labels)
    series = Series.of(stats)
    pain = layout.pain
    _draw_frame(sheet, pain, ticks)
    _draw_pain_scale(sheet, pain, labels)
    _draw_gaps(sheet, pain, stats, labels)
    _draw_pain_data(sheet, pain, stats, series, sizes)
    if summary.mean is not None:
        _draw_period_mean(sheet, pain, summary.mean, labels)
    bottom = pain
    if rows:
        bottom = layout.strip
        _draw_frame(sheet, bottom, ticks)
        _draw_strip(sheet, bottom, rows, sizes, labels)
    _draw_dates(sheet, bottom, ticks)
    _draw_header(sheet, stats, summary, labels)
    _draw_legend(sheet, _legend_keys(series, sizes, labels))
    return sheet.png()


def _draw_frame(sheet: _Sheet, panel: Panel, ticks: DateTicks) -> None:
    """Light vertical gridlines at the labelled dates and a baseline under the panel."""
    x0, x1 = panel.x_range
    low, high = sorted((panel.y_bottom, panel.y_top))
    sheet.segments(sheet.data(panel), [[(x, low), (x, high)] for x in ticks.major], **GRID_STYLE)
    baseline = [panel.y_bottom] * 2
    sheet.line(sheet.data(panel), [x0, x1], baseline, color=lay.MUTED, linewidth=1.0, zorder=6)


def _draw_pain_scale(sheet: _Sheet, panel: Panel, labels: ChartLabels) -> None:
    """Fixed 0–10 scale with its anchors named, so every chart reads the same way."""
    x0, x1 = panel.x_range
    sheet.segments(sheet.data(panel), [[(x0, y), (x1, y)] for y in range(11)], **GRID_STYLE)
    names = {0: labels.no_pain, 10: labels.worst}
    left = panel.left - lay.LABEL_GAP_PX
    for score in range(11):
        text = f"{names[score]}  {score}" if score in names else str(score)
        sheet.text(Label(text, left, panel.y_px(score), lay.LABEL_PT, ha="right", va="center"))


def _draw_gaps(sheet: _Sheet, panel: Panel, stats: Sequence[DayStat], labels: ChartLabels) -> None:
    """Shade days without entries, so a gap reads as "not logged", never as "no pain"."""
    gaps = [i for i, stat in enumerate(stats) if not stat.scores]
    corners = [(i - 0.5, panel.y_bottom) for i in gaps]
    sheet.boxes(sheet.data(panel), corners, (1.0, panel.y_top - panel.y_bottom), lay.GAP)
    day_px = panel.width / (panel.x_range[1] - panel.x_range[0])
    if sheet.text_width(labels.no_entry, lay.SMALL_PT) <= day_px - 8:  # room to say it in words
        top = panel.y_px(10) + 24
        for i in gaps:
            sheet.text(
                Label(labels.no_entry, panel.x_px(i), top, lay.SMALL_PT, lay.MUTED, ha="center")
            )


def _draw_pain_data(
    sheet: _Sheet, panel: Panel, stats: Sequence[DayStat], series: Series, sizes: MarkSizes
) -> None:
    """Ranges, rolling mean, daily means (gaps stay gaps) and every single entry."""
    data = sheet.data(panel)
    bars = [
        [(float(i), float(stat.low)), (float(i), float(stat.high))]
        for i, stat in enumerate(stats)
        if stat.low is not None and stat.high is not None and stat.low != stat.high
    ]
    sheet.segments(
        data, bars, colors=lay.SKY_BLUE, linewidths=sizes.range_bar, capstyle="round", zorder=2
    )
    xs = list(range(len(stats)))
    if series.rolling is not None:
        sheet.line(data, xs, series.rolling, zorder=3, **ROLLING_STYLE)
    marker = "o" if sizes.mean_marker else "none"
    sheet.line(
        data,
        xs,
        series.means,
        linewidth=sizes.mean_line,
        marker=marker,
        markersize=sizes.mean_marker,
        zorder=4,
        **MEAN_STYLE,
    )
    dot_x, dot_y = _entry_points(stats, sizes.entry_spread)
    sheet.line(data, dot_x, dot_y, markersize=sizes.entry_dot, zorder=5, **ENTRY_STYLE)


def _entry_points(stats: Sequence[DayStat], spread: float) -> tuple[list[float], list[float]]:
    """One point per entry; a day's entries sit side by side (in the order made) so none hide."""
    xs: list[float] = []
    ys: list[float] = []
    for index, stat in enumerate(stats):
        middle = (len(stat.scores) - 1) / 2
        for order, score in enumerate(stat.scores):
            xs.append(index + (order - middle) * spread)
            ys.append(score)
    return xs, ys


def _draw_period_mean(sheet: _Sheet, panel: Panel, mean: float, labels: ChartLabels) -> None:
    """Dashed reference line at the period mean, labelled in the right margin."""
    sheet.line(
        sheet.data(panel), list(panel.x_range), [mean, mean], zorder=3.5, **PERIOD_MEAN_STYLE
    )
    text = labels.mean_line.format(mean=labels.number(mean))
    right = panel.left + panel.width + lay.LABEL_GAP_PX
    sheet.text(Label(text, right, panel.y_px(mean), lay.SMALL_PT, va="center"))


def _draw_strip(
    sheet: _Sheet, panel: Panel, rows: Sequence[StripRow], sizes: MarkSizes, labels: ChartLabels
) -> None:
    """One row per technique (and medication), a mark on each day it was used."""
    data = sheet.data(panel)
    x0, x1 = panel.x_range
    banded = [(x0, index - 0.5) for index in range(0, len(rows), 2)]
    sheet.boxes(data, banded, (x1 - x0, 1.0), lay.BAND)
    technique: Style = {
        "marker": "|",
        "color": lay.BLUISH_GREEN,
        "markeredgewidth": sizes.strip_mark,
        "markersize": 0.62 * panel.height / len(rows) * 72 / lay.DPI,
    }
    medication: Style = {
        "marker": "D",
        "color": lay.VERMILLION,
        "markeredgewidth": 0,
        "markersize": sizes.medication_mark,
    }
    left, right = panel.left - lay.LABEL_GAP_PX, panel.left + panel.width + lay.LABEL_GAP_PX
    for index, row in enumerate(rows):
        style = medication if row.medication else technique
        sheet.line(data, row.days, [index] * len(row.days), linestyle="none", zorder=3, **style)
        y = panel.y_px(index)
        count = labels.row_count.format(n=len(row.days))
        name = sheet.fit(row.label, lay.LABEL_PT, left - lay.MARGIN_PX)
        sheet.text(
            Label(name, left, y, lay.LABEL_PT, ha="right", va="center"),
            Label(count, right, y, lay.SMALL_PT, lay.MUTED, va="center"),
        )
    heading_y = panel.top - lay.LABEL_GAP_PX
    sheet.text(
        Label(
            labels.techniques_heading, panel.left, heading_y, lay.SMALL_PT, lay.MUTED, va="bottom"
        )
    )


def _draw_dates(sheet: _Sheet, panel: Panel, ticks: DateTicks) -> None:
    """Tick marks and date labels under the lowest panel."""
    data = sheet.data(panel)
    for positions, length_px in ((ticks.major, 7), (ticks.minor, 3.5)):
        sheet.line(
            data,
            positions,
            [panel.y_bottom] * len(positions),
            linestyle="none",
            marker=3,
            markersize=length_px * 72 / lay.DPI,
            markeredgewidth=1,
            color=lay.MUTED,
            zorder=6,
        )
    top = panel.bottom + 12
    for position, text in zip(ticks.major, ticks.labels, strict=True):
        sheet.text(Label(text, panel.x_px(position), top, lay.LABEL_PT, ha="center", va="top"))


def _draw_header(
    sheet: _Sheet, stats: Sequence[DayStat], summary: Summary, labels: ChartLabels
) -> None:
    """Title with the period, and the key numbers a specialist looks for first."""
    period = format_period(stats[0].day, stats[-1].day, labels)
    title = labels.title_line.format(title=labels.title, period=period)
    key_numbers = labels.key_numbers.format(
        mean=labels.number(summary.mean),
        worst=labels.no_value if summary.worst is None else summary.worst,
        logged=summary.days_logged,
        days=summary.days_in_period,
    )
    sheet.text(
        Label(title, lay.MARGIN_PX, 20, lay.TITLE_PT, bold=True, va="top"),
        Label(key_numbers, lay.MARGIN_PX, 64, lay.SUBTITLE_PT, va="top"),
    )


def _legend_keys(series: Series, sizes: MarkSizes, labels: ChartLabels) -> list[tuple[Style, str]]:
    """Styles mirroring the marks on this chart, each with its text, in reading order.

    A key is drawn through three points across 28 px (``markevery`` puts one marker in the
    middle); ``vertical`` turns it upright for the range bar.
    """
    marker = "o" if sizes.mean_marker else "none"
    keys: list[tuple[Style, str]] = [
        (
            {**MEAN_STYLE, "linewidth": 2.0, "marker": marker, "markersize": 7, "markevery": [1]},
            labels.daily_mean,
        ),
    ]
    if series.has_ranges:
        bar = {"color": lay.SKY_BLUE, "linewidth": 7.0, "solid_capstyle": "round"}
        keys.append(({**bar, "vertical": True}, labels.day_range))
    keys.append(({**ENTRY_STYLE, "markersize": 4, "markevery": [1]}, labels.single_entry))
    if series.rolling is not None:
        keys.append((ROLLING_STYLE, labels.rolling_mean))
    keys.append((PERIOD_MEAN_STYLE, labels.period_mean))
    if series.has_gaps:
        keys.append(
            ({"color": lay.GAP, "linewidth": 14.0, "solid_capstyle": "butt"}, labels.no_entry)
        )
    return keys


def _draw_legend(sheet: _Sheet, keys: Sequence[tuple[Style, str]]) -> None:
    """A one-line legend under the key numbers; it wraps only if translated texts are long."""
    x, y = float(lay.MARGIN_PX), 128.0
    for style, text in keys:
        width = sheet.text_width(text, lay.SMALL_PT)
        if x + 36 + width > lay.WIDTH_PX - lay.MARGIN_PX:
            x, y = float(lay.MARGIN_PX), y + 24
        key = dict(style)
        if key.pop("vertical", False):
            xs, ys = [x + 14] * 3, [y - 8, y, y + 8]
        else:
            xs, ys = [x, x + 14, x + 28], [y] * 3
        sheet.line(sheet.from_top, xs, ys, **key)
        sheet.text(Label(text, x + 36, y, lay.SMALL_PT, va="center"))
        x += 36 + width + 28
