"""The word after a command in /help and the usage replies is the reader's own word, and the
command reads it as meant (#15): a Spanish patient reads "/chart mes" and "/log ayer 7", types
them, and gets this month's chart and an entry for yesterday.

(a) Every text that shows such an example, in every language: each "/command word" means to the
    command's parser what the English text's example means, and a word the parser understands
    is one of the reader's language (not English, unless that language's word is the same).
(b) Every catalog: no translation shows another language's argument word, and no English
    message writes one out instead of its placeholder (so a new text cannot drift).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta

import pytest
from babel.messages.pofile import read_po

from diarybot.domain.backdating import DAY_WORDS, LogRequest, parse_log
from diarybot.domain.command_words import SWITCH_WORDS, read_switch
from diarybot.domain.folding import fold
from diarybot.domain.parsing import PERIOD_WORDS, WEEKDAYS, parse_period, parse_weekday
from diarybot.texts import (
    argument_words,
    chart_commands,
    digest,
    erasure,
    export_command,
    flares,
    i18n,
    onboarding,
    peg,
    specialist,
    words,
)
from diarybot.texts import help as help_texts

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
TODAY = NOW.date()
YESTERDAY = TODAY - timedelta(days=1)
THIS_MONTH = (TODAY.replace(day=1), TODAY)
TRANSLATED = [code for code in i18n.LANGUAGES if code != i18n.DEFAULT]
#: "/chart mes", "/log ayer 7", "/digest lunes 08:00": the first word after a command that
#: takes a word (not a placeholder, nor the punctuation after it).
EXAMPLE = re.compile(r"/(chart|export|log|digest|peg|weekly|alerts) ([^\s{}.,;:()]+)")
LETTER = re.compile(r"[^\W\d_]")

#: The texts that show a command's argument, their other placeholders filled.
TEXTS: dict[str, Callable[[], str]] = {
    "help, patient": lambda: help_texts.help_for(patient=True, specialist=False),
    "help, both": lambda: help_texts.help_for(patient=True, specialist=True),
    "log usage": words.log_usage,
    "chart usage": chart_commands.chart_usage,
    "weekly usage, on": chart_commands.weekly_usage_on,
    "weekly usage, off": chart_commands.weekly_usage_off,
    "peg usage, on": lambda: peg.peg_usage_on().format(weekday="W"),
    "peg usage, off": peg.peg_usage_off,
    "digest usage, on": lambda: digest.digest_usage_on().format(weekday="W", time="T", tz="Z"),
    "digest usage, off": digest.digest_usage_off,
    "digest off": digest.digest_off,
    "alerts usage, on": flares.alerts_usage_on,
    "alerts usage, off": flares.alerts_usage_off,
    "linked first": lambda: specialist.link_confirmed_first().format(
        patient="P", level="L", weekday="W", time="T", tz="Z"
    ),
    "export hint": lambda: erasure.export_all_hint(30).format(days=30),
    "export usage": export_command.export_usage,
    "welcome": onboarding.welcome,
}


def meaning(command: str, word: str, language: str) -> object:
    """What the command's own parser makes of the word: a period, a day, a weekday, on/off/all;
    None when it does not read it as an argument ("/export alone", "/digest changes …")."""
    switch = read_switch(word)
    if command in ("weekly", "alerts"):
        return switch if switch in ("on", "off") else None
    if command in ("digest", "peg"):
        return "off" if switch == "off" else parse_weekday(word)
    if command == "export" and switch == "all":
        return "all"
    if command in ("chart", "export"):
        return parse_period([word], TODAY)
    request = parse_log(f"{word} 7", NOW, UTC, time(20), language)
    return ("day", request.day) if isinstance(request, LogRequest) else None


def own_words(command: str, language: str) -> set[str]:
    """The words of `language` that `command` reads (folded)."""
    switches = SWITCH_WORDS[language]
    spellings: list[str] = {
        "chart": [w for kind in PERIOD_WORDS[language].values() for w in kind],
        "export": [w for kind in PERIOD_WORDS[language].values() for w in kind]
        + list(switches["all"]),
        "log": list(DAY_WORDS[language]),
        "digest": [w for day in WEEKDAYS[language] for w in day] + list(switches["off"]),
        "peg": [w for day in WEEKDAYS[language] for w in day] + list(switches["off"]),
        "weekly": [*switches["on"], *switches["off"]],
        "alerts": [*switches["on"], *switches["off"]],
    }[command]
    return {fold(word) for word in spellings}


def examples(text: str, language: str) -> list[tuple[str, str, object]]:
    return [(c, w, meaning(c, w, language)) for c, w in EXAMPLE.findall(text)]


def rendered(language: str, make: Callable[[], str]) -> str:
    with i18n.speaking(language):
        return make()


def test_the_english_examples_say_what_they_mean():
    """The examples the English texts give, read by the parsers (the baseline for (a))."""
    shown = {name: examples(rendered("en", make), "en") for name, make in TEXTS.items()}
    assert ("log", "yesterday", ("day", YESTERDAY)) in shown["help, patient"]
    assert ("log", "yesterday", ("day", YESTERDAY)) in shown["log usage"]
    assert ("chart", "month", THIS_MONTH) in shown["chart usage"]
    assert {m for c, _, m in shown["weekly usage, on"]} == {"on", "off"}
    assert {m for c, _, m in shown["peg usage, off"]} == {6, "off"}
    assert {m for c, _, m in shown["digest usage, on"]} == {0, 4, "off"}
    assert {m for c, _, m in shown["alerts usage, off"]} == {"on", "off"}
    assert ("export", "all", "all") in shown["export usage"]
    assert all(any(m is not None for *_, m in found) for found in shown.values()), shown


@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize("name", list(TEXTS))
def test_each_example_is_the_readers_word_and_means_what_english_means(language, name):
    english = examples(rendered("en", TEXTS[name]), "en")
    theirs = examples(rendered(language, TEXTS[name]), language)
    assert sorted((c, repr(m)) for c, _, m in theirs) == sorted(
        (c, repr(m)) for c, _, m in english
    ), theirs
    foreign = [
        (command, word)
        for command, word, understood in theirs
        if understood is not None
        and LETTER.search(word)
        and fold(word) not in own_words(command, language)
    ]
    assert foreign == [], f"{language} {name}: not the reader's own word: {foreign}"


def test_the_spanish_help_shows_words_a_spanish_patient_types():
    """The brief's own example, spelled out."""
    with i18n.speaking("es"):
        help_text = help_texts.help_for(patient=True, specialist=False)
        usage = chart_commands.chart_usage()
    assert "/log ayer 7" in help_text
    assert "/chart mes" in usage
    assert parse_period(["mes"], TODAY) == THIS_MONTH


def _catalog(language: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    path = i18n.LOCALE_DIR / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    pairs = []
    for message in catalog:
        if message.id:
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            pairs.append((ids, strings))
    return pairs


def _written_out(text: str, language: str) -> list[tuple[str, str]]:
    """Argument words written into a message instead of a placeholder."""
    return [(c, w) for c, w, m in examples(text, language) if m is not None and LETTER.search(w)]


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_catalog_message_writes_an_argument_word_out(language):
    """Not in an English message (so no translation can copy "month" from it), and not in a
    translation (a word there is fixed, and in the wrong language the moment tables change)."""
    found = []
    for ids, strings in _catalog(language):
        found += [("en", c, w) for text in ids for c, w in _written_out(text, "en")]
        found += [(language, c, w) for text in strings for c, w in _written_out(text, language)]
    assert found == []


def test_a_switch_word_means_one_thing_and_every_placeholder_has_a_word():
    meanings: dict[str, set[str]] = {}
    for table in SWITCH_WORDS.values():
        for kind, spellings in table.items():
            for spelling in spellings:
                meanings.setdefault(fold(spelling), set()).add(kind)
    assert {w: m for w, m in meanings.items() if len(m) > 1} == {}
    for language in i18n.LANGUAGES:
        shown = argument_words.argument_words(language)
        assert meaning("log", shown["yesterday"], language) == ("day", YESTERDAY)
        assert parse_period([shown["month"]], TODAY) == THIS_MONTH
        assert [read_switch(shown[k]) for k in ("on", "off", "all")] == ["on", "off", "all"]
        assert [parse_weekday(shown[d]) for d in ("monday", "friday", "sunday")] == [0, 4, 6]


def test_other_placeholders_stay_for_the_callers_format():
    template = "Every {weekday} at {time:>5}; /peg {sunday} or /peg {off}; {{literal}}"
    with i18n.speaking("de"):
        filled = argument_words.with_argument_words(template)
    assert filled.format(weekday="Montag", time="8:00") == (
        "Every Montag at  8:00; /peg sonntag or /peg aus; {literal}"
    )
    with i18n.speaking("de"):
        assert argument_words.with_argument_words("/export {all} {{x}}") == "/export alles {x}"


def test_a_language_without_tables_shows_the_english_word():
    assert argument_words.argument_words("xx")["month"] == "month"
