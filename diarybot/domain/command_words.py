"""The words /weekly, /alerts, /peg, /digest and /export read as their switch: on, off and all,
in every language we speak (data, like the period and day words).

Every language's words are read whatever the patient's language, the way the number words are:
a Spanish patient who types "/weekly on" from an English guide is understood too. The first
spelling of each is the one /help and the usage replies show (`texts.argument_words`).
"""

from __future__ import annotations

from typing import Literal

from diarybot.domain.folding import fold

Switch = Literal["on", "off", "all"]

#: language code -> what the word means -> its spellings, the shown one first (read folded).
SWITCH_WORDS: dict[str, dict[Switch, tuple[str, ...]]] = {
    "en": {"on": ("on", "yes"), "off": ("off", "no"), "all": ("all",)},
    "es": {"on": ("activar", "sí"), "off": ("desactivar", "no"), "all": ("todo", "todos")},
    "de": {"on": ("an", "ein", "ja"), "off": ("aus", "nein"), "all": ("alles", "alle")},
    "fr": {"on": ("activer", "oui"), "off": ("désactiver", "non"), "all": ("tout", "tous")},
    "pt_BR": {
        "on": ("ligar", "ativar", "sim"),
        "off": ("desligar", "desativar", "não"),
        "all": ("tudo", "todos"),
    },
    "ru": {
        "on": ("вкл", "включить", "да"),
        "off": ("выкл", "выключить", "нет"),
        "all": ("всё", "все"),
    },
}


def read_switch(text: str) -> Switch | None:
    """ "on", "off" or "all" for the word in any language we speak ("AUS", "não", "всё"), else
    None."""
    word = fold(text.strip())
    for meanings in SWITCH_WORDS.values():
        for meaning, spellings in meanings.items():
            if word in {fold(spelling) for spelling in spellings}:
                return meaning
    return None
