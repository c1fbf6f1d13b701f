"""The rendered chart: a valid PNG of the promised size, deterministic, thread-safe, and drawing
gaps as gaps. Plus the pieces it is made of (strip rows, sample data)."""

import ast
import io
import struct
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from matplotlib.colors import to_rgb
from PIL import Image

import charts
from charts import ChartEntry, ChartLabels, daily_stats, fonts, render_trend
from charts.layout import BLUE, Layout
from charts.pain_panel import Series
from charts.render import strip_rows
from charts.sample import render_samples, synthetic_entries
from charts.sheet import ELLIPSIS, Sheet

BERLIN = ZoneInfo("Europe/Berlin")
START = date(2026, 11, 2)  # a Monday
CHARTS_DIR = Path(charts.__file__).parent


def entry(day, score, hour=12, **kwargs):
    at = datetime.combine(day, time(hour), tzinfo=BERLIN).astimezone(UTC)
    return ChartEntry(at=at, score=score, **kwargs)


def week(offsets_scores, **kwargs):
    return [entry(START + timedelta(days=d), s, **kwargs) for d, s in offsets_scores]


def decode(png):
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


def png_chunk_types(png):
    types, offset = [], 8
    while offset < len(png):
        (length,) = struct.unpack(">I", png[offset : offset + 4])
        types.append(png[offset + 4 : offset + 8])
        offset += 12 + length
    return types


@pytest.fixture(scope="module")
def quarter_entries():
    return synthetic_entries(START - timedelta(days=89), 90, BERLIN)


# --- the PNG ----------------------------------------------------------------------------------


def test_chart_is_a_png_1280_wide_of_the_layout_height():
    entries = week([(0, 3), (1, 5)], techniques=("breathing", "tens"), medication=True)
    png = render_trend(entries, BERLIN, START, START + timedelta(days=6))
    image = decode(png)
    assert image.format == "PNG"
    assert image.size == (1280, Layout(days=7, rows=3).height_px)
    assert image.size[1] == 165 + 520 + 52 + 3 * 38 + 80


def test_chart_without_techniques_has_no_strip():
    png = render_trend(week([(0, 3)]), BERLIN, START, START + timedelta(days=6))
    assert decode(png).size == (1280, 765)


def test_many_technique_rows_keep_the_height_capped():
    codes = tuple(f"custom-{n}" for n in range(30))
    png = render_trend(week([(0, 3)], techniques=codes), BERLIN, START, START + timedelta(days=6))
    assert decode(png).size == (1280, 1400)


def test_png_carries_no_metadata():
    png = render_trend(week([(0, 3)]), BERLIN, START, START + timedelta(days=6))
    chunks = set(png_chunk_types(png))
    assert chunks <= {b"IHDR", b"pHYs", b"IDAT", b"IEND"}  # no text, no time stamp
    assert b"matplotlib" not in png.lower()


def test_same_data_gives_the_same_bytes_whatever_was_rendered_before(quarter_entries):
    end = START - timedelta(days=1)
    first = render_trend(quarter_entries, BERLIN, end - timedelta(days=29), end)
    render_trend(quarter_entries, BERLIN, end - timedelta(days=6), end)  # other text, other sizes
    render_trend(week([(0, 1)]), BERLIN, START, START, ChartLabels(title="Schmerztagebuch"))
    assert render_trend(quarter_entries, BERLIN, end - timedelta(days=29), end) == first


def test_different_data_gives_a_different_chart():
    one = render_trend(week([(0, 3)]), BERLIN, START, START + timedelta(days=6))
    other = render_trend(week([(0, 4)]), BERLIN, START, START + timedelta(days=6))
    assert one != other


def test_one_entry_renders():
    png = render_trend(week([(3, 7)]), BERLIN, START, START + timedelta(days=29))
    assert decode(png).size == (1280, 765)


def test_single_day_period_renders():
    assert decode(render_trend(week([(0, 0)]), BERLIN, START, START)).width == 1280


def test_a_year_renders():
    year = synthetic_entries(date(2026, 1, 1), 365, BERLIN, seed=3)
    png = render_trend(year, BERLIN, date(2026, 1, 1), date(2026, 12, 31))
    assert decode(png).width == 1280


def test_no_entries_is_an_error_not_an_empty_chart():
    with pytest.raises(ValueError, match="no diary entries"):
        render_trend([], BERLIN, START, START + timedelta(days=6))


def test_entries_only_outside_the_period_is_an_error():
    with pytest.raises(ValueError, match="no diary entries"):
        render_trend(week([(10, 5)]), BERLIN, START, START + timedelta(days=6))


def test_rendering_from_several_threads_at_once_gives_the_sequential_results(quarter_entries):
    end = START - timedelta(days=1)
    periods = [(end - timedelta(days=n - 1), end) for n in (7, 30, 90, 14) * 2]

    def render(period):
        return render_trend(quarter_entries, BERLIN, *period)

    expected = [render(period) for period in periods]
    switch_interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads often, so unguarded shared state would show
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            assert list(pool.map(render, periods)) == expected
    finally:
        sys.setswitchinterval(switch_interval)


def test_translated_labels_are_used():
    labels = ChartLabels(title="Schmerztagebuch", month_abbr=tuple("ABCDEFGHIJKL"), no_pain="$0$")
    english = render_trend(week([(0, 3)]), BERLIN, START, START + timedelta(days=6))
    german = render_trend(week([(0, 3)]), BERLIN, START, START + timedelta(days=6), labels)
    assert german != english


def test_labels_need_twelve_months_and_seven_weekdays():
    with pytest.raises(ValueError, match="12"):
        ChartLabels(month_abbr=("Jan",))
    with pytest.raises(ValueError, match="7"):
        ChartLabels(weekday_abbr=("Mon",))


# --- what is drawn ----------------------------------------------------------------------------


def blue_pixels_in_column(png, x, top, bottom):
    column = np.asarray(decode(png).convert("RGB"))[round(top) : round(bottom), round(x)]
    blue = [round(c * 255) for c in to_rgb(BLUE)]
    distance = np.abs(column.astype(int) - blue).sum(axis=1)
    return int((distance < 60).sum())


def test_a_day_without_entries_is_a_gap_in_the_line_not_zero_or_a_bridge():
    panel = Layout(days=7, rows=0).pain
    top, bottom = panel.top, panel.bottom
    bridged = render_trend(week([(0, 2), (1, 5), (2, 8)]), BERLIN, START, START + timedelta(6))
    gapped = render_trend(week([(0, 2), (2, 8)]), BERLIN, START, START + timedelta(6))
    # The control proves the probe sees the mean line where one is drawn.
    assert blue_pixels_in_column(bridged, panel.x_px(0.5), top, bottom) > 0
    for x in (0.5, 1.0, 1.5):
        assert blue_pixels_in_column(gapped, panel.x_px(x), top, bottom) == 0


def test_series_marks_gaps_and_shows_rolling_only_after_two_weeks():
    two_weeks = daily_stats(
        week([(d, 5) for d in range(14)]), BERLIN, START, START + timedelta(13)
    )
    longer = daily_stats(week([(d, 5) for d in range(15)]), BERLIN, START, START + timedelta(14))
    assert Series.of(two_weeks).rolling is None
    assert Series.of(longer).rolling is not None
    gappy = Series.of(daily_stats(week([(0, 5)]), BERLIN, START, START + timedelta(1)))
    assert gappy.has_gaps
    assert np.isnan(gappy.means[1])


def test_strip_has_a_row_per_used_technique_in_fixed_order_then_medication():
    entries = [
        *week([(0, 5)], techniques=("tens", "zumba")),
        *week([(1, 5)], techniques=("breathing",), medication=True),
        *week([(2, 5)], techniques=("aqua",)),
    ]
    rows = strip_rows(daily_stats(entries, BERLIN, START, START + timedelta(6)), ChartLabels())
    assert [row.label for row in rows] == ["Breathing", "TENS", "aqua", "zumba", "Pain medication"]
    assert [row.days for row in rows] == [(1,), (0,), (2,), (0,), (1,)]
    assert rows[-1].medication


def test_strip_is_left_out_when_nothing_was_used():
    assert strip_rows(daily_stats(week([(0, 5)]), BERLIN, START, START), ChartLabels()) == []


# --- building blocks --------------------------------------------------------------------------


def test_charts_import_neither_pyplot_nor_the_bot():
    forbidden = ("matplotlib.pyplot", "telegram", "tinydb", "diarybot")
    for path in CHARTS_DIR.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert not name.startswith(forbidden), f"{path.name} imports {name}"


# --- sample data ------------------------------------------------------------------------------


def test_synthetic_patient_is_reproducible_and_believable():
    entries = synthetic_entries(START, 60, BERLIN)
    assert entries == synthetic_entries(START, 60, BERLIN)
    assert entries != synthetic_entries(START, 60, BERLIN, seed=8)
    stats = daily_stats(entries, BERLIN, START, START + timedelta(59))
    counts = [len(s.scores) for s in stats]
    assert 0 in counts  # some days without entries
    assert max(counts) <= 3
    assert sum(1 for c in counts if c) >= 45  # most days logged
    assert any(s.medication for s in stats)
    assert any(s.techniques for s in stats)


def test_render_samples_writes_the_three_documentation_charts(tmp_path):
    paths = render_samples(tmp_path)
    assert [p.name for p in paths] == ["sample-week.png", "sample-month.png", "sample-quarter.png"]
    for path in paths:
        assert decode(path.read_bytes()).width == 1280


# --- every script a patient types -------------------------------------------------------------

#: A word (a medication or technique name a patient might type) in each script we promise.
SCRIPTS = {
    "Greek": "Παρακεταμόλη",
    "Cyrillic": "Ибупрофен",
    "Arabic": "باراسيتامول",
    "Hebrew": "אקמול",
    "Chinese": "布洛芬缓释胶囊",
    "Japanese": "ロキソニン錠",
    "Korean": "타이레놀",
    "Hindi": "दर्द निवारक",
    "Thai": "พาราเซตามอล",
    "Emoji": "💊🔥❤️👍🏽",
}


def strip_label_box(rows, index=0):
    """Pixel box (top, bottom, left, right) where row ``index``'s label is drawn."""
    panel = Layout(days=7, rows=rows).strip
    y = panel.y_px(index)
    return round(y - 14), round(y + 14), 0, round(panel.left - 4)


def ink(png, box):
    top, bottom, left, right = box
    grey = np.asarray(decode(png).convert("L"))[top:bottom, left:right]
    return int((grey < 128).sum())


@pytest.mark.parametrize("script", SCRIPTS)
def test_the_fonts_cover_every_script_a_patient_types(script):
    assert fonts.missing_characters(SCRIPTS[script]) == set()


def test_a_character_no_font_has_is_reported_missing():
    assert fonts.missing_characters("ok \U000f0000") == {"\U000f0000"}  # private use plane


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_strip_label_in_any_script_is_drawn_not_blank(script):
    # matplotlib warns "Glyph ... missing from font(s)" for a character it must draw as a box,
    # and the suite turns warnings into errors; the ink check catches a label drawn as nothing.
    name = SCRIPTS[script]
    png = render_trend(week([(0, 4)], techniques=(name,)), BERLIN, START, START)
    assert ink(png, strip_label_box(1)) > 40
    # The same chart with an unprintable name draws a different label: the ink is the word's.
    other = render_trend(week([(0, 4)], techniques=("?",)), BERLIN, START, START)
    assert ink(png, strip_label_box(1)) > 2 * ink(other, strip_label_box(1))


def test_a_label_with_dollar_signs_is_text_not_mathematics():
    png = render_trend(week([(0, 4)], techniques=("$5 pills $",)), BERLIN, START, START)
    assert ink(png, strip_label_box(1)) > 40


LONG_NAMES = ["Paracetamol 500 mg twice daily " * 6, "布洛芬缓释胶囊" * 12]


@pytest.mark.parametrize("name", LONG_NAMES, ids=["latin", "chinese"])
def test_a_very_long_label_is_cut_to_fit_its_margin(name):
    png = render_trend(week([(0, 4)], techniques=(name, "tens")), BERLIN, START, START)
    top, bottom, _, right = strip_label_box(2, index=1)  # "tens" is a known code: row 0
    pixels = np.asarray(decode(png).convert("L"))
    # Nothing runs off the left edge, and nothing over the plot to the right of the margin.
    assert pixels[top:bottom, :16].min() > 200
    assert ink(png, (top, bottom, right, right + 6)) == 0
    assert ink(png, (top, bottom, 0, right)) > 200
    # The row above keeps its own line.
    _, above_bottom, _, _ = strip_label_box(2, index=0)
    assert ink(png, (above_bottom, top, 0, right)) == 0


def test_a_cut_label_ends_in_an_ellipsis_and_fits():
    sheet = Sheet(Layout(days=7, rows=1))
    fitted = sheet.fit("दर्द निवारक " * 20, 14, 200)
    assert fitted.endswith(ELLIPSIS)
    assert sheet.text_width(fitted, 14) <= 200
    assert sheet.fit("short", 14, 200) == "short"
