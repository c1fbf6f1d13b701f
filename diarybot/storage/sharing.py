"""Consented sharing with specialists: one-time codes, confirmation, links, authorization.

Deny by default: a specialist reaches a patient's data only while the patient's own file lists
them as linked, and that is checked on every access (commands, buttons, scheduled summaries),
never inferred from what a client sends.
"""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
from collections import defaultdict, deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from diarybot.domain.models import Link, Profile, Specialist
from diarybot.storage.patients import CODES_LOCK_ID, PENDING_TABLE, PatientStore

# No 0/O, 1/I/L: codes are read aloud and typed from paper.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10  # 31**10 ≈ 8e14 codes; with 5 wrong guesses an hour, guessing is hopeless
CODE_LIFETIME = timedelta(hours=24)
MAX_WRONG_CODES = 5
WRONG_CODE_WINDOW = timedelta(hours=1)


def new_code() -> str:
    """A fresh one-time code from the OS's CSPRNG."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code: str) -> str:
    """Grouped for reading: ABCDE-FGHJK."""
    return f"{code[:5]}-{code[5:]}"


def normalize_code(text: str) -> str | None:
    """What a specialist typed, as a code (case, spaces and dashes forgiven), or None."""
    cleaned = unicodedata.normalize("NFKC", text).upper().replace("-", "").replace(" ", "")
    if len(cleaned) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in cleaned):
        return None
    return cleaned


def hash_code(code: str) -> str:
    """Only hashes are stored: a copy of the data folder does not hand out live codes."""
    return hashlib.sha256(code.encode()).hexdigest()


@dataclass
class AttemptLimiter:
    """Wrong link codes per user in a sliding window (in memory: a restart forgives)."""

    limit: int = MAX_WRONG_CODES
    window: timedelta = WRONG_CODE_WINDOW
    _failures: dict[int, deque[datetime]] = field(default_factory=lambda: defaultdict(deque))

    def blocked(self, user_id: int, now: datetime) -> bool:
        """Whether this user has used up their wrong guesses for now."""
        failures = self._failures.get(user_id)
        if not failures:
            return False
        while failures and now - failures[0] >= self.window:
            failures.popleft()
        return len(failures) >= self.limit

    def failed(self, user_id: int, now: datetime) -> None:
        """Record one wrong code."""
        self._failures[user_id].append(now)


async def create_code(store: PatientStore, patient_id: int, now: datetime) -> str:
    """A new single-use code for this patient, valid for 24 hours."""
    code = new_code()
    expires = (now + CODE_LIFETIME).isoformat()
    await store.run(CODES_LOCK_ID, store.files.add_code, hash_code(code), patient_id, expires)
    return code


async def redeem_code(store: PatientStore, code: str, now: datetime) -> int | None:
    """The patient a code belongs to, consuming it; None for unknown, used or expired codes."""
    return await store.run(
        CODES_LOCK_ID, store.files.redeem_code, hash_code(code), now.isoformat()
    )


async def request_link(store: PatientStore, patient_id: int, specialist: Link) -> None:
    """Record a specialist's request; nothing is shared until the patient confirms it."""
    await store.run(patient_id, store.files.put_link, patient_id, specialist, PENDING_TABLE)


async def confirm_link(
    store: PatientStore, patient: Profile, specialist_id: int, defaults: Specialist, now: datetime
) -> Link | None:
    """The patient says yes: turn their pending request into a link (None if none pending)."""
    files = store.files
    pending = await store.run(patient.user_id, files.links, patient.user_id, PENDING_TABLE)
    request = next((p for p in pending if p.specialist_id == specialist_id), None)
    if request is None:
        return None
    link = Link(specialist_id, request.name, request.username, since=now)
    await store.run(patient.user_id, files.put_link, patient.user_id, link)
    await store.run(
        patient.user_id, files.drop_link, patient.user_id, specialist_id, PENDING_TABLE
    )
    await _index(store, specialist_id, defaults, add=patient.user_id)
    return link


async def decline_link(store: PatientStore, patient_id: int, specialist_id: int) -> bool:
    """The patient says no: forget the request."""
    files = store.files
    return await store.run(patient_id, files.drop_link, patient_id, specialist_id, PENDING_TABLE)


async def unlink(store: PatientStore, patient_id: int, specialist_id: int) -> bool:
    """Stop sharing with one specialist, effective for every later access."""
    removed = await store.run(patient_id, store.files.drop_link, patient_id, specialist_id)
    await _index(store, specialist_id, None, remove=patient_id)
    return removed


async def is_linked(store: PatientStore, patient_id: int, specialist_id: int) -> bool:
    """The one authorization check: does the patient's own file list this specialist?"""
    links = await store.run(patient_id, store.files.links, patient_id)
    return any(link.specialist_id == specialist_id for link in links)


async def linked_patients(store: PatientStore, specialist_id: int) -> list[Profile]:
    """The patients who currently share with this specialist (index checked against consent)."""
    specialist = await store.run(specialist_id, store.files.get_specialist, specialist_id)
    found = []
    for patient_id in specialist.patients if specialist else ():
        profile = await store.get_profile(patient_id)
        if profile is not None and await is_linked(store, patient_id, specialist_id):
            found.append(profile)
    return found


async def erase_person(store: PatientStore, user_id: int) -> None:
    """Remove a person's sharing in both directions before their folder is erased."""
    files = store.files
    for link in await store.run(user_id, files.links, user_id):
        await _index(store, link.specialist_id, None, remove=user_id)
    specialist = await store.run(user_id, files.get_specialist, user_id)
    for patient_id in specialist.patients if specialist else ():
        await store.run(patient_id, files.drop_link, patient_id, user_id)
        await store.run(patient_id, files.drop_link, patient_id, user_id, PENDING_TABLE)
    await store.run(CODES_LOCK_ID, files.drop_codes, user_id)


async def _index(
    store: PatientStore,
    specialist_id: int,
    defaults: Specialist | None,
    *,
    add: int | None = None,
    remove: int | None = None,
) -> None:
    await store.run(specialist_id, store.files.reindex, specialist_id, defaults, add, remove)
