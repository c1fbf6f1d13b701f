"""Runs one suite in a process of its own and writes its metrics as JSON.

`python -m bench._worker NAME [--quick] --out PATH`. `bench.run` starts one of these per suite,
so no suite inherits another's memory, threads or imports (the chart suite's RSS figures would
otherwise carry the storage suite's gigabytes).
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    """Import `bench.NAME`, call its `run(quick)`, write the dict it returns to `--out`."""
    parser = argparse.ArgumentParser(prog="python -m bench._worker")
    parser.add_argument("name")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    suite = importlib.import_module(f"bench.{args.name}")
    metrics = suite.run(args.quick)
    args.out.write_text(json.dumps({key: float(value) for key, value in metrics.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
