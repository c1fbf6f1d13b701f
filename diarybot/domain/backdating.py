"""When an entry typed with /log happened: now, or a day and time the patient names (pure).

`/log 6 note`, `/log yesterday 7 note`, `/log 2026-11-30 6`, `/log 30.11 21:00 6`,
`/log 21:00 5`. A day without a time means the patient's reminder time that day (when they
would have logged it). Local times are DST-aware (see `localtime.instant_on`).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from diarybot.domain.free_text import DEFAULT_LANGUAGE, ScoredText, read_score_word
from diarybot.domain.localtime import instant_on, local_date
from diarybot.domain.parsing import parse_time_of_day

#: A new patient may copy the last months from a paper diary; older dates are typing mistakes.
MAX_BACKDATE = timedelta(days=365)

#: Relative day words per language code (data, like the number words).
DAY_WORDS: dict[str, dict[str, int]] = {
    "en": {"today": 0, "yesterday": 1},
    "es": {"hoy": 0, "ayer": 1},
    "de": {"heute": 0, "gestern": 1},
    "fr": {"aujourd'hui": 0, "aujourd’hui": 0, "hier": 1},
    "pt_BR": {"hoje": 0, "ontem": 1},
    "ru": {"сегодня": 0, "вчера": 1},
}

_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DOTTED_DAY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(?:(\d{4})\.?)?$|^(\d{1,2})\.(\d{1,2})$")
# Only unmistakable times: "21:00", "9pm", "9:30am" (never "21.00", which reads like a date).
_CLOCK = re.compile(r"^\d{1,2}:\d{2}$|^\d{1,2}(?::\d{2})?\s*[ap]\.?m?\.?$", re.IGNORECASE)


# "/log 6 - knee": the dash only separates; the note is "knee".
_NOTE_LEAD = re.compile(r"^[-–—:]\s+")


class LogProblem(enum.Enum):
    """Why a /log could not be stored."""

    UNREADABLE = enum.auto()
    IN_FUTURE = enum.auto()
    TOO_OLD = enum.auto()


@dataclass(frozen=True)
class LogRequest:
    """What /log asked for: the instant (None: now), the local day, the score and the note."""

    at: datetime | None
    day: date | None
    score: int
    note: str = ""


def parse_log(
    text: str,
    now: datetime,
    tz: ZoneInfo,
    default_time: time,
    language: str = DEFAULT_LANGUAGE,
) -> LogRequest | LogProblem:
    """Read /log's arguments (everything after the command) against the patient's clock."""
    words = text.split(maxsplit=3)
    today = local_date(now, tz)
    day, used = _day(words[:1], today, language)
    at_time, used_time = _time(words[used : used + 1])
    used += used_time
    # After the day and time: the score as one word, then the note exactly as typed (a pasted
    # list may start with a digit or span lines: "/log 4 1. Ibuprofen…").
    parts = text.split(maxsplit=used + 1)
    score = read_score_word(parts[used], language) if len(parts) > used else None
    if score is None:
        return LogProblem.UNREADABLE
    note = _NOTE_LEAD.sub("", parts[used + 1]) if len(parts) > used + 1 else ""
    scored = ScoredText(score, note)
    if day is None and at_time is None:
        return LogRequest(at=None, day=None, score=scored.score, note=scored.note)
    day = day or today
    instant = instant_on(day, at_time or default_time, tz)
    if day == today and at_time is None and instant > now:
        instant = now  # "today" before the reminder time: logged as of now
    if instant > now:
        return LogProblem.IN_FUTURE
    if now - instant > MAX_BACKDATE:
        return LogProblem.TOO_OLD
    return LogRequest(at=instant, day=day, score=scored.score, note=scored.note)


def parse_day(text: str, today: date, language: str = DEFAULT_LANGUAGE) -> date | None:
    """The day one typed word names ("yesterday", "2026-11-30", "30.11"), or None.

    Other flows that ask for a day (a treatment's date) read it the way /log does.
    """
    words = text.split()
    if len(words) != 1:
        return None
    return _day(words, today, language)[0]


def _day(words: list[str], today: date, language: str) -> tuple[date | None, int]:
    """The day the first word names, and whether it named one (1) or not (0)."""
    if not words:
        return None, 0
    word = words[0].casefold()
    # The patient's own language first, then every other: "/log ayer 7" from a patient whose
    # Telegram is set to English is still yesterday (no word means two days).
    relative = DAY_WORDS.get(language, {}).get(word)
    if relative is None:
        relative = next((t[word] for t in DAY_WORDS.values() if word in t), None)
    if relative is not None:
        return today - timedelta(days=relative), 1
    named = _iso_day(word) or _dotted_day(word, today)
    return (named, 1) if named else (None, 0)


def _iso_day(word: str) -> date | None:
    match = _ISO_DAY.match(word)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _dotted_day(word: str, today: date) -> date | None:
    """`30.11` (the latest 30 November not after today) or `30.11.2026`."""
    match = _DOTTED_DAY.match(word)
    if not match:
        return None
    day_text, month_text, year_text = match[1] or match[4], match[2] or match[5], match[3]
    try:
        if year_text:
            return date(int(year_text), int(month_text), int(day_text))
        candidate = date(today.year, int(month_text), int(day_text))
    except ValueError:
        return None
    if candidate > today:
        try:
            candidate = candidate.replace(year=today.year - 1)
        except ValueError:  # 29 February
            return None
    return candidate


def _time(words: list[str]) -> tuple[time | None, int]:
    if not words or not _CLOCK.match(words[0]):
        return None, 0
    parsed = parse_time_of_day(words[0])
    return (parsed, 1) if parsed else (None, 0)


#: Until this local hour, a check-in after an unanswered reminder offers to log the evening.
MORNING_ENDS = time(12, 0)


def missed_yesterday(now: datetime, tz: ZoneInfo, last_reminded: date | None) -> date | None:
    """The day to offer "log yesterday evening?" for: yesterday, when it is still morning and
    yesterday's reminder was sent (the caller checks that yesterday has no score)."""
    local = now.astimezone(tz)
    yesterday = local.date() - timedelta(days=1)
    if local.time() >= MORNING_ENDS or last_reminded != yesterday:
        return None
    return yesterday
