"""/history pages back through every entry, and corrects or removes any of them with an audit
trail (issue #13): what the patient sees, what is stored, what reports show."""

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from diarybot import texts
from diarybot.bot import button_data, history
from diarybot.domain.corrections import REMOVED
from diarybot.domain.entries import Entry, Technique
from diarybot.storage.atomic import SCHEMA_VERSION
from diarybot.texts import words
from tests.support.disk import DiskFiles
from tests.support.fake_bot_api import FakeUser

FIXTURE = Path(__file__).parents[1] / "fixtures" / "diary_schema_v1.json"


@pytest.fixture
async def pat(harness):
    user = harness.user()
    await harness.onboard(user)
    return user


async def seed(harness, user: FakeUser, count: int) -> list[Entry]:
    """`count` entries one hour apart, ending an hour ago, scores 0, 1, 2, …"""
    start = datetime.now(UTC) - timedelta(hours=count)
    seeded = []
    for n in range(count):
        at = start + timedelta(hours=n)
        entry = Entry(
            id=f"{n + 1:010x}", recorded_at=at, local_date=at.date(), score=n % 11, note=f"n{n}"
        )
        await harness.store.diary.add(user.id, entry)
        seeded.append(entry)
    return seeded


def labels(harness, user):
    return [t for row in harness.api.keyboard(user.id) for t, _ in row]


async def test_history_pages_back_through_every_entry(harness, pat):
    await seed(harness, pat, 12)
    [page] = await harness.say(pat, "/history")
    assert page.startswith("Your entries 1–5 of 12")
    assert "“n11”" in page and "“n7”" in page and "“n6”" not in page
    assert words.button_older() in labels(harness, pat)
    assert words.button_newer() not in labels(harness, pat)
    [page] = await harness.press(pat, words.button_older())
    assert page.startswith("Your entries 6–10 of 12") and "“n6”" in page
    [page] = await harness.press(pat, words.button_older())
    assert page.startswith("Your entries 11–12 of 12") and "“n0”" in page
    assert words.button_older() not in labels(harness, pat)  # the oldest page
    [page] = await harness.press(pat, words.button_newer())
    assert page.startswith("Your entries 6–10 of 12")
    for row in harness.api.keyboard(pat.id):
        for _, data in row:
            assert len(data.encode()) <= 64 and button_data.parse_callback(data) is not None


async def open_entry(harness, user, note):
    await harness.say(user, "/history")
    label = next(t for t in labels(harness, user) if t.startswith("1. "))
    [view] = await harness.press(user, label)
    assert f"“{note}”" in view
    return view


async def test_correct_score_techniques_medication_and_note_with_an_audit_trail(harness, pat):
    [entry] = await seed(harness, pat, 1)
    await open_entry(harness, pat, "n0")
    await harness.press(pat, words.button_edit_score())
    [view] = await harness.press(pat, "6")
    assert "6/10" in view
    await harness.press(pat, words.button_edit_techniques())
    await harness.press(
        pat, texts.toggle_label(texts.technique_names()[Technique.TENS], ticked=False)
    )
    await harness.press(pat, texts.button_done())  # back to the entry
    await harness.press(pat, words.button_edit_medication_no())
    await harness.press(pat, words.button_edit_note())
    assert await harness.say(pat, "left knee, not the back") == [words.note_changed()]

    [stored] = harness.files.entries(pat.id)
    assert stored.score == 6 and stored.techniques == (Technique.TENS,) and stored.medication
    assert stored.note == "left knee, not the back"
    trail = [(c.entry_id, c.field, c.old, c.new) for c in run_corrections(harness, pat)]
    assert trail == [
        (entry.id, "score", 0, 6),
        (entry.id, "techniques", [], ["tens"]),
        (entry.id, "techniques_answered", False, True),  # a tick is an answer
        (entry.id, "medication", False, True),
        (entry.id, "note", "n0", "left knee, not the back"),
    ]
    # The /history list and reports read the current value.
    [page] = await harness.say(pat, "/history")
    assert "6/10" in page and "“left knee, not the back”" in page


def run_corrections(harness, user):
    from diarybot.storage.folders import run_inline  # noqa: PLC0415

    return run_inline(DiskFiles(harness.data_dir).store.diary.corrections(user.id))


async def test_remove_asks_first_and_leaves_a_record(harness, pat):
    first, second = await seed(harness, pat, 2)
    await open_entry(harness, pat, "n1")
    [ask] = await harness.press(pat, words.button_remove())
    assert ask.startswith("Remove this entry?")
    await harness.press(pat, texts.button_no())  # back to the entry, nothing removed
    assert len(harness.files.entries(pat.id)) == 2
    await harness.press(pat, words.button_remove())
    assert await harness.press(pat, texts.button_yes_remove()) == [words.removed()]
    assert [e.id for e in harness.files.entries(pat.id)] == [first.id]
    [record] = run_corrections(harness, pat)
    assert (record.entry_id, record.field, record.old["score"]) == (second.id, REMOVED, 1)


async def test_a_forged_history_button_never_reaches_another_patient(harness, pat):
    [entry] = await seed(harness, pat, 1)
    mallory = harness.user(2002, "Mallory")
    await harness.onboard(mallory)
    await harness.say(mallory, "/log 3")
    own = harness.api.last_message(mallory.id)
    for data in (f"hx:{entry.id}", f"hv:{entry.id}:9", f"hm:{entry.id}", "hv:zz:9", "hp:x"):
        harness.api.press_button(mallory, own.message_id, data, require_button=False)
    await harness.settle()
    [stored] = harness.files.entries(pat.id)
    assert stored == entry
    assert run_corrections(harness, pat) == []
    assert harness.api.unanswered_callback_queries() == []


async def test_an_old_diary_file_is_listed_and_migrated_on_its_first_correction(harness, pat):
    target = DiskFiles(harness.data_dir).diary_path(pat.id)
    shutil.copy(FIXTURE, target)
    [page] = await harness.say(pat, "/history")
    assert page.startswith("Your entries 1–3 of 3") and "“Rücken ☀”" in page
    await harness.press(pat, next(t for t in labels(harness, pat) if t.startswith("1. ")))
    await harness.press(pat, words.button_edit_score())
    await harness.press(pat, "2")
    import json  # noqa: PLC0415

    [meta] = json.loads(target.read_bytes())["meta"].values()
    assert meta["schema_version"] == SCHEMA_VERSION
    assert [e.score for e in harness.files.entries(pat.id)] == [6, 4, 2]


async def test_undo_is_recorded_in_the_audit_trail(harness, pat):
    await seed(harness, pat, 1)
    await harness.say(pat, "/undo")
    await harness.press(pat, texts.button_yes_remove())
    assert [c.field for c in run_corrections(harness, pat)] == [REMOVED]


def test_page_size_keeps_the_keyboard_small():
    assert history.PAGE_SIZE <= 8
