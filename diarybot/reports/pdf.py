"""The specialist's PDF: a one-page summary, then every entry (pure; plain data in, bytes out).

Page 1 is built to be read in about a minute (PainScale's "reviewed by a physician in 60
seconds"): who and when, the key figures with the flares and the coping-technique
observations beside them, the chart under them at the page's width, the definitions and a
disclaimer (`pdf_summary`). The entry table follows straight after, on page 1 when there is
room, with its header repeated on each page (`pdf_entries`). Fonts and the page frame are in
`pdf_document`. All wording comes from `diarybot.texts.report` and `texts.report_page`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from diarybot.domain.entries import Entry
from diarybot.domain.period_figures import PeriodFigures
from diarybot.reports.pdf_document import ReportPDF, room_for_bidi
from diarybot.reports.pdf_entries import entries_table
from diarybot.reports.pdf_summary import summary_page
from diarybot.texts import report as rt


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
    reference: str = "",
) -> bytes:
    """The specialist report for `period_start`..`period_end` as PDF bytes.

    `sections` are extra (heading, lines) blocks for page 1, after the chart: the guided
    exercises and the weekly PEG, when the patient has any. Without `with_entries` (the
    patient shares the summary only) the entry table, and so every note, is left out.
    `reference` is the date of birth or clinic reference the patient asked reports to carry.

    `entries` may be the whole diary; only those whose local date lies in the period are
    listed. `figures` should be `period_figures(...)` for the same period, and `chart_png` the
    chart for it (or None to leave it out). Times are shown in `tz`; the footer shows
    `generated_at` there too, and it is the document's creation date (same input, same bytes).
    """
    if generated_at.tzinfo is None:
        raise ValueError("generated_at must be timezone-aware")
    name = rt.patient_name(patient_name)
    in_period = [e for e in entries if period_start <= e.local_date <= period_end]
    pdf = ReportPDF(
        running_head=rt.running_head().format(
            name=name,
            period=rt.short_period(period_start, period_end),
        ),
        generated=rt.generated_label(generated_at.astimezone(tz)),
        users_text=_users_text(name, reference, in_period, sections),
    )
    pdf.set_creation_date(generated_at)
    with room_for_bidi():
        pdf.add_page()
        summary_page(
            pdf,
            name=name,
            reference=reference,
            start=period_start,
            end=period_end,
            figures=figures,
            chart_png=chart_png,
            tz=tz,
            sections=sections,
        )
        if with_entries:  # summary only: no entries, no notes
            entries_table(pdf, in_period, tz, with_year=period_start.year != period_end.year)
        return bytes(pdf.output())


def _users_text(
    name: str,
    reference: str,
    entries: Sequence[Entry],
    sections: Sequence[tuple[str, Sequence[str]]],
) -> str:
    """Every text of the patient's own that the report prints: the document picks its fallback
    fonts and text shaping for the scripts in it."""
    return "".join(
        [
            name,
            reference,
            *(e.note for e in entries),
            *(line for _, lines in sections for line in lines),
        ]
    )
