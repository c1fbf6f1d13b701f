"""Page 1 of the specialist's PDF: the one-minute read (pure; draws on a `ReportPDF`).

Who and when on top; then a band of two columns, the key figures on the left and beside them
the flares and the coping-technique observations; the chart directly under that band at the
page's width (smaller only when the page has no room for it, never below a legible height);
then the definitions and disclaimer, and any extra sections. Nothing is pushed to the foot of
the page, so whatever follows (the entry table) starts right after and the page holds no
large blank area.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import cast
from zoneinfo import ZoneInfo

from fpdf import FPDF, FontFace
from fpdf.enums import Align, TableBordersLayout, XPos, YPos

from diarybot.domain.flares import flare_runs
from diarybot.domain.period_figures import PeriodFigures
from diarybot.reports.pdf_document import (
    BODY_PT,
    FONT,
    INK,
    MARGIN,
    MUTED,
    RULE,
    SMALL_PT,
    TABLE_PT,
    TITLE_PT,
    ReportPDF,
    bullets,
    chart,
    chart_height,
    clean,
    heading,
)
from diarybot.texts import report as rt
from diarybot.texts import report_page as rp
from diarybot.texts import technique_names

#: Below this height on page 1 the chart's labels become unreadable; it moves to page 2.
MIN_CHART_HEIGHT = 60.0
KEY_LABEL_WIDTH = 62.0
#: The key figures' share of the band when the flares and techniques stand beside them.
KEY_COLUMN_WIDTH = 100.0
KEY_COLUMN_LABEL = 46.0
#: Proportions of Technique, Days used, Pain with, Pain without in the technique table.
TECHNIQUE_COLUMNS = (34.0, 13.0, 14.0, 16.0)
COLUMN_GAP = 5.0
KEY_LINE = 4.4
#: A section starts on the next page when less than this (mm: its heading and two lines) is left.
SECTION_MIN_ROOM = 20.0


def summary_page(
    pdf: ReportPDF,
    *,
    name: str,
    reference: str,
    start: date,
    end: date,
    figures: PeriodFigures,
    chart_png: bytes | None,
    tz: ZoneInfo,
    sections: Sequence[tuple[str, Sequence[str]]],
) -> None:
    """Page 1: everything a specialist needs at a glance, from the top of the page down."""
    title_block(pdf, name, reference, (start, end), tz)
    _band(pdf, figures)
    footnote_height = footnotes(pdf, figures, dry_run=True)
    full_width = chart_height(chart_png, pdf.content_width) if chart_png else 0.0
    room = min(full_width, pdf.room_left - footnote_height - 4)
    # A chart lower than the minimum at full width (a short period, no techniques) fits as is.
    chart_fits = room >= min(MIN_CHART_HEIGHT, full_width)
    if chart_png is not None and chart_fits:
        chart(pdf, chart_png, room)
    pdf.ln(1)
    footnotes(pdf, figures)
    if chart_png is not None and not chart_fits:
        # Rare (long key figures and every technique used): a legible chart on the next page
        # beats a thumbnail on this one, and the disclaimer stays on page 1.
        pdf.add_page()
        chart(pdf, chart_png, pdf.room_left - 4)
    pdf.ln(2)
    for title, lines in sections:
        if pdf.room_left < SECTION_MIN_ROOM:  # no heading left alone at the foot of a page
            pdf.add_page()
        heading(pdf, title)
        bullets(pdf, lines)


def title_block(
    pdf: FPDF, name: str, reference: str, period: tuple[date, date], tz: ZoneInfo
) -> None:
    """Title, patient (and their reference, when they gave one), period and scale."""
    pdf.set_font(FONT, "B", TITLE_PT)
    pdf.cell(0, 9, rt.title(), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)
    rows = [(rt.patient(), name)]
    if reference.strip():
        rows.append((rp.reference(), reference.strip()))
    rows.append((rt.period(), rt.period_label(*period)))
    for label, value in rows:
        pdf.set_font(FONT, "B", BODY_PT + 1)
        pdf.cell(24, 6, label)
        pdf.set_font(FONT, size=BODY_PT + 1)
        pdf.cell(0, 6, clean(value), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=SMALL_PT + 0.5)
    pdf.set_text_color(*MUTED)
    scale = f"{rt.scale()} {rt.times_in().format(tz=tz.key)}"
    pdf.cell(0, 5, scale, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    pdf.ln(3)


def _band(pdf: ReportPDF, figures: PeriodFigures) -> None:
    """Key figures on the left; flares and techniques beside them; below the taller side."""
    top = pdf.get_y()
    heading(pdf, rt.key_figures(), width=KEY_COLUMN_WIDTH)
    key_figures(pdf, figures, width=KEY_COLUMN_WIDTH, label_width=KEY_COLUMN_LABEL, size=TABLE_PT)
    left_bottom = pdf.get_y()
    right = MARGIN + KEY_COLUMN_WIDTH + COLUMN_GAP
    width = pdf.w - MARGIN - right
    pdf.set_xy(right, top)
    heading(pdf, rp.flares_heading(), width=width)
    flares(pdf, figures, left=right, width=width)
    pdf.set_x(right)
    heading(pdf, rt.techniques(), width=width)
    techniques(pdf, figures, left=right, width=width)
    pdf.set_xy(MARGIN, max(left_bottom, pdf.get_y()))


def key_figures(
    pdf: FPDF,
    figures: PeriodFigures,
    *,
    width: float | None = None,
    label_width: float = KEY_LABEL_WIDTH,
    size: float = BODY_PT,
) -> None:
    """Label/value rows with hairlines between them; an important change is set in bold."""
    pdf.set_font(FONT, size=size)
    pdf.set_draw_color(*RULE)
    rows = rt.key_figure_rows(figures)
    important = figures.change is not None and figures.change.clinically_important
    total = pdf.w - 2 * MARGIN if width is None else width
    with pdf.table(
        col_widths=(label_width, total - label_width),
        width=total,
        first_row_as_headings=False,
        borders_layout=TableBordersLayout.HORIZONTAL_LINES,
        text_align=(Align.L, Align.L),
        line_height=KEY_LINE * size / BODY_PT,
        padding=(0.7, 1.5),
        align=Align.L,
    ) as table:
        for index, (label, value) in enumerate(rows):
            row = table.row()
            row.cell(label, style=FontFace(color=MUTED))
            bold = important and index == len(rows) - 1
            row.cell(value, style=FontFace(emphasis="BOLD") if bold else None)
    pdf.ln(3)


def flares(pdf: FPDF, figures: PeriodFigures, *, left: float, width: float) -> None:
    """The flare days of the period, as runs of consecutive days."""
    pdf.set_font(FONT, size=BODY_PT)
    if figures.flare_dates:
        runs = rp.flare_runs(flare_runs(figures.flare_dates))
        text = rp.flare_days(figures.flare_days, runs)
    else:
        text = rp.flares_none()
    pdf.set_x(left)
    pdf.multi_cell(width, KEY_LINE, text, align=Align.L, new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.ln(3)


def techniques(pdf: FPDF, figures: PeriodFigures, *, left: float, width: float) -> None:
    """Pain on days with and without each technique, as a compact table, and the caveat.

    Averages appear only where `comparison_shown` (enough days with and without); the caveat
    that says so, and that these are observations, not effects, is among the footnotes.
    """
    pdf.set_font(FONT, size=BODY_PT)
    pdf.set_x(left)
    if not figures.techniques:
        pdf.multi_cell(
            width, 5, rt.techniques_none(), align=Align.L, new_x=XPos.LEFT, new_y=YPos.NEXT
        )
        pdf.ln(3)
        return
    pdf.set_font(FONT, size=TABLE_PT)
    pdf.set_draw_color(*RULE)
    with pdf.table(
        col_widths=TECHNIQUE_COLUMNS,
        width=width,
        text_align=(Align.L, Align.C, Align.C, Align.C),
        borders_layout=TableBordersLayout.HORIZONTAL_LINES,
        headings_style=FontFace(emphasis="BOLD", color=MUTED),
        line_height=3.6,
        padding=(0.6, 1.0),
        align=Align.L,
    ) as table:
        header = table.row()
        for column in rp.technique_columns():
            header.cell(column)
        for item in figures.techniques:
            row = table.row()
            row.cell(technique_names()[item.technique])
            row.cell(str(item.days_used))
            shown = item.comparison_shown
            row.cell(rt.number(item.mean_with) if shown else rt.no_value())
            row.cell(rt.number(item.mean_without) if shown else rt.no_value())
    pdf.ln(3)


def footnotes(pdf: FPDF, figures: PeriodFigures, *, dry_run: bool = False) -> float:
    """The techniques caveat, definitions and disclaimer under the chart; returns their height."""
    height = 0.0
    notes = [
        (rt.definitions(), "", SMALL_PT, 3.4, MUTED),
        (rt.disclaimer(), "B", SMALL_PT + 0.5, 4.2, INK),
    ]
    if figures.techniques:
        notes.insert(0, (rt.techniques_caveat(), "", SMALL_PT, 3.4, MUTED))
    for text, style, size, line, color in notes:
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
