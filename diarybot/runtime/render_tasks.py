"""What the render workers run for a chart, and what every worker task shares: the reader's
language made active (`in_language`) and the warm-up; plain, picklable data in and out (a
report's files are `report_tasks`, the weekly digest's `digest_tasks`).

The bot imports this module only to name these functions. matplotlib (through `charts`) is
imported inside them, so it is loaded in the workers and never in the bot process.

Language: a worker has no update to take the language from, and a context variable does not
cross into another process. `RenderPool.run` sends the language active where the render was
asked for (the patient's, or inside ``speaking(specialist.language)`` the specialist's) with
every task, and `in_language` makes it active in the worker, so a chart's labels, a PDF's words,
the CSV header and every date and number are the reader's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar
from zoneinfo import ZoneInfo

from diarybot.domain.daily_items import DailyItem
from diarybot.domain.entries import Entry, entries_between, scored
from diarybot.domain.people import Profile
from diarybot.domain.treatments import TreatmentEvent, in_period
from diarybot.storage.atomic import StorageError, parse_file
from diarybot.storage.diary_layout import ENTRIES_TABLE
from diarybot.storage.treatments import events_from_tables
from diarybot.texts import treatments as treatment_texts
from diarybot.texts.chart import chart_labels
from diarybot.texts.i18n import speaking

if TYPE_CHECKING:
    import charts

T = TypeVar("T")

# The diary could not be read here; the bot reads it itself (and sets a torn file aside).
UNREADABLE: Literal["unreadable"] = "unreadable"
#: The daily items a chart draws (as lines); where the pain is stays in the reports.
CHARTED_ITEMS = (DailyItem.SLEEP, DailyItem.MOOD)


def in_language(language: str, call: Callable[[], T]) -> T:
    """`call()` with `language` active: texts, dates and numbers made in it are in `language`."""
    with speaking(language):
        return call()


@dataclass(frozen=True)
class RenderedChart:
    """The PNG and the key numbers its caption repeats."""

    png: bytes
    mean: float | None
    worst: int | None
    days_logged: int
    days_in_period: int


def warm_up() -> None:
    """Load what drawing needs, so a worker's first chart or report is as fast as any.

    That includes the fallback fonts for every script (registered with matplotlib, their
    character maps read) and HarfBuzz, which fpdf2 imports only when a report needs shaping.
    """
    import uharfbuzz  # noqa: F401, PLC0415

    import charts.fonts  # noqa: PLC0415 - see the module docstring
    import diarybot.reports.pdf  # noqa: F401, PLC0415

    charts.fonts.families()
    charts.fonts.missing_characters("")


@dataclass(frozen=True)
class ChartOptions:
    """What of the patient's settings a chart shows (plain and picklable, for the workers)."""

    #: The patient's medication list as (id, name): the strip names what was taken.
    medication_names: tuple[tuple[str, str], ...] = ()
    #: The daily items switched on that a chart can draw (sleep, mood).
    items: tuple[str, ...] = ()


def chart_options(profile: Profile) -> ChartOptions:
    """The chart options of this patient's settings."""
    return ChartOptions(
        medication_names=tuple((m.id, m.name) for m in profile.medications),
        items=tuple(i.value for i in profile.daily_items if i in CHARTED_ITEMS),
    )


def chart_entries(
    entries: Iterable[Entry], medication_names: Mapping[str, str] | None = None
) -> list[charts.ChartEntry]:
    """Diary entries as the plain data the chart package takes; `medication_names` (id to
    the patient's name) names the medications each entry records."""
    import charts  # noqa: PLC0415 - see the module docstring

    names = medication_names or {}
    return [
        charts.ChartEntry(
            at=e.recorded_at,
            score=e.score,
            techniques=tuple(t.value for t in e.techniques),
            medication=e.medication,
            medications=tuple(names[mid] for mid, _count in e.doses if mid in names),
            sleep=e.sleep,
            mood=e.mood,
        )
        for e in entries
        if e.score is not None  # a note-only entry is never drawn as a score
    ]


def chart_events(events: Iterable[TreatmentEvent]) -> list[charts.ChartEvent]:
    """Treatment events as the chart's marks, each with its short label."""
    import charts  # noqa: PLC0415 - see the module docstring

    labels = treatment_texts.chart_labels()
    return [charts.ChartEvent(day=e.local_date, label=labels[e.kind]) for e in events]


def chart(
    entries: Sequence[Entry],
    tz_name: str,
    start: date,
    end: date,
    *,
    options: ChartOptions = ChartOptions(),
    events: Sequence[TreatmentEvent] = (),
) -> RenderedChart:
    """Render the chart of `entries` for the period, with its summary and treatments marked."""
    import charts  # noqa: PLC0415 - see the module docstring

    tz = ZoneInfo(tz_name)
    data = chart_entries(entries, dict(options.medication_names))
    summary = charts.summarize(charts.daily_stats(data, tz, start, end))
    labels = chart_labels(summary.days_in_period)
    return RenderedChart(
        png=charts.render_trend(
            data, tz, start, end, labels, items=options.items, events=chart_events(events)
        ),
        mean=summary.mean,
        worst=summary.worst,
        days_logged=summary.days_logged,
        days_in_period=summary.days_in_period,
    )


def chart_from_diary(
    diary: Path,
    tz_name: str,
    start: date,
    end: date,
    options: ChartOptions = ChartOptions(),
) -> RenderedChart | Literal["unreadable"] | None:
    """Read the diary file and render the period: None when it has no entries.

    Reading here keeps the year of entries a long chart needs out of the bot process. The file
    is only ever replaced whole (`storage.atomic_write_bytes`), so this sees a complete version,
    and the patient's updates run in order, so an acknowledged entry is already in it.
    """
    try:
        tables = parse_file(diary.read_bytes(), diary)
    except FileNotFoundError:
        return None
    except (OSError, StorageError):
        return UNREADABLE
    entries = entries_between(tables.get(ENTRIES_TABLE, {}).values(), start, end)
    if not scored(entries):
        return None
    try:
        events = in_period(events_from_tables(tables), start, end)
    except (KeyError, TypeError, ValueError):
        events = []  # a hand-edited event must not cost the patient their chart
    return chart(entries, tz_name, start, end, options=options, events=events)
