"""The words for 0–10 that patients type instead of digits, in every language we speak (data).

One table per language code, written as patients spell the words; they are read without case or
accents ("SIETE", "três" = "tres", "fünf" = "funf"), and every table is read whatever the
patient's language, because a patient may write in any of them.

Some words are a number AND an everyday word at the start of a sentence: an article ("un poco de
dolor", "une journée", "um dia", "eine Stunde"), an adjective (French "neuf" = new) or a pronoun
(Russian "одна" = alone). Those are listed in `AMBIGUOUS`: they count as a score only on their
own ("uno", "une."), with the scale ("un/10", "una de 10", "один из 10") or before a dash or a
colon ("um - joelho"); "un poco de dolor" stays a note. The other words are scores before any
separator or a space ("siete rodilla mal" = 7 and a note), the way "seven knee bad" always was.
"""

from __future__ import annotations

#: language code -> word -> score. Alternative spellings are listed (German without umlauts:
#: "fuenf"; Russian "ноль" and "нуль").
NUMBER_WORDS: dict[str, dict[str, int]] = {
    "en": {
        "zero": 0,
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
    },
    "es": {
        "cero": 0,
        "uno": 1,
        "una": 1,
        "un": 1,
        "dos": 2,
        "tres": 3,
        "cuatro": 4,
        "cinco": 5,
        "seis": 6,
        "siete": 7,
        "ocho": 8,
        "nueve": 9,
        "diez": 10,
    },
    "de": {
        "null": 0,
        "eins": 1,
        "ein": 1,
        "eine": 1,
        "zwei": 2,
        "zwo": 2,
        "drei": 3,
        "vier": 4,
        "fünf": 5,
        "fuenf": 5,
        "sechs": 6,
        "sieben": 7,
        "acht": 8,
        "neun": 9,
        "zehn": 10,
    },
    "fr": {
        "zéro": 0,
        "un": 1,
        "une": 1,
        "deux": 2,
        "trois": 3,
        "quatre": 4,
        "cinq": 5,
        "six": 6,
        "sept": 7,
        "huit": 8,
        "neuf": 9,
        "dix": 10,
    },
    "pt_BR": {
        "zero": 0,
        "um": 1,
        "uma": 1,
        "dois": 2,
        "duas": 2,
        "três": 3,
        "quatro": 4,
        "cinco": 5,
        "seis": 6,
        "sete": 7,
        "oito": 8,
        "nove": 9,
        "dez": 10,
    },
    "ru": {
        "ноль": 0,
        "нуль": 0,
        "один": 1,
        "одна": 1,
        "одно": 1,
        "два": 2,
        "две": 2,
        "три": 3,
        "четыре": 4,
        "пять": 5,
        "шесть": 6,
        "семь": 7,
        "восемь": 8,
        "девять": 9,
        "десять": 10,
    },
}

#: Words that are also an article, adjective or pronoun in their language (see above).
AMBIGUOUS: dict[str, frozenset[str]] = {
    "es": frozenset({"un", "una", "uno"}),
    "de": frozenset({"ein", "eine"}),
    "fr": frozenset({"un", "une", "neuf"}),
    "pt_BR": frozenset({"um", "uma"}),
    "ru": frozenset({"один", "одна", "одно"}),
}

#: How each language says "out of ten" after a score ("7 de 10", "sieben von zehn").
OUT_OF: dict[str, tuple[str, ...]] = {
    "en": ("out of", "of"),
    "es": ("de", "sobre"),
    "de": ("von", "aus"),
    "fr": ("sur",),
    "pt_BR": ("de",),
    "ru": ("из",),
}
