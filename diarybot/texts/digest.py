"""The words of the weekly digest: /digest (when it arrives), its message, the table's cells
(message and PDF) and the PDF's headings."""

from __future__ import annotations

from diarybot.domain.digest import DigestRow
from diarybot.domain.period_figures import HIGH_PAIN_SCORE
from diarybot.texts import report_formats as rf
from diarybot.texts.argument_words import with_argument_words
from diarybot.texts.i18n import _


def title() -> str:
    return _("Weekly digest")


def running_head() -> str:
    return _("Weekly digest · {period}")


def period_line() -> str:
    return _("Period: {period}")


def patients() -> str:
    return _("Patients")


def order_note() -> str:
    return _(
        "Most in need first: flare days, a clinically important worsening (≥ 2 points or ≥ 30 % "
        "against the previous week), high-pain days, size of the change, fewest days logged, "
        "PEG change. One page per patient follows."
    )


def columns() -> tuple[str, ...]:
    return (
        _("#"),
        _("Patient"),
        _("Flare days"),
        _("Δ mean"),
        _("Days ≥ {score}").format(score=HIGH_PAIN_SCORE),
        _("Logged"),
        _("PEG Δ"),
    )


def important_mark() -> str:
    return _(" !")


def no_entries() -> str:
    return _("no entries")


def page_failed() -> str:
    return _("This patient's page could not be drawn; their report is available with /summary.")


def reference_line() -> str:
    # Translators: the reference the specialist knows the patient by (a file number).
    return _("Reference: {reference}")


def name_with_reference() -> str:
    # Translators: a patient's name with the reference their specialist knows them by.
    return _("{name} ({reference})")


def patient_title() -> str:
    # Translators: the heading of a patient's page: their place in the list, then their name.
    return _("{rank}. {name}")


# One message row: plain text, so nothing a patient typed as their name can format it.
def row_line() -> str:
    return _(
        "{rank}. {name}: flare {flares} · Δ {change} · ≥{high}: {high_days} · log {logged}/{days}"
    )


def row_peg() -> str:
    return _(" · PEG {peg}")


def row_empty() -> str:
    return _("{rank}. {name}: no entries this week")


def change_cell(row: DigestRow) -> str:
    """The change of the mean against the previous period, '!' when clinically important."""
    change = row.figures.change
    if change is None:
        return rf.no_value()
    return rf.signed(change.absolute) + (important_mark() if change.clinically_important else "")


def peg_cell(row: DigestRow) -> str:
    """The PEG change since the first PEG, '!' when clinically important; '–' without one."""
    if row.peg_change is None:
        return rf.no_value()
    return rf.signed(row.peg_change) + (important_mark() if row.peg_important else "")


def label(row: DigestRow) -> str:
    """The patient's name, with their reference when they gave one."""
    name = rf.patient_name(row.name)
    return (
        name_with_reference().format(name=name, reference=row.reference) if row.reference else name
    )


def message_row(rank: int, row: DigestRow) -> str:
    """One line of the digest message."""
    figures = row.figures
    if not figures.days_logged:
        return row_empty().format(rank=rank, name=label(row))
    text = row_line().format(
        rank=rank,
        name=label(row),
        flares=figures.flare_days,
        change=change_cell(row),
        high=HIGH_PAIN_SCORE,
        high_days=figures.high_pain_days,
        logged=figures.days_logged,
        days=figures.days_in_period,
    )
    return text + (row_peg().format(peg=peg_cell(row)) if row.peg_change is not None else "")


def table_cells(rank: int, row: DigestRow) -> tuple[str, ...]:
    """One row of the PDF's table."""
    figures = row.figures
    if not figures.days_logged:
        return (str(rank), label(row), no_entries(), "", "", f"0/{figures.days_in_period}", "")
    return (
        str(rank),
        label(row),
        str(figures.flare_days),
        change_cell(row),
        str(figures.high_pain_days),
        f"{figures.days_logged}/{figures.days_in_period}",
        peg_cell(row),
    )


# -- the digest's message (bot/weekly_digest.py) -------------------------------------------------
def digest_title() -> str:
    return _("Weekly digest, {start} – {end}: {count} patients, most in need first.")


def digest_title_part() -> str:
    return _("Weekly digest, {start} – {end} (part {part} of {parts}).")


def digest_legend() -> str:
    return _(
        "flare = flare days · Δ = mean vs the week before (! = clinically important, ≥2 points or "
        "≥30%) · ≥7 = high-pain days · log = days logged of 7 · PEG = change. Tap a name for the "
        "full report."
    )


def digest_caption() -> str:
    return _("Weekly digest {start} – {end}: the table, then one page per patient.")


# -- /digest: when the digest arrives ------------------------------------------------------------
def digest_usage_on() -> str:
    # Translators: {monday} and {friday} and {off}: words the command reads, in your language.
    text = _(
        "Your weekly summaries arrive every {weekday} at {time} ({tz}).\nChange with /digest "
        "{monday} 08:00 (optionally a time zone: /digest {friday} 17:30 Europe/Berlin), or "
        "/digest {off}."
    )
    return with_argument_words(text)


def digest_usage_off() -> str:
    # Translators: {monday} and {friday} and {off}: words the command reads, in your language.
    text = _(
        "Your weekly summaries arrive never (turned off).\nChange with /digest {monday} 08:00 "
        "(optionally a time zone: /digest {friday} 17:30 Europe/Berlin), or /digest {off}."
    )
    return with_argument_words(text)


def digest_set() -> str:
    return _("Weekly summaries: every {weekday} at {time} ({tz}).")


def digest_off() -> str:
    # Translators: {monday}: a word the command reads, in your language.
    text = _("Weekly summaries are off. /digest {monday} 08:00 turns them back on.")
    return with_argument_words(text)
