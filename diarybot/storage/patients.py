"""Every patient's data, read and written through one place.

`PatientFiles` is the synchronous, thread-safe core (one lock per patient). `PatientStore` is
what the bot uses: the same operations as coroutines that run the file work on a small thread
pool of their own, so no file rewrite ever blocks the event loop.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import shutil
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from tinydb import Query, TinyDB
from tinydb.table import Document, Table

from diarybot.domain.localtime import local_date, zone
from diarybot.domain.models import Entry, Link, Profile, Specialist, entries_between
from diarybot.storage.atomic import (
    CorruptFileError,
    PatientLocks,
    StorageError,
    ensure_private_dir,
    open_db,
    parse_file,
    quarantine,
)

logger = logging.getLogger(__name__)

T = TypeVar("T")

PROFILE_FILE = "profile.json"
DIARY_FILE = "diary.json"
SPECIALIST_FILE = "specialist.json"
CODES_FILE = "share_codes.json"
PROFILE_TABLE = "profile"
ENTRIES_TABLE = "entries"
LINKS_TABLE = "links"
PENDING_TABLE = "pending_links"
SPECIALIST_TABLE = "specialist"
CODES_TABLE = "codes"
# The share-code index is one small file for everyone; it takes this pseudo-patient's lock.
CODES_LOCK_ID = -1
OPEN_FILES_CACHED = 512


class PatientFiles:
    """Synchronous access to the per-patient TinyDB files under `data_dir/patients/<id>/`."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.root = self.data_dir / "patients"
        ensure_private_dir(self.data_dir)
        ensure_private_dir(self.root)
        self.locks = PatientLocks()
        self._open: OrderedDict[Path, TinyDB] = OrderedDict()
        self._open_guard = threading.Lock()
        self._recovered: set[int] = set()
        # Each patient's settings as last read or written here: every update reads them (often
        # twice), and a hop to a storage thread for a few hundred bytes costs the loop more
        # than the read itself. Written only after the file is, so it never runs ahead of it.
        self._profiles: dict[int, Profile] = {}

    # -- files -----------------------------------------------------------------------------

    def folder(self, user_id: int) -> Path:
        """The folder holding one patient's files."""
        return self.root / str(int(user_id))

    def _db(self, path: Path) -> TinyDB:
        with self._open_guard:
            db = self._open.get(path)
            if db is not None:
                self._open.move_to_end(path)
                return db
        ensure_private_dir(path.parent)
        db = open_db(path)
        with self._open_guard:
            self._open[path] = db
            while len(self._open) > OPEN_FILES_CACHED:
                self._open.popitem(last=False)
        return db

    def _forget(self, path: Path) -> None:
        with self._open_guard:
            self._open.pop(path, None)

    def _with(self, user_id: int, name: str, action: Callable[[TinyDB], T]) -> T:
        """Run `action` on one of the patient's files under their lock.

        A file that does not parse is moved aside (never overwritten) and the action runs on a
        fresh file, so this patient can go on and everyone else is unaffected.
        """
        path = self.folder(user_id) / name
        with self.locks.for_patient(user_id):
            try:
                return action(self._db(path))
            except CorruptFileError as exc:
                self._forget(path)
                if name == PROFILE_FILE:
                    self._profiles.pop(user_id, None)
                quarantine(exc.path)
                self.remember_recovery(user_id)
                return action(self._db(path))

    def _existing(self, user_id: int, name: str, action: Callable[[TinyDB], T], missing: T) -> T:
        """Like `_with`, but for a file that does not exist answers `missing` without creating
        it: reading (or a stale button) must never bring back an erased patient's folder."""
        path = self.folder(user_id) / name
        with self._open_guard:
            is_open = path in self._open
        if not is_open and not path.exists():
            return missing
        return self._with(user_id, name, action)

    def remember_recovery(self, user_id: int) -> None:
        """Keep (or put back) the notice that this patient's file was set aside."""
        with self._open_guard:
            self._recovered.add(user_id)

    def awaiting_recovery_notice(self) -> list[int]:
        """Everyone whose file was set aside and who has not been told yet."""
        with self._open_guard:
            return sorted(self._recovered)

    def take_recovery_notice(self, user_id: int) -> bool:
        """True once after this patient's file had to be set aside, so they can be told."""
        with self._open_guard:
            if user_id in self._recovered:
                self._recovered.discard(user_id)
                return True
            return False

    # -- profile ---------------------------------------------------------------------------

    def get_profile(self, user_id: int) -> Profile | None:
        """The patient's settings, or None for someone who never started the bot.

        A profile that parses as JSON but not as a profile (edited by hand, say) is treated like
        a torn file: without valid settings nothing can be done safely for this patient.
        """
        path = self.folder(user_id) / PROFILE_FILE

        def read(db: TinyDB) -> Profile | None:
            docs = db.table(PROFILE_TABLE).all()
            if not docs:
                return None
            try:
                return Profile.from_doc(dict(docs[0]))
            except (KeyError, TypeError, ValueError) as exc:
                raise CorruptFileError(path) from exc

        with self.locks.for_patient(user_id):  # so the remembered copy is never stale
            profile = self._existing(user_id, PROFILE_FILE, read, None)
            if profile is None:
                self._profiles.pop(user_id, None)
            else:
                self._profiles[user_id] = profile
            return profile

    def known_profile(self, user_id: int) -> Profile | None:
        """The settings as this process last read or wrote them (None: not read yet)."""
        return self._profiles.get(user_id)

    def save_profile(self, profile: Profile) -> None:
        """Write the whole profile (one document)."""

        def write(db: TinyDB) -> None:
            table = db.table(PROFILE_TABLE)
            doc = profile.to_doc()
            if table.contains(doc_id=1):
                table.update(doc, doc_ids=[1])
            else:
                table.insert(doc)

        with self.locks.for_patient(profile.user_id):
            self._with(profile.user_id, PROFILE_FILE, write)
            self._profiles[profile.user_id] = profile

    def update_profile(self, user_id: int, **changes: Any) -> Profile | None:
        """Read-modify-write under the patient's lock; None if there is no profile."""
        with self.locks.for_patient(user_id):
            profile = self.get_profile(user_id)
            if profile is None:
                return None
            updated = profile.replace(**changes)
            self.save_profile(updated)
            return updated

    def claim_day(self, user_id: int, field_name: str, day: date) -> tuple[bool, date | None]:
        """Set a once-a-day marker (e.g. `last_reminded`) to `day` unless it already is.

        Returns whether this call claimed the day and the previous value, so a sender that then
        fails for sure can give the day back. Check and set happen under one lock.
        """
        with self.locks.for_patient(user_id):
            profile = self.get_profile(user_id)
            if profile is None or getattr(profile, field_name) == day:
                return False, None
            previous = getattr(profile, field_name)
            self.save_profile(profile.replace(**{field_name: day}))
            return True, previous

    def release_day(self, user_id: int, field_name: str, day: date, previous: date | None) -> None:
        """Undo `claim_day` if the marker still holds `day`."""
        with self.locks.for_patient(user_id):
            profile = self.get_profile(user_id)
            if profile is not None and getattr(profile, field_name) == day:
                self.save_profile(profile.replace(**{field_name: previous}))

    def profile_at_startup(self, user_id: int) -> Profile | None:
        """The profile read straight from its file, for start-up only.

        Opening a TinyDB per patient costs more than parsing the file itself, and start-up
        reads every patient's settings once. Anything unusual (a torn file, a newer schema, an
        odd document) goes the normal way, which sets bad files aside and tells the patient.
        """
        path = self.folder(user_id) / PROFILE_FILE
        try:
            docs = parse_file(path.read_bytes(), path).get(PROFILE_TABLE) or {}
            return Profile.from_doc(dict(next(iter(docs.values())))) if docs else None
        except FileNotFoundError:
            return None
        except (StorageError, OSError, KeyError, TypeError, ValueError, StopIteration):
            return self.get_profile(user_id)

    def patient_ids(self) -> list[int]:
        """Everyone with a folder, for rebuilding reminders at start-up."""
        ids = []
        for child in self.root.iterdir():
            if child.is_dir() and child.name.isdigit():
                ids.append(int(child.name))
        return sorted(ids)

    # -- entries ---------------------------------------------------------------------------

    def add_entry(self, user_id: int, entry: Entry) -> bool:
        """Append one entry; returns only once it is on disk. An entry whose id is already
        stored is left as it was (False): storing the same update twice must not duplicate."""

        def write(db: TinyDB) -> bool:
            table = db.table(ENTRIES_TABLE)
            if _find(table, entry.id) is not None:
                return False
            table.insert(Document(entry.to_doc(), _doc_id(entry.id)))
            return True

        return self._with(user_id, DIARY_FILE, write)

    def record_entry(self, user_id: int, entry: Entry, since: date) -> list[Entry]:
        """`add_entry`, then the patient's entries from `since` to the entry's day, read under
        the same lock: what the flare check needs, without a second trip to the file."""
        with self.locks.for_patient(user_id):
            self.add_entry(user_id, entry)
            return self.entries(user_id, since, entry.local_date)

    def get_entry(self, user_id: int, entry_id: str) -> Entry | None:
        """One entry of this patient's, by id (never another patient's: ids are per file)."""

        def read(db: TinyDB) -> Entry | None:
            doc = _find(db.table(ENTRIES_TABLE), entry_id)
            return Entry.from_doc(dict(doc)) if doc is not None else None

        return self._existing(user_id, DIARY_FILE, read, None)

    def update_entry(self, user_id: int, entry_id: str, **changes: Any) -> Entry | None:
        """Change some fields of one entry; None when it no longer exists."""

        def write(db: TinyDB) -> Entry | None:
            table = db.table(ENTRIES_TABLE)
            doc = _find(table, entry_id)
            if doc is None:
                return None
            updated = Entry.from_doc(dict(doc)).replace(**changes)
            table.update(updated.to_doc(), doc_ids=[doc.doc_id])
            return updated

        return self._existing(user_id, DIARY_FILE, write, None)

    def delete_entry(self, user_id: int, entry_id: str) -> bool:
        """Remove one entry; False when it was already gone."""

        def write(db: TinyDB) -> bool:
            table = db.table(ENTRIES_TABLE)
            doc = _find(table, entry_id)
            return doc is not None and bool(table.remove(doc_ids=[doc.doc_id]))

        return self._existing(user_id, DIARY_FILE, write, False)

    def entries(
        self, user_id: int, start: date | None = None, end: date | None = None
    ) -> list[Entry]:
        """This patient's entries by local date (inclusive bounds), oldest first."""

        def read(db: TinyDB) -> list[Entry]:
            # The stored documents as they are: `Table.all()` would first wrap every entry of
            # the diary (a year: ~1 100) in a Document, for a flare check that needs two weeks.
            tables = db.storage.read() or {}
            return entries_between(tables.get(ENTRIES_TABLE, {}).values(), start, end)

        return self._existing(user_id, DIARY_FILE, read, [])

    def diary_path(self, user_id: int) -> Path:
        """Where the patient's diary file is (render workers read it themselves)."""
        return self.folder(user_id) / DIARY_FILE

    # -- sharing ---------------------------------------------------------------------------
    # Links and pending requests live in the patient's profile file: the patient's consent is
    # the one record every specialist access is checked against.

    def links(self, patient_id: int, table: str = LINKS_TABLE) -> list[Link]:
        """The specialists this patient shares with (or, with PENDING_TABLE, who asked to)."""
        if self.get_profile(patient_id) is None:
            return []
        return self._with(
            patient_id,
            PROFILE_FILE,
            lambda db: _valid(db.table(table).all(), Link.from_doc),
        )

    def put_link(self, patient_id: int, link: Link, table: str = LINKS_TABLE) -> None:
        """Add or replace the link (or pending request) for `link.specialist_id`."""

        def write(db: TinyDB) -> None:
            db.table(table).upsert(link.to_doc(), Query().specialist_id == link.specialist_id)

        self._with(patient_id, PROFILE_FILE, write)

    def drop_link(self, patient_id: int, specialist_id: int, table: str = LINKS_TABLE) -> bool:
        """Remove a link (or pending request); False if there was none."""
        if self.get_profile(patient_id) is None:
            return False

        def write(db: TinyDB) -> bool:
            return bool(db.table(table).remove(Query().specialist_id == specialist_id))

        return self._with(patient_id, PROFILE_FILE, write)

    def get_specialist(self, user_id: int) -> Specialist | None:
        """A specialist's settings and patient index, or None."""

        def read(db: TinyDB) -> Specialist | None:
            docs = db.table(SPECIALIST_TABLE).all()
            return Specialist.from_doc(dict(docs[0])) if docs else None

        return self._existing(user_id, SPECIALIST_FILE, read, None)

    def save_specialist(self, specialist: Specialist) -> None:
        """Write the specialist's settings (one document)."""

        def write(db: TinyDB) -> None:
            table = db.table(SPECIALIST_TABLE)
            table.truncate()
            table.insert(specialist.to_doc())

        self._with(specialist.user_id, SPECIALIST_FILE, write)

    def update_specialist(
        self, user_id: int, default: Specialist | None = None, **changes: Any
    ) -> Specialist | None:
        """Read-modify-write; creates the record from `default` when there is none yet."""
        with self.locks.for_patient(user_id):
            current = self.get_specialist(user_id) or default
            if current is None:
                return None
            updated = current.replace(**changes)
            self.save_specialist(updated)
            return updated

    def reindex(
        self,
        specialist_id: int,
        defaults: Specialist | None,
        add: int | None = None,
        remove: int | None = None,
    ) -> None:
        """Add or remove a patient in a specialist's index, atomically under their lock."""
        with self.locks.for_patient(specialist_id):
            current = self.get_specialist(specialist_id) or defaults
            if current is None:
                return
            patients = [p for p in current.patients if p not in (add, remove)]
            if add is not None:
                patients.append(add)
            self.save_specialist(current.replace(patients=tuple(patients)))

    def claim_digest(self, user_id: int, day: date) -> bool:
        """Mark today's weekly summary as sent unless it already was (check and set, locked)."""
        with self.locks.for_patient(user_id):
            specialist = self.get_specialist(user_id)
            if specialist is None or specialist.last_digest == day:
                return False
            self.save_specialist(specialist.replace(last_digest=day))
            return True

    def specialist_ids(self) -> list[int]:
        """Everyone with specialist settings (start-up scheduling of weekly summaries)."""
        return [uid for uid in self.patient_ids() if (self.folder(uid) / SPECIALIST_FILE).exists()]

    def _codes(self, action: Callable[[TinyDB], T]) -> T:
        path = self.data_dir / CODES_FILE
        with self.locks.for_patient(CODES_LOCK_ID):
            try:
                return action(self._db(path))
            except CorruptFileError as exc:
                self._forget(path)
                quarantine(exc.path)
                return action(self._db(path))

    def add_code(self, code_hash: str, patient_id: int, expires_at: str) -> None:
        """Remember a one-time share code (only its hash is stored)."""
        doc = {"hash": code_hash, "patient_id": patient_id, "expires_at": expires_at}
        self._codes(lambda db: db.table(CODES_TABLE).insert(doc))

    def redeem_code(self, code_hash: str, now_iso: str) -> int | None:
        """Consume a code: the patient id if it exists and has not expired, else None.

        Expired codes are swept on the way, so the index only ever holds live codes.
        """

        def redeem(db: TinyDB) -> int | None:
            table = db.table(CODES_TABLE)
            table.remove(Query().expires_at <= now_iso)
            found = table.get(Query().hash == code_hash)
            if not isinstance(found, dict):
                return None
            table.remove(doc_ids=[found.doc_id])
            return int(found["patient_id"])

        return self._codes(redeem)

    def drop_codes(self, patient_id: int) -> None:
        """Forget every code a patient created (erasure)."""
        self._codes(lambda db: db.table(CODES_TABLE).remove(Query().patient_id == patient_id))

    # -- other diary records (guided exercise sessions, PEG answers) ------------------------

    def put_record(self, user_id: int, table: str, doc: dict[str, Any]) -> None:
        """Insert or replace a record by its "id" in a table of the patient's diary file."""

        def write(db: TinyDB) -> None:
            db.table(table).upsert(doc, Query().id == doc["id"])

        self._with(user_id, DIARY_FILE, write)

    def records(self, user_id: int, table: str) -> list[dict[str, Any]]:
        """Every record of a table in the patient's diary file."""
        return self._existing(
            user_id, DIARY_FILE, lambda db: [dict(d) for d in db.table(table).all()], []
        )

    # -- erasure ---------------------------------------------------------------------------

    def erase(self, user_id: int) -> None:
        """Delete everything stored for this patient (their folder and any set-aside files)."""
        folder = self.folder(user_id)
        with self.locks.for_patient(user_id):
            with self._open_guard:
                for path in [p for p in self._open if p.parent == folder]:
                    del self._open[path]
            self._profiles.pop(user_id, None)
            shutil.rmtree(folder, ignore_errors=True)

    def iter_files(self) -> Iterator[Path]:
        """Every file under the data folder (used by tests and by erasure checks)."""
        yield from (p for p in self.data_dir.rglob("*") if p.is_file())


def _doc_id(entry_id: str) -> int:
    """Entries are stored under a TinyDB doc id derived from their own id, so finding one is a
    dict lookup instead of a query over the whole diary. Our ids are 10 hex digits (+1: TinyDB
    ids start at 1); any other id is hashed above that range, so ids never collide."""
    if len(entry_id) == 10:
        try:
            return int(entry_id, 16) + 1
        except ValueError:
            pass
    digest = hashlib.sha256(entry_id.encode()).digest()
    return 16**10 + 1 + int.from_bytes(digest[:6], "big")


def _find(table: Table, entry_id: str) -> Document | None:
    """One entry's document by entry id (every entry is stored under `_doc_id` of its id)."""
    doc = table.get(doc_id=_doc_id(entry_id))
    return doc if isinstance(doc, Document) and doc.get("id") == entry_id else None


def _valid(docs: list[Any], parse: Callable[[dict[str, Any]], T]) -> list[T]:
    """Parse each stored document, skipping (and logging, without content) any that does not.

    Only a hand-edited file can hold one; the document itself stays in the file untouched
    (TinyDB rewrites stored documents as they are), so nothing is lost by not showing it.
    """
    parsed = []
    for doc in docs:
        try:
            parsed.append(parse(dict(doc)))
        except (KeyError, TypeError, ValueError):
            # No traceback: its message could quote the record.
            logger.error(  # noqa: TRY400
                "Skipped a stored record that does not parse (doc id %s)", doc.doc_id
            )
    return parsed


class PatientStore:
    """The async face of `PatientFiles`: each call runs on the store's own worker threads.

    An asyncio lock per patient queues that patient's calls without tying up a worker thread
    each, so 200 concurrent check-ins from one patient cannot starve everyone else.
    """

    def __init__(self, data_dir: Path, workers: int = 4) -> None:
        self.files = PatientFiles(data_dir)
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="storage")
        self._locks: dict[int, asyncio.Lock] = {}

    async def _run(self, user_id: int, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        lock = self._locks.get(user_id)
        if lock is None:
            lock = self._locks[user_id] = asyncio.Lock()
        async with lock:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self._executor, lambda: func(*args, **kwargs))

    async def get_profile(self, user_id: int) -> Profile | None:
        """See `PatientFiles.get_profile`; answered from memory when nothing of this patient's
        is queued (a queued write might change the profile, so then it waits its turn)."""
        lock = self._locks.get(user_id)
        known = self.files.known_profile(user_id)
        if known is not None and (lock is None or not lock.locked()):
            return known
        return await self._run(user_id, self.files.get_profile, user_id)

    async def save_profile(self, profile: Profile) -> None:
        """See `PatientFiles.save_profile`."""
        await self._run(profile.user_id, self.files.save_profile, profile)

    async def update_profile(self, user_id: int, **changes: Any) -> Profile | None:
        """See `PatientFiles.update_profile`."""
        return await self._run(user_id, self.files.update_profile, user_id, **changes)

    async def claim_today(self, profile: Profile, field_name: str, now: datetime) -> date | None:
        """Claim the patient's local today for a once-a-day marker; the day, or None if it was
        already claimed (weekly chart, PEG question, flare message)."""
        today = local_date(now, zone(profile.timezone))
        claimed, _ = await self.claim_day(profile.user_id, field_name, today)
        return today if claimed else None

    async def claim_day(
        self, user_id: int, field_name: str, day: date
    ) -> tuple[bool, date | None]:
        """See `PatientFiles.claim_day`."""
        return await self._run(user_id, self.files.claim_day, user_id, field_name, day)

    async def release_day(
        self, user_id: int, field_name: str, day: date, previous: date | None
    ) -> None:
        """See `PatientFiles.release_day`."""
        await self._run(user_id, self.files.release_day, user_id, field_name, day, previous)

    async def add_entry(self, user_id: int, entry: Entry) -> bool:
        """See `PatientFiles.add_entry`."""
        return await self._run(user_id, self.files.add_entry, user_id, entry)

    async def record_entry(self, user_id: int, entry: Entry, since: date) -> list[Entry]:
        """See `PatientFiles.record_entry`."""
        return await self._run(user_id, self.files.record_entry, user_id, entry, since)

    async def get_entry(self, user_id: int, entry_id: str) -> Entry | None:
        """See `PatientFiles.get_entry`."""
        return await self._run(user_id, self.files.get_entry, user_id, entry_id)

    async def update_entry(self, user_id: int, entry_id: str, **changes: Any) -> Entry | None:
        """See `PatientFiles.update_entry`."""
        return await self._run(user_id, self.files.update_entry, user_id, entry_id, **changes)

    async def delete_entry(self, user_id: int, entry_id: str) -> bool:
        """See `PatientFiles.delete_entry`."""
        return await self._run(user_id, self.files.delete_entry, user_id, entry_id)

    async def entries(
        self, user_id: int, start: date | None = None, end: date | None = None
    ) -> list[Entry]:
        """See `PatientFiles.entries`."""
        return await self._run(user_id, self.files.entries, user_id, start, end)

    async def erase(self, user_id: int) -> None:
        """See `PatientFiles.erase`."""
        await self._run(user_id, self.files.erase, user_id)
        self._locks.pop(user_id, None)

    def take_recovery_notice(self, user_id: int) -> bool:
        """See `PatientFiles.take_recovery_notice`."""
        return self.files.take_recovery_notice(user_id)

    async def run(self, user_id: int, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a `PatientFiles` method on the storage threads, queued behind `user_id`'s calls.

        The sharing code uses this rather than a wrapper per method: it touches several
        people's files (patient, specialist, code index), each under its owner's queue.
        """
        return await self._run(user_id, func, *args, **kwargs)

    async def all_profiles(self) -> list[Profile]:
        """Every readable profile, loaded on one storage thread (start-up).

        One thread, not all four: parsing is Python work that holds the GIL, and four threads
        contending for it took three times as long (10 000 profiles: 1.3 s against 0.4 s).
        """
        return await asyncio.get_running_loop().run_in_executor(
            self._executor, self._load_profiles
        )

    def _load_profiles(self) -> list[Profile]:
        profiles = []
        for user_id in self.files.patient_ids():
            try:
                profile = self.files.profile_at_startup(user_id)
            except Exception as exc:
                # One unreadable patient must not stop everyone else's reminders. The message is
                # not logged: it could quote a field of the file.
                logger.error(  # noqa: TRY400 - a traceback could quote the file
                    "Could not load the profile in folder %s: %s", user_id, type(exc).__name__
                )
                continue
            if profile is not None:
                profiles.append(profile)
        return profiles

    def close(self) -> None:
        """Wait for writes in flight to finish (called at shutdown, SIGTERM included)."""
        self._executor.shutdown(wait=True)
