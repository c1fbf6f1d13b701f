"""The entry table of the specialist's PDF: every entry of the period, oldest first (pure).

It starts on page 1 right after the summary when there is room for its header and a few rows
(a short period then fits on one sheet), otherwise on a page of its own; its header repeats on
every page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast
from zoneinfo import ZoneInfo

from fpdf import FPDF, FontFace
from fpdf.enums import Align, TableBordersLayout, TableCellFillMode
from fpdf.table import Row

from diarybot.domain.entries import Entry
from diarybot.domain.period_figures import HIGH_PAIN_SCORE
from diarybot.reports.pdf_document import (
    FONT,
    HEADING_FILL,
    MARGIN,
    MUTED,
    RULE,
    STRIPE,
    TABLE_PT,
    ReportPDF,
    clean,
    heading,
)
from diarybot.texts import daily_items as item_texts
from diarybot.texts import report as rt

#: Widths in mm of Date, Time, Score, Techniques, Medication; the note takes the rest.
ENTRY_COLUMNS = (21.0, 12.0, 12.0, 40.0, 22.0)
#: The date column when the period spans two years and dates carry the year.
DATE_WITH_YEAR = 30.0
TABLE_LINE = 3.8
TABLE_PADDING = (0.9, 1.2)
#: The table starts on the summary's page when this much height (mm) is left there: its
#: heading, its header and a few rows. Less, and it starts on a page of its own.
START_ROOM = 45.0
#: A table row cannot break across pages (fpdf2 fails with "row too high"), so a long note
#: (a pasted medication list) continues in rows below its entry, this many lines to a row:
#: 40 lines of 3.8 mm fit any page below the running head and the repeated table header.
NOTE_LINES_PER_ROW = 40
#: Past this many lines a note is cut, with a pointer to the CSV file that holds all of it,
#: so one note of blank lines cannot fill dozens of pages.
NOTE_MAX_LINES = 120


def entries_table(
    pdf: ReportPDF, entries: Sequence[Entry], tz: ZoneInfo, *, with_year: bool
) -> None:
    """Every entry of the period, oldest first; the header repeats on every page."""
    if pdf.room_left < START_ROOM:
        pdf.add_page()
    heading(pdf, rt.entries_heading())
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
    row.cell(rt.time_of_day(local))
    if entry.score is None:
        row.cell(rt.no_score())
    else:
        high = entry.score >= HIGH_PAIN_SCORE
        row.cell(str(entry.score), style=FontFace(emphasis="BOLD") if high else None)
    # The daily items answered go under the techniques: what the patient reported beside pain.
    row.cell("\n".join(filter(None, [rt.entry_techniques(entry), *item_texts.entry_items(entry)])))
    row.cell(rt.yes_no(entry.medication))
    row.cell(note)
