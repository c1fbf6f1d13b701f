"""/meds keeps the patient's own medication list, and the check-in's "Pain medication" opens it
(issue #14): what the patient sees and what is stored, over the fake Bot API."""

import pytest

from diarybot import texts
from diarybot.domain.medications import Use
from diarybot.texts import medications as med_texts
from diarybot.texts import words


@pytest.fixture
async def pat(harness):
    user = harness.user()
    await harness.onboard(user)
    return user


def labels(harness, user):
    return [t for row in harness.api.keyboard(user.id) for t, _ in row]


async def add(harness, user, text, use_label):
    await harness.say(user, "/meds")
    await harness.press(user, med_texts.button_add())
    [question] = await harness.say(user, text)
    assert question == med_texts.ask_use().format(name=text)
    return await harness.press(user, use_label)


async def test_onboarding_offers_meds_once_without_requiring_it(harness):
    user = harness.user()
    await harness.say(user, "/start")
    await harness.say(user, "Europe/Berlin")
    [done] = await harness.say(user, "20:00")
    assert "/meds" in done
    assert harness.files.get_profile(user.id).medications == ()


async def test_meds_add_rename_and_stop_with_buttons(harness, pat):
    [empty] = await harness.say(pat, "/meds")
    assert empty == med_texts.meds_empty() and labels(harness, pat) == [med_texts.button_add()]
    [added] = await add(harness, pat, "ibuprofen 400 mg", med_texts.button_as_needed())
    assert "ibuprofen 400 mg" in added and "as needed" in added
    await add(harness, pat, "pregabalin 75 mg twice a day", med_texts.button_regular())
    [ibu, pre] = harness.files.get_profile(pat.id).medications
    assert (ibu.name, ibu.use, ibu.active) == ("ibuprofen 400 mg", Use.AS_NEEDED, True)
    assert (pre.name, pre.use) == ("pregabalin 75 mg twice a day", Use.REGULAR)
    assert ibu.started is not None and ibu.id != pre.id

    [shown] = await harness.say(pat, "/meds")
    assert "• ibuprofen 400 mg — as needed" in shown
    assert labels(harness, pat) == [ibu.name, pre.name, med_texts.button_add()]

    await harness.press(pat, ibu.name)
    await harness.press(pat, med_texts.button_rename())
    [renamed] = await harness.say(pat, "ibuprofen 600 mg")
    assert renamed == med_texts.renamed().format(name="ibuprofen 600 mg")
    [ibu2, _] = harness.files.get_profile(pat.id).medications
    assert (ibu2.id, ibu2.name) == (ibu.id, "ibuprofen 600 mg")  # same medication, new words

    await harness.say(pat, "/meds")
    await harness.press(pat, pre.name)
    [stopped] = await harness.press(pat, med_texts.button_stop())
    assert "pregabalin 75 mg twice a day" in stopped and "stopped" in stopped
    [_, pre2] = harness.files.get_profile(pat.id).medications
    assert pre2.stopped is not None  # kept, with the day
    [shown] = await harness.say(pat, "/meds")
    assert "• pregabalin 75 mg twice a day — stopped on" in shown
    assert labels(harness, pat) == ["ibuprofen 600 mg", med_texts.button_add()]


async def test_a_name_too_long_is_asked_again(harness, pat):
    await harness.say(pat, "/meds")
    await harness.press(pat, med_texts.button_add())
    [again] = await harness.say(pat, "x" * 200)
    assert again == med_texts.name_invalid()
    [question] = await harness.say(pat, "paracetamol 1 g")
    assert question == med_texts.ask_use().format(name="paracetamol 1 g")


async def test_without_a_list_pain_medication_stays_a_yes_no_tick(harness, pat):
    await harness.say(pat, "/checkin")
    await harness.press(pat, "4")
    await harness.press(pat, texts.toggle_label(texts.medication_name(), ticked=False))
    [entry] = harness.files.entries(pat.id)
    assert entry.medication and entry.doses == ()
    assert texts.toggle_label(texts.medication_name(), ticked=True) in labels(harness, pat)


async def test_checkin_list_counts_as_needed_doses_and_ticks_regular(harness, pat):
    await add(harness, pat, "ibuprofen 400 mg", med_texts.button_as_needed())
    await add(harness, pat, "pregabalin 75 mg", med_texts.button_regular())
    ibu, pre = harness.files.get_profile(pat.id).medications
    await harness.say(pat, "/checkin")
    await harness.press(pat, "6")
    closed = med_texts.medication_open_unticked()
    assert closed in labels(harness, pat)  # the same one tap opens the list
    await harness.press(pat, closed)
    assert labels(harness, pat) == [
        texts.toggle_label("ibuprofen 400 mg · as needed", ticked=False),
        texts.toggle_label("pregabalin 75 mg", ticked=False),
        med_texts.button_clear(),
        med_texts.button_back_techniques(),
    ]
    await harness.press(pat, texts.toggle_label("ibuprofen 400 mg · as needed", ticked=False))
    await harness.press(pat, texts.toggle_label("ibuprofen 400 mg · ×1", ticked=True))
    await harness.press(pat, texts.toggle_label("pregabalin 75 mg", ticked=False))
    assert texts.toggle_label("ibuprofen 400 mg · ×2", ticked=True) in labels(harness, pat)
    [entry] = harness.files.entries(pat.id)
    assert dict(entry.doses) == {ibu.id: 2, pre.id: 1}
    assert entry.medication and entry.techniques_answered

    await harness.press(
        pat, texts.toggle_label("pregabalin 75 mg", ticked=True)
    )  # a regular one: untick
    assert dict(harness.files.entries(pat.id)[0].doses) == {ibu.id: 2}
    await harness.press(pat, med_texts.button_back_techniques())
    assert med_texts.medication_open_ticked() in labels(harness, pat)
    [summary] = await harness.press(pat, texts.button_done())
    assert texts.medication_name() in summary


async def test_clear_resets_the_doses_and_the_yes(harness, pat):
    await add(harness, pat, "ibuprofen 400 mg", med_texts.button_as_needed())
    await harness.say(pat, "/checkin")
    await harness.press(pat, "6")
    await harness.press(pat, med_texts.medication_open_unticked())
    await harness.press(pat, texts.toggle_label("ibuprofen 400 mg · as needed", ticked=False))
    await harness.press(pat, med_texts.button_clear())
    [entry] = harness.files.entries(pat.id)
    assert entry.doses == () and not entry.medication and not entry.techniques_answered
    assert texts.toggle_label("ibuprofen 400 mg · as needed", ticked=False) in labels(harness, pat)


async def test_stopped_medication_leaves_the_checkin(harness, pat):
    await add(harness, pat, "ibuprofen 400 mg", med_texts.button_as_needed())
    await add(harness, pat, "tramadol 50 mg", med_texts.button_as_needed())
    await harness.say(pat, "/meds")
    await harness.press(pat, "tramadol 50 mg")
    await harness.press(pat, med_texts.button_stop())
    await harness.say(pat, "/checkin")
    await harness.press(pat, "5")
    await harness.press(pat, med_texts.medication_open_unticked())
    assert not any("tramadol" in label for label in labels(harness, pat))


async def test_history_no_medication_clears_the_named_doses(harness, pat):
    await add(harness, pat, "ibuprofen 400 mg", med_texts.button_as_needed())
    await harness.say(pat, "/checkin")
    await harness.press(pat, "6")
    await harness.press(pat, med_texts.medication_open_unticked())
    await harness.press(pat, texts.toggle_label("ibuprofen 400 mg · as needed", ticked=False))
    await harness.press(pat, med_texts.button_back_techniques())
    await harness.press(pat, texts.button_done())
    await harness.press(pat, texts.button_skip())
    await harness.say(pat, "/history")
    await harness.press(pat, labels(harness, pat)[0])
    medication_yes = words.button_edit_medication_yes()
    await harness.press(pat, medication_yes)
    [entry] = harness.files.entries(pat.id)
    assert not entry.medication and entry.doses == ()
