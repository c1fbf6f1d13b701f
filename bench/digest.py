"""Weekly digest benchmark: one specialist with 200 linked patients, 90 days of entries each.

Target (issue #16): the whole digest (reading every patient's weeks, ranking, the PDF with one
page and chart per patient) under 30 s on the 2-core server, as one render job. The baseline,
measured in the same run, is the floor of the old way: one 7-day chart per patient drawn on its
own (the old digest also drew a PDF, a CSV and a FHIR file for each), so the ratio says how much
the table, the figures and the PDF pages add to the charts they cannot avoid.

Run as a module: ``.venv/bin/python -m bench.digest [--quick] [--patients N]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bench._seed import copy_diary, entries_for, fast_writes, write_diary, write_profiles
from charts import render_trend
from diarybot.domain.digest import HISTORY_DAYS, PatientWeek, digest_period
from diarybot.domain.people import Profile
from diarybot.runtime.digest_tasks import digest_files
from diarybot.runtime.render_tasks import chart_entries
from diarybot.storage.store import Store

TZ = ZoneInfo("Europe/Berlin")
TODAY = date(2026, 11, 30)
TARGET_S = 30.0


def seed(data_dir: Path, patients: int, days: int) -> list[int]:
    """`patients` patients on disk, each with `days` days of two entries a day."""
    ids = list(range(10_000, 10_000 + patients))
    with fast_writes():
        write_profiles(
            data_dir,
            [
                Profile(pid, pid, timezone=TZ.key, onboarded=True, display_name=f"P {pid}")
                for pid in ids
            ],
        )
        template = write_diary(
            data_dir, ids[0], entries_for(days, 2, TODAY - timedelta(days=1), TZ)
        )
        copy_diary(template, data_dir, ids[1:])
    return ids


async def read_weeks(store: Store, ids: list[int], start: date, end: date) -> list[PatientWeek]:
    """What the bot reads before the render job: each patient's weeks, as the digest does."""
    weeks = []
    for pid in ids:
        entries = await store.diary.entries(pid, start - timedelta(days=HISTORY_DAYS), end)
        weeks.append(PatientWeek(pid, f"P {pid}", "", TZ.key, tuple(entries)))
    return weeks


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--patients", type=int, default=200)
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--quick", action="store_true", help="20 patients")
    args = parser.parse_args()
    patients = 20 if args.quick else args.patients
    start, end = digest_period(TODAY)
    with tempfile.TemporaryDirectory() as tmp:
        ids = seed(Path(tmp), patients, args.days)
        store = Store(Path(tmp))
        began = time.perf_counter()
        weeks = asyncio.run(read_weeks(store, ids, start, end))
        read_s = time.perf_counter() - began
        store.close()
    began = time.perf_counter()
    files = digest_files(weeks, start, end, TZ.key, datetime(2026, 11, 30, 8, tzinfo=UTC))
    render_s = time.perf_counter() - began
    began = time.perf_counter()
    for week in weeks:
        period = [e for e in week.entries if start <= e.local_date <= end]
        render_trend(chart_entries(period), TZ, start, end)
    baseline_s = time.perf_counter() - began
    total = read_s + render_s
    result = {
        "patients": patients,
        "days": args.days,
        "read_s": round(read_s, 2),
        "render_s": round(render_s, 2),
        "total_s": round(total, 2),
        "pdf_kb": round(len(files.pdf) / 1024),
        "baseline_charts_only_s": round(baseline_s, 2),
        "ratio_vs_baseline": round(total / baseline_s, 2),
        "target_s": TARGET_S,
        "met": total < TARGET_S * patients / 200,
    }
    print(json.dumps(result, indent=2))
    return 0 if result["met"] else 1


if __name__ == "__main__":
    sys.exit(main())
