"""/breathe, /relax and /practice end to end, with the timed steps driven through the job queue."""

from datetime import UTC, date, datetime

import pytest

from diarybot import texts
from diarybot.bot import guided_exercises
from diarybot.domain import exercises
from diarybot.domain.entries import Technique
from diarybot.domain.exercises import MIN_RATED_SESSIONS, practice_figures, steps
from diarybot.domain.practice import ExerciseSession
from diarybot.texts import guided


@pytest.fixture
async def pat(harness):
    user = harness.user()
    await harness.onboard(user)
    return user


def sessions(harness, user_id):
    return harness.files.sessions(user_id)


async def play_to_the_end(harness, user_id, pattern):
    """Run every queued step job, checking the message shows each step in turn."""
    sequence = steps(pattern)
    for index in range(1, len(sequence) + 1):
        await harness.run_job(guided_exercises.step_job_name(user_id))
        if index < len(sequence):
            shown = harness.api.messages[user_id][-1].text
            assert shown.startswith(guided.step_text(sequence[index])), (index, shown)
            assert f"Step {index + 1} of {len(sequence)}" in shown


def test_patterns_last_about_three_minutes():
    assert exercises.total_seconds("calm") == 5 + 18 * 10
    assert 170 <= exercises.total_seconds("box") <= 190
    assert 150 <= exercises.total_seconds("pmr") <= 200
    assert all(step.seconds > 0 for code in exercises.PATTERNS for step in steps(code))


async def test_breathe_full_session_with_ratings(harness, pat):
    assert await harness.say(pat, "/breathe") == [guided.breathe_menu()]
    await harness.press(pat, guided.pattern_names()["calm"])
    assert harness.api.last_message(pat.id).text == guided.ask_pain_before()
    await harness.press(pat, "6")
    first = harness.api.last_message(pat.id)
    assert first.text.startswith(guided.get_ready())
    [job] = harness.app.job_queue.get_jobs_by_name(guided_exercises.step_job_name(pat.id))
    assert 4 <= (job.next_t - harness.clock()).total_seconds() <= 6  # no sleeping: a job
    await play_to_the_end(harness, pat.id, "calm")
    assert harness.api.messages[pat.id][-2].text == guided.exercise_done()
    assert harness.api.last_message(pat.id).text == guided.ask_pain_after()
    replies = await harness.press(pat, "4")
    assert replies == [guided.exercise_saved().format(change="Before 6/10, after 4/10.")]
    [session] = sessions(harness, pat.id)
    assert (session.technique, session.pattern) == (Technique.BREATHING, "calm")
    assert (session.pain_before, session.pain_after) == (6, 4)
    assert session.completed and session.seconds == exercises.total_seconds("calm")


async def test_stop_at_any_step_keeps_an_unfinished_session(harness, pat):
    await harness.say(pat, "/relax")
    await harness.press(pat, texts.button_skip_rating())
    for _ in range(3):
        await harness.run_job(guided_exercises.step_job_name(pat.id))
    replies = await harness.press(pat, guided.button_stop())
    assert replies == [guided.exercise_stopped()]
    assert harness.app.job_queue.get_jobs_by_name(guided_exercises.step_job_name(pat.id)) == ()
    [session] = sessions(harness, pat.id)
    assert session.technique is Technique.RELAXATION
    assert not session.completed and session.pain_before is None
    assert 0 < session.seconds < exercises.total_seconds("pmr")


async def test_practice_shows_change_only_from_three_rated_sessions(harness, pat):
    assert await harness.say(pat, "/practice") == [guided.practice_none()]
    for before, after in [(7, 5), (6, 5), (8, 5)]:
        await harness.say(pat, "/breathe")
        await harness.press(pat, guided.pattern_names()["478"])
        await harness.press(pat, str(before))
        await play_to_the_end(harness, pat.id, "478")
        await harness.press(pat, str(after))
        [text] = await harness.say(pat, "/practice")
        rated = len(sessions(harness, pat.id))
        if rated < MIN_RATED_SESSIONS:
            assert "at least 3 are needed" in text and "on average" not in text
    assert "-2.0 points on average over 3 rated sessions" in text


def test_practice_figures_make_no_claim_below_three():
    def session(n, before, after):
        return ExerciseSession(
            f"{n:010x}",
            Technique.BREATHING,
            "calm",
            datetime(2026, 11, 1, tzinfo=UTC),
            date(2026, 11, 1),
            185,
            True,
            before,
            after,
        )

    [two] = practice_figures([session(1, 5, 3), session(2, 6, 4), session(3, None, 2)])
    assert (two.sessions, two.rated, two.mean_change) == (3, 2, None)
    [three] = practice_figures([session(1, 5, 3), session(2, 6, 4), session(3, 4, 5)])
    assert three.mean_change == pytest.approx(-1.0)


async def test_forged_exercise_buttons_are_harmless(harness, pat):
    await harness.say(pat, "/breathe")
    msg = harness.api.last_message(pat.id)
    for data in ("xb:0123456789:5", "xa:0123456789:5", "xs:0123456789", "xp:yoga", "xb:zz:5"):
        harness.api.press_button(pat, msg.message_id, data, require_button=False)
    await harness.settle()
    assert sessions(harness, pat.id) == []
    assert harness.api.unanswered_callback_queries() == []


async def test_cancel_stops_a_running_exercise(harness, pat):
    await harness.say(pat, "/relax")
    await harness.press(pat, "5")
    assert harness.app.job_queue.get_jobs_by_name(guided_exercises.step_job_name(pat.id))
    assert await harness.say(pat, "/cancel") == [texts.cancelled()]
    assert harness.app.job_queue.get_jobs_by_name(guided_exercises.step_job_name(pat.id)) == ()
