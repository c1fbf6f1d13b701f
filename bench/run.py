"""The suite runner: each suite in its own process, then one table of figures and targets.

Every suite module has `run(quick: bool) -> dict[str, float]` (flat, named figures); the rows
of the table, their baselines and targets are declared in `bench._rows`, and the printout is
made by `bench._report`.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from bench import _against
from bench._machine import machine
from bench._report import SuiteResult, report, table
from bench._stats import progress

REPO_ROOT = Path(__file__).resolve().parent.parent
SUITES = ("storage", "updates", "charts", "fanout", "startup", "jobs", "flood", "metrics")
SUITE_TIMEOUT = {True: 300.0, False: 3600.0}  # quick, full


def run_suite(name: str, quick: bool) -> SuiteResult:
    """Run `bench.<name>` in its own process; its progress goes to our stderr."""
    progress(f"suite {name} ({'quick' if quick else 'full'})")
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="diarybot-bench-") as tmp:
        out = Path(tmp) / "metrics.json"
        command = [sys.executable, "-m", "bench._worker", name, "--out", str(out)]
        try:
            done = subprocess.run(
                [*command, *(["--quick"] if quick else [])],
                cwd=REPO_ROOT,
                stdout=sys.stderr,
                timeout=SUITE_TIMEOUT[quick],
                check=False,
            )
        except subprocess.TimeoutExpired:
            return SuiteResult(name, error=f"timed out after {SUITE_TIMEOUT[quick]:.0f}s")
        seconds = time.monotonic() - started
        if done.returncode != 0 or not out.exists():
            return SuiteResult(name, seconds=seconds, error=f"exit code {done.returncode}")
        return SuiteResult(name, json.loads(out.read_text()), seconds)


def main(
    suites: list[str], quick: bool, json_path: Path | None, against: str | None = None
) -> int:
    """Run the suites, print the report, optionally save JSON; 1 if a suite failed.

    `against` names another commit whose bot the update and start-up suites run too.
    """
    info = machine()
    with contextlib.ExitStack() as stack:
        if against is not None:
            info["against"] = _against.resolved(against)
            stack.enter_context(_against.extracted(info["against"]))
        results = {name: run_suite(name, quick) for name in suites}
    sys.stdout.write(report(results, quick, info) + "\n")
    if json_path is not None:
        _, rows = table(results, quick)
        data = {
            "mode": "quick" if quick else "full",
            "machine": info,
            "suites": {name: asdict(result) for name, result in results.items()},
            "rows": rows,
        }
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(data, indent=2, default=str) + "\n")
    return 1 if any(r.error for r in results.values()) else 0
