"""The chart's daily items panel (sleep quality and mood under the pain plot) and the strip's
medications by name: drawn when there is something to draw, and every label in its own room."""

import io
import itertools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from matplotlib.colors import to_rgb
from matplotlib.text import Text
from PIL import Image

from charts import ChartEntry, ChartLabels, daily_stats, render_trend
from charts.labels import TECHNIQUE_CODES
from charts.layout import REDDISH_PURPLE, Layout
from charts.render import _RENDER_LOCK, chart_sheet, strip_rows

BERLIN = ZoneInfo("Europe/Berlin")
START = date(2026, 11, 2)
END = START + timedelta(days=6)


def entry(offset, score=5, **kwargs):
    at = datetime.combine(START + timedelta(days=offset), time(20), tzinfo=BERLIN)
    return ChartEntry(at=at.astimezone(UTC), score=score, **kwargs)


def week_with_items():
    return [entry(d, sleep=2 + d, mood=8 - d) for d in range(7)]


def height(png):
    return Image.open(io.BytesIO(png)).height


def test_the_items_panel_is_drawn_under_the_pain_plot_when_asked_and_answered():
    entries = week_with_items()
    with_panel = render_trend(entries, BERLIN, START, END, items=("sleep", "mood"))
    assert height(with_panel) == Layout(days=7, rows=0, items=True).height_px
    # Not switched on: no panel, whatever the entries hold.
    assert height(render_trend(entries, BERLIN, START, END)) == Layout(7, 0).height_px
    # Switched on but never answered in the period: no empty panel.
    plain = [entry(d) for d in range(7)]
    no_answers = render_trend(plain, BERLIN, START, END, items=("sleep", "mood"))
    assert height(no_answers) == Layout(7, 0).height_px


def test_the_mood_line_is_drawn_in_its_own_colour_inside_the_panel():
    png = render_trend(week_with_items(), BERLIN, START, END, items=("mood",))
    panel = Layout(days=7, rows=0, items=True).item_panel
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    target = np.array([round(c * 255) for c in to_rgb(REDDISH_PURPLE)])
    close = (np.abs(pixels - target).sum(axis=2) < 40).nonzero()
    rows, cols = close
    inside = (rows >= panel.top) & (rows <= panel.bottom) & (cols >= panel.left)
    assert inside.sum() > 200  # the line itself, across the plot
    assert (cols[~inside] < panel.left).all()  # elsewhere only its key in the margin


def test_day_values_are_the_mean_of_the_days_answers():
    two = [entry(0, sleep=2), entry(0, sleep=5), entry(1, mood=7)]
    stats = daily_stats(two, BERLIN, START, START + timedelta(days=1))
    assert stats[0].item_mean("sleep") == 3.5 and stats[0].item_mean("mood") is None
    assert stats[1].item_mean("mood") == 7


def test_the_strip_names_each_medication_then_unnamed_medication_days():
    entries = [
        entry(0, medication=True, medications=("tramadol 50 mg",)),
        entry(1, medication=True, medications=("Ibuprofen 400 mg", "tramadol 50 mg")),
        entry(2, medication=True),  # a yes/no check-in: taken, not named
        entry(3, techniques=("breathing",)),
    ]
    rows = strip_rows(daily_stats(entries, BERLIN, START, END), ChartLabels())
    assert [(r.label, r.days, r.medication) for r in rows] == [
        ("Breathing", (3,), False),
        ("Ibuprofen 400 mg", (1,), True),
        ("tramadol 50 mg", (0, 1), True),
        ("Pain medication", (2,), True),
    ]


def text_boxes(sheet):
    sheet.canvas.draw()
    renderer = sheet.canvas.get_renderer()
    texts = [a for a in sheet.figure.artists if isinstance(a, Text) and a.get_text()]
    return [(t.get_text(), t.get_window_extent(renderer)) for t in texts]


LONG_NAMES = (
    "pregabalin 75 mg twice a day, more when it is bad",
    "Paracetamol 500 mg",
    "布洛芬缓释胶囊 300 毫克",
    "tramadol 50 mg",
)


@pytest.mark.parametrize("medications", [2, 4, 12], ids=["few", "four", "squeezed"])
def test_no_label_overlaps_another_or_leaves_the_image(medications):
    names = [*LONG_NAMES, *(f"medication number {n} 10 mg" for n in range(8))][:medications]
    entries = [
        entry(d, sleep=d + 1, mood=9 - d, techniques=TECHNIQUE_CODES, medications=tuple(names))
        for d in range(7)
    ]
    with _RENDER_LOCK:
        sheet = chart_sheet(entries, BERLIN, START, END, items=("sleep", "mood"))
        boxes = text_boxes(sheet)
    width, high = sheet.figure.bbox.width, sheet.figure.bbox.height
    for text, box in boxes:
        assert box.x0 >= 0 and box.y0 >= 0, text
        assert box.x1 <= width and box.y1 <= high, text
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        assert not box_a.overlaps(box_b), f"{a!r} overlaps {b!r}"
    assert sheet.height <= 1400
