"""`--against REV`: the update and start-up suites also run diarybot as it was at another commit.

The suite runner extracts that commit's tree (`git archive`) into a temporary folder and names it
in `DIARYBOT_BENCH_AGAINST`; the suites then start that tree's bot next to the current one, in
the same run and in interleaved turns, with the tree as the working directory (so Python imports
that tree's `diarybot`, not this one). Everything else — the fake Bot API, the load, the seeded
data, the interpreter and the installed libraries — is shared, so the ratio is the change.
"""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
TREE = "DIARYBOT_BENCH_AGAINST"


def tree() -> Path | None:
    """The other commit's tree, when this run compares against one."""
    value = os.environ.get(TREE)
    return Path(value) if value else None


def resolved(rev: str) -> str:
    """The commit `rev` names, abbreviated (an unknown name fails here, before any suite)."""
    found = subprocess.run(
        ["git", "rev-parse", "--short", "--verify", f"{rev}^{{commit}}"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if found.returncode != 0:
        raise SystemExit(f"--against: no commit named {rev!r}")
    return found.stdout.strip()


@contextmanager
def extracted(rev: str) -> Iterator[Path]:
    """`rev`'s tree in a temporary folder, named in the environment the suites inherit."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", rev], cwd=REPO_ROOT, capture_output=True, check=True
    )
    with tempfile.TemporaryDirectory(prefix="diarybot-bench-against-") as folder:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(folder, filter="data")
        os.environ[TREE] = folder
        try:
            yield Path(folder)
        finally:
            del os.environ[TREE]
