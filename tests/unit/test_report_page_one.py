"""Page 1 of the specialist's PDF is the one-minute read, with no large blank area (#16).

Read back with pypdf: the words on page 1, the chart image among page 1's XObjects, and where
things are drawn (text positions and the image's placement matrix), so "no large blank area"
is a measurement, not a look.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from charts import render_trend
from diarybot.demo import demo_entries
from diarybot.domain.entries import Entry, Technique
from diarybot.domain.flares import flare_runs
from diarybot.domain.period_figures import period_figures
from diarybot.reports.pdf import pdf_report
from diarybot.runtime.render_tasks import chart_entries

BERLIN = ZoneInfo("Europe/Berlin")
MM = 72 / 25.4
#: A4 in points, and the band a page's content may use: below the top margin, above the footer.
PAGE_HEIGHT = 841.89
CONTENT_TOP = PAGE_HEIGHT - 15 * MM
CONTENT_BOTTOM = 18 * MM
CONTENT_WIDTH = (210 - 2 * 15) * MM
GENERATED = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Drawn:
    """What page 1 draws: text lines with their baseline, and placed images."""

    texts: list[tuple[float, str]]
    images: list[tuple[float, float, float, float]]  # x, y (bottom), width, height in pt

    def lowest(self) -> float:
        """The lowest y of anything but the footer (generation stamp and page number)."""
        ys = [y for y, text in self.texts if y > CONTENT_BOTTOM]
        ys += [y for _, y, _, _ in self.images]
        return min(ys)


def drawn(page) -> Drawn:
    texts: list[tuple[float, str]] = []
    images: list[tuple[float, float, float, float]] = []

    def on_text(text, cm, tm, _font, _size):
        if text.strip():
            texts.append((cm[5] + tm[5] * cm[3], text.strip()))

    def on_operator(op, args, cm, _tm):
        if op == b"Do":
            images.append((cm[4], cm[5], cm[0], cm[3]))

    page.extract_text(visitor_text=on_text, visitor_operand_before=on_operator)
    return Drawn(texts, images)


def image_xobjects(page) -> list[str]:
    resources = page["/Resources"]
    xobjects = resources.get("/XObject", DictionaryObject())
    return [name for name, ref in xobjects.items() if ref.get_object()["/Subtype"] == "/Image"]


def report(entries: list[Entry], start: date, end: date, tz: ZoneInfo, **options) -> PdfReader:
    period = [e for e in entries if start <= e.local_date <= end]
    data = pdf_report(
        patient_name="Alex Example",
        period_start=start,
        period_end=end,
        entries=entries,
        figures=period_figures(entries, start, end, previous=entries),
        chart_png=render_trend(chart_entries(period), tz, start, end),
        tz=tz,
        generated_at=GENERATED,
        **options,
    )
    return PdfReader(io.BytesIO(data))


@pytest.fixture(scope="module")
def busy_month():
    """The demo patient's October: 49 entries, every technique, three flare days."""
    entries = demo_entries()
    return entries, report(entries, date(2026, 10, 1), date(2026, 10, 31), ZoneInfo("UTC"))


def few_entries() -> list[Entry]:
    """Five entries over a week, one technique: a short report."""
    first = date(2026, 11, 23)
    return [
        Entry(
            id=f"w{n}",
            recorded_at=datetime.combine(first + timedelta(days=n), time(9), BERLIN).astimezone(
                UTC
            ),
            local_date=first + timedelta(days=n),
            score=4 + n % 3,
            techniques=(Technique.BREATHING,) if n % 2 else (),
            techniques_answered=True,
            note="Walked to the shop" if n == 2 else "",
        )
        for n in range(5)
    ]


def test_page_one_holds_the_key_figures_flares_techniques_and_the_chart(busy_month):
    entries, reader = busy_month
    page = reader.pages[0]
    text = page.extract_text()
    figures = period_figures(entries, date(2026, 10, 1), date(2026, 10, 31), previous=entries)
    assert "Alex Example" in text and "Thu, Oct 1, 2026 – Sat, Oct 31, 2026 (31 days)" in text
    assert "Key figures" in text and "Average pain 5.3" in text
    assert "25 of 31 (81%) · 49 entries" in text
    assert "Flares" in text and f"{figures.flare_days} flare days:" in text
    assert "Coping techniques" in text and "Breathing exercises 12 6.0 4.7" in text
    assert "not medical advice" in text
    assert len(image_xobjects(page)) == 1  # the chart is an image of page 1 itself
    assert len(drawn(page).images) == 1  # ... and drawn there, not only listed


def test_page_one_of_a_busy_month_leaves_no_large_blank_area(busy_month):
    _, reader = busy_month
    page = drawn(reader.pages[0])
    used = (CONTENT_TOP - page.lowest()) / (CONTENT_TOP - CONTENT_BOTTOM)
    assert used > 0.9
    ((_, y, width, height),) = page.images
    assert width > 0.7 * CONTENT_WIDTH  # every technique drawn: the chart is tall, still wide
    # The chart sits under the key figures, whose last row is drawn above it.
    (change_y,) = [ty for ty, t in page.texts if t.startswith("Change vs previous")]
    assert change_y > y + height


def test_a_short_period_fills_page_one_with_a_full_width_chart():
    entries = few_entries()
    reader = report(entries, date(2026, 11, 23), date(2026, 11, 29), BERLIN)
    page = drawn(reader.pages[0])
    ((_, _, width, _),) = page.images
    assert width == pytest.approx(CONTENT_WIDTH, rel=0.01)
    assert (CONTENT_TOP - page.lowest()) / (CONTENT_TOP - CONTENT_BOTTOM) > 0.9
    assert "Walked to the shop" in reader.pages[1].extract_text()


def test_the_entries_start_on_page_one_when_the_summary_leaves_room():
    entries = few_entries()
    start, end = date(2026, 11, 23), date(2026, 11, 29)
    data = pdf_report(
        patient_name="Alex Example",
        period_start=start,
        period_end=end,
        entries=entries,
        figures=period_figures(entries, start, end),
        chart_png=wide_png(),
        tz=BERLIN,
        generated_at=GENERATED,
    )
    reader = PdfReader(io.BytesIO(data))
    text = reader.pages[0].extract_text()
    assert "All entries" in text and "Walked to the shop" in text
    assert len(reader.pages) == 1


def wide_png() -> bytes:
    """A low, wide image standing in for a chart: it leaves room under it on page 1."""
    figure = Figure(figsize=(8, 2.5), dpi=50)
    figure.add_subplot().plot([0, 1, 2], [5, 3, 4])
    buffer = io.BytesIO()
    FigureCanvasAgg(figure).print_png(buffer)
    return buffer.getvalue()


def test_a_summary_only_report_keeps_the_chart_under_the_key_figures_and_no_notes():
    entries = few_entries()
    reader = report(entries, date(2026, 11, 23), date(2026, 11, 29), BERLIN, with_entries=False)
    page = drawn(reader.pages[0])
    text = reader.pages[0].extract_text()
    assert "All entries" not in text and "Walked to the shop" not in text
    ((_, y, _, height),) = page.images
    (figures_y,) = [ty for ty, t in page.texts if t == "Key figures"]
    # Directly under the band: the gap above the chart is the band's height, not more.
    assert figures_y - (y + height) < 100 * MM


def test_page_one_carries_the_reference_the_patient_gave():
    entries = few_entries()
    reader = report(
        entries, date(2026, 11, 23), date(2026, 11, 29), BERLIN, reference="born 1970-03-02"
    )
    assert "Reference born 1970-03-02" in reader.pages[0].extract_text()


def test_flare_days_are_named_as_runs_of_consecutive_days():
    days = [date(2026, 10, 7), date(2026, 10, 5), date(2026, 10, 6), date(2026, 10, 31)]
    assert flare_runs(days) == [
        (date(2026, 10, 5), date(2026, 10, 7)),
        (date(2026, 10, 31), date(2026, 10, 31)),
    ]
    assert flare_runs([]) == []
