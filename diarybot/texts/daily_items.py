"""Every word about the optional daily items: /settings, the check-in, charts and reports."""

from __future__ import annotations

from collections.abc import Iterable

from babel.lists import format_list

from diarybot.domain.daily_items import DailyItem, Region
from diarybot.domain.entries import Entry
from diarybot.texts.i18n import _, locale, ngettext


def region_names() -> dict[Region, str]:
    """Each body region as a button and a report name it (short, lower case)."""
    return {
        # Translators: a body region where the pain is (a button; also listed in reports).
        Region.HEAD: _("head"),
        # Translators: a body region where the pain is (a button; also listed in reports).
        Region.NECK: _("neck"),
        # Translators: a body region where the pain is (a button; also listed in reports).
        Region.SHOULDERS: _("shoulders"),
        # Translators: a body region where the pain is (a button; also listed in reports).
        Region.UPPER_BACK: _("upper back"),
        # Translators: a body region where the pain is (a button; also listed in reports).
        Region.LOWER_BACK: _("lower back"),
        # Translators: a body region where the pain is (a button; also listed in reports).
        Region.ARMS_HANDS: _("arms/hands"),
        # Translators: a body region where the pain is (a button; also listed in reports).
        Region.HIPS: _("hips"),
        # Translators: a body region where the pain is (a button; also listed in reports).
        Region.LEGS_KNEES: _("legs/knees"),
        # Translators: a body region where the pain is (a button; also listed in reports).
        Region.FEET: _("feet"),
        # Translators: a body region where the pain is (a button; also listed in reports).
        Region.ABDOMEN: _("abdomen"),
        # Translators: a body region where the pain is (a button; also listed in reports).
        Region.CHEST: _("chest"),
        # Translators: a body region where the pain is: all over the body (a button; reports).
        Region.WIDESPREAD: _("widespread"),
    }


def item_names() -> dict[DailyItem, str]:
    """The items as the /settings toggles name them."""
    return {
        # Translators: a /settings toggle: ask the quality of last night's sleep, 0–10.
        DailyItem.SLEEP: _("Sleep quality"),
        # Translators: a /settings toggle: ask the patient's mood, 0–10.
        DailyItem.MOOD: _("Mood"),
        # Translators: a /settings toggle: ask where the pain is (body regions).
        DailyItem.REGIONS: _("Where the pain is"),
    }


def settings_items() -> str:
    return _(
        "Extra questions after the pain score (each optional, each can be skipped). "
        "Tap one to switch it on or off."
    )


def ask_sleep() -> str:
    return _(
        "{saved}\n\nHow well did you sleep last night? "
        "0 = very badly, 10 = very well. Or tap Skip."
    )


def ask_mood() -> str:
    return _("{saved}\n\nHow is your mood today? 0 = very low, 10 = very good. Or tap Skip.")


def ask_regions() -> str:
    return _("{saved}\n\nWhere is the pain today? Tap all that apply, then Done. Or tap Skip.")


def region_list(regions: Iterable[str]) -> str:
    """Names as one list in the language's own way ("neck, hips and feet"), CLDR's rules."""
    return format_list(list(regions), locale=locale())


# --- charts -------------------------------------------------------------------------------------


def chart_sleep() -> str:
    # Translators: the name of a line on the chart's small second panel (0–10).
    return _("Sleep quality")


def chart_mood() -> str:
    # Translators: the name of a line on the chart's small second panel (0–10).
    return _("Mood")


def chart_items_heading() -> str:
    # Translators: heading of the chart's small panel with the sleep quality and mood lines.
    return _("Daily ratings · 0–10, 10 = best")


# --- reports ------------------------------------------------------------------------------------


def report_heading() -> str:
    return _("Sleep, mood and where the pain is")


def report_sleep(days: int) -> str:
    return ngettext(
        "Mean sleep quality: {mean} of 10 (answered on {days} day).",
        "Mean sleep quality: {mean} of 10 (answered on {days} days).",
        days,
    )


def report_mood(days: int) -> str:
    return ngettext(
        "Mean mood: {mean} of 10 (answered on {days} day).",
        "Mean mood: {mean} of 10 (answered on {days} days).",
        days,
    )


def report_regions() -> str:
    return _("Where the pain was, most frequent first (days named): {regions}.")


def report_region_count(days: int) -> str:
    # Translators: one region in the report's list, e.g. "lower back 12 d" (d = days).
    return ngettext("{region} {days} d", "{region} {days} d", days)


def table_sleep_mood() -> str:
    # Translators: under an entry's techniques in the report's table: sleep quality, mood, 0–10.
    return _("sleep {sleep}/10 · mood {mood}/10")


def table_sleep() -> str:
    # Translators: under an entry's techniques in the report's table: sleep quality, 0–10.
    return _("sleep {sleep}/10")


def table_mood() -> str:
    # Translators: under an entry's techniques in the report's table: mood, 0–10.
    return _("mood {mood}/10")


def table_regions() -> str:
    # Translators: under an entry in the report's table: the body regions named.
    return _("where: {regions}")


def entry_items(entry: Entry) -> list[str]:
    """An entry's daily items as lines of the report's table (none when nothing was answered)."""
    lines = []
    if entry.sleep is not None and entry.mood is not None:
        lines.append(table_sleep_mood().format(sleep=entry.sleep, mood=entry.mood))
    elif entry.sleep is not None:
        lines.append(table_sleep().format(sleep=entry.sleep))
    elif entry.mood is not None:
        lines.append(table_mood().format(mood=entry.mood))
    if entry.regions:
        names = region_names()
        lines.append(table_regions().format(regions=region_list(names[r] for r in entry.regions)))
    return lines


# --- FHIR (code.text only: no standard code exists for these 0–10 self-ratings) ---------------


def fhir_sleep() -> str:
    return _("Sleep quality last night, patient-reported (0 = very badly, 10 = very well)")


def fhir_mood() -> str:
    return _("Mood, patient-reported (0 = very low, 10 = very good)")


def fhir_regions() -> str:
    return _("Where the pain is, patient-reported body regions")
