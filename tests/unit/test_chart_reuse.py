"""What keeps a render worker's charts fast (BENCHMARKS.md, "Chart render time on a slower
machine"): the figure of a chart's size is kept, so matplotlib's per-renderer text metrics
stay warm, and label widths are measured once per process. Counted, not timed."""

from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from matplotlib.backends.backend_agg import RendererAgg

from charts import canvases, render_trend
from charts.sample import synthetic_entries

BERLIN = ZoneInfo("Europe/Berlin")
END = date(2026, 11, 29)


@pytest.fixture
def measurements(monkeypatch):
    """Every text FreeType is asked to measure, as (text, size in points)."""
    measured: list[tuple[str, float]] = []
    original = RendererAgg.get_text_width_height_descent

    def counting(self, s, prop, ismath):
        measured.append((s, prop.get_size_in_points()))
        return original(self, s, prop, ismath)

    monkeypatch.setattr(RendererAgg, "get_text_width_height_descent", counting)
    return measured


def test_a_second_chart_of_the_same_period_measures_no_text_again(measurements):
    entries = synthetic_entries(END - timedelta(days=29), 30, BERLIN)
    canvases.forget()
    first = render_trend(entries, BERLIN, END - timedelta(days=6), END)
    assert measurements, "the first chart measures its labels"
    measurements.clear()
    assert render_trend(entries, BERLIN, END - timedelta(days=6), END) == first
    assert measurements == []


def test_only_a_few_figures_are_kept():
    canvases.forget()
    for height in range(600, 600 + 3 * canvases.KEPT_SIZES):
        canvases.blank_canvas(height)
    kept = [canvases.blank_canvas(height) for height in (600, 600 + 3 * canvases.KEPT_SIZES - 1)]
    assert len(canvases._KEPT) == canvases.KEPT_SIZES
    assert kept[0] is not kept[1]


def test_a_kept_figure_is_handed_out_empty():
    canvases.forget()
    canvas = canvases.blank_canvas(700)
    canvas.figure.text(0.5, 0.5, "left over")
    again = canvases.blank_canvas(700)
    assert again is canvas
    assert again.figure.artists == [] and again.figure.texts == []
