"""The panels under the pain plot: the daily items' 0–10 lines, and the technique/medication
strip with a row per technique. Callers hold ``charts.render``'s lock."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from charts import layout as lay
from charts.labels import ChartLabels
from charts.layout import MarkSizes, Panel
from charts.model import DayStat
from charts.sheet import Label, Sheet
from charts.styles import GRID_STYLE, ITEM_STYLES, Style


@dataclass(frozen=True)
class StripRow:
    """One row of the technique/medication strip: its label and the day indexes it marks."""

    label: str
    days: tuple[int, ...]
    medication: bool = False


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
