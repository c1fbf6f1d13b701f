"""Whom the crisis reply points to (pure): the crisis line and emergency numbers of the
patient's country, found from their time zone, as `safety_data/crisis_lines.toml` names them
(data a clinician reviews, not code).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

# Where the safety data lives: this file and the language files `safety` reads.
DATA_PACKAGE = "diarybot.domain"
DATA_FOLDER = "safety_data"
CRISIS_LINES_FILE = "crisis_lines.toml"
# The tz database's zone -> country table: from the `tzdata` package (a dependency, updated
# with every IANA release), else the system's copy; without either, no country is known and
# the reply names the international directory instead.
SYSTEM_ZONE_TAB = Path("/usr/share/zoneinfo/zone.tab")


@dataclass(frozen=True)
class CrisisLine:
    """A crisis line as the service names itself, and how to reach it (no words of ours)."""

    name: str
    numbers: tuple[str, ...]
    #: Takes text messages as well as calls.
    texts: bool = False
    #: Free of charge at any hour.
    free: bool = False


@dataclass(frozen=True)
class CrisisHelp:
    """What the crisis reply names: a line for the patient's country when we know it, the
    international directory always, and the numbers for an ambulance (empty: not known, the
    reply says "your local emergency number")."""

    country: str | None
    line: CrisisLine | None
    emergency: tuple[str, ...]
    directory_name: str
    directory_url: str


@cache
def _crisis_data() -> dict[str, Any]:
    folder = resources.files(DATA_PACKAGE).joinpath(DATA_FOLDER)
    return tomllib.loads(folder.joinpath(CRISIS_LINES_FILE).read_text(encoding="utf-8"))


def crisis_help(tz_name: str | None) -> CrisisHelp:
    """Whom to point to, for a patient whose time zone is `tz_name` (None: not known)."""
    data = _crisis_data()
    country = country_of_zone(tz_name) if tz_name else None
    known = data["countries"].get(country or "")
    # A country may name only its emergency number: no line we could verify (crisis_lines.toml).
    line = known.get("line") if known else None
    return CrisisHelp(
        country=country if known else None,
        line=_line(line) if line else None,
        emergency=tuple(known["emergency"] if known else data["default"]["emergency"]),
        directory_name=data["directory"]["name"],
        directory_url=data["directory"]["url"],
    )


def _line(data: dict[str, Any]) -> CrisisLine:
    return CrisisLine(
        name=data["name"],
        numbers=tuple(data["numbers"]),
        texts=bool(data.get("texts", False)),
        free=bool(data.get("free", False)),
    )


def country_of_zone(tz_name: str) -> str | None:
    """The ISO 3166 country of a tz database zone (None for UTC, links and unknown zones)."""
    return _zone_countries().get(tz_name)


@cache
def _zone_countries() -> dict[str, str]:
    text = _zone_tab()
    table: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) >= 3:
            table[fields[2].strip()] = fields[0].strip()
    return table


def _zone_tab() -> str:
    try:
        return resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text("utf-8")
    except (ModuleNotFoundError, OSError):
        pass
    try:
        return SYSTEM_ZONE_TAB.read_text(encoding="utf-8")
    except OSError:
        return ""
