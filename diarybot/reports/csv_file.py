"""Every diary entry as a CSV file a patient or specialist can open in a spreadsheet (pure).

Encoding: UTF-8 *with* a byte-order mark. Excel (Windows and macOS) reads a CSV without one in
the legacy ANSI code page, which mangles "Rücken" into "RÃ¼cken" and emoji into garbage; with
the BOM it opens UTF-8 correctly. Python's `utf-8-sig`, pandas and LibreOffice all skip the BOM.

Format: RFC 4180 (comma-separated, CRLF line ends, `csv` module quoting), so a note with commas,
quotes or line breaks stays one cell and round-trips exactly.

Formulas: a spreadsheet runs a cell that starts with "=", "+", "-" or "@" (and, in some, a tab,
carriage return or line feed) as a formula, so a note "=HYPERLINK(...)" would reach the
specialist as a live link and "-2 since yesterday" would open as an error. As OWASP's CSV
Injection page recommends, such a cell is written with a single quote in front (the `csv`
module's quoting already keeps separators and quotes inside their cell, so a trigger can only
ever start a whole cell). The quote is the file's one change to the text: `parse_entries_csv`
removes it again, so the file still round-trips exactly, and the FHIR file (for machines, never
opened as a spreadsheet) keeps the note untouched. A cell that itself starts with quotes before
a trigger gets one more, so removing one is never ambiguous.

Language: the header row is in the reader's language (`texts.exports.csv_headers`, "Fecha",
"Schmerzwert (0–10)"), the cells are not: ISO dates, technique codes, `yes`/`no` and the source
stay the same in every language, so the numbers a spreadsheet sums and a clinic system imports
never depend on who exported the file. Each column keeps a stable key (`COLUMNS`), and
`parse_entries_csv` maps a header in any of our languages (or the bare keys) back to those keys,
so a Spanish export reads back exactly like an English one.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from diarybot.domain.daily_items import Region
from diarybot.domain.entries import Entry, Source, Technique
from diarybot.domain.medications import Medication
from diarybot.domain.treatments import Response
from diarybot.texts import exports
from diarybot.texts.i18n import LANGUAGES, speaking

ENCODING = "utf-8-sig"
#: The stable key of each column, in order: what the reader maps any language's header back to.
COLUMNS = (
    "entry_id",
    "recorded_at",
    "local_date",
    "score",
    "techniques",
    "medication",
    "medications",
    "note",
    "source",
    # Added with the optional daily items (schema 3), at the end so existing readers that go
    # by position keep working: 0–10 or empty (not asked, or skipped), and region codes.
    "sleep",
    "mood",
    "regions",
)
TECHNIQUE_SEPARATOR = ";"
REGION_SEPARATOR = ";"
# The techniques cell of an entry whose patient said "None of these"; an empty cell is a
# techniques question left unanswered.
TECHNIQUES_NONE = "none"
YES = "yes"
NO = "no"
# First characters that make a spreadsheet read a cell as a formula: OWASP's CSV Injection list
# (=, +, -, @, tab, carriage return, line feed).
FORMULA_TRIGGERS = frozenset("=+-@\t\r\n")
FORMULA_GUARD = "'"
# The medications cell: "ibuprofen 400 mg ×2; pregabalin 75 mg ×1", names as the patient wrote.
MEDICATION_SEPARATOR = "; "
DOSE_MARK = " ×"


def neutralize_cell(value: str) -> str:
    """The cell as written: with a leading quote when a spreadsheet would take it for a formula.

    Quotes already in front of a trigger count as part of it ("'=1" becomes "''=1"), so that
    `restore_cell` can undo exactly one and every text round-trips.
    """
    return FORMULA_GUARD + value if _guarded_shape(value) else value


def restore_cell(value: str) -> str:
    """The text `neutralize_cell` was given."""
    return value[1:] if _guarded_shape(value) and value.startswith(FORMULA_GUARD) else value


def _guarded_shape(value: str) -> bool:
    """Whether the text, past any leading quotes, starts with a formula trigger."""
    return value.lstrip(FORMULA_GUARD)[:1] in FORMULA_TRIGGERS


def entries_csv(
    entries: Iterable[Entry], tz: ZoneInfo, medications: Iterable[Medication] = ()
) -> bytes:
    """All `entries` as CSV bytes, oldest first.

    `recorded_at` is ISO 8601 to the second with the patient's UTC offset at that instant
    (e.g. 2026-11-02T20:15:00+01:00), so it is both readable as local time and unambiguous.
    `medications` (the patient's list) names the doses each entry records.
    """
    names = {m.id: m.name for m in medications}
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header_row())
    for entry in sorted(entries, key=lambda e: (e.recorded_at, e.id)):
        # Every cell, not only the note: no value of ours should ever start a formula either.
        writer.writerow([neutralize_cell(cell) for cell in _row(entry, tz, names)])
    return buffer.getvalue().encode(ENCODING)


def _row(entry: Entry, tz: ZoneInfo, names: dict[str, str]) -> list[str]:
    return [
        entry.id,
        entry.recorded_at.astimezone(tz).isoformat(timespec="seconds"),
        entry.local_date.isoformat(),
        # Empty for a note-only entry: a spreadsheet's mean then skips it rather than count 0.
        "" if entry.score is None else str(entry.score),
        TECHNIQUE_SEPARATOR.join(t.value for t in entry.techniques)
        or (TECHNIQUES_NONE if entry.techniques_answered else ""),
        YES if entry.medication else NO,
        MEDICATION_SEPARATOR.join(
            f"{names.get(mid, mid)}{DOSE_MARK}{count}" for mid, count in entry.doses
        ),
        entry.note,
        entry.source.value,
        "" if entry.sleep is None else str(entry.sleep),
        "" if entry.mood is None else str(entry.mood),
        REGION_SEPARATOR.join(r.value for r in entry.regions),
    ]


def header_row() -> tuple[str, ...]:
    """The column headers in the active language, in `COLUMNS` order."""
    headers = exports.csv_headers()
    return tuple(headers[key] for key in COLUMNS)


def known_headers() -> set[tuple[str, ...]]:
    """Every header row a diarybot CSV may start with: the keys, and the headers of each
    language (whichever language the exporting patient or specialist spoke)."""
    rows: set[tuple[str, ...]] = {COLUMNS}
    for language in LANGUAGES:
        with speaking(language):
            rows.add(header_row())
    return rows


#: treatments.csv: one row per treatment event, with the pain around it (`domain.treatments`).
TREATMENT_COLUMNS = (
    "treatment_id",
    "local_date",
    "kind",
    "words",
    "recorded_by",
    "mean_before",
    "days_logged_before",
    "days_before",
    "mean_after",
    "days_logged_after",
    "days_after",
    "change",
    "clinically_important",
    "peg_before",
    "peg_after",
)


def treatments_csv(responses: Iterable[Response]) -> bytes:
    """Each treatment event as one row, oldest first: the kind as stored (`med_start`, …),
    the words as written, who recorded it (empty: the patient), the mean daily pain over the
    14 days before and after with the days logged of the days that had passed, the change,
    its flag and the PEG on each side. Empty cells where there is no value, never 0.

    Only the cells of words (the treatment's, the specialist's name) are guarded against
    formulas: the figures are plain numbers of ours, and a guarded "-3.0" would no longer
    be a number in a spreadsheet."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    headers = exports.treatment_csv_headers()
    writer.writerow([headers[key] for key in TREATMENT_COLUMNS])
    for item in sorted(responses, key=lambda r: (r.event.local_date, r.event.recorded_at)):
        row = _treatment_row(item)
        for column in (TREATMENT_COLUMNS.index("words"), TREATMENT_COLUMNS.index("recorded_by")):
            row[column] = neutralize_cell(row[column])
        writer.writerow(row)
    return buffer.getvalue().encode(ENCODING)


def _treatment_row(item: Response) -> list[str]:
    event = item.event

    def value(number: float | None) -> str:
        return "" if number is None else f"{number:.1f}"

    return [
        event.id,
        event.local_date.isoformat(),
        event.kind.value,
        event.words,
        event.recorded_by,
        value(item.before.mean),
        str(item.before.days_logged),
        str(item.before.days_available),
        value(item.after.mean),
        str(item.after.days_logged),
        str(item.after.days_available),
        value(item.change),
        "" if item.change is None else (YES if item.clinically_important else NO),
        value(item.peg_before[1]) if item.peg_before else "",
        value(item.peg_after[1]) if item.peg_after else "",
    ]


def parse_entries_csv(data: bytes) -> list[dict[str, Any]]:
    """Read a file written by `entries_csv` back into typed values, one dict per row.

    The header may be in any of our languages (or the bare keys): the columns are read by
    position once it is recognised. Keys are the column keys (`COLUMNS`); values are `str`,
    `datetime` (aware), `date`, `int`, `tuple[Technique, ...]`, `bool`, `str` and `Source`.
    Raises ValueError on a file with other columns or a malformed value.
    """
    reader = csv.reader(io.StringIO(data.decode(ENCODING), newline=""))
    header = next(reader, None)
    if header is None or tuple(header) not in known_headers():
        raise ValueError(f"not a diarybot entries CSV ({len(header or ())} header cells)")
    return [_parse_row(row) for row in reader]


def _parse_row(row: list[str]) -> dict[str, Any]:
    if len(row) != len(COLUMNS):
        raise ValueError(f"expected {len(COLUMNS)} columns, got {len(row)}")
    values = dict(zip(COLUMNS, (restore_cell(cell) for cell in row), strict=True))
    if values["medication"] not in (YES, NO):
        raise ValueError(f"medication must be {YES!r} or {NO!r}")
    recorded_at = datetime.fromisoformat(values["recorded_at"])
    if recorded_at.tzinfo is None:
        raise ValueError("recorded_at has no UTC offset")
    codes = values["techniques"]
    answered = codes == TECHNIQUES_NONE or bool(codes) or values["medication"] == YES
    if codes == TECHNIQUES_NONE:
        codes = ""
    return {
        "entry_id": values["entry_id"],
        "recorded_at": recorded_at,
        "local_date": date.fromisoformat(values["local_date"]),
        "score": int(values["score"]) if values["score"] else None,
        "techniques": tuple(Technique(c) for c in codes.split(TECHNIQUE_SEPARATOR) if c),
        "techniques_answered": answered,
        "medication": values["medication"] == YES,
        "medications": values["medications"],
        "note": values["note"],
        "source": Source(values["source"]),
        "sleep": int(values["sleep"]) if values["sleep"] else None,
        "mood": int(values["mood"]) if values["mood"] else None,
        "regions": tuple(Region(c) for c in values["regions"].split(REGION_SEPARATOR) if c),
    }
