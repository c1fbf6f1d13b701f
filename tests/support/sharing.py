"""Sharing steps as a patient and a specialist take them, for end-to-end tests."""

from __future__ import annotations

import re
from typing import Any

from diarybot.domain.links import ShareLevel
from diarybot.texts import specialist as st

CODE = re.compile(r"[A-Z0-9]{5}-[A-Z0-9]{5}")


async def share_message(harness: Any, patient: Any) -> str:
    """/share, answering the one-time questions (keep the name, no reference): the message."""
    replies = await harness.say(patient, "/share")
    if replies and CODE.search(replies[-1]) is None:
        await harness.press(patient, replies[-1] and harness.api.keyboard(patient.id)[0][0][0])
        replies = await harness.press(patient, st.button_skip_reference())
    return replies[-1]


async def share_code(harness: Any, patient: Any) -> str:
    """A fresh sharing code of the patient."""
    match = CODE.search(await share_message(harness, patient))
    assert match is not None
    return match.group(0)


async def link(
    harness: Any, patient: Any, specialist: Any, level: ShareLevel = ShareLevel.FILES
) -> list[str]:
    """Link them: the specialist sends the code, the patient chooses `level`."""
    code = await share_code(harness, patient)
    await harness.say(specialist, f"/link {code}")
    return await harness.press(patient, st.level_buttons()[level])
