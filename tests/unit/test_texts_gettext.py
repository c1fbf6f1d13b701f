"""Every word a user reads in chat is one whole message of the catalog, plural by count.

(b) Whole messages: under a pseudo catalog that marks every message, the chat texts come out
    marked from their first character to their last, with every placeholder filled.
(c) Plural forms: the form is chosen by the count (English 1 vs many; Russian has three).
(a), that no English is written in code, is tests/unit/test_no_words_in_code.py.
"""

from __future__ import annotations

import gettext
import re
from datetime import UTC, date, datetime, time
from io import BytesIO

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural

from diarybot import texts
from diarybot.domain.crisis_lines import CrisisHelp, CrisisLine
from diarybot.domain.crisis_matching import Concern
from diarybot.domain.entries import Entry, Source, Technique
from diarybot.domain.exercises import PracticeFigures
from diarybot.domain.medications import Medication, Use
from diarybot.domain.people import Profile
from diarybot.texts import erasure, guided, i18n, safety, words
from diarybot.texts import medications as med_texts
from diarybot.texts import specialist as st
from tests.support.pseudo_translations import CLOSE, OPEN, WholeMessages, use, whole_message

# -- (b) whole messages under a pseudo catalog -------------------------------------------------
AT = datetime(2026, 12, 2, 20, 15, tzinfo=UTC)


def _entry(**changes: object) -> Entry:
    entry = Entry(
        id="e1",
        recorded_at=AT,
        local_date=AT.date(),
        score=6,
        techniques=(Technique.BREATHING, Technique.HEAT_COLD),
        techniques_answered=True,
        note="knee bad again",
        source=Source.CHECKIN,
    )
    return entry.replace(**changes) if changes else entry


def _whole(text: str) -> bool:
    """One message from its first character to its last (other messages only inside it, as
    placeholder values), every placeholder filled."""
    if not (text.startswith(OPEN) and text.endswith(CLOSE)) or re.search(r"\{\w*\}", text):
        return False
    depth = 0
    for found in re.finditer(f"{re.escape(OPEN)}|{re.escape(CLOSE)}", text):
        depth += 1 if found.group() == OPEN else -1
        if depth == 0 and found.end() != len(text):
            return False  # the first message closed before the text ended: glued
    return depth == 0


def _chat_texts() -> dict[str, str]:
    profile = Profile(1, 1, timezone="Europe/Berlin", paused=True, reminder_time=time(20))
    day, last = date(2026, 12, 1), date(2026, 12, 2)
    return {
        "reminder": texts.reminder(),
        "entry line": texts.entry_line(_entry(), AT),
        "entry line, note only": texts.entry_line(_entry(score=None, techniques=()), AT),
        "settings": texts.settings_text(profile, 12),
        "unknown zone": texts.timezone_unknown_suggest().format(text="berlin"),
        "summary and note question": texts.checkin_summary_ask_note().format(
            score=6, techniques=texts.technique_list(_entry())
        ),
        "toggle": texts.toggle_label(texts.technique_names()[Technique.TENS], ticked=True),
        "chart caption": texts.chart_caption(7).format(
            start=texts.short_date(day),
            end=texts.short_date(last),
            mean="5.5",
            worst=7,
            logged=2,
            days=7,
        ),
        "weekly usage": texts.weekly_usage_off(),
        "first PEG question": texts.peg_first_question().format(
            n=1, total=3, question="q", anchors="a"
        ),
        "flare": texts.flare_notice_helped().format(reason="r", techniques="t"),
        "sharing, waiting": texts.sharing_pending().format(who="Dr Roe"),
        "backdated with note": words.backdated_saved_with_note().format(
            day=texts.short_date(day), time="20:00", score=7, preview="tired"
        ),
        "history page": words.history_page(12).format(first=1, last=5, total=12),
        "long note": words.note_continued(3).format(count=3),
        "everything sent": erasure.everything_sent(40).format(
            count=40, first=texts.short_date(day), last=texts.short_date(last)
        ),
        "export hint": erasure.export_all_hint(30).format(days=30),
        "medication": med_texts.detail_text(Medication("m1", "ibuprofen", Use.AS_NEEDED, day)),
        "medication stopped": med_texts.stopped().format(
            name="ibuprofen", day=med_texts.day_text(day)
        ),
        "doses": med_texts.doses_text(2),
        "report details": st.report_details_set_with_reference().format(
            name="Anna", reference="1970-01-01"
        ),
        "patients": st.patients_list().format(
            heading=st.patients_header(2).format(count=2),
            lines=st.patient_line().format(name="Anna"),
        ),
        "summary, nothing logged": st.summary_empty_last_logged(30).format(
            name="Anna", start="a", end="b", days=30, day=texts.short_date(day)
        ),
        "help, patient": st.help_for(patient=True, specialist=False),
        "help, specialist": st.help_for(patient=False, specialist=True),
        "alerts": texts.flare_alert_unnamed().format(reason="r"),
    }


def test_chat_texts_are_whole_messages_with_placeholders_filled(monkeypatch):
    use(monkeypatch, WholeMessages)
    made = _chat_texts()
    broken = {name: text for name, text in made.items() if not _whole(text)}
    assert broken == {}


def test_the_whole_message_check_sees_a_glued_fragment(monkeypatch):
    use(monkeypatch, WholeMessages)
    glued = texts.undo_done() + texts.undo_kept()
    ahead = "(paused)" + texts.undo_kept()
    inside = texts.undo_confirm().format(entry=texts.undo_kept())
    unfilled = texts.undo_confirm()
    assert not _whole(glued)
    assert not _whole(ahead)
    assert _whole(inside)
    assert not _whole(unfilled)


def test_paragraph_and_list_texts_are_whole_in_each_part(monkeypatch):
    line = CrisisLine("Line 1", ("111", "222"), free=True)
    help_ = CrisisHelp(None, line, ("15", "112"), "Find A Helpline", "https://findahelpline.com")
    figures = [
        PracticeFigures(Technique.BREATHING, sessions=1, completed=1, rated=0, mean_change=None),
        PracticeFigures(Technique.RELAXATION, sessions=4, completed=4, rated=4, mean_change=-1.5),
        PracticeFigures(Technique.BREATHING, sessions=2, completed=2, rated=1, mean_change=None),
    ]
    medications = (
        Medication("m1", "ibuprofen", Use.AS_NEEDED, date(2026, 11, 1)),
        Medication("m2", "pregabalin", Use.REGULAR, date(2026, 11, 1), date(2026, 11, 20)),
    )
    use(monkeypatch, WholeMessages)
    crisis = safety.crisis_reply(
        frozenset({Concern.SELF_HARM, Concern.MEDICAL_EMERGENCY}), help_, as_note=True
    )
    practice = guided.practice_lines(figures)
    med_list = med_texts.list_text(medications).split("\n")
    assert all(_whole(paragraph) for paragraph in crisis.split("\n\n"))
    assert all(_whole(line) for line in practice)
    assert whole_message("• {technique}: {sessions}").split("{")[0] in practice[0]
    assert all(_whole(line) for line in med_list if line)


def test_dates_in_chat_follow_the_language(monkeypatch):
    day = date(2026, 12, 1)
    use(monkeypatch, WholeMessages)
    english = texts.short_date(day)
    with i18n.speaking("de"):
        german = texts.short_date(day)
        line = texts.entry_line(_entry(), AT)
    assert english == "Dec 1, 2026"
    assert german == "01.12.2026"
    assert "Mi., 2. Dez." in line


# -- (c) plural forms chosen by the count ------------------------------------------------------
def test_english_plural_forms_follow_the_count():
    assert med_texts.doses_text(1) == "1 dose"
    assert med_texts.doses_text(2) == "2 doses"
    assert med_texts.days_text(1) == "1 day"
    assert words.note_continued(1) != words.note_continued(2)
    assert "{count} consecutive notes" in words.note_continued(2)
    assert "of {days} day logged" in texts.chart_caption(1)
    assert "of {days} days logged" in texts.chart_caption(7)
    assert guided.practice_sessions(1).format(count=1) == "1 session"
    assert "all {count} of your entries" in erasure.everything_sent(2)


def _russian_catalog(
    msgid: tuple[str, str], forms: tuple[str, str, str]
) -> gettext.NullTranslations:
    """A compiled Russian catalog of one plural message (Russian: one, few, many)."""
    catalog = Catalog(locale="ru")
    catalog.add(msgid, forms)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@pytest.mark.parametrize(("count", "form"), [(1, "one"), (3, "few"), (5, "many"), (21, "one")])
def test_russian_plural_form_is_chosen_by_the_count(monkeypatch, count, form):
    assert get_plural("ru").num_plurals == 3
    catalog = _russian_catalog(
        ("{count} dose", "{count} doses"), ("{count} one", "{count} few", "{count} many")
    )
    monkeypatch.setattr(i18n, "translations", lambda _language: catalog)
    assert med_texts.doses_text(count) == f"{count} {form}"
