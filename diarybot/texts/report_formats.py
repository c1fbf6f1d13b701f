"""Numbers, dates and names as the specialist PDF writes them, the reader's way.

Numbers carry one decimal and a real minus sign. Dates and numbers are written the reader's way
by Babel (CLDR data: "Wed, 2 Dec 2026" / "mié, 2 dic 2026", "5.3" / "5,3"), never by
`strftime`, which follows the server's locale rather than the reader's language.
"""

from __future__ import annotations

from datetime import date, datetime

from babel import numbers as babel_numbers

from diarybot.texts.i18n import _, format_decimal, format_skeleton, locale, ngettext


def minus() -> str:
    return _("−")


def no_value() -> str:
    return _("–")


def name_not_given() -> str:
    return _("(no name given)")


def period_range(days: int) -> str:
    return ngettext("{start} – {end} ({days} day)", "{start} – {end} ({days} days)", days)


def date_range() -> str:
    # Translators: a period in a running head, e.g. "2 Nov 2026 – 29 Nov 2026".
    return _("{start} – {end}")


def days(n: int) -> str:
    """A number of days inside a sentence: '1 day', '3 days' (Russian: '3 дня', '5 дней')."""
    return ngettext("{n} day", "{n} days", n).format(n=n)


def number(value: float | None, decimals: int = 1) -> str:
    """A figure with one decimal in the reader's form ('5.3', '5,3'), a real minus sign, or a
    dash when there is none."""
    if value is None:
        return no_value()
    text = format_decimal(abs(value), decimals)
    zero = format_decimal(0, decimals)
    return minus() + text if value < 0 and text != zero else text


def signed(value: float, decimals: int = 1) -> str:
    """A change with an explicit sign: '+0.4', '−1,2', '0.0'."""
    text = format_decimal(abs(value), decimals)
    if text == format_decimal(0, decimals):
        return text
    return ("+" if value > 0 else minus()) + text


def percent(fraction: float, *, sign: bool = False) -> str:
    """A whole percentage the reader's way: '45%' in English, '45 %' in German and French;
    with `sign`, '+12%' or '−32 %' (no sign on zero)."""
    text = babel_numbers.format_percent(abs(fraction), locale=locale())
    if sign and text != babel_numbers.format_percent(0, locale=locale()):
        return ("+" if fraction > 0 else minus()) + text
    return text


def day_label(day: date, *, with_year: bool = True) -> str:
    """'Mon, Nov 2, 2026' / 'lun, 2 nov 2026' (without the year inside a table)."""
    return format_skeleton("yMMMEd" if with_year else "MMMEd", day)


def short_date(day: date) -> str:
    """'Nov 2, 2026' / '2 nov 2026' / '2. Nov. 2026', for the running head and footer."""
    return format_skeleton("yMMMd", day)


def time_of_day(when: datetime) -> str:
    """A clock time, 24-hour in every language: a clinical record, never '8:15 PM'."""
    return format_skeleton("Hm", when)


def period_label(start: date, end: date) -> str:
    """The period as the first page shows it."""
    days_in = (end - start).days + 1
    return period_range(days_in).format(start=day_label(start), end=day_label(end), days=days_in)


def short_period(start: date, end: date) -> str:
    """'Nov 2, 2026 – Nov 29, 2026', for a running head."""
    return date_range().format(start=short_date(start), end=short_date(end))


def patient_name(name: str) -> str:
    """The name exactly as the patient chose it, or a placeholder."""
    return name.strip() or name_not_given()
