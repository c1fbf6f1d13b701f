"""The crisis lists of every language we speak (issue #15): each listed self-harm phrase alarms,
whatever the case and accents and whatever language the patient set; ordinary pain notes in
each language do not.

The lists are data (diarybot/domain/safety_data/<language>.toml); these examples are for the
clinician who reviews them.
"""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from diarybot.domain import safety
from diarybot.domain.crisis_lines import crisis_help
from diarybot.domain.crisis_matching import Concern
from diarybot.domain.folding import fold
from diarybot.texts import i18n
from diarybot.texts import safety as safety_texts
from diarybot.texts.i18n import LANGUAGES

SELF = frozenset({Concern.SELF_HARM})
MEDICAL = frozenset({Concern.MEDICAL_EMERGENCY})


def _data(language: str) -> dict:
    folder = resources.files("diarybot.domain").joinpath("safety_data")
    return tomllib.loads(folder.joinpath(f"{language}.toml").read_text("utf-8"))


def _example(phrase: str) -> str:
    """A message that says `phrase`: gaps filled with a word, word endings left as written."""
    return " ".join(
        "ya" if w == "..." else "2" if w == "#" else w.rstrip("*") for w in phrase.split()
    )


def test_every_supported_language_has_a_reviewable_list_that_says_it_is_not_reviewed():
    folder = resources.files("diarybot.domain").joinpath("safety_data")
    assert set(safety.languages()) == set(LANGUAGES)
    for language in LANGUAGES:
        text = folder.joinpath(f"{language}.toml").read_text("utf-8")
        assert "NOT CLINICALLY REVIEWED YET" in text, language
        data = tomllib.loads(text)
        assert data["language"] == language
        assert data["self_harm"]["negatable"] is False, language
        assert data["self_harm"]["phrases"] and data["medical_emergency"]["phrases"], language


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_every_listed_self_harm_phrase_alarms_as_typed_in_capitals_and_without_accents(language):
    for phrase in _data(language)["self_harm"]["phrases"]:
        message = _example(phrase)
        assert safety.concerns(message) >= SELF, (language, message)
        assert safety.concerns(message.upper()) >= SELF, (language, message)
        assert safety.concerns(fold(message)) >= SELF, (language, message)


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_every_listed_medical_phrase_alarms_when_not_negated(language):
    for phrase in _data(language)["medical_emergency"]["phrases"]:
        message = _example(phrase)
        assert Concern.MEDICAL_EMERGENCY in safety.concerns(message), (language, message)


MUST_FIRE = [
    # Spanish: the message from issue #15, with and without accents and capitals.
    ("quiero morirme", SELF),
    ("QUIERO MORÍRME", SELF),
    ("Quiero morirme ya, no aguanto más", SELF),
    ("me quiero matar", SELF),
    ("no quiero vivir así", SELF),
    ("Ya no quiero vivir", SELF),
    ("estoy pensando en suicidarme", SELF),
    ("Me tomé todas las pastillas", SELF),
    ("tengo dolor en el pecho y me falta el aire", MEDICAL),
    # German, with umlauts and without.
    ("Ich will sterben", SELF),
    ("ich will mich umbringen", SELF),
    ("Ich möchte nur noch sterben", SELF),
    ("ich moechte nicht mehr leben", SELF),
    ("ich will so nicht mehr leben", SELF),  # as "I don't want to live like this" in en.toml
    ("Ich bringe mich um", SELF),
    ("habe Gedanken an Suizid", SELF),
    ("starke Brustschmerzen und Atemnot", MEDICAL),
    ("ich glaube, eine Überdosis", MEDICAL),
    # French, with typographic apostrophes.
    ("je veux mourir", SELF),
    ("J’ai envie d’en finir", SELF),
    ("je pense à me suicider", SELF),
    ("Je vais me tuer", SELF),
    ("je ne veux plus vivre", SELF),
    ("douleur thoracique depuis une heure", MEDICAL),
    ("de plus en plus mal à la poitrine", MEDICAL),
    # Portuguese (Brazil), with and without the tilde.
    ("quero morrer", SELF),
    ("Vou me matar", SELF),
    ("não quero mais viver", SELF),
    ("nao quero mais viver", SELF),
    ("pensando em me matar hoje", SELF),
    ("dor no peito forte", MEDICAL),
    # Russian, with ё and without.
    ("хочу умереть", SELF),
    ("Покончить с собой", SELF),
    ("не хочу жить", SELF),
    ("не хочу так жить", SELF),
    ("Всё, покончу с собой", SELF),
    ("мысли о самоубийстве", SELF),
    ("сильная боль в груди", MEDICAL),
    ("я не могу дышать", MEDICAL),
    # A patient writes in any language, whatever their Telegram settings say.
    ("my knee is bad. quiero morirme", SELF),
]

# Ordinary pain notes in each language, and the idioms that sound like a crisis but are not.
MUST_NOT_FIRE = [
    # Spanish: "este dolor me mata" is how people describe bad pain, not a crisis.
    "este dolor me mata",
    "dolor que me mata",
    "la espalda me está matando",
    "me muero de dolor",
    "un poco de dolor en la rodilla",
    "me hice daño en la rodilla",
    "sin dolor en el pecho hoy",
    "casi me da un infarto con la factura",
    "dormí mal, dolor de espalda",
    # German
    "der Schmerz bringt mich um",
    "der Rücken wird mich noch umbringen",
    "keine Brustschmerzen mehr",
    "ich kann nicht mehr, der Rücken",
    "Notfallmedikament genommen",
    "alle Tabletten genommen",
    "Knie tut weh nach der Treppe",
    # French
    "ce mal de dos me tue",
    "cette douleur va me tuer",
    "pas de douleur thoracique",
    "je me suis fait mal au genou",
    "mort de fatigue",
    "je n'arrive pas à respirer par le nez",
    "marcher sans me faire du mal",
    # Portuguese (Brazil)
    "essa dor vai me matar",
    "a coluna tá me matando",
    "sem dor no peito",
    "derrame no joelho",
    "tomei todos os remédios",
    "dor nas costas depois do trabalho",
    # Russian
    "эта боль меня убивает",
    "умираю от боли",
    "нет боли в груди",
    "не могу дышать носом",
    "выпила все таблетки",
    "болит спина после работы",
]


@pytest.mark.parametrize(("text", "expected"), MUST_FIRE)
def test_alarming_messages_in_every_language_are_recognised(text, expected):
    assert safety.concerns(text) == expected


@pytest.mark.parametrize("text", MUST_NOT_FIRE)
def test_pain_idioms_and_ordinary_notes_in_every_language_do_not_alarm(text):
    assert safety.concerns(text) == frozenset()


def test_crisis_help_names_brazils_line_and_only_the_emergency_number_where_none_was_checked():
    brazil = crisis_help("America/Sao_Paulo")
    assert brazil.line is not None and "188" in brazil.line.numbers
    assert brazil.emergency[0].startswith("192")
    for zone, emergency in [("Europe/Moscow", ("112",)), ("Europe/Lisbon", ("112",))]:
        found = crisis_help(zone)
        assert found.line is None and found.emergency == emergency  # the directory is named


@pytest.mark.parametrize(
    ("language", "zone", "words"),
    [
        ("fr", "Europe/Paris", ["15 ou 112", "3114"]),
        ("de", "Europe/Berlin", ["0800 111 0 111 oder 0800 111 0 222"]),
        ("es", "Asia/Tokyo", ["findahelpline.com"]),
    ],
)
def test_the_crisis_reply_names_lines_and_numbers_in_the_patients_words(language, zone, words):
    """Names and numbers come from the data, every word around them from the catalog: a
    French patient never reads "call 15 or 112"."""
    found = frozenset({Concern.SELF_HARM, Concern.MEDICAL_EMERGENCY})
    with i18n.speaking(language):
        reply = safety_texts.crisis_reply(found, crisis_help(zone))
    assert all(word in reply for word in words)
    for english in (" or ", "call ", "free, any time", "your local emergency number"):
        assert english not in reply, english
