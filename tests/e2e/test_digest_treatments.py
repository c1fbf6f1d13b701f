"""The weekly digest marks each patient's treatments of the week on their chart, as the report's
chart does (issue #14): the render job is handed the week's events (without the patient's
words), and the render task hands them to the chart as its marks."""

from datetime import UTC, datetime, timedelta

import pytest

import charts
from charts import ChartEvent
from diarybot.bot import digest_settings
from diarybot.domain.treatments import Kind, TreatmentEvent, new_treatment_id
from diarybot.runtime.digest_tasks import digest_files
from diarybot.texts import treatments as treatment_texts
from tests.e2e.test_specialist import digest_setup
from tests.support.fake_bot_api import FakeUser

WEEK = [3, 4, 5, 6, 5, 4, 3]


@pytest.fixture
def doc(harness):
    return harness.users.setdefault(5005, FakeUser(id=5005, first_name="Dr Roe", username="drroe"))


def event(day, kind: Kind, words: str) -> TreatmentEvent:
    return TreatmentEvent(new_treatment_id(), day, kind, datetime.now(UTC), words=words)


async def test_the_digest_chart_marks_the_weeks_treatments(harness, doc, monkeypatch):
    monday = await digest_setup(harness, doc, [(2001, "Carla", WEEK), (2002, "Finn", WEEK)])
    in_week = monday - timedelta(days=3)
    await harness.store.treatments.add(2001, event(in_week, Kind.INJECTION, "L4 nerve block"))
    await harness.store.treatments.add(2001, event(monday - timedelta(days=20), Kind.SURGERY, ""))
    renderer = harness.app.bot_data.services.renderer
    original, jobs = renderer.run, []

    async def recorded(func, *args, **kwargs):
        jobs.append((func, args, kwargs))
        return await original(func, *args, **kwargs)

    renderer.run = recorded
    await harness.run_job(digest_settings.digest_job_id(doc.id))
    assert harness.api.calls_for("sendDocument", doc.id)  # the digest went out

    [(func, args, kwargs)] = jobs
    assert func is digest_files
    weeks = {week.patient_id: week for week in args[0]}
    # Only the week's event, and without the patient's words (the chart shows the kind).
    assert [(e.local_date, e.kind, e.words) for e in weeks[2001].events] == [
        (in_week, Kind.INJECTION, "")
    ]
    assert weeks[2002].events == ()

    # The same task, run here where a spy sees what each patient's chart is asked to mark.
    real, marks = charts.render_trend, []

    def spy(*chart_args, **chart_kwargs):
        marks.append(list(chart_kwargs.get("events", ())))
        return real(*chart_args, **chart_kwargs)

    monkeypatch.setattr(charts, "render_trend", spy)
    digest_files(*args, **kwargs)
    label = treatment_texts.chart_labels()[Kind.INJECTION]
    assert sorted(marks, key=len) == [[], [ChartEvent(day=in_week, label=label)]]
