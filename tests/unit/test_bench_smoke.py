"""The benchmarks cannot rot: a quick suite runs end to end, and the table survives gaps."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

from bench._report import SuiteResult, table
from bench._rows import ROWS

ROOT = Path(__file__).resolve().parents[2]
HEADER = "| suite | metric | value | baseline | ratio | target | result |"


def test_quick_storage_benchmark_runs_and_prints_its_table(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--only", "storage", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert HEADER in done.stdout
    assert "check-in write, new patient" in done.stdout
    data = json.loads(out.read_text())
    assert data["suites"]["storage"]["error"] is None
    rows = [row for row in data["rows"] if row["suite"] == "storage"]
    assert len(rows) == sum(1 for row in ROWS if row.suite == "storage")
    assert all(row["value"] is not None and not math.isnan(row["value"]) for row in rows)


def test_table_shows_missing_figures_and_failed_suites_instead_of_crashing() -> None:
    results = {
        "charts": SuiteResult("charts", {"week_ms": 40.0}),  # the other figures are missing
        "startup": SuiteResult("startup", error="exit code 1"),
    }
    text, rows = table(results, quick=False)
    assert HEADER in text
    week = next(row for row in rows if row["metric"] == "chart render, week (median)")
    assert week["result"] == "pass"
    quarter = next(row for row in rows if row["metric"] == "chart render, 90 days (median)")
    assert quarter["result"] == "n/a"
    assert {row["result"] for row in rows if row["suite"] == "startup"} == {"error"}
