"""The switch words as patients type them (#15): each language's own "yes" and "no" switch
/weekly on and off, whatever case or spacing they come in, and no word turns a switch on in one
language that turns it off in another."""

from __future__ import annotations

import pytest

from diarybot import texts
from diarybot.texts import i18n
from tests.e2e.test_help_arguments import said
from tests.support.fake_bot_api import FakeUser

#: What a patient answers to "on or off?" in their own language, as they would type it.
YES_NO = {
    "en": ("Yes", "NO"),
    "es": ("SÍ", "No"),
    "de": ("Ja", "nein"),
    "fr": ("oui", "Non"),
    "pt_BR": ("sim", "NÃO"),
    "ru": ("Да", "нет"),
}


@pytest.mark.parametrize("language", list(i18n.LANGUAGES))
async def test_each_languages_yes_and_no_switch_the_weekly_chart(harness, language):
    yes, no = YES_NO[language]
    pat = harness.users.setdefault(
        3201, FakeUser(id=3201, first_name="Paz", language_code=language)
    )
    await harness.onboard(pat)

    assert await harness.say(pat, f"/weekly  {yes} ") == [said(language, texts.weekly_on)]
    assert harness.files.get_profile(pat.id).weekly_chart
    assert await harness.say(pat, f"/weekly {no}") == [said(language, texts.weekly_off)]
    assert not harness.files.get_profile(pat.id).weekly_chart
