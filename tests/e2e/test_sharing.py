"""Consented sharing end to end: codes, confirmation, summaries, weekly digests, revocation.

A specialist must never obtain anything about a patient not linked to them, whatever command,
callback data or code they send.
"""

import io
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from diarybot import texts
from diarybot.bot import digest_settings
from diarybot.domain import share_codes
from diarybot.domain.links import ShareLevel
from diarybot.domain.localtime import instant_on
from diarybot.texts import specialist as st
from tests.support.sharing import share_code


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
    return harness.user(5005, "Dr Roe")


async def link(harness, pat, doc, level=ShareLevel.FILES):
    code = await share_code(harness, pat)
    assert await harness.say(doc, f"/link {code}") == [texts.link_requested()]
    replies = await harness.press(pat, st.level_buttons()[level])
    assert replies[0] == st.link_allowed().format(who="Dr Roe", level=st.level_names()[level])


def sent_to(api, chat_id, since=0):
    return [c for c in api.calls if c.index >= since and c.params.get("chat_id") == chat_id]


async def test_code_is_strong_and_single_use():
    codes = {share_codes.new_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) >= 8 and set(c) <= set(share_codes.CODE_ALPHABET) for c in codes)
    assert not set("01OIL") & set(share_codes.CODE_ALPHABET)


async def test_link_needs_the_patients_confirmation(harness, pat, doc):
    code = await share_code(harness, pat)
    assert await harness.say(doc, f"/link {code.lower()}") == [texts.link_requested()]
    question = harness.api.last_message(pat.id).text
    # Named as a person would name them, never by an internal id.
    assert "Dr Roe" in question and "5005" not in question
    # Nothing is shared before the patient answers.
    assert await harness.say(doc, "/patients") == [st.patients_none()]
    await harness.press(pat, st.level_buttons()[ShareLevel.SUMMARY])
    confirmation = harness.api.last_message(doc.id).text
    assert confirmation.startswith("Pat Example now shares their pain diary with you")
    [listing] = await harness.say(doc, "/patients")
    assert "Pat Example" in listing
    [sharing] = await harness.say(pat, "/sharing")
    assert (
        st.sharing_line().format(who="Dr Roe", level=st.level_names()[ShareLevel.SUMMARY])
        in sharing
    )


async def test_declined_request_shares_nothing(harness, pat, doc):
    code = await share_code(harness, pat)
    await harness.say(doc, f"/link {code}")
    replies = await harness.press(pat, texts.button_decline())
    assert replies[0] == texts.link_declined().format(name="Dr Roe")
    assert harness.api.last_message(doc.id).text == texts.link_declined_specialist()
    assert await harness.say(doc, "/patients") == [st.patients_none()]


async def test_code_works_once_and_expires(harness, pat, doc, clock):
    code = await share_code(harness, pat)
    await harness.say(doc, f"/link {code}")
    other = harness.user(6006, "Other")
    assert await harness.say(other, f"/link {code}") == [texts.link_invalid()]
    stale = await share_code(harness, pat)
    clock.offset = timedelta(hours=24, minutes=1)
    assert await harness.say(other, f"/link {stale}") == [texts.link_invalid()]


async def test_summary_is_one_pdf_up_to_today_and_files_only_on_request(harness, pat, doc):
    await link(harness, pat, doc, ShareLevel.FILES)
    # The entry was logged today: the summary covers today, and says which period it covers.
    assert await harness.say(doc, "/summary") == [st.summary_pick(30).format(days=30)]
    mark = harness.api.mark()
    await harness.press(doc, "Pat Example")
    [report] = [c for c in harness.api.calls_for("sendDocument", doc.id) if c.index >= mark]
    assert report.files["document"].filename.endswith(".pdf")
    assert "last 30 days, up to today" in report.params["caption"]
    assert harness.api.calls_for("sendPhoto", doc.id) == []  # the chart is in the PDF
    assert "knee after stairs" in pdf_text(report)
    await harness.press(doc, st.button_data_files(), message_id=report.result["message_id"])
    names = [
        c.files["document"].filename
        for c in harness.api.calls_for("sendDocument", doc.id)
        if c.index > report.index
    ]
    assert [n.rsplit(".", 1)[-1] for n in names] == ["csv", "json"]


async def test_summary_only_consent_sends_no_entries_notes_or_files(harness, pat, doc):
    await link(harness, pat, doc, ShareLevel.SUMMARY)
    await harness.say(doc, "/summary")
    mark = harness.api.mark()
    await harness.press(doc, "Pat Example")
    [report] = [c for c in harness.api.calls_for("sendDocument", doc.id) if c.index >= mark]
    text = pdf_text(report)
    assert "Average pain" in text  # the control: the summary is there
    assert "knee after stairs" not in text and "All entries" not in text
    assert "reply_markup" not in report.params or "fl:" not in str(report.params)
    # A forged request for the files is refused.
    harness.api.press_button(
        doc, report.result["message_id"], f"fl:{pat.id}", require_button=False
    )
    await harness.settle()
    assert len(harness.api.calls_for("sendDocument", doc.id)) == 1
    assert harness.api.sent_texts(doc.id)[-1] == st.files_not_shared().format(name="Pat Example")


async def test_patient_changes_what_is_shared_in_sharing(harness, pat, doc):
    await link(harness, pat, doc, ShareLevel.ENTRIES)
    await harness.say(pat, "/sharing")
    await harness.press(pat, st.button_change().format(name="Dr Roe"))
    replies = await harness.press(pat, st.level_buttons()[ShareLevel.SUMMARY])
    assert replies == [
        st.level_changed().format(who="Dr Roe", level=st.level_names()[ShareLevel.SUMMARY])
    ]
    [stored] = harness.files.links(pat.id)
    assert stored.level is ShareLevel.SUMMARY
    await harness.say(doc, "/summary")
    mark = harness.api.mark()
    await harness.press(doc, "Pat Example")
    [report] = [c for c in harness.api.calls_for("sendDocument", doc.id) if c.index >= mark]
    assert "knee after stairs" not in pdf_text(report)


async def test_summary_without_entries_says_when_they_last_logged(harness, pat, doc, clock):
    await link(harness, pat, doc)
    clock.offset = timedelta(days=45)
    await harness.say(doc, "/summary")
    [text] = await harness.press(doc, "Pat Example")
    logged = harness.files.entries(pat.id)[0].local_date
    assert text.endswith(f"They last logged on {texts.short_date(logged)}.")
    assert text.startswith("Pat Example: no entries from ")
    assert harness.api.calls_for("sendDocument", doc.id) == []


async def test_unlinked_specialist_gets_nothing_whatever_they_send(harness, pat, doc):
    mallory = harness.user(6666, "Mallory")
    await link(harness, pat, doc)
    await harness.say(mallory, "/patients")
    await harness.say(mallory, "/summary")
    mark = harness.api.mark()
    # Forged buttons: a summary of Pat, a link approval, an unshare, on Mallory's own message.
    msg = harness.api.last_message(mallory.id)
    for data in (
        f"sm:{pat.id}",
        f"la:{mallory.id}:files",
        f"ur:{doc.id}",
        f"sm:{doc.id}",
        "sm:-1",
        f"fl:{pat.id}",
        f"sl:{doc.id}:files",
        f"sp:{doc.id}",
    ):
        harness.api.press_button(mallory, msg.message_id, data, require_button=False)
    await harness.settle()
    assert harness.api.calls_for("sendDocument", mallory.id) == []
    assert harness.api.calls_for("sendPhoto", mallory.id) == []
    assert [c for c in sent_to(harness.api, mallory.id, mark) if "Pat" in str(c.params)] == []
    assert [lk.specialist_id for lk in harness.files.links(pat.id)] == [doc.id]


async def test_guessing_codes_is_rate_limited(harness, pat):
    guesser = harness.user(7007, "Guesser")
    real = await share_code(harness, pat)
    for n in range(share_codes.MAX_WRONG_CODES):
        assert await harness.say(guesser, f"/link AAAAA-AAAA{n + 2}") == [texts.link_invalid()]
    # Even the right code is refused now, and the reply reveals nothing about it.
    assert await harness.say(guesser, f"/link {real}") == [texts.link_rate_limited()]
    assert harness.files.pending(pat.id) == []


def test_brute_force_of_10000_guesses_is_stopped():
    limiter = share_codes.AttemptLimiter()
    now = datetime(2026, 11, 2, tzinfo=UTC)
    tried = 0
    for n in range(10_000):
        at = now + timedelta(seconds=n)
        if limiter.blocked(42, at):
            continue
        tried += 1
        limiter.failed(42, at)
    assert tried <= share_codes.MAX_WRONG_CODES * 3  # 10 000 s ≈ 2.8 h: at most 5 per hour


async def test_unshare_is_effective_at_once(harness, pat, doc, clock):
    await link(harness, pat, doc)
    [text] = await harness.say(pat, "/unshare")
    assert "Dr Roe" in text
    await harness.press(pat, st.button_change().format(name="Dr Roe"))
    replies = await harness.press(pat, st.button_stop().format(name="Dr Roe"))
    assert replies == [texts.unshared().format(name="Dr Roe")]
    # The specialist is told once, by name; a second (stale) press tells them nothing more.
    stopped = st.patient_stopped().format(patient="Pat Example")
    assert harness.api.sent_texts(doc.id).count(stopped) == 1
    msg = harness.api.last_message(pat.id)
    harness.api.press_button(pat, msg.message_id, f"ur:{doc.id}", require_button=False)
    await harness.settle()
    assert harness.api.sent_texts(doc.id).count(stopped) == 1
    # Someone who had patients is not told "yet".
    assert await harness.say(doc, "/patients") == [st.patients_none_now()]
    # The summary covers today, so the entry logged today would show in a leak.
    msg = harness.api.last_message(doc.id)
    harness.api.press_button(doc, msg.message_id, f"sm:{pat.id}", require_button=False)
    await harness.settle()
    assert harness.api.calls_for("sendDocument", doc.id) == []
    assert harness.api.sent_texts(doc.id)[-1] == st.not_available()


async def test_weekly_digest_arrives_and_stops_after_unshare(harness, pat, doc, clock):
    await link(harness, pat, doc)
    assert await harness.say(doc, "/digest friday 17:30 Europe/Berlin") == [
        texts.digest_set().format(weekday="Friday", time="17:30", tz="Europe/Berlin")
    ]
    berlin = ZoneInfo("Europe/Berlin")
    today = datetime.now(UTC).astimezone(berlin).date()
    friday = today + timedelta(days=(4 - today.weekday()) % 7 or 7)
    clock.set(instant_on(friday, time(17, 30), berlin) + timedelta(seconds=1))
    [job] = harness.app.job_queue.get_jobs_by_name(digest_settings.digest_job_id(doc.id))
    next_local = job.next_t.astimezone(berlin)
    assert (next_local.weekday(), next_local.time()) == (4, time(17, 30))

    async def run_job():
        await harness.run_job(digest_settings.digest_job_id(doc.id))

    # The entry is "today" in real time; move it into the digest week by logging via clock.
    clock.set(instant_on(friday - timedelta(days=2), time(9), berlin))
    await harness.say(pat, "/log 7 flare")
    clock.set(instant_on(friday, time(17, 30), berlin) + timedelta(seconds=1))
    await run_job()
    pdfs = harness.api.calls_for("sendDocument", doc.id)
    assert len(pdfs) == 1 and pdfs[0].files["document"].filename.endswith(".pdf")
    await run_job()  # the same Friday again: nothing more
    assert len(harness.api.calls_for("sendDocument", doc.id)) == 1

    clock.set(instant_on(friday + timedelta(days=5), time(9), berlin))
    await harness.say(pat, "/log 8 after the unshare")  # in the next digest's week
    await harness.say(pat, "/unshare")
    await harness.press(pat, st.button_change().format(name="Dr Roe"))
    await harness.press(pat, st.button_stop().format(name="Dr Roe"))
    clock.set(instant_on(friday + timedelta(days=7), time(17, 30), berlin) + timedelta(seconds=1))
    await run_job()  # the job scheduled before the unshare still runs: it must send nothing
    assert len(harness.api.calls_for("sendDocument", doc.id)) == 1
    await harness.say(doc, "/digest friday 17:30")  # reschedule attempt: nobody linked
    assert harness.app.job_queue.get_jobs_by_name(digest_settings.digest_job_id(doc.id)) == ()


async def test_delete_removes_links_both_ways(harness, pat, doc):
    await link(harness, pat, doc)
    await harness.say(pat, "/delete")
    await harness.press(pat, texts.button_yes_erase())
    assert not (harness.data_dir / "patients" / str(pat.id)).exists()
    assert harness.files.get_specialist(doc.id).patients == ()
    assert await harness.say(doc, "/patients") == [st.patients_none_now()]


async def test_specialist_deleting_themselves_unlinks_their_patients(harness, pat, doc):
    await link(harness, pat, doc)
    await harness.say(doc, "/delete")
    await harness.press(doc, texts.button_yes_erase())
    assert harness.files.links(pat.id) == []
    assert await harness.say(pat, "/sharing") == [texts.sharing_none()]
