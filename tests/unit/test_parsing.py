"""What patients type: scores, times and time zones."""

from datetime import time

import pytest

from diarybot.domain.parsing import (
    normalize_timezone,
    parse_score,
    parse_time_of_day,
    suggest_timezones,
)


@pytest.mark.parametrize(
    ("text", "score"), [("0", 0), ("7", 7), ("7/10", 7), (" 10 ", 10), ("3 / 10", 3)]
)
def test_score_accepts_numbers_and_out_of_ten(text, score):
    assert parse_score(text) == score


@pytest.mark.parametrize(
    "text",
    ["11", "-1", "seven", "7.5", "NaN", "1e3", "-0", "７", "😀", "", " ", "7/5", "x" * 5000, "٧"],
)
def test_score_rejects_everything_else(text):
    assert parse_score(text) is None


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
