"""Every word and number format the chart shows, in one place, so the bot can translate them.

The chart itself never calls ``strftime``: month and weekday names come from here, because the
process locale on a server says nothing about the patient's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
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
    with ``decimal_point``). ``medication`` names the strip's row of days with medication
    taken but not named (a yes/no check-in); each named medication has a row of its own. Any
    script draws: DejaVu Sans falls back to the Noto fonts of ``charts.fonts`` character by
    character.
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

    def __post_init__(self) -> None:
        """Catch short name tables early instead of an IndexError while drawing."""
        if len(self.month_abbr) != 12:
            raise ValueError("month_abbr needs 12 names, January first")
        if len(self.weekday_abbr) != 7:
            raise ValueError("weekday_abbr needs 7 names, Monday first")

    def technique(self, code: str) -> str:
        """The display name of a technique code; unknown codes are shown as they are."""
        return self.technique_names.get(code, code)

    def number(self, value: float | None) -> str:
        """A score formatted with one decimal, or ``no_value`` when there is none."""
        if value is None:
            return self.no_value
        return f"{value:.1f}".replace(".", self.decimal_point)


DEFAULT_LABELS = ChartLabels()
