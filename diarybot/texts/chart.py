"""Every word on a chart, in the active language, as the plain `charts.ChartLabels` it draws.

`charts` imports nothing of diarybot, so it cannot translate: the render worker makes the
labels here (inside ``i18n.speaking(language)``, the language the task carries) and passes
them in. Month and weekday names, the order of day and month ("3 Nov", "Nov 3", "3. Nov."),
and the decimal mark are Babel's CLDR data, not catalog entries: every language Babel knows
has them right, with or without a catalog.

`charts` (and so matplotlib) is imported inside `chart_labels`, so importing this module costs
nothing in the bot process; only the render workers call it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from babel import numbers as babel_numbers

from diarybot.domain.entries import Technique
from diarybot.texts import daily_items as item_texts
from diarybot.texts import report_formats as rf
from diarybot.texts.i18n import _, locale, ngettext, pgettext

if TYPE_CHECKING:
    from charts.labels import ChartLabels

#: CLDR date pattern fields ("d", "MMM", "y") and quoted literals ("'de'", "''").
_PATTERN_TOKEN = re.compile(r"'(?:[^']|'')*'|([A-Za-z])\1*|[^A-Za-z']+")
#: The pattern fields a chart date may hold, as `ChartLabels` template fields.
_FIELDS = {"d": "{day}", "M": "{month}", "L": "{month}", "y": "{year}"}


def technique_rows() -> dict[str, str]:
    """The row names of the techniques strip: shorter than the check-in buttons, to fit."""
    return {
        # Translators: row names on the chart, left of the days a technique was used. Short.
        Technique.BREATHING.value: pgettext("chart row", "Breathing"),
        Technique.RELAXATION.value: pgettext("chart row", "Relaxation / PMR"),
        Technique.MINDFULNESS.value: pgettext("chart row", "Mindfulness"),
        Technique.MOVEMENT.value: pgettext("chart row", "Stretching / exercise"),
        Technique.HEAT_COLD.value: pgettext("chart row", "Heat / cold"),
        Technique.TENS.value: pgettext("chart row", "TENS"),
        Technique.DISTRACTION.value: pgettext("chart row", "Distraction"),
        Technique.OTHER.value: pgettext("chart row", "Other"),
    }


def key_numbers(days: int) -> str:
    # Translators: under the chart's title; {mean} is a decimal number, {worst} a score 0–10.
    return ngettext(
        "Mean {mean} · worst {worst} · {logged} of {days} day logged",
        "Mean {mean} · worst {worst} · {logged} of {days} days logged",
        days,
    )


def cldr_template(pattern: str) -> str:
    """A CLDR date pattern ("d. MMM y", "d 'de' MMM") as a `str.format` template with the
    fields `ChartLabels` fills ("{day}. {month} {year}", "{day} de {month}")."""
    template = []
    for match in _PATTERN_TOKEN.finditer(pattern):
        token = match.group(0)
        if match.group(1):
            if token[0] not in _FIELDS:
                raise ValueError(f"a chart date has no {token!r} field (pattern {pattern!r})")
            template.append(_FIELDS[token[0]])
        else:
            literal = token[1:-1].replace("''", "'") if token.startswith("'") else token
            template.append(literal.replace("{", "{{").replace("}", "}}"))
    return "".join(template)


def chart_labels(days_in_period: int) -> ChartLabels:
    """The chart's words in the active language (`days_in_period` picks the plural form)."""
    from charts.labels import ChartLabels  # noqa: PLC0415 - matplotlib loads in workers only

    cldr = locale()
    skeletons = cldr.datetime_skeletons
    return ChartLabels(
        title=_("Pain diary"),
        # Translators: the chart's title line, e.g. "Pain diary · 1 Nov – 30 Nov 2026".
        title_line=_("{title} · {period}"),
        # Translators: beside 0 and 10 on the chart's pain scale.
        no_pain=_("no pain"),
        worst=_("worst imaginable"),
        key_numbers=key_numbers(days_in_period),
        no_value=rf.no_value(),
        daily_mean=_("Daily mean"),
        day_range=_("Range that day"),
        single_entry=_("Each entry"),
        rolling_mean=_("7-day average"),
        period_mean=_("Period mean"),
        # Translators: on the chart, over a day without any entry.
        no_entry=_("No entry"),
        # Translators: beside the dashed line of the period's mean; {mean} is e.g. "5,3".
        mean_line=_("mean {mean}"),
        techniques_heading=_("Coping techniques and medication · days used"),
        technique_names=technique_rows(),
        medication=pgettext("chart row", "Pain medication"),
        # Translators: how many days a technique row is marked; "d" abbreviates "days".
        row_count=_("{n} d"),
        month_abbr=tuple(cldr.months["format"]["abbreviated"][m] for m in range(1, 13)),
        month_alone=tuple(cldr.months["stand-alone"]["abbreviated"][m] for m in range(1, 13)),
        weekday_abbr=tuple(cldr.days["stand-alone"]["abbreviated"][d] for d in range(7)),
        decimal_point=babel_numbers.get_decimal_symbol(cldr),
        day_month=cldr_template(skeletons["MMMd"].pattern),
        day_month_year=cldr_template(skeletons["yMMMd"].pattern),
        period_range=rf.date_range(),
        items_heading=item_texts.chart_items_heading(),
        sleep=item_texts.chart_sleep(),
        mood=item_texts.chart_mood(),
    )
