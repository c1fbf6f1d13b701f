"""The one line of a specialist's plan a reminder carries (domain/plans.py)."""

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from diarybot.domain.links import Link
from diarybot.domain.people import Profile
from diarybot.domain.plans import REMINDER_LINE_CHARS, current_plan, first_line, reminder_line


def test_the_first_line_with_words_is_taken_and_its_spaces_collapsed():
    assert first_line("\n  \n  Breathing   exercise\teach evening \nSecond line") == (
        "Breathing exercise each evening"
    )
    assert first_line(" \n\n ") == ""


def test_a_short_line_is_kept_as_written():
    plan = "Breathing exercise each evening; ibuprofen no more than 3 a day"
    assert reminder_line(plan + "\nMore") == plan


def test_a_long_line_is_cut_at_a_word_with_an_ellipsis():
    plan = "Walk twenty minutes after lunch, then stretch your back and legs gently for ten more"
    line = reminder_line(plan)
    assert line == "Walk twenty minutes after lunch, then stretch your back and legs gently for…"
    assert len(line) <= REMINDER_LINE_CHARS


def test_a_long_word_is_cut_inside_it_rather_than_leaving_a_stub():
    plan = "Physio " + "x" * 200
    line = reminder_line(plan)
    assert len(line) == REMINDER_LINE_CHARS and line.startswith("Physio xxx") and line[-1] == "…"


@given(st.text(max_size=400))
def test_the_line_never_exceeds_the_limit_and_is_the_specialists_own_words(plan):
    line = reminder_line(plan)
    assert len(line) <= REMINDER_LINE_CHARS
    assert first_line(plan).startswith(line.removesuffix("…").rstrip(" ,;:.-–"))


def link(n: int, plan: str, at: datetime | None = None) -> Link:
    return Link(specialist_id=n, name=f"Dr {n}", plan=plan, plan_at=at)


def test_the_newest_plan_is_current_and_a_link_without_one_is_skipped():
    older = link(1, "Old plan", datetime(2026, 11, 1, tzinfo=UTC))
    newer = link(2, "New plan", datetime(2026, 11, 20, tzinfo=UTC))
    assert current_plan([older, newer, link(3, "")]) == newer
    assert current_plan([newer, older]) == newer
    # Plans written before dates were kept: the specialist linked first.
    assert current_plan([link(4, "First"), link(5, "Second")]).specialist_id == 4
    assert current_plan([link(6, "  \n ")]) is None
    assert current_plan([]) is None


def test_the_plan_date_and_the_reminder_switch_survive_storage_and_old_files_keep_the_line():
    written = link(1, "Plan", datetime(2026, 11, 20, 8, 30, tzinfo=UTC))
    assert Link.from_doc(written.to_doc()) == written
    old_link = {k: v for k, v in written.to_doc().items() if k != "plan_at"}
    assert Link.from_doc(old_link).plan_at is None
    off = Profile(user_id=1, chat_id=1, plan_in_reminders=False)
    assert Profile.from_doc(off.to_doc()).plan_in_reminders is False
    old_profile = {k: v for k, v in off.to_doc().items() if k != "plan_in_reminders"}
    assert Profile.from_doc(old_profile).plan_in_reminders is True
