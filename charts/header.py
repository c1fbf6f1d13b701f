"""The top of a chart: the title with its period, the key numbers, and a legend of the marks
this chart actually draws. Callers hold ``charts.render``'s lock."""

from __future__ import annotations

from collections.abc import Sequence

from charts import layout as lay
from charts.labels import ChartLabels
from charts.layout import MarkSizes
from charts.model import DayStat, Summary
from charts.pain_panel import Series
from charts.sheet import Label, Sheet
from charts.styles import ENTRY_STYLE, MEAN_STYLE, PERIOD_MEAN_STYLE, ROLLING_STYLE, Style
from charts.ticks import format_period


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
