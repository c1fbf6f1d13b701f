"""The specialist's side end to end: first contact by deep link, roles, the time zone asked
once, consent checked at the moment of every send, and the one-message weekly digest."""

import asyncio
import io
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from diarybot import texts
from diarybot.bot import digest_settings, weekly_digest
from diarybot.domain.entries import Entry, new_id
from diarybot.domain.links import Link, ShareLevel
from diarybot.domain.localtime import instant_on
from diarybot.domain.people import Profile, Specialist
from diarybot.texts import specialist as st
from tests.support.fake_bot_api import FakeUser
from tests.support.sharing import CODE, link, share_code

BERLIN = ZoneInfo("Europe/Berlin")


def pdf_text(call) -> str:
    reader = PdfReader(io.BytesIO(call.files["document"].data))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
async def pat(harness):
    user = harness.user(1001, "Pat")
    await harness.onboard(user, tz="Europe/Berlin")
    await harness.say(user, "/name Pat Example")
    await harness.say(user, "/log 6 knee after stairs")
    return user


@pytest.fixture
def doc(harness):
    return harness.users.setdefault(5005, FakeUser(id=5005, first_name="Dr Roe", username="drroe"))


# -- first contact ------------------------------------------------------------------------------


async def test_share_asks_once_for_report_details_then_gives_a_deep_link(harness, pat):
    [question] = await harness.say(pat, "/share")
    assert question == st.ask_report_name().format(name="Pat Example")
    await harness.say(pat, "Patricia Example")
    replies = await harness.say(pat, "1980-02-29")
    assert replies[0] == st.report_details_set_with_reference().format(
        name="Patricia Example", reference="1980-02-29"
    )
    code = CODE.search(replies[1]).group(0)
    assert f"https://t.me/{harness.api.bot_username}?start={code}" in replies[1]
    assert f"/link {code}" in replies[1]
    profile = harness.files.get_profile(pat.id)
    assert (profile.display_name, profile.report_reference) == ("Patricia Example", "1980-02-29")
    # Asked once: the next /share is just the message.
    [again] = await harness.say(pat, "/share")
    assert CODE.search(again) and "t.me/" in again


async def test_deep_link_starts_the_link_flow_never_the_patient_onboarding(harness, pat, doc):
    code = await share_code(harness, pat)
    replies = await harness.say(doc, f"/start {code}")
    assert replies[0].startswith(st.specialist_welcome().split("\n")[0])
    assert "/digest" in replies[0] and replies[-1] == texts.link_requested()
    assert texts.ask_timezone() not in replies and texts.welcome() not in replies
    assert harness.files.get_profile(doc.id) is None
    question = harness.api.last_message(pat.id).text
    assert question.startswith("Dr Roe (@drroe) used your sharing code")
    assert str(doc.id) not in question


async def test_first_confirmation_tells_digest_and_alerts_and_asks_the_time_zone_once(
    harness, pat, doc
):
    await link(harness, pat, doc, ShareLevel.SUMMARY)
    first = harness.api.last_message(doc.id)
    assert "/digest" in first.text and "/alerts" in first.text
    assert "America/New_York" in [label for row in first.keyboard() for label, _ in row]
    assert await harness.press(doc, "America/New_York") == [
        st.specialist_timezone_set().format(weekday="Monday", time="08:00", tz="America/New_York")
    ]
    assert harness.files.get_specialist(doc.id).timezone == "America/New_York"
    # Close matches for a typed zone, as for patients.
    [suggest] = await harness.say(doc, "/timezone berlin")
    assert suggest.startswith(texts.timezone_unknown_suggest().format(text="berlin"))
    assert "Europe/Berlin" in [label for row in harness.api.keyboard(doc.id) for label, _ in row]
    # A second patient: told without the time-zone question.
    lee = harness.user(1002, "Lee")
    await harness.onboard(lee)
    await link(harness, lee, doc, ShareLevel.SUMMARY)
    second = harness.api.last_message(doc.id)
    assert second.text == st.link_confirmed().format(
        patient="Lee", level=st.level_names()[ShareLevel.SUMMARY]
    )
    assert second.keyboard() == []


async def test_help_and_start_by_role(harness, pat, doc):
    [patient_help] = await harness.say(pat, "/help")
    assert "/checkin" in patient_help and "/digest" not in patient_help
    await link(harness, pat, doc)
    [specialist_help] = await harness.say(doc, "/help")
    assert "/digest" in specialist_help and "/checkin" not in specialist_help
    [welcome] = await harness.say(doc, "/start")
    assert welcome.startswith(st.specialist_welcome().split("\n")[0])
    # A specialist who also keeps a diary sees both, in two sections.
    await harness.press(doc, st.button_own_diary())
    await harness.say(doc, "Europe/Berlin")
    await harness.say(doc, "20:00")
    [both] = await harness.say(doc, "/help")
    assert st.help_patient_heading() in both and st.help_specialist_heading() in both
    assert (
        both.index("/checkin") < both.index(st.help_specialist_heading()) < both.index("/digest")
    )


async def test_patient_deleting_tells_the_specialist_once(harness, pat, doc):
    await link(harness, pat, doc)
    await harness.say(pat, "/delete")
    await harness.press(pat, texts.button_yes_erase())
    stopped = st.patient_stopped().format(patient="Pat Example")
    assert harness.api.sent_texts(doc.id).count(stopped) == 1


# -- consent at the moment of sending (#12 item 7) ----------------------------------------------


def hold_renders(harness):
    """Make every render wait (after drawing) until the returned event is set."""
    release = asyncio.Event()
    renderer = harness.app.bot_data.services.renderer
    original = renderer.run

    async def held(func, *args, **kwargs):
        result = await original(func, *args, **kwargs)
        await release.wait()
        return result

    renderer.run = held
    return release


async def answered(harness, user, act):
    """Do `act()` (queue a message or press) and wait for the bot's answer to `user` only:
    `harness.say` would also wait for the specialist's update held in the render."""
    mark = harness.api.mark()
    act()
    await harness.api.wait_until(lambda: harness.replies_since(mark, user.id), timeout=10)


async def unshare_meanwhile(harness, pat):
    await answered(harness, pat, lambda: harness.api.send_text(pat, "/unshare"))
    label = st.button_change().format(name="Dr Roe")
    await answered(harness, pat, lambda: harness.api.press_label(pat, label))
    label = st.button_stop().format(name="Dr Roe")
    await answered(harness, pat, lambda: harness.api.press_label(pat, label))


async def test_unshare_while_the_report_renders_sends_nothing(harness, pat, doc):
    await link(harness, pat, doc)
    await harness.say(doc, "/summary")
    release = hold_renders(harness)
    harness.api.press_label(doc, "Pat Example")
    await asyncio.sleep(0.5)  # the report is being drawn
    try:
        await unshare_meanwhile(harness, pat)
    finally:
        release.set()
    await harness.settle()  # the specialist's press has gone through every handler
    assert harness.api.calls_for("sendDocument", doc.id) == []
    # (The "stopped sharing" notice may come before or after this answer.)
    assert st.not_available() in harness.api.sent_texts(doc.id)


async def test_consent_lowered_while_rendering_sends_no_notes(harness, pat, doc):
    await link(harness, pat, doc, ShareLevel.ENTRIES)
    await harness.say(doc, "/summary")
    release = hold_renders(harness)
    harness.api.press_label(doc, "Pat Example")
    await asyncio.sleep(0.5)
    try:
        await answered(harness, pat, lambda: harness.api.send_text(pat, "/sharing"))
        label = st.button_change().format(name="Dr Roe")
        await answered(harness, pat, lambda: harness.api.press_label(pat, label))
        label = st.level_buttons()[ShareLevel.SUMMARY]
        await answered(harness, pat, lambda: harness.api.press_label(pat, label))
    finally:
        release.set()
    await harness.api.wait_until(lambda: harness.api.calls_for("sendDocument", doc.id))
    [report] = harness.api.calls_for("sendDocument", doc.id)
    assert "Average pain" in pdf_text(report) and "knee after stairs" not in pdf_text(report)


# -- the weekly digest (#16 and #12 item 6) -----------------------------------------------------


async def seed_patient(harness, user_id, name, scores, doc_id, last_day):
    """A linked patient with one entry per day ending on `last_day` (Berlin)."""
    store = harness.store
    profile = Profile(
        user_id, user_id, timezone="Europe/Berlin", onboarded=True, display_name=name
    )
    await store.profiles.save(profile)
    for offset, score in enumerate(reversed(scores)):
        day = last_day - timedelta(days=offset)
        at = instant_on(day, time(9), BERLIN)
        await store.diary.add(
            user_id,
            Entry(new_id(), recorded_at=at, local_date=day, score=score, note="private note"),
        )
    await store.sharing.request(user_id, Link(doc_id, "Dr Roe", "drroe"))
    default = Specialist(doc_id, doc_id, timezone="Europe/Berlin", welcomed=True)
    await store.sharing.confirm(user_id, doc_id, default, datetime.now(UTC), ShareLevel.FILES)


async def digest_setup(harness, doc, patients):
    today = datetime.now(UTC).astimezone(BERLIN).date()
    monday = today + timedelta(days=(0 - today.weekday()) % 7 or 7)
    for user_id, name, scores in patients:
        await seed_patient(harness, user_id, name, scores, doc.id, monday - timedelta(days=1))
    await harness.say(doc, "/digest monday 08:00 Europe/Berlin")
    harness.clock.set(instant_on(monday, time(8), BERLIN) + timedelta(seconds=1))
    return monday


async def test_digest_is_one_ranked_message_and_one_pdf(harness, doc):
    await digest_setup(
        harness,
        doc,
        [
            (2001, "Calm Carla", [3, 3, 2, 3, 3, 2, 3, 3, 2, 3, 3, 2, 3, 3]),
            (2002, "Flaring Finn", [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 8, 8, 9, 3]),
            (2003, "Quiet Quinn", []),
        ],
    )
    await harness.run_job(digest_settings.digest_job_id(doc.id))
    messages = [
        c
        for c in harness.api.calls_for("sendMessage", doc.id)
        if "Weekly digest" in c.params["text"]
    ]
    assert len(messages) == 1
    text = messages[0].params["text"]
    assert text.index("Flaring Finn") < text.index("Calm Carla")
    assert "Quiet Quinn: no entries this week" in text
    labels = [
        b["text"] for row in messages[0].params["reply_markup"]["inline_keyboard"] for b in row
    ]
    assert labels[0] == "1. Flaring Finn" and len(labels) == 3
    [pdf] = harness.api.calls_for("sendDocument", doc.id)
    body = pdf_text(pdf)
    assert body.count("Flaring Finn") >= 2  # the table and their page
    assert "private note" not in body
    assert len(PdfReader(io.BytesIO(pdf.files["document"].data)).pages) == 4
    # A row's button sends that patient's full report.
    await harness.press(doc, "1. Flaring Finn", message_id=messages[0].result["message_id"])
    assert len(harness.api.calls_for("sendDocument", doc.id)) == 2


async def test_a_failed_digest_part_is_retried_without_sending_the_others_twice(harness, doc):
    monday = await digest_setup(harness, doc, [(2001, "Calm Carla", [3, 4, 3, 4, 3, 4, 3])])
    harness.api.add_fault("sendDocument", chat_id=doc.id, status=400, description="Bad Request: x")
    await harness.run_job(digest_settings.digest_job_id(doc.id))
    tables = lambda: [  # noqa: E731
        c
        for c in harness.api.calls_for("sendMessage", doc.id)
        if "Weekly digest" in c.params["text"]
    ]
    assert len(tables()) == 1
    assert [c.ok for c in harness.api.calls_for("sendDocument", doc.id)] == [False]
    stored = harness.files.get_specialist(doc.id)
    assert stored.last_digest is None and stored.digest_parts == ("table-1",)
    await harness.run_job(weekly_digest.retry_job_id(doc.id))
    assert len(tables()) == 1  # not sent twice
    assert [c.ok for c in harness.api.calls_for("sendDocument", doc.id)] == [False, True]
    assert harness.files.get_specialist(doc.id).last_digest == monday


async def test_digest_drops_a_patient_who_stops_sharing_while_it_renders(harness, doc):
    await digest_setup(
        harness,
        doc,
        [(2001, "Calm Carla", [3, 4, 3, 4, 3, 4, 3]), (2002, "Leaving Leo", [5, 5, 5, 5, 5])],
    )
    release = hold_renders(harness)
    [job] = harness.app.job_queue.get_jobs_by_name(digest_settings.digest_job_id(doc.id))
    job.job.modify(next_run_time=datetime.now(UTC))
    await asyncio.sleep(0.8)
    try:
        await harness.store.sharing.unlink(2002, doc.id)
    finally:
        release.set()
    await harness.api.wait_until(lambda: harness.api.calls_for("sendDocument", doc.id))
    sent = " ".join(c.params.get("text", "") for c in harness.api.calls_for("sendMessage", doc.id))
    assert "Calm Carla" in sent and "Leaving Leo" not in sent
    [pdf] = harness.api.calls_for("sendDocument", doc.id)
    assert "Leaving Leo" not in pdf_text(pdf)


async def test_patients_are_listed_in_pages(harness, doc):
    for n in range(23):
        await harness.store.profiles.save(Profile(3000 + n, 3000 + n, display_name=f"P{n:02d}"))
        await harness.store.sharing.request(3000 + n, Link(doc.id, "Dr Roe"))
        await harness.store.sharing.confirm(
            3000 + n, doc.id, Specialist(doc.id, doc.id), datetime.now(UTC)
        )
    [first] = await harness.say(doc, "/patients")
    assert first.startswith(st.patients_page(23).format(count=23, page=1, pages=3))
    rows = harness.api.keyboard(doc.id)
    assert len(rows) == 11 and rows[-1] == [(st.button_next(), "pp:1")]
    [second] = await harness.press(doc, st.button_next())
    assert "P10" in second and "P00" not in second


async def test_a_failed_table_does_not_stop_the_pdf_and_only_the_table_is_retried(harness, doc):
    monday = await digest_setup(harness, doc, [(2001, "Calm Carla", [3, 4, 3, 4, 3, 4, 3])])
    harness.api.add_fault("sendMessage", chat_id=doc.id, status=400, description="Bad Request: x")
    await harness.run_job(digest_settings.digest_job_id(doc.id))
    assert [c.ok for c in harness.api.calls_for("sendDocument", doc.id)] == [True]
    assert harness.files.get_specialist(doc.id).digest_parts == ("pdf",)
    await harness.run_job(weekly_digest.retry_job_id(doc.id))
    assert len(harness.api.calls_for("sendDocument", doc.id)) == 1  # the PDF not sent twice
    tables = [
        c
        for c in harness.api.calls_for("sendMessage", doc.id)
        if c.ok and "Weekly digest" in c.params["text"]
    ]
    assert len(tables) == 1
    assert harness.files.get_specialist(doc.id).last_digest == monday


# -- the specialist's plan note ----------------------------------------------------------------


async def test_a_specialists_plan_reaches_the_patient_and_goes_with_the_link(harness, pat, doc):
    await link(harness, pat, doc)
    assert await harness.say(pat, "/plan") == [st.plan_none()]
    assert await harness.say(doc, "/plan") == [st.plan_pick()]
    await harness.press(doc, "Pat Example")
    # Wording the crisis check answers in a patient's own message: a plan is stored as written.
    plan = "Breathing exercise each evening. If you feel you want to die, call 988."
    assert await harness.say(doc, plan) == [st.plan_saved().format(name="Pat Example")]
    assert harness.api.sent_texts(pat.id)[-1] == st.plan_new().format(
        who="Dr Roe (@drroe)", plan=plan
    )
    [shown] = await harness.say(pat, "/plan")
    assert shown == f"{st.plan_header()}\n\n" + st.plan_line().format(
        who="Dr Roe (@drroe)", plan=plan
    )
    # Stopping sharing takes the plan with it.
    await unshare_meanwhile(harness, pat)
    assert await harness.say(pat, "/plan") == [st.plan_none()]


async def test_a_plan_cannot_be_written_for_someone_who_does_not_share(harness, pat, doc):
    mallory = harness.user(6666, "Mallory")
    await link(harness, pat, doc)
    await harness.say(mallory, "/plan")
    msg = harness.api.last_message(mallory.id)
    harness.api.press_button(mallory, msg.message_id, f"pn:{pat.id}", require_button=False)
    await harness.settle()
    assert harness.api.sent_texts(mallory.id)[-1] == st.not_available()
    await harness.say(mallory, "take 20 pills")
    assert [lk.plan for lk in harness.files.links(pat.id)] == [""]
