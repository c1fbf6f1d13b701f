"""What every button carries: short prefixed callback data, and its validation.

Callback data is short, prefixed and validated before use (Telegram allows 64 bytes and a
client can send anything). The state a button needs (which entry) travels in its data, and the
entry is always looked up in the presser's own file, so a button works after a restart and can
never reach another patient's data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from diarybot.domain.daily_items import DailyItem, Region
from diarybot.domain.entries import MAX_SCORE, MIN_SCORE, Technique
from diarybot.domain.links import ShareLevel
from diarybot.domain.treatments import Kind

SCORE = "sc"
TOGGLE = "tg"
TECHNIQUES_DONE = "td"
NOTE_SKIP = "ns"
TIMEZONE = "tz"
REMINDER_TIME = "rt"
UNDO_YES = "uy"
UNDO_NO = "un"
DELETE_YES = "dy"
DELETE_NO = "dn"
DELETE_EXPORT = "dx"
LANGUAGE = "lg"
LINK_ALLOW = "la"
LINK_DECLINE = "ld"
UNSHARE = "ur"
SUMMARY = "sm"
EX_PATTERN = "xp"
EX_BEFORE = "xb"
EX_AFTER = "xa"
EX_STOP = "xs"
PEG = "pg"
SHARING_PICK = "sp"
SET_LEVEL = "sl"
SPECIALIST_TZ = "sz"
PATIENTS_PAGE = "pp"
DATA_FILES = "fl"
OWN_DIARY = "od"
KEEP_NAME = "kn"
SKIP_REFERENCE = "kr"
PLAN_FOR = "pn"
PLAN_IN_REMINDERS = "pq"
#: The two presses of the plan-line switch in /plan (callback data, not words).
PLAN_LINE_ON = f"{PLAN_IN_REMINDERS}:on"
PLAN_LINE_OFF = f"{PLAN_IN_REMINDERS}:off"
OFFER = "fw"
HISTORY_PAGE = "hp"
HISTORY_ENTRY = "he"
HISTORY_SCORE = "hs"
HISTORY_SET_SCORE = "hv"
HISTORY_TECHNIQUES = "ht"
HISTORY_TOGGLE = "hg"
HISTORY_MEDICATION = "hm"
HISTORY_NOTE = "hn"
HISTORY_REMOVE = "hr"
HISTORY_REMOVE_YES = "hx"
TECHNIQUES_NONE = "tn"
LOG_YESTERDAY = "ly"
HISTORY_TECHNIQUES_NONE = "hz"
# Correcting an entry's daily items from /history: which item, a new rating, a region ticked.
HISTORY_ITEM = "hi"
HISTORY_ITEM_RATING = "hk"
HISTORY_REGION = "hl"
HISTORY_REGIONS_END = "hd"
SKIP = "s"
# /meds and the check-in's medication list.
MEDS_MENU = "mn"
MEDS_USE = "mu"
MEDS_OPEN = "mo"
MEDS_RENAME = "mr"
MEDS_STOP = "mx"
CHECKIN_MEDS = "cm"
CHECKIN_TAKEN = "mt"
CHECKIN_MEDS_CLEAR = "mc"
CHECKIN_MEDS_BACK = "mb"
# The optional daily items: /settings toggles and the check-in's questions after the score.
SETTINGS_ITEM = "si"
ITEM_RATING = "ia"
ITEM_REGION = "ib"
ITEM_REGIONS_END = "ic"
# /treatment and its part of /history.
TREATMENT_WHOSE = "ew"
TREATMENT_KIND = "ek"
TREATMENT_DAY = "ed"
TREATMENT_SKIP = "es"
TREATMENT_REMOVE = "er"
TREATMENT_REMOVE_YES = "ey"
TREATMENT_KEEP = "eq"

MEDICATION_CODE = "medication"

_ID = r"[0-9a-f]{10}"
_LEVELS = "|".join(level.value for level in ShareLevel)
_MED = r"[0-9a-f]{6}"
_ITEMS = "|".join(item.value for item in DailyItem)
_REGIONS = "|".join(region.value for region in Region)
_KIND = "|".join(kind.value for kind in Kind)
_PATTERNS = {
    SCORE: re.compile(rf"^{SCORE}:({_ID}):(\d{{1,2}})$"),
    TOGGLE: re.compile(rf"^{TOGGLE}:({_ID}):([a-z_]{{1,20}})$"),
    TECHNIQUES_DONE: re.compile(rf"^{TECHNIQUES_DONE}:({_ID})$"),
    NOTE_SKIP: re.compile(rf"^{NOTE_SKIP}:({_ID})$"),
    UNDO_YES: re.compile(rf"^{UNDO_YES}:({_ID})$"),
    TIMEZONE: re.compile(rf"^{TIMEZONE}:([A-Za-z0-9_+\-/]{{1,40}})$"),
    REMINDER_TIME: re.compile(rf"^{REMINDER_TIME}:(\d{{2}}:\d{{2}})$"),
    EX_PATTERN: re.compile(rf"^{EX_PATTERN}:(calm|box|478|pmr)$"),
    EX_BEFORE: re.compile(rf"^{EX_BEFORE}:({_ID}):(\d{{1,2}}|{SKIP})$"),
    EX_AFTER: re.compile(rf"^{EX_AFTER}:({_ID}):(\d{{1,2}}|{SKIP})$"),
    EX_STOP: re.compile(rf"^{EX_STOP}:({_ID})$"),
    # The text itself stays in the user's state: the button only says which offer and what to do.
    OFFER: re.compile(rf"^{OFFER}:({_ID}):(add|note|rate)$"),
    HISTORY_PAGE: re.compile(rf"^{HISTORY_PAGE}:(\d{{1,5}})$"),
    LOG_YESTERDAY: re.compile(rf"^{LOG_YESTERDAY}:({_ID}):(\d{{1,2}})$"),
    HISTORY_SET_SCORE: re.compile(rf"^{HISTORY_SET_SCORE}:({_ID}):(\d{{1,2}})$"),
    HISTORY_TOGGLE: re.compile(rf"^{HISTORY_TOGGLE}:({_ID}):([a-z_]{{1,20}})$"),
    **{
        prefix: re.compile(rf"^{prefix}:({_ID})$")
        for prefix in (
            HISTORY_ENTRY,
            HISTORY_SCORE,
            HISTORY_TECHNIQUES,
            HISTORY_MEDICATION,
            HISTORY_NOTE,
            HISTORY_REMOVE,
            HISTORY_REMOVE_YES,
            TECHNIQUES_NONE,
            HISTORY_TECHNIQUES_NONE,
        )
    },
    PEG: re.compile(rf"^{PEG}:({_ID}):(pain|enjoyment|activity):(\d{{1,2}})$"),
    MEDS_MENU: re.compile(rf"^{MEDS_MENU}:(add|list)$"),
    # The typed name waits in the user's state under this id (callback data is 64 bytes).
    MEDS_USE: re.compile(rf"^{MEDS_USE}:({_ID}):(regular|as_needed)$"),
    **{
        prefix: re.compile(rf"^{prefix}:({_MED})$")
        for prefix in (MEDS_OPEN, MEDS_RENAME, MEDS_STOP)
    },
    **{
        prefix: re.compile(rf"^{prefix}:({_ID})$")
        for prefix in (CHECKIN_MEDS, CHECKIN_MEDS_CLEAR, CHECKIN_MEDS_BACK)
    },
    CHECKIN_TAKEN: re.compile(rf"^{CHECKIN_TAKEN}:({_ID}):({_MED})$"),
    PLAN_IN_REMINDERS: re.compile(rf"^{PLAN_IN_REMINDERS}:(on|off)$"),
    SETTINGS_ITEM: re.compile(rf"^{SETTINGS_ITEM}:({_ITEMS})$"),
    ITEM_RATING: re.compile(rf"^{ITEM_RATING}:({_ID}):(sleep|mood):(\d{{1,2}}|{SKIP})$"),
    ITEM_REGION: re.compile(rf"^{ITEM_REGION}:({_ID}):({_REGIONS})$"),
    ITEM_REGIONS_END: re.compile(rf"^{ITEM_REGIONS_END}:({_ID}):(done|skip)$"),
    HISTORY_ITEM: re.compile(rf"^{HISTORY_ITEM}:({_ID}):({_ITEMS})$"),
    HISTORY_ITEM_RATING: re.compile(
        rf"^{HISTORY_ITEM_RATING}:({_ID}):(sleep|mood):(\d{{1,2}}|{SKIP})$"
    ),
    HISTORY_REGION: re.compile(rf"^{HISTORY_REGION}:({_ID}):({_REGIONS})$"),
    HISTORY_REGIONS_END: re.compile(rf"^{HISTORY_REGIONS_END}:({_ID}):(done|skip)$"),
    **{
        prefix: re.compile(rf"^{prefix}:(\d{{1,15}})$")
        for prefix in (LINK_DECLINE, UNSHARE, SUMMARY, SHARING_PICK, DATA_FILES, PLAN_FOR)
    },
    **{
        prefix: re.compile(rf"^{prefix}:(\d{{1,15}}):({_LEVELS})$")
        for prefix in (LINK_ALLOW, SET_LEVEL)
    },
    TREATMENT_WHOSE: re.compile(rf"^{TREATMENT_WHOSE}:(\d{{1,15}})$"),
    TREATMENT_KIND: re.compile(rf"^{TREATMENT_KIND}:(\d{{1,15}}):({_KIND})$"),
    **{
        prefix: re.compile(rf"^{prefix}:(\d{{1,15}}):({_KIND}):(\d{{8}})$")
        for prefix in (TREATMENT_DAY, TREATMENT_SKIP)
    },
    **{
        prefix: re.compile(rf"^{prefix}:({_ID})$")
        for prefix in (TREATMENT_REMOVE, TREATMENT_REMOVE_YES, TREATMENT_KEEP)
    },
    SPECIALIST_TZ: re.compile(rf"^{SPECIALIST_TZ}:([A-Za-z0-9_+\-/]{{1,40}})$"),
    PATIENTS_PAGE: re.compile(rf"^{PATIENTS_PAGE}:(\d{{1,4}})$"),
    LANGUAGE: re.compile(rf"^{LANGUAGE}:([A-Za-z_]{{2,5}})$"),
}
TOGGLE_CODES = frozenset([t.value for t in Technique] + [MEDICATION_CODE])


@dataclass(frozen=True)
class Callback:
    """A validated button press: its kind and its arguments."""

    kind: str
    args: tuple[str, ...] = ()


def parse_callback(data: object) -> Callback | None:
    """Validate callback data; None for anything we did not produce."""
    if not isinstance(data, str) or len(data) > 64:
        return None
    if data in (
        UNDO_NO,
        DELETE_YES,
        DELETE_NO,
        DELETE_EXPORT,
        OWN_DIARY,
        KEEP_NAME,
        SKIP_REFERENCE,
    ):
        return Callback(data)
    kind = data.split(":", 1)[0]
    pattern = _PATTERNS.get(kind)
    match = pattern.match(data) if pattern else None
    if not match or not _args_valid(kind, match.groups()):
        return None
    return Callback(kind, match.groups())


def _args_valid(kind: str, args: tuple[str, ...]) -> bool:
    if kind in (SCORE, EX_BEFORE, EX_AFTER, HISTORY_SET_SCORE, LOG_YESTERDAY):
        return _valid_score(args[1])
    if kind in (ITEM_RATING, HISTORY_ITEM_RATING):
        return _valid_score(args[2])
    if kind == PEG:
        return _valid_score(args[2])
    if kind in (TOGGLE, HISTORY_TOGGLE):
        return args[1] in TOGGLE_CODES
    if kind in (TREATMENT_DAY, TREATMENT_SKIP):
        return callback_day(args[2]) is not None
    return True


def day_data(day: date) -> str:
    """A day in callback data: 20261130."""
    return f"{day:%Y%m%d}"


def callback_day(text: str) -> date | None:
    """The day `day_data` wrote, or None for a date that does not exist."""
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def _valid_score(text: str) -> bool:
    return text == SKIP or MIN_SCORE <= int(text) <= MAX_SCORE
