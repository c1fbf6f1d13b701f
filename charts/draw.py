"""What a chart shows, drawn onto a ``Sheet``: frame, pain scale, days without entries, daily
means, ranges and entries, the period mean, the technique/medication strip, dates, header and
legend. Callers hold ``charts.render``'s lock."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from charts import layout as lay
from charts.labels import ChartLabels
from charts.layout import MarkSizes, Panel
from charts.model import DayStat, Summary, rolling_mean
from charts.sheet import Label, Sheet
from charts.ticks import DateTicks, format_period

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


@dataclass(frozen=True)
class EventMark:
    """A treatment (or several) on one day of the chart: its day index and its short label."""

    day: int
    label: str


#: Treatments: a dotted vertical line, in the medication colour, behind the data.
EVENT_STYLE: Style = {
    "color": lay.VERMILLION,
    "linewidth": 1.6,
    "linestyle": (0, (2, 3)),
    "zorder": 1.5,
}


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


def draw_frame(sheet: Sheet, panel: Panel, ticks: DateTicks) -> None:
    """Light vertical gridlines at the labelled dates and a baseline under the panel."""
    x0, x1 = panel.x_range
    low, high = sorted((panel.y_bottom, panel.y_top))
    sheet.segments(sheet.data(panel), [[(x, low), (x, high)] for x in ticks.major], **GRID_STYLE)
    baseline = [panel.y_bottom] * 2
    sheet.line(sheet.data(panel), [x0, x1], baseline, color=lay.MUTED, linewidth=1.0, zorder=6)


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


def draw_strip(
    sheet: Sheet,
    panel: Panel,
    rows: Sequence[StripRow],
    sizes: MarkSizes,
    labels: ChartLabels,
    *,
    label_pt: float = lay.LABEL_PT,
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
        name = sheet.fit(row.label, label_pt, left - lay.MARGIN_PX)
        sheet.text(
            Label(name, left, y, label_pt, ha="right", va="center"),
            Label(count, right, y, min(lay.SMALL_PT, label_pt), lay.MUTED, va="center"),
        )
    heading_y = panel.top - lay.LABEL_GAP_PX
    sheet.text(
        Label(
            labels.techniques_heading, panel.left, heading_y, lay.SMALL_PT, lay.MUTED, va="bottom"
        )
    )


#: The daily items' lines: a colour and a dash each, so they differ without colour too.
ITEM_STYLES: dict[str, Style] = {
    "sleep": {"color": lay.BLUISH_GREEN, "linewidth": 2.2},
    "mood": {"color": lay.REDDISH_PURPLE, "linewidth": 2.2, "linestyle": (0, (5, 2.5))},
}
#: Room in the left margin for the 0/5/10 of the items' scale, right of the lines' names.
ITEM_SCALE_PX = 40


def draw_items(
    sheet: Sheet,
    panel: Panel,
    stats: Sequence[DayStat],
    items: Sequence[str],
    *,
    sizes: MarkSizes,
    labels: ChartLabels,
) -> None:
    """The small 0–10 panel of the daily items: one line per item (daily means, broken at days
    without an answer), each named in the left margin beside a key of its own line."""
    data = sheet.data(panel)
    x0, x1 = panel.x_range
    sheet.segments(data, [[(x0, y), (x1, y)] for y in (0, 5, 10)], **GRID_STYLE)
    left = panel.left - lay.LABEL_GAP_PX
    for value in (0, 5, 10):
        label = Label(str(value), left, panel.y_px(value), lay.SMALL_PT, ha="right", va="center")
        sheet.text(label)
    xs = list(range(len(stats)))
    names = {"sleep": labels.sleep, "mood": labels.mood}
    marker = "o" if sizes.mean_marker else "none"
    name_right = panel.left - ITEM_SCALE_PX
    for order, item in enumerate(items):
        style = ITEM_STYLES[item]
        means = [stat.item_mean(item) for stat in stats]
        ys = [np.nan if mean is None else mean for mean in means]
        sheet.line(
            data, xs, ys, marker=marker, markersize=0.8 * sizes.mean_marker, zorder=4, **style
        )
        # Names stacked from the panel's top, each under a short key of its line's style.
        y = panel.top + 28 + order * 52
        name = sheet.fit(names[item], lay.LABEL_PT, name_right - lay.MARGIN_PX)
        sheet.text(Label(name, name_right, y, lay.LABEL_PT, ha="right", va="center"))
        key_y = y + 18
        sheet.line(sheet.from_top, [name_right - 44, name_right], [key_y, key_y], **style)
    heading_y = panel.top - lay.LABEL_GAP_PX
    sheet.text(
        Label(labels.items_heading, panel.left, heading_y, lay.SMALL_PT, lay.MUTED, va="bottom")
    )


def draw_dates(sheet: Sheet, panel: Panel, ticks: DateTicks) -> None:
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


def draw_header(
    sheet: Sheet, stats: Sequence[DayStat], summary: Summary, labels: ChartLabels
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


def legend_keys(series: Series, sizes: MarkSizes, labels: ChartLabels) -> list[tuple[Style, str]]:
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


def draw_legend(sheet: Sheet, keys: Sequence[tuple[Style, str]]) -> None:
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
