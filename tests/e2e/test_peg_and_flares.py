"""The weekly PEG and flare messages, end to end, and their pure rules."""

import io
import json
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from fhir.resources.R4B.bundle import Bundle
from pypdf import PdfReader

from diarybot import texts
from diarybot.bot import reminders
from diarybot.bot.diary_entries import make_entry
from diarybot.domain import flares
from diarybot.domain.entries import Entry, Source, Technique
from diarybot.domain.localtime import instant_on
from diarybot.domain.peg_score import peg_trend
from diarybot.domain.practice import PegResponse
from tests.e2e.test_sharing import link

#: The first PEG question's opening paragraph (how the question is found among messages).
PEG_INTRO = texts.peg_first_question().split("\n\n", 1)[0]

BERLIN = ZoneInfo("Europe/Berlin")


def entry(day: date, score: int, techniques=()) -> Entry:
    return Entry(
        id=f"{day.toordinal():06x}{score:04x}",
        recorded_at=instant_on(day, time(12), BERLIN),
        local_date=day,
        score=score,
        techniques=tuple(techniques),
        techniques_answered=True,
    )


D = date(2026, 11, 20)


def test_flare_two_consecutive_high_days():
    assert flares.flare_today([entry(D - timedelta(days=1), 7), entry(D, 8)], D) == flares.Flare(
        today=8, yesterday=7
    )
    assert flares.flare_today([entry(D - timedelta(days=1), 6), entry(D, 8)], D) is None


def test_flare_jump_above_the_14_day_mean_needs_seven_days():
    history = [entry(D - timedelta(days=n), 3) for n in range(1, 8)]
    assert flares.flare_today([*history, entry(D, 6)], D).baseline == pytest.approx(3.0)
    assert flares.flare_today([*history, entry(D, 5)], D) is None
    assert flares.flare_today([*history[:6], entry(D, 9)], D) is None  # 6 days: no baseline


def test_helpful_techniques_are_those_with_lower_pain_days():
    days = [D - timedelta(days=n) for n in range(1, 13)]
    history = [
        entry(day, 3, [Technique.BREATHING]) if i % 2 else entry(day, 6, [Technique.TENS])
        for i, day in enumerate(days)
    ]
    assert flares.helpful_techniques(history, D) == [Technique.BREATHING]


def test_peg_score_and_trend_flag():
    first = PegResponse("a" * 10, date(2026, 11, 1), datetime(2026, 11, 1, tzinfo=UTC), 6, 6, 6)
    later = first.replace(
        id="b" * 10, local_date=date(2026, 11, 22), pain=4, enjoyment=4, activity=3
    )
    assert later.score == pytest.approx(11 / 3)
    trend = peg_trend([later, first])
    assert trend.first == 6 and trend.change == pytest.approx(11 / 3 - 6)
    assert trend.clinically_important
    small = first.replace(id="c" * 10, local_date=date(2026, 11, 8), pain=5)
    assert not peg_trend([first, small]).clinically_important
    assert peg_trend([first]) is None


@pytest.fixture
async def pat(harness):
    user = harness.user(1001, "Pat")
    await harness.onboard(user, tz="Europe/Berlin", at="20:00")
    await harness.say(user, "/name Pat Example")
    return user


def next_weekday(weekday: int) -> date:
    today = datetime.now(UTC).astimezone(BERLIN).date()
    return today + timedelta(days=(weekday - today.weekday()) % 7)


async def test_weekly_peg_asked_on_its_day_once_and_stored(harness, pat):
    assert await harness.say(pat, "/peg wednesday") == [
        texts.peg_set().format(weekday="Wednesday")
    ]
    wednesday = next_weekday(2)
    harness.clock.set(instant_on(wednesday, time(20), BERLIN) + timedelta(seconds=1))
    await harness.run_job(reminders.job_id(pat.id))
    question = next(m for m in harness.api.messages[pat.id] if m.text.startswith(PEG_INTRO))
    assert "average in the past week" in question.text and "0 = no pain" in question.text
    await harness.press(pat, "5", message_id=question.message_id)
    [same] = [m for m in harness.api.messages[pat.id] if m.message_id == question.message_id]
    assert "Question 2 of 3" in same.text and "enjoyment of life" in same.text
    await harness.press(pat, "4", message_id=question.message_id)
    replies = await harness.press(pat, "6", message_id=question.message_id)
    assert replies == [texts.peg_done().format(score="5.0", pain=5, enjoyment=4, activity=6)]
    [stored] = harness.files.pegs(pat.id)
    assert (stored.pain, stored.enjoyment, stored.activity) == (5, 4, 6)
    await harness.run_job(reminders.job_id(pat.id))  # same day again: not asked twice
    asked = [
        c
        for c in harness.api.calls_for("sendMessage", pat.id)
        if c.params["text"].startswith(PEG_INTRO)
    ]
    assert len(asked) == 1
    assert len(harness.files.pegs(pat.id)) == 1


async def test_peg_in_the_fhir_export(harness, pat, clock):
    today = datetime.now(UTC).astimezone(BERLIN).date()
    await harness.store.diary.save_peg(
        pat.id, PegResponse("0123456789", today, datetime.now(UTC), 5, 4, 6)
    )
    await harness.say(pat, "/log 5")
    mark = harness.api.mark()
    await harness.say(pat, "/export")
    [fhir] = [
        c.files["document"].data
        for c in harness.api.calls_for("sendDocument", pat.id)
        if c.index >= mark and c.files["document"].filename.endswith(".fhir.json")
    ]
    bundle = Bundle.model_validate(json.loads(fhir))
    kinds = [e.resource.__resource_type__ for e in bundle.entry]
    assert kinds.count("QuestionnaireResponse") == 1
    qr = next(
        e.resource for e in bundle.entry if e.resource.__resource_type__ == "QuestionnaireResponse"
    )
    assert qr.questionnaire == "http://loinc.org/q/91148-7"
    assert [i.linkId for i in qr.item] == ["75893-8", "91145-3", "91146-1"]
    score = next(
        e.resource
        for e in bundle.entry
        if e.resource.__resource_type__ == "Observation"
        and e.resource.code.coding[0].code == "91147-9"
    )
    assert float(score.valueQuantity.value) == pytest.approx(5.0)
    [pdf] = [
        c.files["document"].data
        for c in harness.api.calls_for("sendDocument", pat.id)
        if c.index >= mark and c.files["document"].filename.endswith(".pdf")
    ]
    page_one = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Weekly PEG" in page_one and "PEG 5.0 (pain 5, enjoyment 4, activity 6)" in page_one


async def test_flare_message_once_a_day_and_alert_to_opted_in_specialist(harness, pat):
    doc = harness.user(5005, "Dr Roe")
    await link(harness, pat, doc)
    assert await harness.say(doc, "/alerts on") == [texts.alerts_on()]
    today = datetime.now(UTC).astimezone(BERLIN).date()
    store = harness.store
    profile = await store.profiles.get(pat.id)
    yesterday = instant_on(today - timedelta(days=1), time(12), BERLIN)
    await store.diary.add(pat.id, make_entry(profile, 8, yesterday, Source.CHECKIN))
    replies = await harness.say(pat, "/log 8")
    flare = [r for r in replies if r.startswith("Your pain looks higher than usual")]
    assert len(flare) == 1 and "8/10 today after 8/10 yesterday" in flare[0]
    assert "care team" in flare[0]
    alerts = [t for t in harness.api.sent_texts(doc.id) if t.startswith("Flare alert:")]
    assert alerts == [
        "Flare alert: Pat Example logged high pain (8/10 today after 8/10 yesterday)."
    ]
    replies = await harness.say(pat, "/log 9")
    assert not [r for r in replies if r.startswith("Your pain looks higher")]  # once a day
    assert len([t for t in harness.api.sent_texts(doc.id) if t.startswith("Flare alert:")]) == 1


async def test_no_flare_alert_without_opt_in_or_link(harness, pat):
    doc = harness.user(5005, "Dr Roe")
    await link(harness, pat, doc)
    stranger = harness.user(6006, "Stranger")
    await harness.say(stranger, "/alerts on")
    today = datetime.now(UTC).astimezone(BERLIN).date()
    store = harness.store
    profile = await store.profiles.get(pat.id)
    await store.diary.add(
        pat.id,
        make_entry(
            profile, 9, instant_on(today - timedelta(days=1), time(9), BERLIN), Source.CHECKIN
        ),
    )
    await harness.say(pat, "/log 9")
    assert not [t for t in harness.api.sent_texts(doc.id) if t.startswith("Flare alert:")]
    assert not [t for t in harness.api.sent_texts(stranger.id) if t.startswith("Flare alert:")]
