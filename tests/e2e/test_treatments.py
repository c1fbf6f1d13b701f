"""Treatment events end to end (issues #14 and #16): a patient records one with /treatment, a
linked specialist records one for a patient who shares (and cannot once they stop), /history
shows and removes them, and reports and charts show the pain around them."""

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta

import pytest
from fhir.resources.R4B.bundle import Bundle
from pypdf import PdfReader

from diarybot import texts
from diarybot.domain.entries import Entry
from diarybot.domain.links import ShareLevel
from diarybot.domain.practice import PegResponse
from diarybot.domain.treatments import Kind
from diarybot.texts import erasure as erasure_texts
from diarybot.texts import exports
from diarybot.texts import safety as safety_texts
from diarybot.texts import specialist as st
from diarybot.texts import treatments as tt
from diarybot.texts.i18n import format_date
from tests.support.sharing import link

NOW = datetime(2026, 11, 30, 10, tzinfo=UTC)
TODAY = NOW.date()
EVENT_DAY = TODAY - timedelta(days=6)  # 2026-11-24: six days after it have passed
NAMES = tt.kind_names()


@pytest.fixture
async def pat(harness, clock):
    clock.set(NOW)
    user = harness.user(1001, "Pat")
    await harness.onboard(user, tz="UTC")
    return user


@pytest.fixture
def doc(harness):
    return harness.user(5005, "Dr Roe")


def _entry(n: int, day: date, score: int) -> Entry:
    at = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
    return Entry(id=f"{n:010x}", recorded_at=at, local_date=day, score=score)


async def seed(harness, user) -> None:
    """Pain 6 on each of the 14 days before the event, 8 on its day, 3 on the 6 days after;
    a PEG of 7.0 before it and 4.0 after it."""
    days = [(EVENT_DAY + timedelta(days=k), 6) for k in range(-14, 0)]
    days += [(EVENT_DAY, 8)]
    days += [(EVENT_DAY + timedelta(days=k), 3) for k in range(1, 7)]
    for n, (day, score) in enumerate(days, start=1):
        await harness.store.diary.add(user.id, _entry(n, day, score))
    for key, day, score in (("a", EVENT_DAY - timedelta(days=2), 7), ("b", TODAY, 4)):
        asked = datetime(day.year, day.month, day.day, 8, tzinfo=UTC)
        peg = PegResponse(f"{key * 10}", day, asked, pain=score, enjoyment=score, activity=score)
        await harness.store.diary.save_peg(user.id, peg)


async def record(harness, user, kind: Kind, day_label: str | None, words: str | None):
    """/treatment as a patient taps it: the kind, a day button (or a typed date), the words."""
    await harness.say(user, "/treatment")
    await harness.press(user, NAMES[kind])
    if day_label is not None:
        await harness.press(user, day_label)
    else:
        await harness.say(user, EVENT_DAY.isoformat())
    if words is None:
        return await harness.press(user, tt.button_skip())
    return await harness.say(user, words)


def treatment_rows(data: bytes) -> list[dict[str, str]]:
    """treatments.csv's rows by column key (its header is in the reader's language)."""
    by_header = {header: key for key, header in exports.treatment_csv_headers().items()}
    rows = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    return [{by_header[h]: v for h, v in row.items()} for row in rows]


async def test_patient_records_a_treatment_with_a_typed_date_and_words(harness, pat):
    replies = await harness.say(pat, "/treatment")
    assert replies == [tt.ask_kind()]
    assert [row[0][0] for row in harness.api.keyboard(pat.id)] == [NAMES[k] for k in Kind]
    replies = await harness.press(pat, NAMES[Kind.INJECTION])
    assert replies == [tt.ask_date().format(kind=NAMES[Kind.INJECTION])]
    labels = [text for row in harness.api.keyboard(pat.id) for text, _ in row]
    assert labels[:2] == [tt.button_today(), tt.button_yesterday()]
    assert await harness.say(pat, "next tuesday") == [tt.date_unreadable()]
    assert await harness.say(pat, "2026-12-05") == [tt.date_in_future()]
    replies = await harness.say(pat, EVENT_DAY.isoformat())
    day = format_date(EVENT_DAY)
    assert replies == [tt.ask_words().format(kind=NAMES[Kind.INJECTION], day=day)]
    replies = await harness.say(pat, "L4/L5 facet joint, both sides")
    assert replies == [
        tt.saved_with_words().format(
            kind=NAMES[Kind.INJECTION], day=day, words="L4/L5 facet joint, both sides"
        )
    ]
    [event] = await harness.store.treatments.all(pat.id)
    assert (event.kind, event.local_date, event.words) == (
        Kind.INJECTION,
        EVENT_DAY,
        "L4/L5 facet joint, both sides",
    )
    assert event.specialist_id is None
    # The diary file on disk holds it (erasure, backup and export read that file).
    raw = json.loads(harness.files.diary_path(pat.id).read_text())
    assert [d["kind"] for d in raw["treatments"].values()] == ["injection"]


async def test_skip_records_without_words_once(harness, pat):
    replies = await record(harness, pat, Kind.SURGERY, tt.button_yesterday(), None)
    yesterday = format_date(TODAY - timedelta(days=1))
    assert replies == [tt.saved().format(kind=NAMES[Kind.SURGERY], day=yesterday)]
    # A second tap on the same Skip finds the question answered.
    msg = harness.api.last_message(pat.id)
    data = f"es:{pat.id}:surgery:{TODAY - timedelta(days=1):%Y%m%d}"
    harness.api.press_button(pat, msg.message_id, data, require_button=False)
    await harness.settle()
    assert len(await harness.store.treatments.all(pat.id)) == 1


async def test_history_lists_and_removes_a_treatment(harness, pat):
    await harness.say(pat, "/log 5")
    await record(harness, pat, Kind.PHYSIO_START, tt.button_today(), "twice a week")
    replies = await harness.say(pat, "/history")
    listing = replies[-1]
    assert tt.history_heading() in listing
    assert "twice a week" in listing and NAMES[Kind.PHYSIO_START] in listing
    day = format_date(TODAY)
    button = tt.button_remove().format(day=day, kind=NAMES[Kind.PHYSIO_START])
    replies = await harness.press(pat, button)
    assert replies == [tt.confirm_remove().format(day=day, kind=NAMES[Kind.PHYSIO_START])]
    assert await harness.press(pat, tt.button_keep()) == [tt.kept()]
    assert len(await harness.store.treatments.all(pat.id)) == 1
    await harness.say(pat, "/history")
    await harness.press(pat, button)
    replies = await harness.press(pat, tt.button_remove_yes())
    assert replies == [tt.removed().format(day=day, kind=NAMES[Kind.PHYSIO_START])]
    assert await harness.store.treatments.all(pat.id) == []
    # Only the entry is left: /history no longer lists treatments.
    assert tt.history_heading() not in "\n".join(await harness.say(pat, "/history"))


async def test_history_with_only_a_treatment_shows_it(harness, pat):
    await record(harness, pat, Kind.OTHER, tt.button_today(), None)
    replies = await harness.say(pat, "/history")
    assert len(replies) == 1
    assert replies[0].startswith(tt.history_heading())
    assert texts.history_empty() not in replies


async def test_specialist_with_consent_records_and_patient_is_told(harness, pat, doc):
    await link(harness, pat, doc)
    name = (await harness.store.profiles.get(pat.id)).display_name
    replies = await harness.say(doc, "/treatment")
    assert replies == [tt.ask_whose()]
    replies = await harness.press(doc, name)
    assert replies == [tt.ask_kind_for().format(name=name)]
    await harness.press(doc, NAMES[Kind.MEDICATION_CHANGED])
    await harness.press(doc, tt.button_today())
    mark = harness.api.mark()
    replies = await harness.say(doc, "pregabalin up to 150 mg twice a day")
    day = format_date(TODAY)
    kind = NAMES[Kind.MEDICATION_CHANGED]
    assert replies == [tt.saved_for().format(name=name, kind=kind, day=day)]
    [told] = harness.replies_since(mark, pat.id)
    assert told.startswith("Dr Roe")
    assert kind in told and "pregabalin up to 150 mg twice a day" in told and "/history" in told
    [event] = await harness.store.treatments.all(pat.id)
    assert event.specialist_id == doc.id
    assert event.words == "pregabalin up to 150 mg twice a day"
    # The patient sees who recorded it in /history and can remove it.
    listing = (await harness.say(pat, "/history"))[-1]
    assert tt.history_by_specialist().format(who=event.recorded_by) in listing
    await harness.press(pat, tt.button_remove().format(day=day, kind=kind))
    await harness.press(pat, tt.button_remove_yes())
    assert await harness.store.treatments.all(pat.id) == []


async def test_specialist_without_consent_cannot_record(harness, pat, doc):
    assert await harness.say(doc, "/treatment") == [texts.need_start()]
    # Forged presses for Pat's diary, at every step, on the specialist's own message.
    msg = harness.api.last_message(doc.id)
    day = f"{TODAY:%Y%m%d}"
    for data in (f"ew:{pat.id}", f"ek:{pat.id}:injection", f"ed:{pat.id}:injection:{day}"):
        harness.api.press_button(doc, msg.message_id, data, require_button=False)
    await harness.settle()
    assert harness.api.sent_texts(doc.id)[-3:] == [st.not_available()] * 3
    assert await harness.store.treatments.all(pat.id) == []


async def unshare(harness, pat) -> None:
    await harness.say(pat, "/unshare")
    await harness.press(pat, st.button_change().format(name="Dr Roe"))
    await harness.press(pat, st.button_stop().format(name="Dr Roe"))


async def test_after_unshare_the_specialist_cannot_go_on_or_save(harness, pat, doc):
    await link(harness, pat, doc)
    name = (await harness.store.profiles.get(pat.id)).display_name
    await harness.say(doc, "/treatment")
    await harness.press(doc, name)
    await harness.press(doc, NAMES[Kind.INJECTION])
    day_message = harness.api.last_message(doc.id).message_id
    await harness.press(doc, tt.button_today())  # now asked for words
    await unshare(harness, pat)
    mark = harness.api.mark()
    assert await harness.say(doc, "left knee") == [st.not_available()]
    assert await harness.store.treatments.all(pat.id) == []
    assert harness.replies_since(mark, pat.id) == []
    # An older button of the same flow is refused too.
    data = f"ed:{pat.id}:injection:{TODAY:%Y%m%d}"
    harness.api.press_button(doc, day_message, data, require_button=False)
    await harness.settle()
    assert harness.api.sent_texts(doc.id)[-1] == st.not_available()
    assert await harness.store.treatments.all(pat.id) == []


async def slowly(harness, user, text: str) -> None:
    """Send a command that renders, with room for a loaded machine (2 CPUs shared)."""
    harness.api.send_text(user, text)
    await harness.settle(timeout=90)


async def export(harness, user):
    mark = harness.api.mark()
    await slowly(harness, user, "/export")
    docs = {
        c.files["document"].filename: c.files["document"].data
        for c in harness.api.calls_for("sendDocument", user.id)
        if c.index >= mark
    }
    pdf = next(v for k, v in docs.items() if k.endswith(".pdf"))
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split()), docs


async def test_report_shows_pain_before_and_after_the_treatment(harness, pat):
    await seed(harness, pat)
    await record(harness, pat, Kind.INJECTION, None, "L4/L5 facet joint")
    text, docs = await export(harness, pat)
    assert tt.report_heading() in text
    assert "Nov 24, 2026: Injection or nerve block (“L4/L5 facet joint”)" in text
    # 14 days of 6 before; the event day (8) counts on neither side; 6 days of 3 after.
    assert "Mean daily pain in the 14 days before: 6.0 (14 of 14 days logged)." in text
    assert "Mean daily pain in the 14 days after: 3.0 (6 of 6 days logged)." in text
    assert tt.report_fewer_after(6) in text
    assert "Change: −3.0 points (−50%)." in text
    assert " ".join(tt.report_important().split()) in text
    assert "PEG 7.0 on Nov 22, 2026 before it and 4.0 on Nov 30, 2026 after it." in text

    rows = treatment_rows(docs[next(k for k in docs if "treatments" in k)])
    assert [(r["kind"], r["mean_before"], r["mean_after"], r["change"]) for r in rows] == [
        ("injection", "6.0", "3.0", "-3.0")
    ]
    assert rows[0]["clinically_important"] == "yes"
    fhir = json.loads(next(v for k, v in docs.items() if k.endswith(".fhir.json")))
    bundle = Bundle.model_validate(fhir)
    [procedure] = [e.resource for e in bundle.entry if e.resource.__resource_type__ == "Procedure"]
    assert procedure.code.text == "Injection or nerve block: L4/L5 facet joint"
    assert procedure.code.coding is None  # text only, no invented code
    assert procedure.performedDateTime.isoformat() == EVENT_DAY.isoformat()


async def test_summary_only_consent_gets_no_words_of_the_treatment(harness, pat, doc):
    await seed(harness, pat)
    await record(harness, pat, Kind.INJECTION, None, "a private detail")
    await link(harness, pat, doc, ShareLevel.SUMMARY)
    await harness.say(doc, "/summary")
    mark = harness.api.mark()
    name = (await harness.store.profiles.get(pat.id)).display_name
    harness.api.press_label(doc, name)
    await harness.settle(timeout=90)
    pdfs = [
        c.files["document"].data
        for c in harness.api.calls_for("sendDocument", doc.id)
        if c.index >= mark and c.files["document"].filename.endswith(".pdf")
    ]
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdfs[-1])).pages).split()
    )
    assert "Mean daily pain in the 14 days before: 6.0" in text
    assert "a private detail" not in text


async def test_chart_marks_the_treatment(harness, pat):
    await seed(harness, pat)
    await record(harness, pat, Kind.INJECTION, None, None)

    async def chart() -> bytes:
        mark = harness.api.mark()
        await slowly(harness, pat, "/chart")
        [photo] = [c for c in harness.api.calls_for("sendPhoto", pat.id) if c.index >= mark]
        return photo.files["photo"].data

    with_event = await chart()
    assert with_event.startswith(b"\x89PNG")
    [event] = await harness.store.treatments.all(pat.id)
    await harness.store.treatments.remove(pat.id, event.id)
    # Charts of the same data are the same bytes: the mark is what differs.
    assert await chart() != with_event


async def test_everything_sent_before_erasure_holds_the_treatments_and_erasure_removes_them(
    harness, pat
):
    await seed(harness, pat)
    await record(harness, pat, Kind.SURGERY, None, "knee replacement")
    await harness.say(pat, "/delete")
    mark = harness.api.mark()
    harness.api.press_label(pat, erasure_texts.button_send_everything())
    await harness.settle(timeout=90)
    docs = {
        c.files["document"].filename: c.files["document"].data
        for c in harness.api.calls_for("sendDocument", pat.id)
        if c.index >= mark
    }
    treatments_file = next(v for k, v in docs.items() if k.endswith(".treatments.csv"))
    [row] = treatment_rows(treatments_file)
    assert (row["kind"], row["words"], row["mean_before"]) == (
        "surgery",
        "knee replacement",
        "6.0",
    )
    fhir = json.loads(next(v for k, v in docs.items() if k.endswith(".fhir.json")))
    procedures = [
        e["resource"] for e in fhir["entry"] if e["resource"]["resourceType"] == "Procedure"
    ]
    assert [p["code"]["text"] for p in procedures] == ["Surgery: knee replacement"]
    await harness.press(pat, texts.button_yes_erase())
    assert await harness.store.treatments.all(pat.id) == []
    assert not harness.files.diary_path(pat.id).exists()


async def test_alarming_words_get_the_crisis_reply_first_and_are_kept(harness, pat):
    await harness.say(pat, "/treatment")
    await harness.press(pat, NAMES[Kind.OTHER])
    await harness.press(pat, tt.button_today())
    replies = await harness.say(pat, "nothing works, i wanna die")
    assert len(replies) == 2
    assert safety_texts.note_later() in replies[0]
    assert replies[1] == tt.saved_with_words().format(
        kind=NAMES[Kind.OTHER], day=format_date(TODAY), words="nothing works, i wanna die"
    )
    [event] = await harness.store.treatments.all(pat.id)
    assert event.words == "nothing works, i wanna die"
