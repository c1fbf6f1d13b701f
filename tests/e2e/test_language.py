"""Each person reads their own language (#15), end to end over the fake Bot API.

Here every non-English catalog is replaced by a pseudo-translation
(tests/support/pseudo_translations.py): "«es» Hello". A reply without its person's mark, or with
someone else's, is a text that did not go through the right catalog; real translations would
hide that when a word is the same in two languages. The real catalogs are exercised by
test_whole_day_in_language.py.
"""

from __future__ import annotations

import dataclasses
import io
import multiprocessing
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from diarybot import texts
from diarybot.bot import digest_settings, reminders
from diarybot.domain.entries import Entry, new_id
from diarybot.domain.links import Link, ShareLevel
from diarybot.domain.localtime import instant_on, local_date
from diarybot.domain.people import Profile, Specialist
from diarybot.runtime.render_tasks import warm_up
from diarybot.texts import i18n
from diarybot.texts import language as lt
from diarybot.texts import specialist as st
from tests.support import pseudo_translations as pseudo
from tests.support.fake_bot_api import FakeUser
from tests.support.sharing import share_code

BERLIN = ZoneInfo("Europe/Berlin")
PSEUDO = tuple(code for code in i18n.LANGUAGES if code != i18n.DEFAULT)
PRIVATE_CHATS = {"type": "all_private_chats"}


@pytest.fixture(scope="module")
def render_executor() -> Iterator[ProcessPoolExecutor]:
    """Render workers that know the pseudo catalogs (reports are written there)."""
    pool = ProcessPoolExecutor(
        max_workers=2,
        mp_context=multiprocessing.get_context("forkserver"),
        initializer=pseudo.install,
        initargs=(PSEUDO,),
    )
    # Load the drawing libraries now (as the bot's own pool does), not in a test's first render.
    for ready in [pool.submit(warm_up) for _ in range(2)]:
        ready.result()
    yield pool
    pool.shutdown(wait=True, cancel_futures=True)


@pytest.fixture(autouse=True)
def pseudo_catalogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pseudo catalogs in the bot's process, before it sets its command menus."""
    pseudo.use(monkeypatch, pseudo.LanguageMarks, PSEUDO)


def person(harness, user_id: int, name: str, language: str, **more) -> FakeUser:
    """A user whose Telegram app is set to `language`."""
    return harness.users.setdefault(
        user_id, FakeUser(id=user_id, first_name=name, language_code=language, **more)
    )


def speaking(lang: str, text_function, /, **words) -> str:
    """What `text_function` says in language `lang`, its placeholders filled."""
    with i18n.speaking(lang):
        text = text_function()
    return text.format(**words) if words else text


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def documents(harness, chat_id: int) -> list[bytes]:
    return [c.files["document"].data for c in harness.api.calls_for("sendDocument", chat_id)]


async def test_spanish_telegram_gets_spanish_from_start_and_keeps_it(harness):
    ana = person(harness, 2001, "Ana", "es")
    replies = await harness.say(ana, "/start")
    assert replies == [speaking("es", texts.welcome), speaking("es", texts.ask_timezone)]
    assert harness.files.get_profile(ana.id).language == "es"
    # Every later reply too, whatever Telegram says now: the stored language wins.
    ana = dataclasses.replace(ana, language_code="en")
    replies = await harness.say(ana, "Europe/Madrid")
    assert replies and all(r.startswith("«es» ") for r in replies)
    [settings] = await harness.say(ana, "/settings")
    assert settings.startswith("«es» ")
    assert settings.endswith(speaking("es", lt.settings_line, language="Español"))


async def test_language_command_switches_replies_and_reminders(harness, clock):
    ana = person(harness, 2002, "Ana", "es")
    await harness.onboard(ana, tz="Europe/Berlin", at="20:00")
    [choose] = await harness.say(ana, "/language")
    assert choose == speaking("es", lt.choose)
    labels = [label for row in harness.api.keyboard(ana.id) for label, _ in row]
    assert labels == list(i18n.LANGUAGES.values())  # each named in its own language

    [done] = await harness.press(ana, "Deutsch")
    assert done == speaking("de", lt.changed, language="Deutsch")
    assert harness.files.get_profile(ana.id).language == "de"
    [settings] = await harness.say(ana, "/settings")
    assert settings.startswith("«de» ") and "«es»" not in settings

    day = local_date(datetime.now(UTC), BERLIN)
    clock.set(instant_on(day, time(20), BERLIN) + timedelta(seconds=1))
    mark = harness.api.mark()
    await harness.run_job(reminders.job_id(ana.id))
    assert harness.replies_since(mark, ana.id) == [speaking("de", texts.reminder)]


async def test_command_menu_is_set_in_every_language(harness):
    english = [description for _, description in texts.commands()]
    menus = {
        code: [c["description"] for c in harness.api.commands(PRIVATE_CHATS, code)]
        for code in ("", "es", "de", "fr", "pt", "ru")
    }
    assert menus[""] == english  # the default menu, for every language without a catalog
    # Each menu through its own catalog, with that language's argument words ("/log ontem 7").
    for code, language in (
        ("pt", "pt_BR"),
        ("es", "es"),
        ("de", "de"),
        ("fr", "fr"),
        ("ru", "ru"),
    ):
        own = dict(speaking(language, texts.commands))
        assert menus[code] == list(own.values())
        assert all(d.startswith(pseudo.language_mark(language, "")) for d in own.values())
        assert "yesterday" not in own["log"]
    assert "language" in [c["command"] for c in harness.api.commands(PRIVATE_CHATS, "")]


async def test_german_specialist_gets_german_reports_of_a_spanish_patient(harness):
    pat = person(harness, 2003, "Pat", "es")
    await harness.onboard(pat, tz="Europe/Madrid")
    await harness.say(pat, "/name Pat Example")
    await harness.say(pat, "/log 6 rodilla")
    doc = person(harness, 5006, "Dr Roe", "de", username="drroe")
    with i18n.speaking("es"):  # the patient presses buttons labelled in Spanish
        code = await share_code(harness, pat)
    mark = harness.api.mark()
    await harness.say(doc, f"/link {code}")
    [ask] = harness.replies_since(mark, pat.id)
    assert ask == speaking("es", st.link_confirm, who="Dr Roe (@drroe)")
    mark = harness.api.mark()
    await harness.press(pat, speaking("es", lambda: st.level_buttons()[ShareLevel.FILES]))
    to_doc = harness.replies_since(mark, doc.id)
    assert to_doc and all(t.startswith("«de» ") for t in to_doc)
    assert (await harness.store.specialists.get(doc.id)).language == "de"

    await harness.say(doc, "/summary")
    harness.api.press_label(doc, "Pat Example")  # drawn in the background: can take a while
    await harness.api.wait_until(lambda: documents(harness, doc.id), timeout=60)
    report = pdf_text(documents(harness, doc.id)[0])
    assert "«de»" in report and "«es»" not in report

    harness.api.send_text(pat, "/export")

    def pdfs() -> list[bytes]:
        return [d for d in documents(harness, pat.id) if d.startswith(b"%PDF")]

    await harness.api.wait_until(pdfs, timeout=60)
    export = pdf_text(pdfs()[0])
    assert "«es»" in export and "«de»" not in export


async def test_patient_from_before_languages_takes_telegrams_at_their_next_message(harness):
    lea = person(harness, 2004, "Léa", "fr")
    await harness.onboard(lea, tz="Europe/Paris")
    await harness.store.profiles.update(lea.id, language="")  # as a file from before
    [settings] = await harness.say(lea, "/settings")
    assert settings.startswith("«fr» ")
    assert harness.files.get_profile(lea.id).language == "fr"  # kept for reminders, reports


async def test_weekly_digest_is_in_the_specialists_language(harness):
    doc = person(harness, 5007, "Dr Roe", "de", username="drroe")
    today = datetime.now(UTC).astimezone(BERLIN).date()
    monday = today + timedelta(days=(0 - today.weekday()) % 7 or 7)
    store = harness.store
    await store.profiles.save(
        Profile(2005, 2005, timezone="Europe/Berlin", onboarded=True, language="es")
    )
    for days_back, score in enumerate([3, 7, 5]):
        day = monday - timedelta(days=1 + days_back)
        at = instant_on(day, time(9), BERLIN)
        await store.diary.add(2005, Entry(new_id(), recorded_at=at, local_date=day, score=score))
    await store.sharing.request(2005, Link(doc.id, "Dr Roe", "drroe", language="de"))
    default = Specialist(doc.id, doc.id, timezone="Europe/Berlin", welcomed=True)
    await store.sharing.confirm(2005, doc.id, default, datetime.now(UTC), ShareLevel.FILES)
    await harness.say(doc, "/digest monday 08:00 Europe/Berlin")
    harness.clock.set(instant_on(monday, time(8), BERLIN) + timedelta(seconds=1))
    mark = harness.api.mark()
    await harness.run_job(digest_settings.digest_job_id(doc.id))
    sent = harness.replies_since(mark, doc.id)
    assert sent and all(t.startswith("«de» ") and "«es»" not in t for t in sent)
    digest = pdf_text(documents(harness, doc.id)[0])
    assert "«de»" in digest and "«es»" not in digest
