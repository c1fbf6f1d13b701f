"""A believable synthetic patient, for the demo command, benchmarks and the sample charts.

The data is invented but shaped like real diaries: a baseline around 5 with a slow rhythm, one
or more flares lasting a few days, one to three entries on most days (more on bad days), a few
days without entries, coping techniques reached for more often on bad days (gentle exercise
more often on good ones), and medication mostly on bad days. ``random.Random(seed)`` makes it
reproducible. Run ``python -m charts.sample [out_dir]`` to regenerate ``docs/sample-*.png``.
"""

from __future__ import annotations

import math
import random
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from charts.model import MAX_SCORE, MIN_SCORE, ChartEntry
from charts.render import render_trend

#: Chance per entry of using each technique at score 5, and how much each point above 5 adds
#: (negative: used more on good days).
TECHNIQUE_HABITS: dict[str, tuple[float, float]] = {
    "breathing": (0.30, 0.06),
    "heat_cold": (0.25, 0.07),
    "movement": (0.30, -0.05),
    "distraction": (0.20, 0.03),
    "mindfulness": (0.12, 0.02),
    "relaxation": (0.10, 0.03),
    "tens": (0.02, 0.05),
}
#: Local time windows (start hour, end hour) in which entries are made; they avoid 2–3 am so
#: no generated time falls into a DST gap.
SLOTS: tuple[tuple[float, float], ...] = ((7.5, 9.5), (12.0, 15.0), (19.0, 22.5))
GAP_CHANCE = 0.1
SAMPLE_TZ = ZoneInfo("Europe/Berlin")


def synthetic_entries(start: date, days: int, tz: ZoneInfo, seed: int = 7) -> list[ChartEntry]:
    """Entries for ``days`` local days from ``start`` in ``tz``, identical for the same seed."""
    rng = random.Random(seed)  # noqa: S311 -- reproducible fake data, not security
    levels = _pain_levels(rng, days)
    entries: list[ChartEntry] = []
    for offset, level in enumerate(levels):
        if rng.random() < GAP_CHANCE:
            continue
        day = start + timedelta(days=offset)
        for slot in _slots_for_day(rng, level):
            entries.append(_entry(rng, day, slot, level, tz))
    return entries


def _pain_levels(rng: random.Random, days: int) -> list[float]:
    """Underlying daily pain: baseline, a slow rhythm, flares and day-to-day noise."""
    flares = [
        (rng.uniform(0.15, 0.9) * days, rng.uniform(2.5, 3.5), rng.uniform(1.5, 3.0))
        for _ in range(1 + days // 60)
    ]
    phase = rng.uniform(0, 2 * math.pi)
    levels = []
    for day in range(days):
        level = 4.8 + 0.7 * math.sin(2 * math.pi * day / 11 + phase)
        level += sum(
            height * math.exp(-(((day - centre) / width) ** 2) / 2)
            for centre, height, width in flares
        )
        levels.append(level + rng.gauss(0, 0.5))
    return levels


def _slots_for_day(rng: random.Random, level: float) -> list[tuple[float, float]]:
    """One to three time windows; patients log more often when it hurts more."""
    weights = [0.4, 0.4, 0.2] if level < 6.5 else [0.15, 0.4, 0.45]
    count = rng.choices([1, 2, 3], weights=weights)[0]
    return sorted(rng.sample(SLOTS, count))


def _entry(
    rng: random.Random, day: date, slot: tuple[float, float], level: float, tz: ZoneInfo
) -> ChartEntry:
    """One entry made at a random minute within ``slot`` on local ``day``."""
    minute = round(rng.uniform(*slot) * 60)
    local = datetime.combine(day, time(minute // 60, minute % 60), tzinfo=tz)
    evening = 0.4 if slot[0] >= 19 else 0.0
    score = round(level + evening + rng.gauss(0, 0.9))
    score = min(max(score, MIN_SCORE), MAX_SCORE)
    techniques = tuple(
        code
        for code, (base, slope) in TECHNIQUE_HABITS.items()
        if rng.random() < base + slope * (score - 5)
    )
    medication_chance = 0.05 if score < 6 else 0.35 + 0.1 * (score - 6)
    return ChartEntry(
        at=local.astimezone(UTC),
        score=score,
        techniques=techniques,
        medication=rng.random() < medication_chance,
    )


#: (file name, first day, last day) of the documentation samples; the quarter spans the
#: October DST change in Europe/Berlin.
SAMPLES: tuple[tuple[str, date, date], ...] = (
    ("sample-week.png", date(2026, 10, 5), date(2026, 10, 11)),
    ("sample-month.png", date(2026, 10, 1), date(2026, 10, 31)),
    ("sample-quarter.png", date(2026, 9, 2), date(2026, 11, 30)),
)


def render_samples(out_dir: Path, seed: int = 7) -> list[Path]:
    """Render the week, month and quarter samples of one synthetic patient into ``out_dir``."""
    first = min(start for _, start, _ in SAMPLES)
    last = max(end for _, _, end in SAMPLES)
    entries = synthetic_entries(first, (last - first).days + 1, SAMPLE_TZ, seed=seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, start, end in SAMPLES:
        path = out_dir / name
        path.write_bytes(render_trend(entries, SAMPLE_TZ, start, end))
        paths.append(path)
    return paths


def main(argv: Sequence[str] = ()) -> None:
    """``python -m charts.sample [out_dir]``: write the sample charts (default ``docs``)."""
    render_samples(Path(argv[0]) if argv else Path("docs"))


if __name__ == "__main__":
    main(sys.argv[1:])
