"""Storage benchmark: the cost of one check-in write, against stock TinyDB in the same run.

Ours (`Diary.add`: one folder per patient, atomic fsynced rewrite of that patient's
diary only) is timed with a small, a middling and a large number of patients on disk, each with
a year of entries, and for one patient with five years of entries. The baseline is stock TinyDB
as its README shows it (`TinyDB(path)`, default `JSONStorage`, one JSON file for everyone, each
entry tagged with its patient) holding the same data. Timings of ours are interleaved across the
sizes, round after round, so a noisy neighbour hurts every size alike.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date, time
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from tinydb import TinyDB

from bench._seed import (
    InlineStore,
    copy_diary,
    entries_for,
    fast_writes,
    onboarded_profile,
    write_diary,
    write_profiles,
)
from bench._stats import median, progress, ratio, time_ms
from diarybot.domain.entries import Entry

TZ_NAME = "Europe/Berlin"
TZ = ZoneInfo(TZ_NAME)
END = date(2026, 6, 30)
ROLES = ("small", "mid", "large")
# New patients' ids start here, well away from the seeded ones.
NEW_IDS = 900_000_000


@dataclass(frozen=True)
class Plan:
    """How much data and how many repetitions."""

    patients: tuple[int, int, int]
    days: int
    rounds: int
    stock_reps: tuple[int, int, int]
    long_days: int = 5 * 365
    long_per_day: int = 3
    long_reps: int = 15


# Stock TinyDB at 10 000 patients × 365 days is 3.66 M documents in an ~820 MB file: one insert
# takes minutes and ~5.5 GB of memory, so it is timed once (it is ~10⁴ times slower than ours).
FULL = Plan(patients=(10, 1_000, 10_000), days=365, rounds=15, stock_reps=(9, 5, 1))
QUICK = Plan(patients=(10, 100, 1_000), days=30, rounds=5, stock_reps=(5, 3, 3), long_reps=3)


def run(quick: bool = False) -> dict[str, float]:
    """Measure and return the storage metrics (milliseconds unless the key says otherwise)."""
    plan = QUICK if quick else FULL
    with tempfile.TemporaryDirectory(prefix="diarybot-bench-storage-") as tmp:
        root = Path(tmp)
        metrics: dict[str, float] = {"days": plan.days, "long_entries": 0.0}
        metrics.update({f"n_{role}": n for role, n in zip(ROLES, plan.patients, strict=True)})
        metrics.update(_ours_by_size(root, plan))
        metrics.update(_stock_by_size(root, plan))
        metrics.update(_long_diary(root, plan))
    metrics["flatness_new"] = ratio(metrics["ours_new_large_ms"], metrics["ours_new_small_ms"])
    metrics["flatness_returning"] = ratio(
        metrics["ours_returning_large_ms"], metrics["ours_returning_small_ms"]
    )
    for role in ROLES:
        metrics[f"vs_stock_{role}"] = ratio(
            metrics[f"ours_new_{role}_ms"], metrics[f"stock_new_{role}_ms"]
        )
    metrics["vs_stock_long"] = ratio(metrics["ours_long_warm_ms"], metrics["stock_long_ms"])
    return metrics


def _one_entry(seed: int) -> Entry:
    """A fresh, realistic check-in (new id each time)."""
    return entries_for(1, 1, END, TZ, seed=seed)[0]


# -- ours: patients on disk ------------------------------------------------------------------


def _seed_ours(root: Path, plan: Plan) -> dict[int, Path]:
    """One data folder per size; every patient has a profile and the same year of entries."""
    template = write_diary(root / "template", 1, entries_for(plan.days, 1, END, TZ))
    folders = {}
    with fast_writes():
        for count in plan.patients:
            progress(f"storage: seeding {count} patients × {plan.days} days (ours)")
            folder = root / f"ours-{count}"
            ids = range(1, count + 1)
            write_profiles(folder, (onboarded_profile(i, TZ_NAME, time(20)) for i in ids))
            copy_diary(template, folder, ids)
            folders[count] = folder
    return folders


def _ours_by_size(root: Path, plan: Plan) -> dict[str, float]:
    """Median write time for a new patient and for a returning one whose file is not open."""
    folders = _seed_ours(root, plan)
    open_files = {count: InlineStore(folder) for count, folder in folders.items()}
    new: dict[int, list[float]] = {count: [] for count in plan.patients}
    returning: dict[int, list[float]] = {count: [] for count in plan.patients}
    progress(f"storage: timing ours, {plan.rounds} interleaved rounds")
    for round_no in range(plan.rounds):
        shift = round_no % len(plan.patients)
        for count in plan.patients[shift:] + plan.patients[:shift]:
            entry = _one_entry(round_no)
            files = open_files[count]
            new_id = NEW_IDS + round_no
            new[count].append(time_ms(partial(files.add_entry, new_id, entry)))
            # A new InlineStore has nothing open: the write reads the patient's year first.
            cold = InlineStore(folders[count])
            old_id = round_no % count + 1
            returning[count].append(time_ms(partial(cold.add_entry, old_id, entry)))
    metrics = {}
    for role, count in zip(ROLES, plan.patients, strict=True):
        metrics[f"ours_new_{role}_ms"] = median(new[count])
        metrics[f"ours_returning_{role}_ms"] = median(returning[count])
    return metrics


# -- stock TinyDB: one file for everyone -----------------------------------------------------


def _stock_docs(count: int, days: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Everyone's profiles and entries as documents of one shared database."""
    year = [e.to_doc() for e in entries_for(days, 1, END, TZ)]
    profiles = [onboarded_profile(i, TZ_NAME, time(20)).to_doc() for i in range(1, count + 1)]
    entries = [{**doc, "user_id": i} for i in range(1, count + 1) for doc in year]
    return profiles, entries


def _build_stock(
    path: Path, profiles: list[dict[str, Any]], entries: list[dict[str, Any]]
) -> TinyDB:
    """Stock TinyDB as its README shows it: `TinyDB(path)`, default `JSONStorage`."""
    db = TinyDB(path)
    db.table("profiles").insert_multiple(profiles)
    db.table("entries").insert_multiple(entries)
    return db


def _time_stock_inserts(db: TinyDB, reps: int, user_id: int) -> float:
    """Median time of `reps` inserts, after an untimed one when there are several."""
    table = db.table("entries")
    if reps > 1:
        table.insert({**_one_entry(0).to_doc(), "user_id": user_id})
    timings = []
    for rep in range(reps):
        doc = {**_one_entry(rep + 1).to_doc(), "user_id": user_id}
        timings.append(time_ms(partial(table.insert, doc)))
    return median(timings)


def _stock_by_size(root: Path, plan: Plan) -> dict[str, float]:
    """Stock TinyDB at the same sizes, one at a time (the largest file needs GBs of memory)."""
    metrics = {}
    for role, count, reps in zip(ROLES, plan.patients, plan.stock_reps, strict=True):
        progress(f"storage: building stock TinyDB with {count} patients × {plan.days} days")
        path = root / f"stock-{count}.json"
        db = _build_stock(path, *_stock_docs(count, plan.days))
        progress(f"storage: timing stock TinyDB inserts at {count} patients ({reps} reps)")
        metrics[f"stock_new_{role}_ms"] = _time_stock_inserts(db, reps, NEW_IDS)
        metrics[f"stock_{role}_docs"] = float(count * (plan.days + 1))
        metrics[f"stock_{role}_file_mb"] = path.stat().st_size / 1e6
        db.close()
        path.unlink()
    return metrics


# -- one patient, five years -----------------------------------------------------------------


def _long_diary(root: Path, plan: Plan) -> dict[str, float]:
    """Ours with the file open (steady state) and not open (first write after start-up)."""
    entries = entries_for(plan.long_days, plan.long_per_day, END, TZ)
    progress(f"storage: one patient with {len(entries)} entries")
    folder = root / "ours-long"
    with fast_writes():
        write_profiles(folder, [onboarded_profile(1, TZ_NAME, time(20))])
        write_diary(folder, 1, entries)
    warm_files = InlineStore(folder)
    warm_files.add_entry(1, _one_entry(0))
    warm, cold = [], []
    for rep in range(plan.long_reps):
        entry = _one_entry(rep + 1)
        warm.append(time_ms(partial(warm_files.add_entry, 1, entry)))
        fresh, other = InlineStore(folder), _one_entry(rep + 100)
        cold.append(time_ms(partial(fresh.add_entry, 1, other)))
    stock = _build_stock(
        root / "stock-long.json",
        [onboarded_profile(1, TZ_NAME, time(20)).to_doc()],
        [{**e.to_doc(), "user_id": 1} for e in entries],
    )
    return {
        "long_entries": float(len(entries)),
        "ours_long_warm_ms": median(warm),
        "ours_long_cold_ms": median(cold),
        "stock_long_ms": _time_stock_inserts(stock, plan.long_reps, 1),
    }
