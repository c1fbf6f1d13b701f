"""The words of /chart and /weekly in chat (the chart's own labels are in `texts.chart`)."""

from __future__ import annotations

from diarybot.texts.argument_words import with_argument_words
from diarybot.texts.i18n import _, ngettext


def chart_caption(days: int) -> str:
    return ngettext(
        "Pain diary {start} – {end}\nMean {mean} · worst {worst} · {logged} of {days} day logged",
        "Pain diary {start} – {end}\nMean {mean} · worst {worst} · {logged} of {days} days logged",
        days,
    )


def no_figure() -> str:
    # Translators: in place of a figure (mean, worst) that a period does not have.
    return _("–")


def chart_usage() -> str:
    # Translators: {month}: a word the command reads, in your language.
    text = _(
        "Which period? /chart (last 7 days), /chart 30, /chart 90, /chart {month}, "
        "or two dates: /chart 2026-10-01 2026-10-31"
    )
    return with_argument_words(text)


def chart_empty() -> str:
    return _("No entries between {start} and {end}, so there is nothing to chart yet.")


def weekly_usage_on() -> str:
    # Translators: {on} and {off}: words the command reads, in your language.
    text = _(
        "Your weekly chart is on. /weekly {on} sends a chart of your week every Sunday at your "
        "reminder time; /weekly {off} stops it."
    )
    return with_argument_words(text)


def weekly_usage_off() -> str:
    # Translators: {on} and {off}: words the command reads, in your language.
    text = _(
        "Your weekly chart is off. /weekly {on} sends a chart of your week every Sunday at your "
        "reminder time; /weekly {off} stops it."
    )
    return with_argument_words(text)


def weekly_on() -> str:
    return _("Weekly chart on: every Sunday at your reminder time.")


def weekly_off() -> str:
    return _("Weekly chart off.")


def weekly_empty() -> str:
    return _("Your weekly chart: no entries this week, so there is nothing to chart.")
