"""A child process for the crash tests: writes entries and acknowledges each one on stdout.

An "ack" line is printed only after `add_entry` returned, exactly like the bot says "Saved"
only after the write. The parent kills this process with SIGKILL at a random moment.
"""

import sys
from datetime import UTC, date, datetime
from pathlib import Path

from diarybot.domain.models import Entry
from diarybot.storage.patients import PatientFiles


def main() -> None:
    data_dir, start, count = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    files = PatientFiles(data_dir)
    for n in range(start, start + count):
        files.add_entry(
            42,
            Entry(
                id=f"{n:010x}",
                recorded_at=datetime.now(UTC),
                local_date=date.today(),
                score=n % 11,
                note="x" * (n % 50),
            ),
        )
        sys.stdout.write(f"ack {n}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
