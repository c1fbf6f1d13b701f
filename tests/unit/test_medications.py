"""The medication list's pure parts: taps on a check-in, and old documents still read."""

from datetime import UTC, date, datetime

from diarybot.domain.entries import Entry
from diarybot.domain.medications import MAX_DOSES, Medication, Use, clean_name, tap
from diarybot.domain.people import Profile

IBU = Medication(id="a1b2c3", name="ibuprofen 400 mg", use=Use.AS_NEEDED)
PRE = Medication(id="d4e5f6", name="pregabalin 75 mg", use=Use.REGULAR)


def test_as_needed_taps_count_doses_up_to_a_cap_and_regular_toggles():
    doses = tap(tap((), IBU), PRE)
    assert doses == (("a1b2c3", 1), ("d4e5f6", 1))
    assert tap(doses, IBU) == (("a1b2c3", 2), ("d4e5f6", 1))
    assert tap(doses, PRE) == (("a1b2c3", 1),)
    many: tuple[tuple[str, int], ...] = ()
    for _ in range(MAX_DOSES + 5):
        many = tap(many, IBU)
    assert many == (("a1b2c3", MAX_DOSES),)


def test_names_are_kept_as_written_with_spaces_tidied():
    assert clean_name("  tramadol   50 mg ") == "tramadol 50 mg"
    assert clean_name("   ") is None
    assert clean_name("x" * 61) is None


def test_old_documents_read_with_no_medications_and_no_doses():
    entry = Entry(
        id="0123456789",
        recorded_at=datetime(2026, 11, 1, 20, tzinfo=UTC),
        local_date=date(2026, 11, 1),
        score=5,
        medication=True,
    )
    old = entry.to_doc()
    del old["doses"]
    assert Entry.from_doc(old).doses == () and Entry.from_doc(old).medication
    with_doses = entry.replace(doses=(("a1b2c3", 2),))
    assert Entry.from_doc(with_doses.to_doc()).doses == (("a1b2c3", 2),)

    profile = Profile(
        user_id=1, chat_id=1, medications=(IBU, PRE.replace(stopped=date(2026, 11, 2)))
    )
    doc = profile.to_doc()
    assert Profile.from_doc(doc).medications == profile.medications
    del doc["medications"]
    assert Profile.from_doc(doc).medications == ()


def _day(n: int, score: int, doses=(), answered=True) -> Entry:
    day = date(2026, 11, 1 + n)
    return Entry(
        id=f"{n + 1:010x}",
        recorded_at=datetime(2026, 11, 1 + n, 12, tzinfo=UTC),
        local_date=day,
        score=score,
        medication=bool(doses),
        doses=doses,
        techniques_answered=answered,
    )


def test_unanswered_days_do_not_count_as_not_taken():
    from diarybot.domain.medication_figures import medication_figures  # noqa: PLC0415

    taken = [_day(n, 7, (("a1b2c3", 1),)) for n in range(3)]
    answered = [_day(n, 3) for n in range(3, 5)]
    unanswered = [_day(n, 1, answered=False) for n in range(5, 9)]
    [ibu] = medication_figures(
        taken + answered + unanswered, (IBU, PRE), date(2026, 11, 1), date(2026, 11, 30)
    )
    assert (ibu.days_taken, ibu.doses, ibu.days_not_taken) == (3, 3, 2)
    assert not ibu.comparison_shown  # 2 answered days without: too few
    [ibu] = medication_figures(
        [*taken, *answered, _day(9, 2)], (IBU,), date(2026, 11, 1), date(2026, 11, 30)
    )
    assert ibu.comparison_shown and ibu.mean_taken == 7 and ibu.mean_not_taken == 8 / 3
