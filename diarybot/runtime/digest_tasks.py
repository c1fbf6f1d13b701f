"""What a render worker runs for a weekly digest: every patient's row, page and chart at once.

One render job per digest, not one per patient: the specialist's whole table has to be ranked
before the first page is drawn, and one job keeps 200 patients from occupying both render
workers 200 times (bench/digest.py measures it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from diarybot.domain.digest import DigestRow, PatientWeek, digest_row, ranked
from diarybot.runtime.render_tasks import chart_entries, chart_events
from diarybot.texts.chart import chart_labels


@dataclass(frozen=True)
class DigestFiles:
    """The ranked rows (for the message and its buttons) and the PDF."""

    rows: tuple[DigestRow, ...]
    pdf: bytes


def digest_files(
    weeks: Sequence[PatientWeek], start: date, end: date, tz_name: str, now: datetime
) -> DigestFiles:
    """Rank the patients and draw the digest PDF (runs in a render worker, in the language
    `RenderPool.run` carried: the specialist's)."""
    import charts  # noqa: PLC0415 - drawing libraries load in the workers only
    from diarybot.reports.digest_pdf import digest_pdf  # noqa: PLC0415

    by_id = {week.patient_id: week for week in weeks}
    rows = ranked([digest_row(week, start, end) for week in weeks])
    labels = chart_labels((end - start).days + 1)

    def chart(row: DigestRow) -> bytes | None:
        week = by_id[row.patient_id]
        period = [e for e in week.entries if start <= e.local_date <= end]
        if not period:
            return None
        tz = ZoneInfo(week.tz_name)
        marks = chart_events(week.events)  # treatments, as on the report's chart
        return charts.render_trend(chart_entries(period), tz, start, end, labels, events=marks)

    pdf = digest_pdf(
        rows=rows, start=start, end=end, charts=chart, tz=ZoneInfo(tz_name), generated_at=now
    )
    return DigestFiles(rows=tuple(rows), pdf=pdf)
