"""The language kept on each person round-trips through storage, and files from before
languages existed read as "not known yet" (taken from Telegram at the next message), with no
change of schema."""

from __future__ import annotations

import json
from pathlib import Path

from diarybot.domain.links import Link
from diarybot.domain.people import Profile, Specialist
from diarybot.storage.folders import run_inline
from tests.support.disk import DiskFiles
from tests.support.raw_files import PROFILE, SPECIALIST, patient_file


def drop_language(path: Path) -> None:
    """Make a stored file look like one written before the language field existed."""
    data = json.loads(path.read_bytes())
    for docs in data.values():
        for doc in docs.values():
            doc.pop("language", None)
    path.write_text(json.dumps(data))


def test_new_people_read_english_until_told_otherwise():
    assert Profile(user_id=1, chat_id=1).language == "en"
    assert Specialist(user_id=2, chat_id=2).language == "en"


def test_language_round_trips_on_profile_specialist_and_link():
    profile = Profile(user_id=1, chat_id=1, language="pt_BR")
    assert Profile.from_doc(profile.to_doc()).language == "pt_BR"
    specialist = Specialist(user_id=2, chat_id=2, language="de")
    assert Specialist.from_doc(specialist.to_doc()).language == "de"
    link = Link(specialist_id=2, name="Dr Roe", language="de")
    assert Link.from_doc(link.to_doc()).language == "de"


def test_stored_profile_keeps_its_language(tmp_path):
    files = DiskFiles(tmp_path)
    files.save_profile(Profile(user_id=7, chat_id=7, language="ru"))
    assert DiskFiles(tmp_path).get_profile(7).language == "ru"


def test_profile_file_from_before_languages_reads_as_unknown(tmp_path):
    files = DiskFiles(tmp_path)
    files.save_profile(Profile(user_id=7, chat_id=7, language="ru", display_name="Ana"))
    drop_language(patient_file(tmp_path, 7, PROFILE))
    old = DiskFiles(tmp_path).get_profile(7)
    assert old is not None
    assert (old.language, old.display_name) == ("", "Ana")


def test_specialist_file_from_before_languages_reads_as_unknown(tmp_path):
    store = DiskFiles(tmp_path).store
    run_inline(store.specialists.update(9, Specialist(9, 9, name="Dr Roe", language="de")))
    drop_language(patient_file(tmp_path, 9, SPECIALIST))
    old = DiskFiles(tmp_path).get_specialist(9)
    assert old is not None
    assert (old.language, old.name) == ("", "Dr Roe")


def test_link_stored_before_languages_reads_as_unknown():
    doc = Link(specialist_id=2, name="Dr Roe").to_doc()
    del doc["language"]
    assert Link.from_doc(doc).language == ""
