"""`python -m bench [--quick] [--only NAME] [--json PATH] [--against REV]`: run the benchmarks.

Run from the repository root (the suites import `tests.support.fake_bot_api`). `--quick` uses
small sizes and finishes in under a minute; the full run takes about 20 minutes (see
BENCHMARKS.md). `--against REV` also runs the bot as at commit REV in the update and start-up
suites, in the same run, for a before/after.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench.run import SUITES, main


def _suites(values: list[str] | None) -> list[str]:
    """The suites asked for with `--only` (repeatable, or comma-separated), in run order."""
    if not values:
        return list(SUITES)
    wanted = {name.strip() for value in values for name in value.split(",") if name.strip()}
    unknown = wanted - set(SUITES)
    if unknown:
        raise SystemExit(f"unknown suite(s): {', '.join(sorted(unknown))}; one of {SUITES}")
    return [name for name in SUITES if name in wanted]


def cli(argv: list[str] | None = None) -> int:
    """Parse the command line and run."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, under a minute")
    parser.add_argument(
        "--only", action="append", metavar="NAME", help=f"run only these suites: {SUITES}"
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write results as JSON")
    parser.add_argument(
        "--against",
        metavar="REV",
        help="also run the bot as at commit REV in the updates and startup suites (same run)",
    )
    args = parser.parse_args(argv)
    return main(_suites(args.only), args.quick, args.json, args.against)


if __name__ == "__main__":
    sys.exit(cli())
