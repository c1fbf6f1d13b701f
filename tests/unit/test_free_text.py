"""Reading the patient's own words: score with a note, number words, long notes (pure)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diarybot.domain.entries import NOTE_MAX_CHARS
from diarybot.domain.free_text import (
    NUMBER_WORDS,
    ScoredText,
    is_bad_number,
    read_score_and_note,
    split_note,
)


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
    assert sorted(NUMBER_WORDS["en"].values()) == list(range(11))
    # A language without a table falls back to English rather than failing.
    assert read_score_and_note("seven", language="xx") == ScoredText(7)


def test_a_language_table_is_all_it_takes():
    NUMBER_WORDS["es"] = {"siete": 7}
    try:
        assert read_score_and_note("siete rodilla", language="es") == ScoredText(7, "rodilla")
        assert read_score_and_note("seven", language="es") is None
    finally:
        del NUMBER_WORDS["es"]


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
