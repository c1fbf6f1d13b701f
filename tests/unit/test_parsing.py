"""What patients type: times, time zones, weekdays and periods (in every language)."""

from datetime import date, time, timedelta

import pytest

from diarybot.domain.folding import fold
from diarybot.domain.parsing import (
    WEEKDAYS,
    normalize_timezone,
    parse_period,
    parse_time_of_day,
    parse_weekday,
    suggest_timezones,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20:00", time(20, 0)),
        ("8pm", time(20, 0)),
        ("20.00", time(20, 0)),
        ("8:30 am", time(8, 30)),
        ("12am", time(0, 0)),
        ("12pm", time(12, 0)),
        ("7", time(7, 0)),
        ("8 p.m.", time(20, 0)),
        ("21h30", time(21, 30)),
    ],
)
def test_time_of_day_formats(text, expected):
    assert parse_time_of_day(text) == expected


@pytest.mark.parametrize("text", ["24:00", "13pm", "20:60", "evening", "", "0am", "８pm"])
def test_time_of_day_rejects_invalid(text):
    assert parse_time_of_day(text) is None


def test_timezone_names_are_normalized():
    assert normalize_timezone("europe/berlin") == "Europe/Berlin"
    assert normalize_timezone("America/New York") == "America/New_York"
    assert normalize_timezone("Mars/Olympus") is None


def test_timezone_suggestions_for_typos_and_cities():
    assert "Europe/Berlin" in suggest_timezones("Europe/Berln")
    assert suggest_timezones("berlin")[0] == "Europe/Berlin"
    assert "America/New_York" in suggest_timezones("new york")
    assert suggest_timezones("qqqqqqqq") == []


@pytest.mark.parametrize(
    ("text", "weekday"),
    [
        ("monday", 0),
        ("Mon", 0),
        ("miércoles", 2),
        ("MIERCOLES", 2),
        ("mié", 2),
        ("Mittwoch", 2),
        ("Mi", 2),
        ("jeudi", 3),
        ("sexta-feira", 4),
        ("sexta", 4),
        ("sábado", 5),
        ("sabado", 5),
        ("Samstag", 5),
        ("воскресенье", 6),
        ("пн", 0),
        ("Среду", 2),
    ],
)
def test_weekdays_are_read_in_every_language(text, weekday):
    assert parse_weekday(text) == weekday


@pytest.mark.parametrize("text", ["", "someday", "x", "quiero", "７"])
def test_other_words_are_not_weekdays(text):
    assert parse_weekday(text) is None


def test_no_name_or_short_form_of_a_day_means_another_day_in_another_language():
    meanings: dict[str, set[int]] = {}
    for days in WEEKDAYS.values():
        for index, names in enumerate(days):
            for name in {*(fold(n) for n in names), fold(names[0])[:3]}:
                meanings.setdefault(name, set()).add(index)
    assert {name: days for name, days in meanings.items() if len(days) > 1} == {}


@pytest.mark.parametrize(
    ("word", "days"),
    [
        ("week", 7),
        ("semana", 7),
        ("Woche", 7),
        ("semaine", 7),
        ("неделя", 7),
        ("año", 365),
        ("ano", 365),
        ("Jahr", 365),
        ("année", 365),
        ("год", 365),
    ],
)
def test_period_words_are_read_in_every_language(word, days):
    today = date(2026, 12, 3)
    assert parse_period([word], today) == (today - timedelta(days=days - 1), today)


@pytest.mark.parametrize("word", ["month", "mes", "Monat", "mois", "mês", "месяц"])
def test_this_month_in_every_language(word):
    today = date(2026, 12, 3)
    assert parse_period([word], today) == (date(2026, 12, 1), today)
