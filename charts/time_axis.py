"""What every panel of a chart shares along its time axis: the gridlines at the labelled
dates, the baseline, and the ticks and dates under the lowest panel. Callers hold
``charts.render``'s lock."""

from __future__ import annotations

from charts import layout as lay
from charts.layout import Panel
from charts.sheet import Label, Sheet
from charts.styles import GRID_STYLE
from charts.ticks import DateTicks


def draw_frame(sheet: Sheet, panel: Panel, ticks: DateTicks) -> None:
    """Light vertical gridlines at the labelled dates and a baseline under the panel."""
    x0, x1 = panel.x_range
    low, high = sorted((panel.y_bottom, panel.y_top))
    sheet.segments(sheet.data(panel), [[(x, low), (x, high)] for x in ticks.major], **GRID_STYLE)
    baseline = [panel.y_bottom] * 2
    sheet.line(sheet.data(panel), [x0, x1], baseline, color=lay.MUTED, linewidth=1.0, zorder=6)


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
