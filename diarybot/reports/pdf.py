"""The specialist's PDF: a one-page summary, then every entry (pure; plain data in, bytes out).

Page 1 is built to be read in about a minute (PainScale's "reviewed by a physician in 60
seconds"): who and when, the key figures in one compact table, the coping-technique
observations, the chart, the definitions and a disclaimer. The entry table follows on its own
pages, with its header repeated on each.

The font is DejaVu Sans from matplotlib's data directory (Latin, Greek, Cyrillic); for every
other script a note may be written in, fpdf2 falls back, character by character, to the Noto
faces of `charts.fonts` (the same files the chart draws with), and shapes the text with
HarfBuzz (Arabic joining and direction, Devanagari and Thai vowel signs). Only the faces a
report's text needs are loaded, and fpdf2 embeds only the glyphs used, which keeps a month's
report small. All wording comes from `diarybot.texts.report`.
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import cast
from zoneinfo import ZoneInfo

import matplotlib
from fpdf import FPDF, FontFace
from fpdf.enums import Align, TableBordersLayout, TableCellFillMode, XPos, YPos
from fpdf.table import Row

from charts import fonts
from diarybot.domain.entries import Entry
from diarybot.domain.figures import HIGH_PAIN_SCORE, PeriodFigures
from diarybot.texts import daily_items as item_texts
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
#: Below this height on page 1 the chart's labels become unreadable; it moves to page 2.
MIN_CHART_HEIGHT = 60.0
KEY_LABEL_WIDTH = 62.0
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

#: Widths in mm of Date, Time, Score, Techniques, Medication; the note takes the rest.
ENTRY_COLUMNS = (21.0, 12.0, 12.0, 40.0, 22.0)
#: The date column when the period spans two years and dates carry the year.
DATE_WITH_YEAR = 30.0
TABLE_LINE = 3.8
TABLE_PADDING = (0.9, 1.2)
#: A table row cannot break across pages (fpdf2 fails with "row too high"), so a long note
#: (a pasted medication list) continues in rows below its entry, this many lines to a row:
#: 40 lines of 3.8 mm fit any page below the running head and the repeated table header.
NOTE_LINES_PER_ROW = 40
#: Past this many lines a note is cut, with a pointer to the CSV file that holds all of it,
#: so one note of blank lines cannot fill dozens of pages.
NOTE_MAX_LINES = 120


def pdf_report(
    *,
    patient_name: str,
    period_start: date,
    period_end: date,
    entries: Iterable[Entry],
    figures: PeriodFigures,
    chart_png: bytes | None,
    tz: ZoneInfo,
    generated_at: datetime,
    sections: Sequence[tuple[str, Sequence[str]]] = (),
    with_entries: bool = True,
) -> bytes:
    """The specialist report for `period_start`..`period_end` as PDF bytes.

    `sections` are extra (heading, lines) blocks for page 1, after the coping techniques: the
    guided exercises and the weekly PEG, when the patient has any. Without `with_entries`
    (the patient shares the summary only) the entry table, and so every note, is left out.

    `entries` may be the whole diary; only those whose local date lies in the period are
    listed. `figures` should be `period_figures(...)` for the same period, and `chart_png` the
    chart for it (or None to leave it out). Times are shown in `tz`; the footer shows
    `generated_at` there too, and it is the document's creation date (same input, same bytes).
    """
    if generated_at.tzinfo is None:
        raise ValueError("generated_at must be timezone-aware")
    name = rt.patient_name(patient_name)
    in_period = [e for e in entries if period_start <= e.local_date <= period_end]
    users_text = "".join(
        [name, *(e.note for e in in_period), *(line for _, lines in sections for line in lines)]
    )
    pdf = _ReportPDF(
        running_head=rt.running_head().format(
            name=name,
            period=f"{rt.short_date(period_start)} – {rt.short_date(period_end)}",
        ),
        generated=rt.generated_label(generated_at.astimezone(tz)),
        users_text=users_text,
    )
    pdf.set_creation_date(generated_at)
    with _room_for_bidi():
        pdf.add_page()
        _summary_page(
            pdf,
            name=name,
            start=period_start,
            end=period_end,
            figures=figures,
            chart_png=chart_png,
            tz=tz,
            sections=sections,
        )
        if not with_entries:  # the patient shares the summary only: no entries, no notes
            return bytes(pdf.output())
        _entries_table(pdf, in_period, tz, with_year=period_start.year != period_end.year)
        return bytes(pdf.output())


@contextlib.contextmanager
def _room_for_bidi() -> Iterator[None]:
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


class _ReportPDF(FPDF):
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
        self.set_lang("en")
        self.set_text_color(*INK)

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


def _summary_page(
    pdf: _ReportPDF,
    *,
    name: str,
    start: date,
    end: date,
    figures: PeriodFigures,
    chart_png: bytes | None,
    tz: ZoneInfo,
    sections: Sequence[tuple[str, Sequence[str]]],
) -> None:
    """Page 1: everything a specialist needs at a glance."""
    _title_block(pdf, name, start, end, tz)
    _heading(pdf, rt.key_figures())
    _key_figures(pdf, figures)
    _heading(pdf, rt.techniques())
    _techniques(pdf, figures)
    for heading, lines in sections:
        _heading(pdf, heading)
        _bullets(pdf, lines)
    footnote_height = _footnotes(pdf, dry_run=True)
    room = pdf.h - FOOTER_MARGIN - footnote_height - pdf.get_y() - 4
    chart_fits = room >= MIN_CHART_HEIGHT
    if chart_png is not None and chart_fits:
        _chart(pdf, chart_png, room)
    pdf.set_y(max(pdf.get_y() + 3, pdf.h - FOOTER_MARGIN - footnote_height))
    _footnotes(pdf)
    if chart_png is not None and not chart_fits:
        # Rare (every technique used, long sentences): a legible chart on the next page beats
        # a thumbnail on this one, and the disclaimer stays on page 1.
        pdf.add_page()
        _chart(pdf, chart_png, pdf.h - FOOTER_MARGIN - pdf.get_y() - 4)


def _title_block(pdf: FPDF, name: str, start: date, end: date, tz: ZoneInfo) -> None:
    pdf.set_font(FONT, "B", TITLE_PT)
    pdf.cell(0, 9, rt.title(), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)
    for label, value in ((rt.patient(), name), (rt.period(), rt.period_label(start, end))):
        pdf.set_font(FONT, "B", BODY_PT + 1)
        pdf.cell(22, 6, label)
        pdf.set_font(FONT, size=BODY_PT + 1)
        pdf.cell(0, 6, clean(value), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=SMALL_PT + 0.5)
    pdf.set_text_color(*MUTED)
    scale = f"{rt.scale()} {rt.times_in().format(tz=tz.key)}"
    pdf.cell(0, 5, scale, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    pdf.ln(3)


def _heading(pdf: FPDF, text: str) -> None:
    pdf.set_font(FONT, "B", HEADING_PT)
    pdf.cell(0, 6.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(0.5)


def _key_figures(pdf: FPDF, figures: PeriodFigures) -> None:
    """Label/value rows with hairlines between them; an important change is set in bold."""
    pdf.set_font(FONT, size=BODY_PT)
    pdf.set_draw_color(*RULE)
    rows = rt.key_figure_rows(figures)
    important = figures.change is not None and figures.change.clinically_important
    with pdf.table(
        col_widths=(KEY_LABEL_WIDTH, pdf.w - 2 * MARGIN - KEY_LABEL_WIDTH),
        first_row_as_headings=False,
        borders_layout=TableBordersLayout.HORIZONTAL_LINES,
        text_align=(Align.L, Align.L),
        line_height=4.4,
        padding=(0.7, 1.5),
        align=Align.L,
    ) as table:
        for index, (label, value) in enumerate(rows):
            row = table.row()
            row.cell(label, style=FontFace(color=MUTED))
            bold = important and index == len(rows) - 1
            row.cell(value, style=FontFace(emphasis="BOLD") if bold else None)
    pdf.ln(3)


def _techniques(pdf: FPDF, figures: PeriodFigures) -> None:
    pdf.set_font(FONT, size=BODY_PT)
    if not figures.techniques:
        pdf.multi_cell(0, 5, rt.techniques_none(), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for technique in figures.techniques:
        pdf.set_x(MARGIN + 2)
        pdf.cell(4, 4.4, "•")
        text = rt.technique_observation(technique)
        pdf.multi_cell(0, 4.4, text, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if figures.techniques:
        pdf.ln(1)
        pdf.set_font(FONT, size=SMALL_PT)
        pdf.set_text_color(*MUTED)
        caveat = rt.techniques_caveat()
        pdf.multi_cell(0, 3.6, caveat, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(*INK)
    pdf.ln(3)


def _bullets(pdf: FPDF, lines: Sequence[str]) -> None:
    pdf.set_font(FONT, size=BODY_PT)
    for line in lines:
        pdf.set_x(MARGIN + 2)
        pdf.cell(4, 4.4, "•")
        pdf.multi_cell(0, 4.4, clean(line), align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)


def _chart(pdf: FPDF, png: bytes, room: float) -> None:
    """The chart at page width, or smaller (aspect kept, centred) to fit `room` mm of height."""
    pixels_wide, pixels_high = _png_size(png)
    width = min(pdf.w - 2 * MARGIN, room * pixels_wide / pixels_high)
    height = width * pixels_high / pixels_wide
    x = (pdf.w - width) / 2
    pdf.image(io.BytesIO(png), x=x, y=pdf.get_y(), w=width, h=height, alt_text=rt.chart_alt())
    pdf.set_y(pdf.get_y() + height + 2)


def _png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels from the PNG header (IHDR is always the first chunk)."""
    if png[:8] != PNG_SIGNATURE or png[12:16] != b"IHDR":
        raise ValueError("chart_png is not a PNG image")
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def _footnotes(pdf: FPDF, *, dry_run: bool = False) -> float:
    """Definitions and disclaimer at the foot of page 1; returns their height."""
    height = 0.0
    for text, style, size, line, color in (
        (rt.definitions(), "", SMALL_PT, 3.4, MUTED),
        (rt.disclaimer(), "B", SMALL_PT + 0.5, 4.2, INK),
    ):
        pdf.set_font(FONT, style, size)
        pdf.set_text_color(*color)
        drawn = pdf.multi_cell(
            0,
            line,
            text,
            align=Align.L,
            dry_run=dry_run,
            output="HEIGHT",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        height += cast(float, drawn)  # output="HEIGHT" makes it return just the height
        height += 1.5
        if not dry_run:
            pdf.ln(1.5)
    pdf.set_text_color(*INK)
    return height


def _entries_table(pdf: FPDF, entries: Sequence[Entry], tz: ZoneInfo, *, with_year: bool) -> None:
    """Every entry of the period, oldest first; the header repeats on every page."""
    pdf.add_page()
    _heading(pdf, rt.entries_heading())
    pdf.set_font(FONT, size=TABLE_PT)
    if not entries:
        pdf.cell(0, 6, rt.entries_empty())
        return
    widths = (DATE_WITH_YEAR if with_year else ENTRY_COLUMNS[0], *ENTRY_COLUMNS[1:])
    note_width = pdf.w - 2 * MARGIN - sum(widths)
    pdf.set_draw_color(*RULE)
    with pdf.table(
        col_widths=(*widths, note_width),
        text_align=("LEFT", "LEFT", "CENTER", "LEFT", "CENTER", "LEFT"),
        borders_layout=TableBordersLayout.HORIZONTAL_LINES,
        cell_fill_color=STRIPE,
        cell_fill_mode=TableCellFillMode.ROWS,
        headings_style=FontFace(emphasis="BOLD", fill_color=HEADING_FILL),
        line_height=TABLE_LINE,
        padding=TABLE_PADDING,
        v_align="TOP",
        align=Align.L,
    ) as table:
        header = table.row()
        for column in rt.columns():
            header.cell(column)
        for entry in sorted(entries, key=lambda e: (e.recorded_at, e.id)):
            first, *more = note_rows(pdf, entry.note, note_width - 2 * TABLE_PADDING[1])
            _entry_row(table.row(), entry, tz, first, with_year=with_year)
            for lines in more:
                row = table.row()
                row.cell(rt.note_continued(), style=FontFace(color=MUTED))
                for _ in widths[1:]:
                    row.cell("")
                row.cell(lines)


def note_rows(pdf: FPDF, note: str, width: float) -> list[str]:
    """`note` as the table rows it takes: wrapped to `width` mm in the current font,
    `NOTE_LINES_PER_ROW` lines to a row, cut after `NOTE_MAX_LINES` with `rt.note_cut()`."""
    text = clean(note)
    if len(text) <= NOTE_LINES_PER_ROW:  # every line holds a character: one row, no measuring
        return [text]
    lines = cast(
        list[str],
        pdf.multi_cell(width, TABLE_LINE, text, dry_run=True, output="LINES", padding=0),
    )
    if len(lines) > NOTE_MAX_LINES:
        lines = [*lines[: NOTE_MAX_LINES - 1], rt.note_cut()]
    step = NOTE_LINES_PER_ROW
    return ["\n".join(lines[start : start + step]) for start in range(0, len(lines), step)]


def _entry_row(row: Row, entry: Entry, tz: ZoneInfo, note: str, *, with_year: bool) -> None:
    local = entry.recorded_at.astimezone(tz)
    row.cell(rt.day_label(entry.local_date, with_year=with_year))
    row.cell(f"{local:%H:%M}")
    if entry.score is None:
        row.cell(rt.no_score())
    else:
        high = entry.score >= HIGH_PAIN_SCORE
        row.cell(str(entry.score), style=FontFace(emphasis="BOLD") if high else None)
    # The daily items answered go under the techniques: what the patient reported beside pain.
    row.cell("\n".join(filter(None, [rt.entry_techniques(entry), *item_texts.entry_items(entry)])))
    row.cell(rt.yes_no(entry.medication))
    row.cell(note)
