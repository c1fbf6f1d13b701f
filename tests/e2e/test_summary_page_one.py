"""What a specialist receives, read as they would (#16): one summary PDF whose first page holds
the patient's name and reference, the period, the key figures, the flares and techniques, and
the chart; the consent question that says what is sent stays with the specialist; and a
digest drawn in one render job for all patients."""

import io

from pypdf import PdfReader

from diarybot.bot import digest_settings
from diarybot.domain.links import ShareLevel
from diarybot.texts import specialist as st
from tests.e2e.test_specialist import digest_setup
from tests.support.fake_bot_api import FakeUser
from tests.support.sharing import CODE


async def test_the_summary_page_one_carries_reference_figures_and_chart(harness):
    pat = harness.user(1001, "Pat")
    doc = harness.users.setdefault(5005, FakeUser(id=5005, first_name="Dr Roe", username="drroe"))
    await harness.onboard(pat, tz="Europe/Berlin")
    for score in (6, 4, 7):
        await harness.say(pat, f"/log {score}")
    await harness.say(pat, "/share")
    await harness.say(pat, "Patricia Example")
    replies = await harness.say(pat, "1980-02-29")
    code = CODE.search(replies[-1]).group(0)
    await harness.say(doc, f"/link {code}")
    question = harness.api.last_message(pat.id).text
    assert "stays with them" in question  # files sent cannot be taken back, and it says so
    await harness.press(pat, st.level_buttons()[ShareLevel.SUMMARY])

    await harness.say(doc, "/summary")
    mark = harness.api.mark()
    await harness.press(doc, "Patricia Example")
    [report] = [c for c in harness.api.calls_for("sendDocument", doc.id) if c.index >= mark]
    reader = PdfReader(io.BytesIO(report.files["document"].data))
    first = reader.pages[0]
    text = first.extract_text()
    assert "Patient Patricia Example" in text and "Reference 1980-02-29" in text
    assert "Key figures" in text and "Average pain 5.7" in text
    assert "Flares" in text and "Coping techniques" in text
    assert len(first.images) == 1  # the chart, on page 1
    assert harness.api.calls_for("sendPhoto", doc.id) == []  # one item: the PDF


async def test_the_digest_for_every_patient_is_one_render_job(harness):
    doc = harness.users.setdefault(5005, FakeUser(id=5005, first_name="Dr Roe", username="drroe"))
    patients = [(2000 + n, f"Patient {n}", [3, 4, 5, 6, 5, 4, 3]) for n in range(6)]
    await digest_setup(harness, doc, patients)
    renderer = harness.app.bot_data.services.renderer
    original, jobs = renderer.run, []

    async def counted(func, *args, **kwargs):
        jobs.append(func.__name__)
        return await original(func, *args, **kwargs)

    renderer.run = counted
    await harness.run_job(digest_settings.digest_job_id(doc.id))
    assert jobs == ["digest_files"]  # six patients, one job
    [pdf] = harness.api.calls_for("sendDocument", doc.id)
    assert len(PdfReader(io.BytesIO(pdf.files["document"].data)).pages) == 7
