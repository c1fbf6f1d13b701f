"""The pain panel of a chart: the 0–10 scale, days without entries, daily means, ranges and
entries, the rolling and period means, and treatments marked on their days. Callers hold
``charts.render``'s lock."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from charts import layout as lay
from charts.labels import ChartLabels
from charts.layout import MarkSizes, Panel
from charts.model import DayStat, rolling_mean
from charts.sheet import Label, Sheet
from charts.styles import (
    ENTRY_STYLE,
    EVENT_STYLE,
    GRID_STYLE,
    MEAN_STYLE,
    PERIOD_MEAN_STYLE,
    ROLLING_STYLE,
)

#: Periods longer than this many days also show the 7-day rolling mean.
ROLLING_AFTER_DAYS = 14


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
class EventMark:
    """A treatment (or several) on one day of the chart: its day index and its short label."""

    day: int
    label: str


def draw_events(sheet: Sheet, panel: Panel, marks: Sequence[EventMark]) -> None:
    """A dotted line on each treatment's day with its label at the top of the pain plot,
    alternating between two heights so neighbouring labels do not overlap as easily."""
    data = sheet.data(panel)
    for order, mark in enumerate(marks):
        sheet.line(data, [mark.day, mark.day], [panel.y_bottom, panel.y_top], **EVENT_STYLE)
        x = panel.x_px(mark.day)
        y = panel.top + 6 + (order % 2) * 20
        right_room = panel.left + panel.width - x - lay.LABEL_GAP_PX
        if sheet.text_width(mark.label, lay.SMALL_PT) <= right_room:
            label = Label(mark.label, x + 4, y, lay.SMALL_PT, lay.VERMILLION, va="top")
        else:  # near the right edge: the label reads leftwards from its line
            text = sheet.fit(mark.label, lay.SMALL_PT, max(x - panel.left - 4, 40.0))
            label = Label(text, x - 4, y, lay.SMALL_PT, lay.VERMILLION, ha="right", va="top")
        sheet.text(label)


def draw_pain_scale(sheet: Sheet, panel: Panel, labels: ChartLabels) -> None:
    """Fixed 0–10 scale with its anchors named, so every chart reads the same way."""
    x0, x1 = panel.x_range
    sheet.segments(sheet.data(panel), [[(x0, y), (x1, y)] for y in range(11)], **GRID_STYLE)
    names = {0: labels.no_pain, 10: labels.worst}
    left = panel.left - lay.LABEL_GAP_PX
    for score in range(11):
        text = f"{names[score]}  {score}" if score in names else str(score)
        sheet.text(Label(text, left, panel.y_px(score), lay.LABEL_PT, ha="right", va="center"))


def draw_gaps(sheet: Sheet, panel: Panel, stats: Sequence[DayStat], labels: ChartLabels) -> None:
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


def draw_pain_data(
    sheet: Sheet, panel: Panel, stats: Sequence[DayStat], series: Series, sizes: MarkSizes
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
    dot_x, dot_y = entry_points(stats, sizes.entry_spread)
    sheet.line(data, dot_x, dot_y, markersize=sizes.entry_dot, zorder=5, **ENTRY_STYLE)


def entry_points(stats: Sequence[DayStat], spread: float) -> tuple[list[float], list[float]]:
    """One point per entry; a day's entries sit side by side (in the order made) so none hide."""
    xs: list[float] = []
    ys: list[float] = []
    for index, stat in enumerate(stats):
        middle = (len(stat.scores) - 1) / 2
        for order, score in enumerate(stat.scores):
            xs.append(index + (order - middle) * spread)
            ys.append(score)
    return xs, ys


def draw_period_mean(sheet: Sheet, panel: Panel, mean: float, labels: ChartLabels) -> None:
    """Dashed reference line at the period mean, labelled in the right margin."""
    sheet.line(
        sheet.data(panel), list(panel.x_range), [mean, mean], zorder=3.5, **PERIOD_MEAN_STYLE
    )
    text = labels.mean_line.format(mean=labels.number(mean))
    right = panel.left + panel.width + lay.LABEL_GAP_PX
    room = lay.WIDTH_PX - right - lay.MARGIN_PX
    if sheet.text_width(text, lay.SMALL_PT) > room:
        # "moyenne 5,4", "среднее 5,4" are wider than the margin: the number goes under the word.
        text = "\n".join(sheet.fit(part, lay.SMALL_PT, room) for part in text.split(" ", 1))
    sheet.text(Label(text, right, panel.y_px(mean), lay.SMALL_PT, va="center"))
