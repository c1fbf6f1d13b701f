"""The examples in /help and the usage replies work when typed, in the reader's language (#15).

A patient reads "/log ayer 7" in their /help and "/weekly activar" in /weekly's reply, types
exactly that, and the bot does it: the words are taken from what the patient received, not from
the test, with the real catalogs.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from diarybot import texts
from diarybot.texts import i18n
from tests.support.fake_bot_api import FakeUser

MADRID = ZoneInfo("Europe/Madrid")
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=MADRID)  # a Wednesday
#: The word each language's texts show, as a patient of that language reads it.
SHOWN = {
    "es": {"log": "ayer", "weekly": "activar", "peg": "domingo"},
    "ru": {"log": "вчера", "weekly": "вкл", "peg": "воскресенье"},
}


def example(replies: list[str], command: str) -> str:
    """The first word shown after `command` in the replies ("/log ayer 7" -> "ayer")."""
    found = re.search(rf"/{command} ([^\W\d_][^\s.,;:()]*)", "\n".join(replies))
    assert found, f"no /{command} example in {replies}"
    return found.group(1)


def said(language: str, text_function, /, **words) -> str:
    with i18n.speaking(language):
        text = text_function()
    return text.format(**words) if words else text


@pytest.mark.parametrize("language", ["es", "ru"])
async def test_the_shown_examples_do_what_they_say(harness, clock, language):
    clock.set(NOW)
    pat = harness.users.setdefault(
        3101, FakeUser(id=3101, first_name="Paz", language_code=language)
    )
    await harness.onboard(pat, tz="Europe/Madrid", at="20:00")

    yesterday = example(await harness.say(pat, "/help"), "log")
    assert yesterday == SHOWN[language]["log"]
    await harness.say(pat, f"/log {yesterday} 7")
    [entry] = harness.files.entries(pat.id)
    assert (entry.score, entry.local_date) == (7, date(2026, 12, 1))

    switch_on = example(await harness.say(pat, "/weekly"), "weekly")
    assert switch_on == SHOWN[language]["weekly"]
    assert await harness.say(pat, f"/weekly {switch_on}") == [said(language, texts.weekly_on)]

    usage = await harness.say(pat, "/peg")
    sunday = example(usage, "peg")
    assert sunday == SHOWN[language]["peg"]
    with i18n.speaking(language):
        sunday_name = texts.weekdays()[6]
    assert await harness.say(pat, f"/peg {sunday}") == [
        said(language, texts.peg_set, weekday=sunday_name)
    ]
    switch_off = re.findall(r"/peg ([^\W\d_][^\s.,;:()]*)", "\n".join(usage))[-1]
    assert await harness.say(pat, f"/peg {switch_off}") == [said(language, texts.peg_off)]
