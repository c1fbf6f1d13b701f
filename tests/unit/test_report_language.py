"""Reports, CSV, FHIR and charts speak the reader's language: every word through the catalog,
every date and number in the language's CLDR form, and render workers in the asked language."""

from __future__ import annotations

import csv
import dataclasses
import gettext
import io
import json
import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from babel import Locale
from pypdf import PdfReader

from diarybot.domain.digest import PatientWeek
from diarybot.domain.entries import Entry, Technique
from diarybot.domain.people import Profile
from diarybot.domain.period_figures import period_figures
from diarybot.reports.content import Extras
from diarybot.reports.csv_file import COLUMNS, entries_csv, header_row, parse_entries_csv
from diarybot.runtime import render_tasks, report_tasks
from diarybot.runtime.digest_tasks import digest_files
from diarybot.runtime.render_pool import RenderPool
from diarybot.texts import i18n
from diarybot.texts import report as rt
from diarybot.texts import report_page as rp
from diarybot.texts.chart import chart_labels, cldr_template
from diarybot.texts.i18n import speaking
from tests.support.pseudo_translations import LOOK_ALIKE_MARK, LookAlikeLetters, use

BERLIN = ZoneInfo("Europe/Berlin")
START = date(2026, 11, 2)
END = date(2026, 11, 29)
NOW = datetime(2026, 11, 30, 9, 15, tzinfo=BERLIN)
PATIENT = "Anna"
NOTE = "Rücken"
#: Words a report may show that no catalog translates: the patient's, the bot's name, the
#: time zone's IANA name and the pseudo mark itself.
NOT_CATALOG_WORDS = {PATIENT, NOTE, "diarybot", "Europe", "Berlin", "xx"}


def _entries() -> list[Entry]:
    """Four weeks, scores 3 to 8, a technique and medication on some days, one note."""
    entries = []
    for n in range((END - START).days + 1):
        day = START + timedelta(days=n)
        local = datetime.combine(day, datetime.min.time(), BERLIN).replace(hour=20)
        entries.append(
            Entry(
                id=f"{n + 1:010x}",
                recorded_at=local.astimezone(UTC),
                local_date=day,
                score=3 + n % 6,
                techniques=(Technique.BREATHING,) if n % 3 == 0 else (),
                medication=n % 4 == 0,
                note=NOTE if n == 5 else "",
                techniques_answered=True,
            )
        )
    return entries


def _report() -> report_tasks.ReportFiles:
    entries = _entries()
    return report_tasks.report_files(
        Profile(user_id=7, chat_id=7, display_name=PATIENT),
        entries,
        entries,
        bounds=(START, END),
        with_chart=True,
        tz=BERLIN,
        now=NOW,
        extras=Extras(),
    )


def _cldr_words(language: str) -> set[str]:
    """Month and weekday names of `language` (CLDR data, not catalog words)."""
    cldr = Locale.parse(language)
    names = [
        name
        for table in (cldr.months, cldr.days)
        for context in table.values()
        for width in context.values()
        for name in width.values()
    ]
    return {word for name in names for word in re.findall(r"\w+", name)}


def _unmarked_english(text: str, language: str) -> set[str]:
    """Plain-ASCII words in `text` that come neither from the patient nor from CLDR."""
    words = {w for w in re.findall(r"\w{2,}", text) if w.isascii() and w.isalpha()}
    return words - NOT_CATALOG_WORDS - _cldr_words(language)


def test_pdf_report_has_no_word_outside_the_catalog(monkeypatch):
    use(monkeypatch, LookAlikeLetters)
    with speaking("de"):
        files = _report()
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(files.pdf)).pages)
    assert text.count("«xx»") > 40  # title, key figures, columns, footers, definitions …
    assert _unmarked_english(text, "de") == set()
    assert "2. Nov. 2026" in text  # the period, as German writes it


def test_digest_pdf_has_no_word_outside_the_catalog(monkeypatch):
    use(monkeypatch, LookAlikeLetters)
    week = PatientWeek(7, PATIENT, "", BERLIN.key, tuple(_entries()[-7:]))
    quiet = PatientWeek(8, "Bo", "", BERLIN.key, ())
    with speaking("es"):
        files = digest_files([week, quiet], END - timedelta(days=6), END, BERLIN.key, NOW)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(files.pdf)).pages)
    assert text.count("«xx»") > 20
    assert _unmarked_english(text, "es") - {"Bo"} == set()
    assert "23 nov 2026" in text  # the period, as Spanish writes it


def test_csv_header_speaks_the_reader_language_and_reads_back_in_any(monkeypatch):
    use(monkeypatch, LookAlikeLetters, ["de"])  # only "German" has a (pseudo) catalog
    with speaking("de"):
        data = entries_csv(_entries(), BERLIN)
    header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert all(cell.startswith(LOOK_ALIKE_MARK) for cell in header), header
    assert _unmarked_english(" ".join(header), "de") == set()
    with speaking("en"):  # read by someone else, in another language
        rows = parse_entries_csv(data)
        assert rows == parse_entries_csv(entries_csv(_entries(), BERLIN))
    assert rows[5]["note"] == NOTE


def test_csv_reads_back_the_bare_column_keys_and_rejects_other_headers():
    data = entries_csv(_entries(), BERLIN).decode("utf-8-sig")
    body = data.split("\r\n", 1)[1]
    with_keys = ",".join(COLUMNS) + "\r\n" + body
    assert parse_entries_csv(with_keys.encode("utf-8-sig")) == parse_entries_csv(data.encode())
    foreign = ",".join(f"x{i}" for i in range(len(COLUMNS))) + "\r\n" + body
    with pytest.raises(ValueError, match="not a diarybot entries CSV"):
        parse_entries_csv(foreign.encode("utf-8-sig"))
    assert header_row()[0] == "Entry ID"


def test_fhir_texts_are_the_reader_language_but_codes_stay(monkeypatch):
    use(monkeypatch, LookAlikeLetters)
    with speaking("de"):
        bundle = json.loads(_report().fhir)
    observation = bundle["entry"][0]["resource"]
    coding = observation["code"]["coding"][0]
    assert (coding["code"], coding["display"].split(" ")[0]) == ("72514-3", "Pain")
    assert observation["code"]["text"].startswith(LOOK_ALIKE_MARK)
    assert observation["category"][0]["coding"][0]["code"] == "survey"
    assert observation["category"][0]["text"].startswith(LOOK_ALIKE_MARK)


def test_every_chart_label_goes_through_the_catalog(monkeypatch):
    use(monkeypatch, LookAlikeLetters)
    with speaking("de"):
        labels = chart_labels(28)
        chart = render_tasks.chart(_entries(), BERLIN.key, START, END)
    cldr_fields = {"month_abbr", "month_alone", "weekday_abbr", "decimal_point"}
    cldr_fields |= {"day_month", "day_month_year"}
    for field in dataclasses.fields(labels):
        value = getattr(labels, field.name)
        if field.name in cldr_fields:
            continue
        if field.name == "technique_names":
            assert all(name.startswith(LOOK_ALIKE_MARK) for name in value.values()), value
        else:
            assert value.startswith(LOOK_ALIKE_MARK), (field.name, value)
    assert labels.month_abbr[11] == "Dez." and labels.weekday_abbr[0] == "Mo"
    assert chart.png.startswith(b"\x89PNG")  # every pseudo letter has a glyph


@pytest.mark.parametrize(
    ("language", "day_month", "period"),
    [
        ("en", "Nov 3", "Nov 2 – Nov 29, 2026"),
        ("de", "3. Nov.", "2. Nov. – 29. Nov. 2026"),
        ("es", "3 nov", "2 nov – 29 nov 2026"),
        ("pt_BR", "3 de nov.", "2 de nov. – 29 de nov. de 2026"),
        ("ru", "3 нояб.", "2 нояб. – 29 нояб. 2026\u202fг."),
    ],
)
def test_chart_dates_follow_the_language_cldr_order(language, day_month, period):
    from charts.ticks import format_period  # noqa: PLC0415 - matplotlib only where drawn

    with speaking(language):
        labels = chart_labels(28)
    assert labels.date(date(2026, 11, 3)) == day_month
    assert format_period(START, END, labels) == period


def test_cldr_patterns_become_chart_templates():
    assert cldr_template("d 'de' MMM 'de' y") == "{day} de {month} de {year}"
    assert cldr_template("d. MMM y") == "{day}. {month} {year}"
    assert cldr_template("MMM d, y") == "{month} {day}, {year}"
    assert cldr_template("d MMM y 'г'.") == "{day} {month} {year} г."
    with pytest.raises(ValueError, match="no 'EEE' field"):
        cldr_template("EEE d MMM")


def test_decimals_use_a_comma_in_german_from_cldr_not_the_catalog(monkeypatch):
    """The decimal mark comes from Babel's locale data: even a German catalog with no
    translations (English words) writes German numbers."""
    monkeypatch.setitem(i18n._catalogs, "de", gettext.NullTranslations())
    entries = _entries()
    figures = period_figures(entries, START, END, previous=entries)
    with speaking("de"):
        rows = dict(rt.key_figure_rows(figures))
        assert rt.number(5.3) == "5,3"
        assert rt.signed(-1.25) == "−1,2"
        assert chart_labels(28).number(5.3) == "5,3"
        assert rt.percent(0.45) == "45\xa0%"
    assert rows[rt.row_mean()] == rt.number(figures.mean).replace(".", ",")
    assert "," in rows[rt.row_mean()]
    with speaking("en"):
        assert rt.number(5.3) == "5.3"


def test_report_dates_follow_the_language():
    day = date(2026, 12, 2)
    with speaking("de"):
        assert rt.short_date(day) == "2. Dez. 2026"
        assert rt.day_label(day) == "Mi., 2. Dez. 2026"
    with speaking("es"):
        assert rt.short_date(day) == "2 dic 2026"
        assert rt.day_label(day, with_year=False) == "mié, 2 dic"
    with speaking("en"):
        assert rt.period_label(day, day) == "Wed, Dec 2, 2026 – Wed, Dec 2, 2026 (1 day)"


def test_counts_take_their_plural_form():
    with speaking("en"):
        assert rt.days(1) == "1 day"
        assert rt.days(3) == "3 days"
        assert rt.days_logged(1).endswith("{entries} entry")


async def test_render_workers_speak_the_language_the_task_was_asked_in():
    pool = RenderPool(slots=1)
    try:
        with speaking("de"):
            in_worker = await pool.run(i18n.active)
            date_there = await pool.run(rt.short_date, date(2026, 12, 2))
        assert (in_worker, date_there) == ("de", "2. Dez. 2026")
        assert await pool.run(i18n.active) == "en"
    finally:
        pool.close()


@pytest.mark.parametrize("language", sorted(i18n.LANGUAGES))
def test_flare_periods_are_told_apart_though_their_dates_hold_commas(language):
    """Page 1 lists flare periods; "Mon, Oct 5 – Wed, Oct 7, Sat, Oct 31" would hide where one
    period ends, so the periods are separated by a mark the dates never hold."""
    runs = [
        (date(2026, 10, 5), date(2026, 10, 7)),
        (date(2026, 10, 15), date(2026, 10, 15)),
        (date(2026, 10, 31), date(2026, 10, 31)),
    ]
    with speaking(language):
        text = rp.flare_runs(runs)
        firsts = [rt.day_label(first, with_year=False) for first, _ in runs]
    periods = [period.strip() for period in text.split(";")]
    assert len(periods) == len(runs), text
    assert all(period.startswith(first) for period, first in zip(periods, firsts, strict=True))


def test_a_flare_sentence_ending_on_an_abbreviated_month_has_one_period():
    runs = [(date(2026, 10, 31), date(2026, 10, 31))]
    with speaking("fr"):
        text = rp.flare_days(1, rp.flare_runs(runs))
    assert text.endswith("31 oct.") and not text.endswith(".."), text
    with speaking("en"):
        assert rp.flare_days(1, rp.flare_runs(runs)).endswith("Oct 31.")
