"""The line styles of the chart's marks, shared by the marks and their legend keys."""

from __future__ import annotations

from charts import layout as lay

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

#: Treatments: a dotted vertical line, in the medication colour, behind the data.
EVENT_STYLE: Style = {
    "color": lay.VERMILLION,
    "linewidth": 1.6,
    "linestyle": (0, (2, 3)),
    "zorder": 1.5,
}

#: The daily items' lines: a colour and a dash each, so they differ without colour too.
ITEM_STYLES: dict[str, Style] = {
    "sleep": {"color": lay.BLUISH_GREEN, "linewidth": 2.2},
    "mood": {"color": lay.REDDISH_PURPLE, "linewidth": 2.2, "linestyle": (0, (5, 2.5))},
}
