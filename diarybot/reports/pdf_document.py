"""The page frame every diarybot PDF shares: fonts, running head, footer, and small drawing
pieces (headings, bullets, the chart) used by the report (`pdf`) and the digest (`digest_pdf`).

The font is DejaVu Sans from matplotlib's data directory (Latin, Greek, Cyrillic); for every
other script a note may be written in, fpdf2 falls back, character by character, to the Noto
faces of `charts.fonts` (the same files the chart draws with), and shapes the text with
HarfBuzz (Arabic joining and direction, Devanagari and Thai vowel signs). Only the faces a
report's text needs are loaded, and fpdf2 embeds only the glyphs used, which keeps a month's
report small.
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import matplotlib
from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

from charts import fonts
from diarybot.texts import i18n
from diarybot.texts import report as rt

FONT = "DejaVu"
_FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT_FILES = {"": _FONT_DIR / "DejaVuSans.ttf", "B": _FONT_DIR / "DejaVuSans-Bold.ttf"}
#: Shown instead of a character no font has a glyph for, so the reader sees that something is
#: missing instead of a blank, and no note text reaches fpdf2's log.
REPLACEMENT = "\ufffd"
#: Code points of scripts that only read right when shaped (and, for Hebrew and Arabic, laid out
#: right to left): Hebrew to the Indic scripts, Thai to Myanmar, Khmer, Arabic presentation
#: forms, and the joiner and skin tones that build emoji. Shaping costs time (and a bidi pass),
#: so a report without any of these is set as before.
SHAPED_RANGES = (
    (0x0590, 0x0DFF),
    (0x0E00, 0x109F),
    (0x1780, 0x17FF),
    (0x200D, 0x200D),
    (0xFB1D, 0xFDFF),
    (0xFE70, 0xFEFF),
    (0x1F3FB, 0x1F3FF),
)
#: Frames for fpdf2's bidi recursion: several times the longest note (`NOTE_MAX_CHARS`).
BIDI_RECURSION_LIMIT = 10_000

MARGIN = 15.0
FOOTER_MARGIN = 18.0
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

INK = (33, 33, 33)
MUTED = (110, 110, 110)
RULE = (200, 200, 200)
STRIPE = (244, 244, 244)
HEADING_FILL = (225, 230, 236)

TITLE_PT = 18
HEADING_PT = 12
BODY_PT = 9.5
TABLE_PT = 8.5
SMALL_PT = 7.5
BULLET_LINE = 4.4


@contextlib.contextmanager
def room_for_bidi() -> Iterator[None]:
    """Python recursion enough for fpdf2's bidi algorithm while the report is built.

    With text shaping on, fpdf2 resolves a run of neutral characters (spaces, punctuation,
    emoji) by recursing once per character, so a note of 1 000 "!" would exceed Python's
    default limit and fail the whole report. Notes are at most 2 000 characters; Python
    3.11+ recursion between Python functions uses no C stack, so the higher limit is safe.
    """
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, BIDI_RECURSION_LIMIT))
    try:
        yield
    finally:
        sys.setrecursionlimit(limit)


class ReportPDF(FPDF):
    """A4 with a running head (after page 1) and a footer on every page."""

    def __init__(self, running_head: str, generated: str, users_text: str = "") -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.running_head = running_head
        self.generated = generated
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=True, margin=FOOTER_MARGIN)
        for style, path in FONT_FILES.items():
            self.add_font(FONT, style, str(path))
        self._add_fallback_fonts(users_text)
        self.set_title(rt.title())
        self.set_creator(rt.BOT_NAME)
        # The reader's language (screen readers, hyphenation): "de", "pt-BR".
        self.set_lang(i18n.active().replace("_", "-"))
        self.set_text_color(*INK)

    @property
    def content_width(self) -> float:
        """The width between the margins, in mm."""
        return self.w - 2 * MARGIN

    @property
    def room_left(self) -> float:
        """The height left on this page above the footer, in mm."""
        return self.h - FOOTER_MARGIN - self.get_y()

    def _add_fallback_fonts(self, users_text: str) -> None:
        """The Noto faces the patient's words need, and shaping if their script needs it."""
        faces = fonts.faces_for(users_text)
        for face in faces:
            self.add_font(face.family, "", str(face.path), collection_font_number=face.face_index)
        if faces:
            # Not exact: the Noto files have one weight, and a bold cell in Thai is better
            # drawn regular than as boxes.
            self.set_fallback_fonts([face.family for face in faces], exact_match=False)
        if needs_shaping(users_text):
            self.set_text_shaping(True)

    def header(self) -> None:
        """Name and period on every page after the first, so a loose page stays attributable."""
        if self.page_no() == 1:
            return
        self.set_font(FONT, size=SMALL_PT)
        self.set_text_color(*MUTED)
        self.cell(0, 4, clean(self.running_head), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*RULE)
        self.line(MARGIN, self.get_y() + 1, self.w - MARGIN, self.get_y() + 1)
        self.set_y(self.get_y() + 4)
        self.set_text_color(*INK)

    def footer(self) -> None:
        """Generation stamp on the left, 'Page n of N' on the right."""
        self.set_y(-12)
        self.set_font(FONT, size=SMALL_PT)
        self.set_text_color(*MUTED)
        self.cell(0, 4, self.generated, align=Align.L)
        self.set_x(MARGIN)
        # fpdf2 replaces its alias ("{nb}") with the page count when the document is closed.
        page = rt.page().format(page=self.page_no(), pages=self.str_alias_nb_pages)
        self.cell(0, 4, page, align=Align.R)
        self.set_text_color(*INK)


def needs_shaping(text: str) -> bool:
    """Whether `text` has characters of a script that must be shaped to read right."""
    return any(low <= ord(c) <= high for c in set(text) for low, high in SHAPED_RANGES)


def clean(text: str) -> str:
    """`text` with what no font can draw replaced, and tabs/CRs normalised."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    missing = fonts.missing_characters(text)
    return "".join(REPLACEMENT if c in missing else c for c in text)


def heading(pdf: FPDF, text: str, *, width: float = 0) -> None:
    """A section heading (`width` 0: to the right margin), starting at the current x."""
    x = pdf.get_x()
    pdf.set_font(FONT, "B", HEADING_PT)
    pdf.cell(width, 6.5, text, new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_x(x)
    pdf.ln(0.5)
    pdf.set_x(x)


def bullets(pdf: FPDF, lines: Sequence[str], *, left: float = MARGIN, width: float = 0) -> None:
    """One bullet per line, wrapped within `left`..`left + width` (0: to the right margin)."""
    pdf.set_font(FONT, size=BODY_PT)
    for line in lines:
        bullet(pdf, clean(line), left=left, width=width)
    pdf.ln(3)


def bullet(pdf: FPDF, text: str, *, left: float = MARGIN, width: float = 0) -> None:
    """One bulleted paragraph in the current font."""
    pdf.set_x(left + 2)
    pdf.cell(4, BULLET_LINE, "•")
    text_width = 0 if not width else width - 6
    pdf.multi_cell(text_width, BULLET_LINE, text, align=Align.L, new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_x(left)


def chart(pdf: FPDF, png: bytes, room: float) -> float:
    """The chart at page width, or smaller (aspect kept, centred) to fit `room` mm of height.

    Returns the height drawn, in mm.
    """
    pixels_wide, pixels_high = png_size(png)
    width = min(pdf.w - 2 * MARGIN, room * pixels_wide / pixels_high)
    height = width * pixels_high / pixels_wide
    x = (pdf.w - width) / 2
    pdf.image(io.BytesIO(png), x=x, y=pdf.get_y(), w=width, h=height, alt_text=rt.chart_alt())
    pdf.set_y(pdf.get_y() + height + 2)
    return height


def chart_height(png: bytes, width: float) -> float:
    """The height in mm the chart takes at `width` mm."""
    pixels_wide, pixels_high = png_size(png)
    return width * pixels_high / pixels_wide


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels from the PNG header (IHDR is always the first chunk)."""
    if png[:8] != PNG_SIGNATURE or png[12:16] != b"IHDR":
        raise ValueError("chart_png is not a PNG image")
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
