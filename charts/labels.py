"""Every word and number format the chart shows, in one place, so the bot can translate them.

The chart itself never calls ``strftime``: month and weekday names, and the order a date is
written in ("3 Nov", "Nov 3", "3. Nov."), come from here, because the process locale on a server
says nothing about the patient's language. The bot fills them from Babel's CLDR data
(``diarybot.texts.chart``); this package only formats with what it is given.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

#: Technique codes in the order their rows appear on the chart; unknown codes follow, sorted.
TECHNIQUE_CODES: tuple[str, ...] = (
    "breathing",
    "relaxation",
    "mindfulness",
    "movement",
    "heat_cold",
    "tens",
    "distraction",
    "other",
)

DEFAULT_TECHNIQUE_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "breathing": "Breathing",
        "relaxation": "Relaxation / PMR",
        "mindfulness": "Mindfulness",
        "movement": "Stretching / exercise",
        "heat_cold": "Heat / cold",
        "tens": "TENS",
        "distraction": "Distraction",
        "other": "Other",
    }
)

ENGLISH_MONTHS: tuple[str, ...] = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)
ENGLISH_WEEKDAYS: tuple[str, ...] = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class ChartLabels:
    """The chart's texts. English defaults; pass a translated instance for other languages.

    Templates use ``str.format`` fields: ``key_numbers`` gets ``mean``, ``worst``, ``logged`` and
    ``days``; ``mean_line`` gets ``mean``; ``row_count`` gets ``n`` (days a row is marked);
    ``title_line`` gets ``title`` and ``period``. Numbers arrive already formatted (one decimal,
    with ``decimal_point``). Any script draws: DejaVu Sans falls back to the Noto fonts of
    ``charts.fonts`` character by character.

    Dates: ``day_month`` and ``day_month_year`` get ``day`` (a number), ``month`` (from
    ``month_abbr``, the form used beside a day number, e.g. Russian genitive "мая") and
    ``year``; ``period_range`` gets ``start`` and ``end``. ``month_alone`` names a month on its
    own (a monthly tick; Russian nominative "май"); empty means the same as ``month_abbr``.
    ``medication`` names the strip's row of days with medication taken but not named (a yes/no
    check-in); each named medication has a row of its own.
    """

    title: str = "Pain diary"
    title_line: str = "{title} · {period}"
    no_pain: str = "no pain"
    worst: str = "worst imaginable"
    key_numbers: str = "Mean {mean} · worst {worst} · {logged} of {days} days logged"
    no_value: str = "–"
    daily_mean: str = "Daily mean"
    day_range: str = "Range that day"
    single_entry: str = "Each entry"
    rolling_mean: str = "7-day average"
    period_mean: str = "Period mean"
    no_entry: str = "No entry"
    mean_line: str = "mean {mean}"
    techniques_heading: str = "Coping techniques and medication · days used"
    technique_names: Mapping[str, str] = field(
        default_factory=lambda: DEFAULT_TECHNIQUE_NAMES, hash=False
    )
    medication: str = "Pain medication"
    #: The optional daily items' panel: its heading and the names of its two lines.
    items_heading: str = "Daily ratings · 0–10, 10 = best"
    sleep: str = "Sleep quality"
    mood: str = "Mood"
    row_count: str = "{n} d"
    month_abbr: tuple[str, ...] = ENGLISH_MONTHS
    weekday_abbr: tuple[str, ...] = ENGLISH_WEEKDAYS
    decimal_point: str = "."
    month_alone: tuple[str, ...] = ()
    day_month: str = "{day} {month}"
    day_month_year: str = "{day} {month} {year}"
    period_range: str = "{start} – {end}"

    def __post_init__(self) -> None:
        """Catch short name tables early instead of an IndexError while drawing."""
        if len(self.month_abbr) != 12:
            raise ValueError("month_abbr needs 12 names, January first")
        if self.month_alone and len(self.month_alone) != 12:
            raise ValueError("month_alone needs 12 names, January first (or none)")
        if len(self.weekday_abbr) != 7:
            raise ValueError("weekday_abbr needs 7 names, Monday first")

    def technique(self, code: str) -> str:
        """The display name of a technique code; unknown codes are shown as they are."""
        return self.technique_names.get(code, code)

    def month(self, day: date) -> str:
        """The month of ``day`` named on its own (a tick under a column of months)."""
        return (self.month_alone or self.month_abbr)[day.month - 1]

    def date(self, day: date, *, with_year: bool = False) -> str:
        """``day`` as day and month ("3 Nov"), with its year when asked ("3 Nov 2026")."""
        template = self.day_month_year if with_year else self.day_month
        return template.format(day=day.day, month=self.month_abbr[day.month - 1], year=day.year)

    def number(self, value: float | None) -> str:
        """A score formatted with one decimal, or ``no_value`` when there is none."""
        if value is None:
            return self.no_value
        return f"{value:.1f}".replace(".", self.decimal_point)


DEFAULT_LABELS = ChartLabels()
