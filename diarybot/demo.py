"""`diarybot demo --out DIR`: sample charts and a sample report from a synthetic patient.

No Telegram and no token: this shows a patient or a specialist what they would get, and is how
the images and the sample report under docs/ were made.
"""

from __future__ import annotations

import dataclasses
import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from charts import ChartEvent, render_trend
from charts.sample import SAMPLE_TZ, SAMPLES, render_samples, synthetic_entries
from diarybot.domain.daily_items import Region
from diarybot.domain.digest import PatientWeek, digest_period
from diarybot.domain.entries import Entry, Source, Technique
from diarybot.domain.item_figures import item_figures
from diarybot.domain.localtime import local_date
from diarybot.domain.period_figures import period_figures
from diarybot.domain.treatments import Kind, TreatmentEvent, response
from diarybot.reports.content import Extras, report_sections
from diarybot.reports.csv_file import entries_csv
from diarybot.reports.fhir import fhir_json
from diarybot.reports.pdf import pdf_report
from diarybot.runtime.digest_tasks import digest_files
from diarybot.runtime.render_tasks import chart_entries
from diarybot.texts import treatments as treatment_texts
from diarybot.texts.chart import chart_labels
from diarybot.texts.i18n import speaking

DEMO_NAME = "Alex Example (synthetic)"
GENERATED_AT = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def demo_entries() -> list[Entry]:
    """The synthetic patient's diary as domain entries (stable ids, so output is repeatable)."""
    first = min(start for _, start, _ in SAMPLES)
    last = max(end for _, _, end in SAMPLES)
    raw = synthetic_entries(first, (last - first).days + 1, SAMPLE_TZ)
    rng = random.Random(11)  # noqa: S311 -- reproducible fake data, not security
    return [
        _with_items(
            rng,
            Entry(
                id=f"{n:010x}",
                recorded_at=item.at.astimezone(UTC),
                local_date=local_date(item.at, SAMPLE_TZ),
                score=item.score,
                techniques=tuple(Technique(t) for t in item.techniques),
                techniques_answered=True,  # the synthetic patient always answers the question
                medication=item.medication,
                source=Source.REMINDER,
            ),
        )
        for n, item in enumerate(raw)
    ]


def _with_items(rng: random.Random, entry: Entry) -> Entry:
    """The daily items a patient who switched all three on might answer: worse sleep and
    mood on worse days, mostly low back pain, now and then skipped."""
    score = entry.score or 0
    sleep = max(0, min(10, round(9 - 0.6 * score + rng.gauss(0, 1))))
    mood = max(0, min(10, round(8 - 0.5 * score + rng.gauss(0, 1))))
    regions = [Region.LOWER_BACK]
    if score >= 6 and rng.random() < 0.5:
        regions.append(Region.LEGS_KNEES)
    if rng.random() < 0.2:
        regions.append(Region.HIPS)
    return entry.replace(
        sleep=sleep if rng.random() > 0.1 else None,
        mood=mood if rng.random() > 0.1 else None,
        regions=tuple(r for r in Region if r in regions),
    )


#: The languages docs/ shows a sample chart and report in besides English (#15).
DOC_LANGUAGES = ("es", "ru")


def render_demo(out_dir: Path) -> list[Path]:
    """Write the three sample charts and the month's report (PDF, CSV, FHIR) into `out_dir`,
    and the month's chart and report again in each of `DOC_LANGUAGES`."""
    paths = render_samples(out_dir)
    entries = demo_entries()
    start, end = _month()
    period = [e for e in entries if start <= e.local_date <= end]
    chart, report = _month_report(entries, period, start, end)
    files = {
        "sample-report.pdf": report,
        "sample-report.csv": entries_csv(period, SAMPLE_TZ),
        "sample-report.fhir.json": fhir_json(
            period, "Patient/demo", DEMO_NAME, SAMPLE_TZ, GENERATED_AT
        ),
        "sample-digest.pdf": demo_digest(entries),
    }
    for language in DOC_LANGUAGES:
        with speaking(language):
            chart, report = _month_report(entries, period, start, end)
        files[f"sample-month-{language}.png"] = chart
        files[f"sample-report-{language}.pdf"] = report
    for name, data in files.items():
        path = out_dir / name
        path.write_bytes(data)
        paths.append(path)
    return paths


def _month_report(
    entries: list[Entry], period: list[Entry], start: date, end: date
) -> tuple[bytes, bytes]:
    """The month's chart and PDF report, in the active language."""
    labels = chart_labels((end - start).days + 1)
    treatment = demo_treatment(start)
    marks = [ChartEvent(treatment.local_date, treatment_texts.chart_labels()[treatment.kind])]
    chart = render_trend(
        chart_entries(period), SAMPLE_TZ, start, end, labels, items=("sleep", "mood"), events=marks
    )
    report = pdf_report(
        patient_name=DEMO_NAME,
        period_start=start,
        period_end=end,
        entries=period,
        figures=period_figures(entries, start, end, previous=entries),
        chart_png=chart,
        tz=SAMPLE_TZ,
        generated_at=GENERATED_AT,
        sections=report_sections(
            Extras(
                items=item_figures(period),
                treatments=(response(treatment, entries, (), as_of=end),),
            ),
            start,
        ),
    )
    return chart, report


def demo_treatment(start: date) -> TreatmentEvent:
    """The sample patient's physiotherapy course, started mid-month (the report's "Treatments")."""
    day = start + timedelta(days=14)
    return TreatmentEvent(
        id="demo-physio",
        local_date=day,
        kind=Kind.PHYSIO_START,
        recorded_at=GENERATED_AT,
        words="",
    )


#: Synthetic patients of a sample digest: name, points added to every score, days skipped.
DIGEST_PATIENTS = (
    ("Alex Example (synthetic)", 0, 0),
    ("Bea Sample (synthetic)", 2, 0),
    ("Cy Demo (synthetic)", -2, 2),
    ("Dee Test (synthetic)", 3, 0),
    ("Eli Fake (synthetic)", -1, 5),
)


def demo_digest(entries: list[Entry]) -> bytes:
    """A specialist's weekly digest of five synthetic patients (the month's last week)."""
    _, month_end = _month()
    start, end = digest_period(month_end + timedelta(days=1))
    weeks = []
    for n, (name, shift, skipped) in enumerate(DIGEST_PATIENTS):
        shifted = tuple(
            dataclasses.replace(e, score=max(0, min(10, e.score + shift)))
            for e in entries
            if e.score is not None
            and (e.local_date <= end - timedelta(days=skipped) or e.local_date > end)
        )
        weeks.append(PatientWeek(n + 1, name, "", SAMPLE_TZ.key, shifted))
    return digest_files(weeks, start, end, SAMPLE_TZ.key, GENERATED_AT).pdf


def _month() -> tuple[date, date]:
    return next((start, end) for name, start, end in SAMPLES if "month" in name)
