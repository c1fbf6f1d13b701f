"""The weekly digest as one PDF (pure; plain data in, bytes out).

Page 1 (and more, for a long list) is the table of every patient, most in need first, the same
table the digest message shows; then one page per patient with their key figures and chart.
Built from the pieces of the report (`pdf_document`: fonts, page frame, chart; `pdf_summary`:
the key-figure table), so a patient's page reads like page 1 of their own report. No entries
or notes appear here: the digest carries only what every sharing level includes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from fpdf import FontFace
from fpdf.enums import Align, TableBordersLayout, TableCellFillMode, XPos, YPos

from diarybot.domain.digest import DigestRow
from diarybot.reports.pdf_document import (
    BODY_PT,
    FONT,
    FOOTER_MARGIN,
    HEADING_FILL,
    MARGIN,
    MUTED,
    RULE,
    SMALL_PT,
    STRIPE,
    TABLE_PT,
    TITLE_PT,
    ReportPDF,
    chart,
    clean,
    heading,
)
from diarybot.reports.pdf_summary import key_figures
from diarybot.texts import digest as dt
from diarybot.texts import report as rt

logger = logging.getLogger(__name__)

#: Widths in mm of #, Flare days, Δ mean, Days ≥ 7, Logged, PEG Δ; the name takes the rest.
COLUMNS = (8.0, 18.0, 18.0, 18.0, 16.0, 18.0)


def digest_pdf(
    *,
    rows: Sequence[DigestRow],
    start: date,
    end: date,
    charts: Callable[[DigestRow], bytes | None],
    tz: ZoneInfo,
    generated_at: datetime,
) -> bytes:
    """The table, then one page per patient (`charts(row)` draws their chart, or None)."""
    period = rt.short_period(start, end)
    pdf = ReportPDF(
        running_head=dt.running_head().format(period=period),
        generated=rt.generated_label(generated_at.astimezone(tz)),
        # Patients' names and references are the only words of theirs here: the fallback
        # fonts (any script) are chosen for them.
        users_text="".join(f"{row.name}{row.reference}" for row in rows),
    )
    pdf.set_title(dt.title())
    pdf.set_creation_date(generated_at)
    pdf.add_page()
    _table_page(pdf, rows, start, end)
    for rank, row in enumerate(rows, start=1):
        pdf.add_page()
        try:
            _patient_page(pdf, rank, row, charts(row))
        except Exception:  # one patient's page must never cost the others theirs
            logger.exception("A digest page could not be drawn")
            pdf.set_font(FONT, size=BODY_PT)
            pdf.multi_cell(0, 5, dt.page_failed(), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


def _table_page(pdf: ReportPDF, rows: Sequence[DigestRow], start: date, end: date) -> None:
    pdf.set_font(FONT, "B", TITLE_PT)
    pdf.cell(0, 9, dt.title(), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=BODY_PT + 1)
    period = dt.period_line().format(period=rt.period_label(start, end))
    pdf.cell(0, 6, period, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=SMALL_PT + 0.5)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(0, 3.8, dt.order_note(), align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(33, 33, 33)
    pdf.ln(2)
    pdf.set_font(FONT, size=TABLE_PT)
    pdf.set_draw_color(*RULE)
    name_width = pdf.w - 2 * MARGIN - sum(COLUMNS)
    widths = (COLUMNS[0], name_width, *COLUMNS[1:])
    with pdf.table(
        col_widths=widths,
        text_align=("RIGHT", "LEFT", "CENTER", "CENTER", "CENTER", "CENTER", "CENTER"),
        borders_layout=TableBordersLayout.HORIZONTAL_LINES,
        cell_fill_color=STRIPE,
        cell_fill_mode=TableCellFillMode.ROWS,
        headings_style=FontFace(emphasis="BOLD", fill_color=HEADING_FILL),
        line_height=3.8,
        padding=(0.9, 1.2),
        align=Align.L,
    ) as table:
        header = table.row()
        for column in dt.columns():
            header.cell(column)
        for rank, row in enumerate(rows, start=1):
            cells = dt.table_cells(rank, row)
            line = table.row()
            for index, text in enumerate(cells):
                bold = dt.important_mark() in text or (
                    index == 2 and text not in ("0", dt.no_entries())
                )
                line.cell(clean(text), style=FontFace(emphasis="BOLD") if bold else None)


def _patient_page(pdf: ReportPDF, rank: int, row: DigestRow, chart_png: bytes | None) -> None:
    pdf.set_font(FONT, "B", TITLE_PT - 2)
    title = dt.patient_title().format(rank=rank, name=rt.patient_name(row.name))
    pdf.cell(0, 8, clean(title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if row.reference:
        pdf.set_font(FONT, size=BODY_PT)
        text = dt.reference_line().format(reference=row.reference)
        pdf.cell(0, 5, clean(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=BODY_PT)
    period = rt.period_label(row.figures.start, row.figures.end)
    pdf.cell(0, 5, period, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    heading(pdf, rt.key_figures())
    key_figures(pdf, row.figures)
    if chart_png is not None:
        chart(pdf, chart_png, pdf.h - FOOTER_MARGIN - pdf.get_y() - 4)
