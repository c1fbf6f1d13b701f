"""The crisis phrase lists, both ways: what must alarm and what must not (issue #12, item 9).

The lists are data (diarybot/domain/safety_data/*.toml); these tables are the examples a
clinician reviewing them can read next to them.
"""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from diarybot.domain import safety
from diarybot.domain.crisis_lines import crisis_help
from diarybot.domain.crisis_matching import Concern, Language

SELF = {Concern.SELF_HARM}
MEDICAL = {Concern.MEDICAL_EMERGENCY}

MUST_FIRE = [
    # The wordings issue #12 found missing.
    ("I wanna die", SELF),
    ("I wish I was dead", SELF),
    ("i wish i were dead tbh", SELF),
    ("I'm going to end it", SELF),
    ("Im gonna end it tonight", SELF),
    ("kms", SELF),
    ("honestly i want to kms", SELF),
    ("I took all my pills", SELF),
    ("I don't see the point of going on", SELF),
    ("I dont see the point in going on anymore", SELF),
    # What the old list caught must still be caught.
    ("I want to kill myself", SELF),
    ("thinking about killing myself", SELF),
    ("I want to end it all", SELF),
    ("I don't want to live anymore", SELF),
    ("everyone would be better off if I was dead", SELF),
    ("suicidal again today", SELF),
    ("I've been self-harming", SELF),
    ("I would never kill myself", SELF),  # self-harm is never negated: a false alarm is cheap
    ("I can't breathe", MEDICAL),
    ("i can’t breathe properly", MEDICAL),
    ("I cannot breathe", MEDICAL),
    ("can not breathe", MEDICAL),
    ("CHEST PAIN since an hour", MEDICAL),
    ("chest pains all night", MEDICAL),
    ("crushing chest pain and my left arm", MEDICAL),
    ("struggling to breathe", MEDICAL),
    ("I think I'm having a heart attack", MEDICAL),
    ("I took an overdose", MEDICAL),
    ("passed out in the kitchen", MEDICAL),
    ("worst headache of my life", MEDICAL),
    ("back pain and I can't feel my legs", MEDICAL),
    # A negation does not reach past the end of its clause.
    ("no chest pain, but I can't breathe", MEDICAL),
    ("no chest pain yesterday. chest pain now", MEDICAL),
    ("chest pain stopped me sleeping", MEDICAL),
    ("I took all my pills and I can't breathe", SELF | MEDICAL),
]

MUST_NOT_FIRE = [
    # Pain idioms.
    "my back is killing me",
    "this pain is killing me today",
    "the stairs are killing my knees",
    # Negations of a medical phrase.
    "no chest pain today",
    "No more chest pains since the new tablets",
    "I don't have chest pain, just the usual back",
    "without chest pain for a week",
    "chest pain gone after the rest",
    "I'm not having a heart attack, it's the reflux",
    "never had trouble breathing",
    # Everyday words that look like a phrase.
    "walked 5 kms with the dog",
    "2.5 kms, knees ok",
    "took all my pills as prescribed",
    "passed out on the sofa after dinner",
    "the bill nearly gave me a heart attack",
    "I can't breathe through my nose, cold again",
    "going to end it with my physio, she never listens",
    # Ordinary diary notes.
    "knee pain after the stairs",
    "back better after heat",
    "I can breathe again after the relaxation",
    "slept badly, 6 most of the day",
    "hard day at work",
    "dead tired",
    "I'm dying to go for a swim",
]


@pytest.mark.parametrize(("text", "expected"), MUST_FIRE)
def test_alarming_messages_are_recognised_with_their_kind(text: str, expected: set[Concern]):
    assert safety.concerns(text) == expected


@pytest.mark.parametrize("text", MUST_NOT_FIRE)
def test_idioms_negations_and_everyday_notes_do_not_alarm(text: str):
    assert safety.concerns(text) == frozenset()


def test_the_lists_are_data_per_language_with_both_kinds_and_what_must_not_fire():
    folder = resources.files("diarybot.domain").joinpath("safety_data")
    english = tomllib.loads(folder.joinpath("en.toml").read_text("utf-8"))
    assert english["language"] == "en"
    assert english["self_harm"]["phrases"] and english["medical_emergency"]["phrases"]
    assert english["idioms"]["phrases"] and english["negation"]["before"]
    assert english["self_harm"]["negatable"] is False
    assert safety.languages() == ("de", "en", "es", "fr", "pt_BR", "ru")


def test_another_language_file_is_applied_to_every_message():
    spanish = Language.from_data(
        {
            "language": "es",
            "self_harm": {"phrases": ["quiero morir", "suicid*"]},
            "medical_emergency": {"negatable": True, "phrases": ["dolor de pecho"]},
            "negation": {"before": ["sin", "no"]},
        }
    )
    assert spanish.concerns("Quiero morir") == SELF
    assert spanish.concerns("dolor de pecho") == MEDICAL
    assert spanish.concerns("sin dolor de pecho hoy") == frozenset()


@pytest.mark.parametrize(
    ("zone", "country", "number"),
    [
        ("America/New_York", "US", "988"),
        ("America/Los_Angeles", "US", "988"),
        ("America/Toronto", "CA", "988"),
        ("Europe/London", "GB", "116 123"),
        ("Europe/Dublin", "IE", "116 123"),
        ("Europe/Madrid", "ES", "024"),
        ("Europe/Paris", "FR", "3114"),
        ("Europe/Berlin", "DE", "0800 111 0 111"),
    ],
)
def test_the_crisis_line_follows_the_country_of_the_time_zone(zone, country, number):
    found = crisis_help(zone)
    assert found.country == country
    assert found.line is not None and number in found.line.numbers


@pytest.mark.parametrize("zone", [None, "UTC", "Asia/Tokyo", "Not/AZone"])
def test_without_a_known_line_the_international_directory_is_named(zone):
    found = crisis_help(zone)
    assert found.line is None
    assert found.directory_url == "https://findahelpline.com"


def test_in_a_long_message_every_occurrence_counts_on_its_own():
    # Many negated mentions do not hide a later plain one, and a far-away "no" negates nothing.
    assert safety.concerns("no chest pain today. " * 300 + "now chest pain") == MEDICAL
    assert safety.concerns("no " + "word " * 50 + "chest pain") == MEDICAL
    assert safety.concerns("no chest pain today. " * 300) == frozenset()
