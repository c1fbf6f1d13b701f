"""Parsing what patients type: times of day, time zones, weekdays and periods (pure; a pain
score, in digits or words, is read in `free_text`)."""

from __future__ import annotations

import difflib
import re
import unicodedata
import zoneinfo
from datetime import date, time, timedelta
from functools import lru_cache

from diarybot.domain.folding import fold

_TIME_24H = re.compile(r"^\s*(\d{1,2})(?:\s*[:.h]\s*(\d{2}))?\s*$")
_TIME_12H = re.compile(
    r"^\s*(\d{1,2})(?:\s*[:.]\s*(\d{2}))?\s*([ap])\.?\s*m?\.?\s*$", re.IGNORECASE
)


def parse_time_of_day(text: str) -> time | None:
    """A time of day from `20:00`, `20.00`, `8pm`, `8:30 am`, `20`; None if not a valid time."""
    if len(text) > 12 or not text.isascii():
        return None
    match = _TIME_12H.match(text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if not 1 <= hour <= 12 or minute > 59:
            return None
        hour = hour % 12 + (12 if match.group(3).lower() == "p" else 0)
        return time(hour, minute)
    match = _TIME_24H.match(text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour > 23 or minute > 59:
            return None
        return time(hour, minute)
    return None


@lru_cache(maxsize=1)
def _zones() -> dict[str, str]:
    """Known IANA zone names keyed by their lower-case form."""
    return {name.lower(): name for name in zoneinfo.available_timezones()}


def normalize_timezone(text: str) -> str | None:
    """The canonical IANA name for what was typed (case and spaces forgiven), else None."""
    cleaned = unicodedata.normalize("NFKC", text).strip().replace(" ", "_")
    if not cleaned or len(cleaned) > 64:
        return None
    return _zones().get(cleaned.lower())


def suggest_timezones(text: str, limit: int = 4) -> list[str]:
    """Close matches for a mistyped zone: by full name, then by city name alone.

    The second pass is why this is more than `difflib` over the zone names: a city typed on its
    own is too unlike the whole name ("oslo" against "europe/oslo" scores 0.53, under the 0.6
    cutoff), so "Oslo", "Cairo", "Sydney" or "Paris" would get no suggestion at all.
    """
    cleaned = unicodedata.normalize("NFKC", text).strip().replace(" ", "_").lower()[:64]
    if not cleaned:
        return []
    zones = _zones()
    found = difflib.get_close_matches(cleaned, zones.keys(), n=limit, cutoff=0.6)
    by_city = {name.rsplit("/", 1)[-1]: name for name in zones}
    for city in difflib.get_close_matches(cleaned, by_city.keys(), n=limit, cutoff=0.75):
        if by_city[city] not in found:
            found.append(by_city[city])
    return [zones[name] for name in found][:limit]


MAX_PERIOD_DAYS = 366
# Diaries are recent; far-off dates are typing mistakes (and date arithmetic overflows at 0001).
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2100, 12, 31)
DEFAULT_PERIOD_DAYS = 7


def parse_period(args: list[str], today: date) -> tuple[date, date] | None:
    """A period of local days (inclusive) from command arguments; None if not understood.

    Nothing: the last 7 days. `30`, `90` (any 1–366): the last N days. `week`: 7 days.
    `month`: this calendar month so far. `year`: the last 365 days (the words in any language
    we speak: `semana`, `Monat`, `année`, `год`). Two ISO dates: that range.
    """
    if not args:
        return today - timedelta(days=DEFAULT_PERIOD_DAYS - 1), today
    if len(args) == 1:
        return _named_period(args[0].strip().lower(), today)
    if len(args) == 2:
        return _date_range(args[0], args[1])
    return None


#: The words for a period in /chart, /export and the like, per language code (read folded).
PERIOD_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {"week": ("week",), "month": ("month",), "year": ("year",)},
    "es": {"week": ("semana",), "month": ("mes",), "year": ("año",)},
    "de": {"week": ("woche",), "month": ("monat",), "year": ("jahr",)},
    "fr": {"week": ("semaine",), "month": ("mois",), "year": ("année", "an")},
    "pt_BR": {"week": ("semana",), "month": ("mês",), "year": ("ano",)},
    "ru": {"week": ("неделя", "неделю"), "month": ("месяц",), "year": ("год",)},
}


def _period_kind(word: str) -> str | None:
    """ "week", "month" or "year" for the word in any language, else None."""
    folded = fold(word)
    for kinds in PERIOD_WORDS.values():
        for kind, spellings in kinds.items():
            if folded in {fold(s) for s in spellings}:
                return kind
    return None


def _named_period(word: str, today: date) -> tuple[date, date] | None:
    kind = _period_kind(word)
    if kind == "month":
        return today.replace(day=1), today
    days = {"week": 7, "year": 365}.get(kind or "")
    if days is None and word.isascii() and word.isdigit():
        days = int(word)
    if days is None or not 1 <= days <= MAX_PERIOD_DAYS:
        return None
    return today - timedelta(days=days - 1), today


def _date_range(first: str, second: str) -> tuple[date, date] | None:
    try:
        start, end = date.fromisoformat(first), date.fromisoformat(second)
    except ValueError:
        return None
    in_range = EARLIEST_DATE <= start <= end <= LATEST_DATE
    if in_range and (end - start).days < MAX_PERIOD_DAYS:
        return start, end
    return None


#: The days of the week, Monday first, per language code. A day is named by its name, the
#: first three letters of it (as "mon", "mié", "пон") or a listed short form ("Mo", "пн").
WEEKDAYS: dict[str, tuple[tuple[str, ...], ...]] = {
    "en": (
        ("monday",),
        ("tuesday",),
        ("wednesday",),
        ("thursday",),
        ("friday",),
        ("saturday",),
        ("sunday",),
    ),
    "es": (
        ("lunes",),
        ("martes",),
        ("miércoles",),
        ("jueves",),
        ("viernes",),
        ("sábado",),
        ("domingo",),
    ),
    "de": (
        ("montag", "mo"),
        ("dienstag", "di"),
        ("mittwoch", "mi"),
        ("donnerstag", "do"),
        ("freitag", "fr"),
        ("samstag", "sonnabend", "sa"),
        ("sonntag", "so"),
    ),
    "fr": (
        ("lundi",),
        ("mardi",),
        ("mercredi",),
        ("jeudi",),
        ("vendredi",),
        ("samedi",),
        ("dimanche",),
    ),
    "pt_BR": (
        ("segunda", "segunda-feira"),
        ("terça", "terça-feira"),
        ("quarta", "quarta-feira"),
        ("quinta", "quinta-feira"),
        ("sexta", "sexta-feira"),
        ("sábado",),
        ("domingo",),
    ),
    "ru": (
        ("понедельник", "пн"),
        ("вторник", "вт"),
        ("среда", "среду", "ср"),
        ("четверг", "чт"),
        ("пятница", "пятницу", "пт"),
        ("суббота", "субботу", "сб"),
        ("воскресенье", "вс"),
    ),
}


def parse_weekday(text: str) -> int | None:
    """0 = Monday … 6 = Sunday from a day's name, its first three letters or a short form, in
    any language we speak, without case or accents ("Mon", "miércoles", "Mi", "пн")."""
    word = fold(text.strip()).rstrip(".")
    if not word:
        return None
    for days in WEEKDAYS.values():
        for index, names in enumerate(days):
            folded = [fold(name) for name in names]
            if word in folded or word == folded[0][:3]:
                return index
    return None
