"""A child process for the crash tests: writes entries and acknowledges each one on stdout.

An "ack" line is printed only after the diary's `add` returned, exactly like the bot says "Saved"
only after the write. The parent kills this process with SIGKILL at a random moment.
"""

import sys
from datetime import UTC, date, datetime
from pathlib import Path

from diarybot.domain.entries import Entry
from diarybot.storage.folders import run_inline
from diarybot.storage.store import Store


def main() -> None:
    data_dir, start, count = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    store = Store(data_dir, threads=0)
    # Start-up (imports) can take a second on a loaded machine: the parent starts its kill timer
    # only now, so the kill always lands among the writes.
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    for n in range(start, start + count):
        add = store.diary.add(
            42,
            Entry(
                id=f"{n:010x}",
                recorded_at=datetime.now(UTC),
                local_date=date.today(),
                score=n % 11,
                note="x" * (n % 50),
            ),
        )
        run_inline(add)
        sys.stdout.write(f"ack {n}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
