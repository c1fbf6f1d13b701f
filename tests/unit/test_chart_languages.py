"""Every chart kind in every language (#15): the labels render with real glyphs (no empty
boxes), stay inside the image and overlap nothing, with the longest translations (German is
often the longest) and every row, panel and mark a chart can carry."""

from __future__ import annotations

import itertools
import warnings
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from matplotlib.text import Text

from charts import ChartEntry, ChartEvent
from charts.labels import TECHNIQUE_CODES
from charts.render import _RENDER_LOCK, chart_sheet
from diarybot.domain.treatments import Kind
from diarybot.texts import i18n
from diarybot.texts import treatments as treatment_texts
from diarybot.texts.chart import chart_labels

BERLIN = ZoneInfo("Europe/Berlin")
END = date(2026, 11, 30)
#: The periods the bot draws: /chart week and month, the report's 90 days, a year-long export.
PERIODS = {"week": 7, "month": 30, "quarter": 90, "year": 365}


def entries(days: int) -> list[ChartEntry]:
    """Two entries a day with every technique, medication without names, sleep and mood."""
    start = END - timedelta(days=days - 1)
    made = []
    for offset in range(days):
        day = start + timedelta(days=offset)
        for hour, score in ((8, 3 + offset % 5), (20, 4 + offset % 6)):
            made.append(
                ChartEntry(
                    at=datetime.combine(day, time(hour), tzinfo=BERLIN).astimezone(UTC),
                    score=score,
                    techniques=TECHNIQUE_CODES,
                    medication=True,
                    sleep=offset % 11,
                    mood=10 - offset % 11,
                )
            )
    return made


def events(days: int) -> list[ChartEvent]:
    """Treatment marks spread over the period, in the active language's short labels."""
    labels = treatment_texts.chart_labels()
    start = END - timedelta(days=days - 1)
    kinds = [Kind.INJECTION, Kind.PHYSIO_START, Kind.MEDICATION_CHANGED]
    step = max(days // 3, 2)
    return [
        ChartEvent(day=start + timedelta(days=1 + step * n), label=labels[kind])
        for n, kind in enumerate(kinds)
    ]


def text_boxes(sheet):
    sheet.canvas.draw()
    renderer = sheet.canvas.get_renderer()
    texts = [a for a in sheet.figure.artists if isinstance(a, Text) and a.get_text()]
    return [(t.get_text(), t.get_window_extent(renderer)) for t in texts]


@pytest.mark.parametrize("period", PERIODS)
@pytest.mark.parametrize("language", list(i18n.LANGUAGES))
def test_every_label_fits_in_every_language(language: str, period: str) -> None:
    days = PERIODS[period]
    start = END - timedelta(days=days - 1)
    with i18n.speaking(language), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        labels = chart_labels(days)
        marks = events(days)
        with _RENDER_LOCK:
            sheet = chart_sheet(
                entries(days), BERLIN, start, END, labels, items=("sleep", "mood"), events=marks
            )
            boxes = text_boxes(sheet)
    missing = [str(w.message) for w in caught if "missing from" in str(w.message)]
    assert missing == [], f"{language}: glyphs missing (empty boxes): {missing[:3]}"
    words = " ".join(text for text, _ in boxes)
    assert labels.title in words or labels.title_line.split("{")[0] in words
    width, height = sheet.figure.bbox.width, sheet.figure.bbox.height
    for text, box in boxes:
        assert box.x0 >= 0 and box.y0 >= 0, f"{language}: {text!r} is cut off"
        assert box.x1 <= width and box.y1 <= height, f"{language}: {text!r} is cut off"
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        assert not box_a.overlaps(box_b), f"{language} {period}: {a!r} overlaps {b!r}"


def test_the_chart_really_speaks_the_language() -> None:
    """The fit test above is only worth something if the labels it measures are translated."""
    with i18n.speaking("de"):
        german = chart_labels(7)
    with i18n.speaking("ru"):
        russian = chart_labels(7)
    english = chart_labels(7)
    assert german.title != english.title and russian.title != english.title
    assert german.month_abbr[4] != english.month_abbr[4]  # CLDR: "Mai" / "May"
    assert russian.techniques_heading != english.techniques_heading
