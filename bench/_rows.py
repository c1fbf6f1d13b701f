"""What the benchmark table shows: one row per figure, with its baseline and target.

Every suite module has `run(quick: bool) -> dict[str, float]` (flat, named figures). What is
shown, against which baseline and target, is declared here in `ROWS`, so the suites only
measure. A ratio is always value ÷ baseline, both measured in the same run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    """A goal from the issue, on the row's value or on its ratio.

    A `sized` goal holds for the issue's sizes (10 000 patients, 1 000 renders), which only a
    full run has: a quick run shows the figure but does not judge it.
    """

    text: str
    check: Callable[[float], bool]
    on_ratio: bool = False
    sized: bool = False


@dataclass(frozen=True)
class Row:
    """One line of the table; `label` and `baseline_name` may name metrics in `{braces}`."""

    suite: str
    label: str
    value: str
    unit: str
    baseline: str | None = None
    baseline_name: str = ""
    ratio: str | None = None
    target: Target | None = None
    # Shown only when the suite measured it (the `--against` comparisons).
    optional: bool = False


def at_most(limit: float, text: str, *, on_ratio: bool = False, sized: bool = False) -> Target:
    """Pass when the figure is ≤ `limit`."""
    return Target(text, lambda v: v <= limit, on_ratio, sized)


def at_least(limit: float, text: str, *, on_ratio: bool = False) -> Target:
    """Pass when the figure is ≥ `limit`."""
    return Target(text, lambda v: v >= limit, on_ratio)


AGAINST = "`--against` commit"

ROWS: tuple[Row, ...] = (
    # -- update handling
    # Capacity with Telegram's limits off is not something a patient meets (BENCHMARKS.md,
    # "Transport"): shown for context; the user-facing target is the limited row below.
    Row("updates", "`/log` throughput, burst of {burst:.0f} from {patients:.0f} patients",
        "diarybot_throughput", "/s", "echo_throughput", "bare PTB echo bot"),
    Row("updates", "`/log` throughput: echo bot with 256 concurrent updates (explains the gap)",
        "echo256_throughput", "/s", "echo_throughput", "bare PTB echo bot"),
    Row("updates", "CPU per `/log` in the burst, bot process (all threads)",
        "diarybot_cpu_ms_per_update", "ms", "echo_cpu_ms_per_update", "bare PTB echo bot"),
    Row("updates", "`/log` latency p50, {rate:.0f}/s paced", "diarybot_p50_ms", "ms",
        "echo_p50_ms", "echo bot"),
    Row("updates", "`/log` latency p99, {rate:.0f}/s paced", "diarybot_p99_ms", "ms",
        "echo_p99_ms", "echo bot"),
    Row("updates", "`/log` latency p99, {rate:.0f}/s paced, while 10 patients' 365-day charts "
        "render", "diarybot_charts_p99_ms", "ms", "diarybot_p99_ms", "no charts",
        target=Target("< 50 ms", lambda v: v < 50)),
    Row("updates", "charts delivered meanwhile", "diarybot_charts_rendered", ""),
    Row("updates", "`/log` throughput with the production limiter (30 messages/s overall)",
        "diarybot_limited_throughput", "/s",
        target=at_least(27, "≥ 27/s: keeps pace with Telegram's 30/s")),
    # -- update handling, this commit against another (`--against REV`), same run
    Row("updates", "`/log` throughput, burst: this commit vs the `--against` one",
        "diarybot_throughput", "/s", "against_throughput", AGAINST, optional=True),
    Row("updates", "`/log` throughput of the `--against` commit vs the bare PTB echo bot",
        "against_throughput", "/s", "echo_throughput", "bare PTB echo bot", optional=True),
    Row("updates", "CPU per `/log` in the burst: this commit vs the `--against` one",
        "diarybot_cpu_ms_per_update", "ms", "against_cpu_ms_per_update", AGAINST,
        optional=True),
    Row("updates", "`/log` latency p50, {rate:.0f}/s paced: this commit vs the `--against` one",
        "diarybot_p50_ms", "ms", "against_p50_ms", AGAINST, optional=True),
    Row("updates", "`/log` latency p99, {rate:.0f}/s paced: this commit vs the `--against` one",
        "diarybot_p99_ms", "ms", "against_p99_ms", AGAINST, optional=True),
    Row("updates", "`/log` latency p99 while charts render: this commit vs the `--against` one",
        "diarybot_charts_p99_ms", "ms", "against_charts_p99_ms", AGAINST, optional=True),
    Row("updates", "charts delivered meanwhile: this commit vs the `--against` one",
        "diarybot_charts_rendered", "", "against_charts_rendered", AGAINST, optional=True),
    # -- charts (bench/charts.py)
    Row("charts", "chart render, week (median)", "week_ms", "ms",
        "baseline_empty_figure_ms", "empty figure", "week_vs_baseline",
        at_most(100, "≤ 100 ms")),
    Row("charts", "chart render, 90 days (median)", "quarter_ms", "ms",
        "baseline_empty_figure_ms", "empty figure", "quarter_vs_baseline",
        at_most(150, "≤ 150 ms")),
    Row("charts", "chart render, 365 days (median)", "year_ms", "ms",
        "baseline_empty_figure_ms", "empty figure", "year_vs_baseline"),
    Row("charts", "chart render, first (cold)", "first_render_ms", "ms"),
    Row("charts", "RSS growth, after {memory_renders:.0f} renders vs after 10",
        "rss_growth_mb", "MB", target=Target("< 5 MB", lambda v: v < 5, sized=True)),
    # -- storage
    Row("storage", "check-in write, new patient, {n_small:.0f} patients × {days:.0f} days on "
        "disk", "ours_new_small_ms", "ms", "stock_new_small_ms", "stock TinyDB"),
    Row("storage", "check-in write, new patient, {n_mid:.0f} patients × {days:.0f} days",
        "ours_new_mid_ms", "ms", "stock_new_mid_ms", "stock TinyDB"),
    Row("storage", "check-in write, new patient, {n_large:.0f} patients × {days:.0f} days",
        "ours_new_large_ms", "ms", "stock_new_large_ms", "stock TinyDB",
        target=at_most(1 / 50, "ratio ≤ 1/50 (≥ 50× faster)", on_ratio=True, sized=True)),
    Row("storage", "flatness: new-patient write at {n_large:.0f} ÷ at {n_small:.0f} patients",
        "ours_new_large_ms", "ms", "ours_new_small_ms", "at {n_small:.0f}", "flatness_new",
        at_most(1.2, "ratio ≤ 1.2", on_ratio=True, sized=True)),
    Row("storage", "check-in write, returning patient (file not open), {n_large:.0f} patients",
        "ours_returning_large_ms", "ms", "ours_returning_small_ms", "at {n_small:.0f}",
        "flatness_returning"),
    Row("storage", "check-in write, one patient with {long_entries:.0f} entries (5 years), "
        "file open", "ours_long_warm_ms", "ms", "stock_long_ms", "stock TinyDB",
        target=at_most(10, "≤ 10 ms")),
    Row("storage", "check-in write, {long_entries:.0f} entries, file not open",
        "ours_long_cold_ms", "ms", "stock_long_ms", "stock TinyDB"),
    # -- reminder fan-out
    Row("fanout", "reminders, {patients:.0f} patients due at once: delivered rate",
        "rate", "/s", "limit", "Telegram limit", "rate_fraction",
        at_least(0.9, "ratio ≥ 0.9", on_ratio=True)),
    Row("fanout", "reminders lost", "lost", "", target=Target("0", lambda v: v == 0)),
    Row("fanout", "reminders duplicated", "duplicated", "", target=Target("0", lambda v: v == 0)),
    Row("fanout", "429 answers from the fake", "refused_429", ""),
    # -- one user floods (bench/flood.py), production rate limiter
    Row("flood", "others' reply p99 while one user sends {flood:.0f} messages at once",
        "flood_p99_ms", "ms", "quiet_p99_ms", "no flood", "flood_p99_ratio",
        target=Target("< 1 s", lambda v: v < 1000)),
    Row("flood", "others' reply p50 while one user floods", "flood_p50_ms", "ms",
        "quiet_p50_ms", "no flood"),
    Row("flood", "others' slowest reply while one user floods", "flood_max_ms", "ms"),
    Row("flood", "flooder's messages answered during the phase (~1 a second in their chat)",
        "flooder_answered", ""),
    Row("flood", "\"slow down\" notices the flooder got", "flooder_told", "",
        target=Target("1", lambda v: v == 1)),
    # -- start-up
    Row("startup", "start-up to `/help` answered, {patients:.0f} patients on disk",
        "many_help_answered_s", "s", "empty_help_answered_s", "0 patients",
        target=at_most(3, "≤ 3 s", sized=True)),
    # -- scheduling at start-up: why runtime/jobs.py finds jobs by id
    Row("jobs", "scheduling {patients:.0f} daily reminders, jobs by id",
        "by_id_s", "s", "by_name_s", "PTB's get_jobs_by_name, then run_custom"),
    Row("startup", "start-up, {patients:.0f} patients: this commit vs the `--against` one",
        "many_help_answered_s", "s", "against_many_help_answered_s", AGAINST, optional=True),
    # -- the cost of DIARYBOT_METRICS=1 (bench/metrics.py): the same bot, metrics on vs off
    Row("metrics", "CPU per `/log` in a burst of {burst:.0f}, metrics on",
        "on_cpu_us_per_update", "µs", "off_cpu_us_per_update", "metrics off", "cpu_ratio",
        target=at_most(1.1, "≤ 1.1× off", on_ratio=True)),
    Row("metrics", "`/log` throughput, burst of {burst:.0f}, metrics on",
        "on_throughput", "/s", "off_throughput", "metrics off", "throughput_ratio"),
    Row("metrics", "`/log` latency p50, {rate:.0f}/s paced, metrics on", "on_p50_ms", "ms",
        "off_p50_ms", "metrics off"),
    Row("metrics", "`/log` latency p99, {rate:.0f}/s paced, metrics on", "on_p99_ms", "ms",
        "off_p99_ms", "metrics off"),
    Row("metrics", "metric work of one update alone (count + latency), in-process",
        "recording_us", "µs", "off_cpu_us_per_update", "the bot's whole CPU per `/log`"),
    Row("metrics", "`/log`s counted by /metrics ÷ sent", "on_counted_ratio", "",
        target=Target("1", lambda v: v == 1)),
)  # fmt: skip
