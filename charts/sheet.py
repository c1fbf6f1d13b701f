"""The figure a chart is drawn on: pixel-placed labels as matplotlib ``Text`` artists (with
per-character font fallback, cut to fit their room), plain artists, and the PNG encoding."""

from __future__ import annotations

import functools
import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.transforms import Transform
from PIL import Image

from charts import canvases, fonts
from charts import layout as lay
from charts.layout import Layout, Panel

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


class Sheet:
    """The figure being built, with text measured as the renderer will draw it.

    The figure is one ``charts.canvases`` keeps for charts of this height, cleared; the sheet
    is valid until the next chart of the same height is started.
    """

    def __init__(self, layout: Layout) -> None:
        self.height = layout.height_px
        self.canvas = canvases.blank_canvas(self.height)
        self.figure = self.canvas.figure
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

    @staticmethod
    def text_width(text: str, size: float, bold: bool = False) -> float:
        """Pixel width of the widest line of ``text``, as the renderer will draw it."""
        return max(_line_width(line, size, bold) for line in text.split("\n"))

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
        """Draw with Agg and encode as an RGB PNG, without metadata (no software version, no
        timestamp), so equal charts are equal bytes.

        Pillow directly rather than ``Figure.savefig``: savefig writes RGBA, and the chart is
        opaque. The same 1280x1007 week, zlib level 1: RGBA 40.4 ms and 98 KB, RGB 34.7 ms
        (with the conversion) and 87 KB; and fpdf2, embedding the chart in a PDF, no longer
        copies the image to strip an alpha channel that says nothing.
        """
        self.canvas.draw()
        image = Image.frombuffer(
            "RGBA", self.canvas.get_width_height(), self.canvas.buffer_rgba(), "raw", "RGBA", 0, 1
        ).convert("RGB")
        buffer = io.BytesIO()
        image.save(buffer, format="png", compress_level=PNG_COMPRESS_LEVEL)
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


@functools.cache
def _measuring_renderer() -> RendererAgg:
    return RendererAgg(1, 1, lay.DPI)


@functools.lru_cache(maxsize=4096)
def _line_width(line: str, size: float, bold: bool) -> float:
    """The width Agg draws ``line`` at (it depends on the text, font and dpi only).

    Cached for the process: FreeType shapes the whole string for each measurement (~0.4 ms
    for a date), and the legend, the gap and event labels and ``Sheet.fit`` measure the same
    few texts on every chart.
    """
    prop = Sheet.font(line, size, bold)
    return _measuring_renderer().get_text_width_height_descent(line, prop, ismath=False)[0]
