"""/log's day and time: backdating in the patient's zone, DST-aware, never future or > 1 year."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from diarybot.domain.backdating import (
    LogProblem,
    LogRequest,
    missed_yesterday,
    parse_day,
    parse_log,
)

BERLIN = ZoneInfo("Europe/Berlin")
# Wednesday 2 December 2026, 10:00 in Berlin.
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=BERLIN).astimezone(UTC)
REMINDER = time(20, 0)


def parse(text, now=NOW):
    return parse_log(text, now, BERLIN, REMINDER)


def local(result):
    assert isinstance(result, LogRequest), result
    return result.at.astimezone(BERLIN).replace(tzinfo=None) if result.at else None


def test_plain_log_is_now():
    assert parse("6 knee") == LogRequest(at=None, day=None, score=6, note="knee")


@pytest.mark.parametrize(
    ("text", "when", "score", "note"),
    [
        ("yesterday 7 bad night", datetime(2026, 12, 1, 20, 0), 7, "bad night"),
        ("Yesterday seven", datetime(2026, 12, 1, 20, 0), 7, ""),
        ("2026-11-30 6", datetime(2026, 11, 30, 20, 0), 6, ""),
        ("30.11 21:00 6", datetime(2026, 11, 30, 21, 0), 6, ""),
        ("30.11.2026 9pm 6 knee", datetime(2026, 11, 30, 21, 0), 6, "knee"),
        ("08:15 5", datetime(2026, 12, 2, 8, 15), 5, ""),
        ("today 4", datetime(2026, 12, 2, 10, 0), 4, ""),  # before the reminder time: now
        ("15.12 3", datetime(2025, 12, 15, 20, 0), 3, ""),  # no year: the latest 15 Dec past
    ],
)
def test_a_day_and_time_are_read_in_the_patients_zone(text, when, score, note):
    result = parse(text)
    assert local(result) == when
    assert (result.score, result.note) == (score, note)
    assert result.day == when.date()


@pytest.mark.parametrize("text", ["tomorrow 5", "23:00 5", "2026-12-03 5", "2027-01-01 4"])
def test_the_future_is_refused(text):
    assert parse(text) in (LogProblem.IN_FUTURE, LogProblem.UNREADABLE)


def test_a_later_time_today_is_the_future():
    assert parse("23:00 5") is LogProblem.IN_FUTURE


def test_more_than_a_year_back_is_refused():
    assert parse("2025-12-01 5") is LogProblem.TOO_OLD
    assert isinstance(parse("2025-12-03 5"), LogRequest)


@pytest.mark.parametrize("text", ["", "yesterday", "31.02 6", "2026-13-01 6", "25:00 6", "x 6"])
def test_unreadable_input_is_told_apart(text):
    assert parse(text) is LogProblem.UNREADABLE


def test_a_time_in_the_spring_gap_is_moved_forward_and_keeps_its_day():
    now = datetime(2026, 4, 1, 12, tzinfo=UTC)
    result = parse_log("2026-03-29 02:30 5", now, BERLIN, REMINDER)
    assert result.at == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # 03:30 CEST
    assert result.day == date(2026, 3, 29)


def test_a_time_that_happens_twice_in_autumn_is_the_first_one():
    now = datetime(2026, 11, 1, 12, tzinfo=UTC)
    result = parse_log("2026-10-25 02:30 5", now, BERLIN, REMINDER)
    assert result.at == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 02:30 CEST, not CET


def test_the_note_is_kept_exactly_even_when_it_starts_with_a_digit_or_spans_lines():
    note = "1. Ibuprofen 400 mg\n2. Heat pad"
    assert parse(f"4 {note}") == LogRequest(at=None, day=None, score=4, note=note)
    assert parse("yesterday 7 - knee").note == "knee"
    assert parse("6/10 knee").score == 6


def test_log_yesterday_evening_is_offered_only_in_the_morning_after_a_sent_reminder():
    yesterday = date(2026, 12, 1)
    morning = datetime(2026, 12, 2, 11, 59, tzinfo=BERLIN)
    assert missed_yesterday(morning, BERLIN, yesterday) == yesterday
    assert missed_yesterday(morning.replace(hour=12, minute=0), BERLIN, yesterday) is None
    assert missed_yesterday(morning, BERLIN, date(2026, 11, 30)) is None
    assert missed_yesterday(morning, BERLIN, None) is None


@pytest.mark.parametrize(
    ("word", "back"),
    [("ayer", 1), ("hoy", 0), ("gestern", 1), ("hier", 1), ("ontem", 1), ("Вчера", 1)],
)
def test_yesterday_and_today_in_every_language_we_speak(word, back):
    today = date(2026, 12, 2)
    assert parse_day(word, today) == today - timedelta(days=back)
