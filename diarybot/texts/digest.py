"""The words of the weekly digest: the table's cells (message and PDF) and the PDF's headings."""

from __future__ import annotations

from diarybot.domain.digest import DigestRow
from diarybot.domain.figures import HIGH_PAIN_SCORE
from diarybot.texts import report as rt

TITLE = "Weekly digest"
RUNNING_HEAD = "Weekly digest · {period}"
PERIOD = "Period"
PATIENTS = "Patients"
ORDER_NOTE = (
    "Most in need first: flare days, a clinically important worsening (≥ 2 points or ≥ 30 % "
    "against the previous week), high-pain days, size of the change, fewest days logged, "
    "PEG change. One page per patient follows."
)
COLUMNS = ("#", "Patient", "Flare days", "Δ mean", f"Days ≥ {HIGH_PAIN_SCORE}", "Logged", "PEG Δ")
IMPORTANT_MARK = " !"
NO_ENTRIES = "no entries"
PAGE_FAILED = "This patient's page could not be drawn; their report is available with /summary."
REFERENCE = "Reference"

# One message row: plain text, so nothing a patient typed as their name can format it.
ROW = "{rank}. {name}: flare {flares} · Δ {change} · ≥{high}: {high_days} · log {logged}/{days}"
ROW_PEG = " · PEG {peg}"
ROW_EMPTY = "{rank}. {name}: no entries this week"


def change_cell(row: DigestRow) -> str:
    """The change of the mean against the previous period, '!' when clinically important."""
    change = row.figures.change
    if change is None:
        return rt.NO_VALUE
    return rt.signed(change.absolute) + (IMPORTANT_MARK if change.clinically_important else "")


def peg_cell(row: DigestRow) -> str:
    """The PEG change since the first PEG, '!' when clinically important; '–' without one."""
    if row.peg_change is None:
        return rt.NO_VALUE
    return rt.signed(row.peg_change) + (IMPORTANT_MARK if row.peg_important else "")


def label(row: DigestRow) -> str:
    """The patient's name, with their reference when they gave one."""
    name = rt.patient_name(row.name)
    return f"{name} ({row.reference})" if row.reference else name


def message_row(rank: int, row: DigestRow) -> str:
    """One line of the digest message."""
    figures = row.figures
    if not figures.days_logged:
        return ROW_EMPTY.format(rank=rank, name=label(row))
    text = ROW.format(
        rank=rank,
        name=label(row),
        flares=figures.flare_days,
        change=change_cell(row),
        high=HIGH_PAIN_SCORE,
        high_days=figures.high_pain_days,
        logged=figures.days_logged,
        days=figures.days_in_period,
    )
    return text + (ROW_PEG.format(peg=peg_cell(row)) if row.peg_change is not None else "")


def table_cells(rank: int, row: DigestRow) -> tuple[str, ...]:
    """One row of the PDF's table."""
    figures = row.figures
    if not figures.days_logged:
        return (str(rank), label(row), NO_ENTRIES, "", "", f"0/{figures.days_in_period}", "")
    return (
        str(rank),
        label(row),
        str(figures.flare_days),
        change_cell(row),
        str(figures.high_pain_days),
        f"{figures.days_logged}/{figures.days_in_period}",
        peg_cell(row),
    )
