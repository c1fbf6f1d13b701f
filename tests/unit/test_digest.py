"""The weekly digest's pure parts: ranking, the message's size at 200 patients, the PDF's text,
and what old links share."""

import io
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from pypdf import PdfReader

from diarybot.bot.weekly_digest import _message_parts
from diarybot.domain.digest import PatientWeek, digest_row, ranked
from diarybot.domain.entries import Entry, new_id
from diarybot.domain.links import Link, ShareLevel
from diarybot.domain.localtime import instant_on
from diarybot.runtime.digest_tasks import digest_files

BERLIN = ZoneInfo("Europe/Berlin")
END = date(2026, 11, 29)
START = END - timedelta(days=6)


def week(pid: int, name: str, scores: list[int], note: str = "") -> PatientWeek:
    entries = tuple(
        Entry(
            new_id(),
            recorded_at=instant_on(END - timedelta(days=n), time(9), BERLIN),
            local_date=END - timedelta(days=n),
            score=score,
            note=note,
        )
        for n, score in enumerate(reversed(scores))
    )
    return PatientWeek(pid, name, "", "Europe/Berlin", entries)


def test_old_links_share_the_summary_only_as_their_consent_said():
    old = {"specialist_id": 5, "name": "Dr Roe", "since": "2026-01-01T00:00:00+00:00"}
    assert Link.from_doc(old).level is ShareLevel.SUMMARY
    assert Link.from_doc({**old, "level": "files"}).level is ShareLevel.FILES
    assert Link.from_doc({**old, "level": "everything!"}).level is ShareLevel.SUMMARY


def test_most_in_need_first_flares_then_important_worsening_then_high_pain():
    calm = week(1, "Calm", [3] * 14)
    worse = week(2, "Worse", [3] * 7 + [5] * 7)  # +2: clinically important, no flare
    flare = week(3, "Flare", [3] * 11 + [8, 8, 3])
    silent = week(4, "Silent", [])  # nothing logged: someone may need to call
    rows = ranked([digest_row(w, START, END) for w in (calm, worse, flare, silent)])
    assert [r.name for r in rows] == ["Flare", "Worse", "Silent", "Calm"]
    assert rows[1].worsened_importantly and not rows[3].worsened_importantly


def test_200_patients_fit_telegrams_message_and_keyboard_limits():
    rows = [digest_row(week(n, "N" * 60, [n % 11] * 14), START, END) for n in range(200)]
    parts = _message_parts(tuple(rows), START, END)
    assert sum(len(chunk) for chunk, _, _ in parts) == 200
    for _, text, markup in parts:
        assert len(text) <= 4096
        assert sum(len(row) for row in markup.inline_keyboard) <= 100


def test_digest_pdf_has_the_table_then_one_page_per_patient_and_no_notes():
    weeks = [week(1, "Ann Able", [4] * 7, note="secret"), week(2, "Bo Baker", [7, 8, 8, 3])]
    files = digest_files(weeks, START, END, "Europe/Berlin", datetime(2026, 11, 30, tzinfo=UTC))
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(files.pdf)).pages]
    assert len(pages) == 3
    assert "Bo Baker" in pages[0] and "Ann Able" in pages[0]
    assert pages[0].index("Bo Baker") < pages[0].index("Ann Able")  # flares first
    assert "Bo Baker" in pages[1] and "Ann Able" in pages[2]
    assert "Average pain" in pages[1]
    assert all("secret" not in page for page in pages)
