"""Fixed pixel geometry, palette and mark sizes of the pain chart.

Everything is placed in whole figure pixels (measured from the top-left corner, like the
layout on a phone screen) rather than by ``tight_layout``/``constrained_layout``: those cost an
extra draw, and a fixed layout makes every chart of the same period look the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.transforms import Affine2D

# --- Okabe–Ito palette: distinguishable with the common forms of colour blindness. ---
BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
# Neutrals for structure, light enough to stay behind the data.
GRID = "#DDDDDD"
BAND = "#F2F2F2"
GAP = "#EBEBEB"
TEXT = "#222222"
MUTED = "#555555"

# --- Type sizes in points at 100 dpi (1 pt = 1.39 px): nothing smaller than 17 px, because
# Telegram shows the 1280 px image about 400 px wide on a phone. ---
DPI = 100
TITLE_PT = 21.0
SUBTITLE_PT = 16.0
LABEL_PT = 14.0
SMALL_PT = 12.5

# --- Geometry in pixels. ---
WIDTH_PX = 1280
MAX_HEIGHT_PX = 1400
LEFT_PX = 265
RIGHT_PX = 110
HEADER_PX = 165
PAIN_PX = 520
STRIP_GAP_PX = 52
ROW_PX = 38
#: The optional daily items' panel (sleep quality, mood on 0–10): small, under the pain plot.
ITEMS_GAP_PX = 44
ITEMS_PX = 150
BOTTOM_PX = 80
PLOT_WIDTH_PX = WIDTH_PX - LEFT_PX - RIGHT_PX
MARGIN_PX = 24
LABEL_GAP_PX = 8

#: The pain scale runs 0–10; a little room above and below keeps end markers whole.
PAIN_RANGE = (-0.6, 10.6)


@dataclass(frozen=True)
class Panel:
    """A rectangle of the figure (pixels from the top-left) showing a data range.

    ``y_bottom``/``y_top`` are the data values at the panel's lower and upper edge, so an
    inverted axis (rows counted downwards) is just ``y_bottom > y_top``.
    """

    top: float
    height: float
    days: int
    y_bottom: float
    y_top: float
    left: float = LEFT_PX
    width: float = PLOT_WIDTH_PX

    @property
    def x_range(self) -> tuple[float, float]:
        """Day slots: day *i* is centred on *i*, with a little air at both ends."""
        return (-0.6, self.days - 0.4)

    @property
    def bottom(self) -> float:
        """The lower edge, in pixels from the top."""
        return self.top + self.height

    def x_px(self, x: float) -> float:
        """Horizontal pixel of data ``x``."""
        x0, x1 = self.x_range
        return self.left + (x - x0) / (x1 - x0) * self.width

    def y_px(self, y: float) -> float:
        """Vertical pixel (from the top) of data ``y``."""
        return self.bottom - (y - self.y_bottom) / (self.y_top - self.y_bottom) * self.height

    def data_transform(self, figure_height: int) -> Affine2D:
        """Data → display coordinates (Agg pixels, origin bottom-left)."""
        x0, x1 = self.x_range
        sx = self.width / (x1 - x0)
        sy = self.height / (self.y_top - self.y_bottom)
        bottom = figure_height - self.bottom
        return Affine2D().translate(-x0, -self.y_bottom).scale(sx, sy).translate(self.left, bottom)


def pixels_from_top(figure_height: int) -> Affine2D:
    """Figure pixels measured from the top-left → display coordinates."""
    return Affine2D().scale(1, -1).translate(0, figure_height)


@dataclass(frozen=True)
class Layout:
    """Pixel geometry of one chart; the figure grows with the number of strip rows, and with
    the daily items' panel when there is one."""

    days: int
    rows: int
    items: bool = False

    @property
    def items_px(self) -> float:
        """Height the items' panel takes with the gap above it (0 without the panel)."""
        return float(ITEMS_GAP_PX + ITEMS_PX) if self.items else 0.0

    @property
    def row_px(self) -> float:
        """Row height, shrunk only when a very long technique list would exceed the cap."""
        if not self.rows:
            return 0.0
        room = MAX_HEIGHT_PX - HEADER_PX - PAIN_PX - self.items_px - STRIP_GAP_PX - BOTTOM_PX
        return min(float(ROW_PX), room / self.rows)

    @property
    def row_label_pt(self) -> float:
        """Type size of the strip's row names: smaller only when rows are squeezed, so one
        row's name never runs into the next one's."""
        return min(LABEL_PT, self.row_px * 0.72 * 72 / DPI)

    @property
    def height_px(self) -> int:
        """Total figure height in pixels."""
        strip = STRIP_GAP_PX + self.row_px * self.rows if self.rows else 0
        return round(HEADER_PX + PAIN_PX + self.items_px + strip + BOTTOM_PX)

    @property
    def pain(self) -> Panel:
        """The 0–10 pain plot."""
        return Panel(HEADER_PX, PAIN_PX, self.days, *PAIN_RANGE)

    @property
    def item_panel(self) -> Panel:
        """The daily items' 0–10 panel, right under the pain plot."""
        return Panel(HEADER_PX + PAIN_PX + ITEMS_GAP_PX, ITEMS_PX, self.days, *PAIN_RANGE)

    @property
    def strip(self) -> Panel:
        """The technique/medication rows, row 0 at the top."""
        top = HEADER_PX + PAIN_PX + self.items_px + STRIP_GAP_PX
        return Panel(top, self.row_px * self.rows, self.days, self.rows - 0.5, -0.5)


@dataclass(frozen=True)
class MarkSizes:
    """Marker and bar sizes in points, scaled to the pixels one day gets (131 for a week,
    3 for a year) so a week stays airy and a year does not turn into a smear."""

    day_px: float

    @staticmethod
    def _pt(px: float, low: float, high: float) -> float:
        return min(max(px, low), high) * 72 / DPI

    @property
    def range_bar(self) -> float:
        """Width of the lowest–highest bar."""
        return self._pt(self.day_px * 0.5, 1.5, 14.0)

    @property
    def mean_marker(self) -> float:
        """Diameter of the daily-mean marker; none below 6 px a day (about five months and
        more), where markers only clutter and each day's entry dots already show it."""
        if self.day_px < 6:
            return 0.0
        return self._pt(self.day_px * 0.6, 3.5, 13.0)

    @property
    def mean_line(self) -> float:
        """Daily-mean line width: thinner on long periods so the 7-day average stands out."""
        return 2.0 if self.day_px >= 25 else 1.3

    @property
    def entry_dot(self) -> float:
        """Diameter of one entry's dot."""
        return self._pt(self.day_px * 0.25, 2.5, 6.0)

    @property
    def entry_spread(self) -> float:
        """Distance in days between the dots of one day's entries (0 when a day is narrow)."""
        return min(0.12, 2.0 / self.day_px) if self.day_px >= 12 else 0.0

    @property
    def strip_mark(self) -> float:
        """Width of a technique mark."""
        return self._pt(self.day_px * 0.7, 1.2, 16.0)

    @property
    def medication_mark(self) -> float:
        """Size of a medication diamond."""
        return self._pt(self.day_px * 0.8, 4.0, 15.0)
