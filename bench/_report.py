"""The printout of a benchmark run: the markdown table of figures, ratios and verdicts, the
machine it ran on, and how each suite ended."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bench._rows import ROWS, Row
from bench._stats import ratio

Metrics = Mapping[str, float]


@dataclass
class SuiteResult:
    """What one suite's process produced."""

    name: str
    metrics: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0
    error: str | None = None


def quantity(value: float | None, unit: str) -> str:
    """A figure with its unit, at a precision that reads well."""
    if value is None or math.isnan(value):
        return "n/a"
    if unit == "ms" and value >= 10_000:
        return f"{value / 1000:,.1f} s"
    digits = 0 if abs(value) >= 100 or unit == "" else 1 if abs(value) >= 10 else 2
    return f"{value:,.{digits}f}{' ' if unit and unit[0] != '/' else ''}{unit}"


def ratio_text(value: float | None) -> str:
    """A ratio; tiny ones as 1/N, which reads better than 0.0000136."""
    if value is None or math.isnan(value):
        return "n/a"
    if 0 < value < 0.01:
        return f"1/{1 / value:,.0f}"
    return f"{value:.2f}"


def evaluate(row: Row, metrics: Metrics, quick: bool) -> dict[str, Any]:
    """The row's figures, ratio and verdict from one suite's metrics."""
    value = metrics.get(row.value)
    base = metrics.get(row.baseline) if row.baseline else None
    if row.ratio is not None:
        rate = metrics.get(row.ratio)
    else:
        rate = ratio(value, base) if value is not None and base is not None else None
    checked = rate if row.target and row.target.on_ratio else value
    if row.target is None:
        verdict = "info"
    elif row.target.sized and quick:
        verdict = "full run only"
    elif checked is None or math.isnan(checked):
        verdict = "n/a"
    else:
        verdict = "pass" if row.target.check(checked) else "FAIL"
    return {"value": value, "baseline": base, "ratio": rate, "result": verdict}


def _fill(template: str, metrics: Metrics) -> str:
    try:
        return template.format(**metrics)
    except (KeyError, ValueError):
        return template


def table(results: Mapping[str, SuiteResult], quick: bool) -> tuple[str, list[dict[str, Any]]]:
    """The markdown table and the same rows as data (for `--json`)."""
    lines = [
        "| suite | metric | value | baseline | ratio | target | result |",
        "|---|---|--:|--:|--:|---|---|",
    ]
    rows = []
    for row in ROWS:
        result = results.get(row.suite)
        if result is None:
            continue
        metrics = result.metrics
        if row.optional and (row.value not in metrics or row.baseline not in metrics):
            continue
        found = evaluate(row, metrics, quick) if result.error is None else _failed()
        label = _fill(row.label, metrics)
        base = quantity(found["baseline"], row.unit) if row.baseline else ""
        if base and row.baseline_name and found["baseline"] is not None:
            base = f"{base} ({_fill(row.baseline_name, metrics)})"
        verdict = {"FAIL": "**FAIL**"}.get(found["result"], found["result"])
        lines.append(
            f"| {row.suite} | {label} | {quantity(found['value'], row.unit)} | {base} | "
            f"{ratio_text(found['ratio']) if row.baseline or row.ratio else ''} | "
            f"{row.target.text if row.target else ''} | {verdict} |"
        )
        rows.append({"suite": row.suite, "metric": label, "unit": row.unit, **found})
    return "\n".join(lines), rows


def _failed() -> dict[str, Any]:
    return {"value": None, "baseline": None, "ratio": None, "result": "error"}


def report(results: Mapping[str, SuiteResult], quick: bool, info: Mapping[str, Any]) -> str:
    """The whole printout: heading, machine, table, notes on failed suites."""
    text, _ = table(results, quick)
    load = ", ".join(str(x) for x in info["load_average"])
    lines = [
        f"## diarybot benchmarks ({'quick' if quick else 'full'} run)",
        "",
        f"{info['cpus']} CPUs ({info['cpu_model']}), {info['memory_gb']} GB RAM, "
        f"Python {info['python']}, {info['platform']}; load average {load} at start; "
        f"commit {info['commit']}"
        + (f", compared with commit {info['against']} (`--against`)" if "against" in info else "")
        + f"; {info['started']}.",
        "",
        text,
        "",
        "Ratio = value ÷ baseline, both measured in this run; figures are medians "
        "(see BENCHMARKS.md for the method).",
    ]
    for result in results.values():
        timing = f"{result.seconds:.0f} s"
        lines.append(f"- {result.name}: {result.error or 'ok'} ({timing})")
    return "\n".join(lines)
