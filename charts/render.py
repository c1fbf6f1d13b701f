"""Render a patient's pain diary for a period as one PNG a specialist can read at a glance.

Only ``matplotlib.figure.Figure`` on the Agg canvas (drawn by a ``RendererAgg``) is used, never
``pyplot``: pyplot keeps every figure in a global registry, which leaks in a long-running bot.
Matplotlib is not thread-safe (its font objects and caches are shared), so all matplotlib work
runs under one module lock and callers may use any thread. No global ``rcParams`` are touched,
so other matplotlib users in the process are unaffected, and the same data gives the same PNG
bytes.

Speed shapes the code (targets: a week ≤ 100 ms, 90 days ≤ 150 ms on a small 2-core server;
``bench/charts.py`` measures them).
An ``Axes`` costs ~10 ms to set up and each of its ticks is five artists, so the chart draws
plain lines and collections straight onto the figure through fixed pixel transforms
(``charts.layout``). Labels are matplotlib's own ``Text`` artists and the PNG is Pillow's, in
RGB at zlib level 1: our own text stamping and PNG encoder were about 4x faster (a week 21 ms
against 82 ms, a year 36 ms against 156 ms; BENCHMARKS.md), but charts are drawn in worker
processes, off the bot's loop, while matplotlib's text brings shaping (Arabic, Devanagari,
Thai) and per-character font fallback (``charts.fonts``) for every script a patient types.
Text is most of a chart's time, so what matplotlib lets a worker reuse is reused: the figure of
each chart height (``charts.canvases``), which keeps matplotlib's text metrics warm, and the
label widths the layout measures (``charts.sheet``).

This module prepares each panel's data and lays the chart out; the parts are drawn by
``header`` (title, key numbers, legend), ``pain_panel``, ``lower_panels`` (daily items and the
technique strip) and ``time_axis`` (gridlines and dates), in the styles of ``styles``.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import date
from zoneinfo import ZoneInfo

from charts import header, lower_panels, pain_panel, time_axis
from charts import layout as lay
from charts.labels import DEFAULT_LABELS, TECHNIQUE_CODES, ChartLabels
from charts.layout import Layout, MarkSizes
from charts.lower_panels import StripRow
from charts.model import ChartEntry, ChartEvent, DayStat, Summary, daily_stats, summarize
from charts.pain_panel import EventMark
from charts.sheet import Sheet
from charts.ticks import date_ticks

_RENDER_LOCK = threading.Lock()


#: The daily items the chart can draw in its second panel, in their order there.
ITEM_CODES: tuple[str, ...] = ("sleep", "mood")


def render_trend(
    entries: Sequence[ChartEntry],
    tz: ZoneInfo,
    start: date,
    end: date,
    labels: ChartLabels = DEFAULT_LABELS,
    *,
    items: Sequence[str] = (),
    events: Sequence[ChartEvent] = (),
) -> bytes:
    """Draw the pain diary from ``start`` to ``end`` (local days in ``tz``) as PNG bytes.

    The top plot shows each local day's mean score (line, broken at days without entries,
    which are shaded), its lowest–highest range (bar) and every single entry (dots), on a fixed
    0–10 scale; for periods over 14 days also the 7-day rolling mean (see
    ``charts.model.rolling_mean``), and the period mean (mean of daily means) as a dashed
    line. Below, one row per coping technique used and one for medication mark the days they
    were used (each medication the patient named on a row of its own). ``items`` names the
    daily items switched on (of ``ITEM_CODES``): those answered in the period are drawn in a
    small 0–10 panel under the pain plot. ``events`` (treatments) in the period are marked on
    the time axis: a dotted vertical line through the pain plot on their day, with their short
    label. Raises ``ValueError`` when no entry falls within the period: an empty chart would
    only look like "no pain".
    """
    with _RENDER_LOCK:
        return chart_sheet(entries, tz, start, end, labels, items=items, events=events).png()


def chart_sheet(
    entries: Sequence[ChartEntry],
    tz: ZoneInfo,
    start: date,
    end: date,
    labels: ChartLabels = DEFAULT_LABELS,
    *,
    items: Sequence[str] = (),
    events: Sequence[ChartEvent] = (),
) -> Sheet:
    """The chart drawn but not encoded (``render_trend``'s work; tests measure its labels).
    Callers hold ``_RENDER_LOCK`` or use it from one thread only."""
    stats = daily_stats(entries, tz, start, end)
    summary = summarize(stats)
    if not summary.days_logged:
        raise ValueError(f"no diary entries between {start} and {end} ({tz.key}) to chart")
    rows = strip_rows(stats, labels)
    drawn = [item for item in ITEM_CODES if item in items and _answered(stats, item)]
    return _draw(stats, summary, rows, labels, items=drawn, marks=event_marks(stats, events))


def _answered(stats: Sequence[DayStat], item: str) -> bool:
    return any(stat.item_mean(item) is not None for stat in stats)


def event_marks(stats: Sequence[DayStat], events: Sequence[ChartEvent]) -> list[EventMark]:
    """Events whose day is in the period, by day index; several on one day share one mark."""
    index = {stat.day: i for i, stat in enumerate(stats)}
    by_day: dict[int, list[str]] = {}
    for event in sorted(events, key=lambda e: e.day):
        if event.day in index:
            by_day.setdefault(index[event.day], []).append(event.label)
    # "+" is a symbol, not a word: it joins two treatments of one day in every language.
    return [EventMark(day, " + ".join(names)) for day, names in by_day.items()]


def strip_rows(stats: Sequence[DayStat], labels: ChartLabels) -> list[StripRow]:
    """Rows for the techniques used in the period (known ones in fixed order), then each
    medication by the patient's name for it (alphabetically), then unnamed medication."""
    used = {code for stat in stats for code in stat.techniques}
    ordered = [code for code in TECHNIQUE_CODES if code in used]
    ordered += sorted(used.difference(TECHNIQUE_CODES))
    rows = [
        StripRow(
            label=labels.technique(code),
            days=tuple(i for i, stat in enumerate(stats) if code in stat.techniques),
        )
        for code in ordered
    ]
    names = sorted(
        {n for stat in stats for n in stat.medications}, key=lambda n: (n.casefold(), n)
    )
    rows += [
        StripRow(
            label=name,
            days=tuple(i for i, stat in enumerate(stats) if name in stat.medications),
            medication=True,
        )
        for name in names
    ]
    # Days with medication taken but none named (a yes/no check-in) keep the general row.
    unnamed = tuple(i for i, s in enumerate(stats) if s.medication and not s.medications)
    if unnamed:
        rows.append(StripRow(label=labels.medication, days=unnamed, medication=True))
    return rows


def _draw(
    stats: Sequence[DayStat],
    summary: Summary,
    rows: Sequence[StripRow],
    labels: ChartLabels,
    *,
    items: Sequence[str],
    marks: Sequence[EventMark] = (),
) -> Sheet:
    """Build and draw the whole chart. Needs ``_RENDER_LOCK``."""
    layout = Layout(days=len(stats), rows=len(rows), items=bool(items))
    sheet = Sheet(layout)
    sizes = MarkSizes(day_px=lay.PLOT_WIDTH_PX / len(stats))
    ticks = date_ticks([stat.day for stat in stats], labels)
    series = pain_panel.Series.of(stats)
    pain = layout.pain
    time_axis.draw_frame(sheet, pain, ticks)
    pain_panel.draw_pain_scale(sheet, pain, labels)
    pain_panel.draw_gaps(sheet, pain, stats, labels)
    pain_panel.draw_pain_data(sheet, pain, stats, series, sizes)
    pain_panel.draw_events(sheet, pain, marks)
    if summary.mean is not None:
        pain_panel.draw_period_mean(sheet, pain, summary.mean, labels)
    bottom = pain
    if items:
        bottom = layout.item_panel
        time_axis.draw_frame(sheet, bottom, ticks)
        lower_panels.draw_items(sheet, bottom, stats, items, sizes=sizes, labels=labels)
    if rows:
        bottom = layout.strip
        time_axis.draw_frame(sheet, bottom, ticks)
        lower_panels.draw_strip(sheet, bottom, rows, sizes, labels, label_pt=layout.row_label_pt)
    time_axis.draw_dates(sheet, bottom, ticks)
    header.draw_header(sheet, stats, summary, labels)
    header.draw_legend(sheet, header.legend_keys(series, sizes, labels))
    return sheet
