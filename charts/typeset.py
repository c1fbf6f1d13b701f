"""Chart lettering: text rasterised once by matplotlib's FreeType wrapper, then stamped.

Why not ``Text`` artists? In matplotlib 3.11 every text line is shaped twice per draw (once to
measure, once to draw) and rasterised glyph by glyph from Python: about 1.5 ms a line here,
so the ~50 labels of a chart cost more than all its data and blow the speed budget. All chart
labels sit in the margins, never under data, so they can be drawn after the figure: each
distinct (text, size, weight) is rasterised once with ``FT2Font`` — the same font, hinting and
kerning matplotlib itself uses — kept in a small bounded LRU cache, and alpha-blended into the
Agg pixel buffer at whole-pixel positions. The result does not depend on what is cached, so
equal charts stay byte-identical. Callers must hold the render lock: FreeType font objects are
not thread-safe.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
from matplotlib.backends.backend_agg import get_hinting_flag
from matplotlib.colors import to_rgb
from matplotlib.font_manager import FontProperties, findfont, get_font
from matplotlib.ft2font import FT2Font

FONT = "DejaVu Sans"
DPI = 100
#: Distinct labels kept rasterised; a chart has ~60, so this holds several charts' worth
#: while capping memory at a few hundred kB.
CACHE_SIZE = 512
LINE_SPACING = 1.3
#: Height of capitals and digits in DejaVu Sans (1493 of 2048 units); its OS/2 table lacks it.
CAP_HEIGHT_EM = 0.729

HAlign = Literal["left", "center", "right"]
VAlign = Literal["top", "center", "baseline", "bottom"]


@dataclass(frozen=True)
class Label:
    """A text to stamp at ``(x, y)`` figure pixels, measured from the top-left corner.

    ``va="center"`` centres capital letters and digits on ``y`` (what a label beside a
    gridline needs); ``top``/``bottom`` use the font's ascent/descent, so lines align whatever
    letters they contain. ``text`` may hold several lines.
    """

    text: str
    x: float
    y: float
    size: float
    color: str = "#222222"
    bold: bool = False
    ha: HAlign = "left"
    va: VAlign = "baseline"


@dataclass(frozen=True)
class Glyphs:
    """One rasterised line: coverage mask (0–255) and where its baseline falls in it."""

    mask: npt.NDArray[np.uint8]
    baseline_row: int

    @property
    def width(self) -> int:
        """Width of the line in pixels."""
        return int(self.mask.shape[1])


@dataclass(frozen=True)
class FontMetrics:
    """String-independent vertical metrics at one size, in pixels."""

    ascent: float
    descent: float
    cap_height: float


def _font(bold: bool) -> FT2Font:
    """The bundled DejaVu Sans face (``get_font`` caches one object per thread)."""
    weight = "bold" if bold else "normal"
    return get_font(findfont(FontProperties(family=FONT, weight=weight)))


@functools.lru_cache(maxsize=CACHE_SIZE)
def rasterise(line: str, size: float, bold: bool = False) -> Glyphs:
    """Shape and rasterise one line (matplotlib's font, hinting and kerning), once per input."""
    font = _font(bold)
    font.clear()
    font.set_size(size, DPI)
    font.set_text(line, 0.0, flags=get_hinting_flag())
    font.draw_glyphs_to_bitmap(antialiased=True)
    mask = np.array(font.get_image(), dtype=np.uint8)
    mask.setflags(write=False)
    descent = round(font.get_descent() / 64)
    # The bitmap has a one-pixel margin below the lowest descender.
    return Glyphs(mask=mask, baseline_row=mask.shape[0] - 1 - descent)


@functools.lru_cache(maxsize=16)
def metrics(size: float, bold: bool = False) -> FontMetrics:
    """Ascent, descent and cap height of the face at ``size`` points."""
    font = _font(bold)
    scale = size * DPI / 72 / font.units_per_EM
    return FontMetrics(
        ascent=font.ascender * scale,
        descent=-font.descender * scale,
        cap_height=CAP_HEIGHT_EM * font.units_per_EM * scale,
    )


def text_width(text: str, size: float, bold: bool = False) -> int:
    """Pixel width of the widest line of ``text``, for laying out legends and margins."""
    return max(rasterise(line, size, bold).width for line in text.split("\n"))


def stamp(pixels: npt.NDArray[np.uint8], labels: Iterable[Label]) -> None:
    """Blend ``labels`` into an RGBA(or RGB) uint8 image in place."""
    for label in labels:
        _stamp_label(pixels, label)


def _stamp_label(pixels: npt.NDArray[np.uint8], label: Label) -> None:
    """Blend one (possibly multi-line) label, each line aligned on its own for ``ha``."""
    font = metrics(label.size, label.bold)
    lines = label.text.split("\n")
    pitch = label.size * DPI / 72 * LINE_SPACING
    first = _first_baseline(label, font, pitch * (len(lines) - 1))
    colour = np.array([round(c * 255) for c in to_rgb(label.color)], dtype=np.uint32)
    for number, line in enumerate(lines):
        glyphs = rasterise(line, label.size, label.bold)
        offset = {"left": 0.0, "center": glyphs.width / 2, "right": float(glyphs.width)}
        left = round(label.x - offset[label.ha])
        top = round(first + number * pitch) - glyphs.baseline_row
        _blend(pixels, glyphs.mask, left, top, colour)


def _first_baseline(label: Label, font: FontMetrics, extra_lines: float) -> float:
    """Where the first line's baseline goes for the label's vertical alignment."""
    if label.va == "top":
        return label.y + font.ascent
    if label.va == "bottom":
        return label.y - font.descent - extra_lines
    if label.va == "center":
        return label.y + font.cap_height / 2 - extra_lines / 2
    return label.y


def _blend(
    pixels: npt.NDArray[np.uint8],
    mask: npt.NDArray[np.uint8],
    left: int,
    top: int,
    colour: npt.NDArray[np.uint32],
) -> None:
    """Integer alpha blend of ``colour`` through ``mask``, clipped to the image."""
    height, width = pixels.shape[:2]
    x0, y0 = max(left, 0), max(top, 0)
    x1, y1 = min(left + mask.shape[1], width), min(top + mask.shape[0], height)
    if x0 >= x1 or y0 >= y1:
        return
    cover = mask[y0 - top : y1 - top, x0 - left : x1 - left, None].astype(np.uint32)
    region = pixels[y0:y1, x0:x1, :3]
    blended = (region * (255 - cover) + colour * cover + 127) // 255
    region[...] = blended.astype(np.uint8)
