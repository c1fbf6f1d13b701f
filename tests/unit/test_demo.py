"""`diarybot demo` works with no token and writes charts and a report that open."""

import io
import os
import subprocess
import sys

from matplotlib.image import imread
from pypdf import PdfReader


def test_demo_writes_sample_charts_and_report_without_a_token(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    result = subprocess.run(
        [sys.executable, "-m", "diarybot", "demo", "--out", str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "sample-digest.pdf",
        "sample-month-es.png",
        "sample-month-ru.png",
        "sample-month.png",
        "sample-quarter.png",
        "sample-report-es.pdf",
        "sample-report-ru.pdf",
        "sample-report.csv",
        "sample-report.fhir.json",
        "sample-report.pdf",
        "sample-week.png",
    ]
    for png in ("sample-week.png", "sample-month.png", "sample-quarter.png"):
        assert imread(io.BytesIO((tmp_path / png).read_bytes()), format="png").shape[1] == 1280
    text = PdfReader(tmp_path / "sample-report.pdf").pages[0].extract_text()
    assert "Pain diary summary" in text and "Alex Example" in text
    # The samples docs/ shows in two more languages (#15): the report's own words, translated.
    spanish = PdfReader(tmp_path / "sample-report-es.pdf").pages[0].extract_text()
    russian = PdfReader(tmp_path / "sample-report-ru.pdf").pages[0].extract_text()
    assert "Alex Example" in spanish and "Pain diary summary" not in spanish
    assert "дневник" in russian.lower() and "Pain diary summary" not in russian
    digest = PdfReader(tmp_path / "sample-digest.pdf")
    assert "Weekly digest" in digest.pages[0].extract_text() and len(digest.pages) == 6
