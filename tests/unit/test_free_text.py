"""Reading the patient's own words: score with a note, number words, long notes (pure)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diarybot.domain.entries import NOTE_MAX_CHARS
from diarybot.domain.folding import fold
from diarybot.domain.free_text import (
    ScoredText,
    is_bad_number,
    read_score_and_note,
    read_score_word,
    split_note,
)
from diarybot.domain.number_words import NUMBER_WORDS
from diarybot.texts.i18n import LANGUAGES


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6", ScoredText(6)),
        ("6/10", ScoredText(6)),
        ("6 knee bad again", ScoredText(6, "knee bad again")),
        ("6/10 knee", ScoredText(6, "knee")),
        ("6 - knee", ScoredText(6, "knee")),
        ("6 – knee", ScoredText(6, "knee")),
        ("6: knee", ScoredText(6, "knee")),
        ("seven", ScoredText(7)),
        ("SEVEN.", ScoredText(7)),
        ("zero", ScoredText(0)),
        ("ten out of ten", ScoredText(10)),
        ("eight, after the walk", ScoredText(8, "after the walk")),
        ("0 today!", ScoredText(0, "today!")),
    ],
)
def test_a_leading_score_is_read_with_the_rest_as_note(text, expected):
    assert read_score_and_note(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I had a rough night",
        "😭",
        "7.5",
        "7 5",
        "12 knee",
        "11",
        "-1",
        "6am",
        "seventy",
        "７",  # a fullwidth digit is not read as one
        "NaN",
        "",
    ],
)
def test_anything_else_is_not_a_score(text):
    assert read_score_and_note(text) is None


def test_number_words_are_data_per_language_and_cover_zero_to_ten():
    assert set(NUMBER_WORDS) == set(LANGUAGES)
    for language, table in NUMBER_WORDS.items():
        assert set(table.values()) == set(range(11)), language
    # A language without a table reads every table rather than failing.
    assert read_score_and_note("seven", language="xx") == ScoredText(7)


def test_no_word_means_two_different_numbers_in_two_languages():
    # Every table is read for every patient, so a clash would depend on the order read.
    meanings: dict[str, set[int]] = {}
    for table in NUMBER_WORDS.values():
        for word, value in table.items():
            meanings.setdefault(fold(word), set()).add(value)
    assert {w: v for w, v in meanings.items() if len(v) > 1} == {}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("siete", "es", ScoredText(7)),
        ("SIETE", "es", ScoredText(7)),
        ("siete rodilla mal", "es", ScoredText(7, "rodilla mal")),
        ("ocho de 10", "es", ScoredText(8)),
        ("ocho/10", "es", ScoredText(8)),
        ("8 de 10, hoy fatal", "es", ScoredText(8, "hoy fatal")),
        ("sieben", "de", ScoredText(7)),
        ("Sieben von zehn - Knie", "de", ScoredText(7, "Knie")),
        ("fünf", "de", ScoredText(5)),
        ("fuenf", "de", ScoredText(5)),
        ("funf", "de", ScoredText(5)),
        ("sept", "fr", ScoredText(7)),
        ("sept sur 10 genou", "fr", ScoredText(7, "genou")),
        ("zéro", "fr", ScoredText(0)),
        ("ZERO", "fr", ScoredText(0)),
        ("sete", "pt_BR", ScoredText(7)),
        ("três, costas", "pt_BR", ScoredText(3, "costas")),
        ("tres", "pt_BR", ScoredText(3)),
        ("семь", "ru", ScoredText(7)),
        ("Семь, колено", "ru", ScoredText(7, "колено")),
        ("семь из 10", "ru", ScoredText(7)),
        ("семь из десяти", "ru", ScoredText(7)),
        ("7/10 спина", "ru", ScoredText(7, "спина")),
        # Whatever the patient's language is set to.
        ("siete", "en", ScoredText(7)),
        ("sieben Knie", "fr", ScoredText(7, "Knie")),
        ("семь", "es", ScoredText(7)),
    ],
)
def test_number_words_of_every_language_are_read_with_a_note(text, language, expected):
    assert read_score_and_note(text, language=language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # An article, adjective or pronoun at the start is the start of a note...
        ("un poco de dolor", "es", None),
        ("una mañana mala", "es", None),
        ("uno no sabe", "es", None),
        ("une journée difficile", "fr", None),
        ("un, deux, trois", "fr", None),
        ("neuf jours sans douleur", "fr", None),
        ("um dia ruim", "pt_BR", None),
        ("uma dor chata", "pt_BR", None),
        ("eine Stunde spazieren", "de", None),
        ("ein bisschen besser", "de", None),
        ("один раз болело", "ru", None),
        ("одна дома", "ru", None),
        # ...in another language only with the scale: "um" is English hesitation too.
        ("um", "en", None),
        ("um, not sure", "en", None),
        ("um - joelho", "en", None),
        ("um de 10", "en", ScoredText(1)),
        ("une/10", "en", ScoredText(1)),
        # ...and in the patient's own language alone, with the scale or before a dash or colon.
        ("uno", "es", ScoredText(1)),
        ("una de 10", "es", ScoredText(1)),
        ("un/10 hoy bien", "es", ScoredText(1, "hoy bien")),
        ("Une.", "fr", ScoredText(1)),
        ("neuf", "fr", ScoredText(9)),
        ("neuf: genou", "fr", ScoredText(9, "genou")),
        ("um - joelho", "pt_BR", ScoredText(1, "joelho")),
        ("eine", "de", ScoredText(1)),
        ("eins Knie", "de", ScoredText(1, "Knie")),  # "eins" is only a number
        ("одна", "ru", ScoredText(1)),
    ],
)
def test_a_number_word_that_is_also_an_article_needs_to_stand_alone(text, language, expected):
    assert read_score_and_note(text, language=language) == expected


def test_one_word_of_log_is_a_score_unless_it_may_be_an_article():
    assert read_score_word("siete") == 7
    assert read_score_word("семь/10") == 7
    assert read_score_word("un", language="es") is None  # "/log un poco mejor"
    assert read_score_word("un/10", language="es") == 1


@pytest.mark.parametrize(
    ("text", "bad"),
    [("11", True), ("7.5", True), ("-1", True), ("12/10", True), ("7", False), ("rough", False)],
)
def test_bad_numbers_are_told_apart_from_words(text, bad):
    assert is_bad_number(text) is bad


def test_split_note_keeps_every_word_in_pieces_that_fit():
    text = " ".join(f"w{n}" for n in range(3000))
    pieces = split_note(text)
    assert len(pieces) > 1 and all(len(p) <= NOTE_MAX_CHARS for p in pieces)
    assert " ".join(pieces) == text


@given(st.text(min_size=1, max_size=12_000))
def test_split_note_never_loses_anything_but_whitespace_at_cuts(text):
    pieces = split_note(text, limit=500)
    assert all(0 < len(p) <= 500 for p in pieces)
    assert "".join("".join(pieces).split()) == "".join(text.split())


def test_a_short_note_is_one_piece_exactly():
    assert split_note("Rücken ☀") == ["Rücken ☀"]
