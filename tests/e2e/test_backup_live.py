"""A backup taken while patients keep checking in holds everything acknowledged before it."""

from __future__ import annotations

import asyncio
import hashlib
import tarfile
from pathlib import Path

import orjson

from diarybot.storage.atomic import parse_file
from diarybot.storage.backup import DATA_PREFIX, MANIFEST, restore, write_backup
from diarybot.storage.check import check
from tests.conftest import Harness
from tests.support.fake_bot_api import FakeUser

PATIENTS = 4


async def check_in_until(h: Harness, pat: FakeUser, stop: asyncio.Event, sent: list[str]) -> None:
    """One patient logging scores one after another, each answered before the next."""
    n = 0
    while not stop.is_set():
        note = f"p{pat.id}-n{n}"
        sent.append(note)
        update_id = h.api.send_text(pat, f"/log {n % 11} {note}")
        await h.api.wait_until(lambda uid=update_id: uid in h.processed, timeout=10)
        n += 1


def saved_replies_before(h: Harness, mark: int) -> dict[int, int]:
    """How many "Saved" replies each chat had received by call `mark`."""
    counts: dict[int, int] = {}
    for call in h.api.all_calls[:mark]:
        if call.ok and call.method == "sendMessage" and call.params["text"].startswith("Saved"):
            counts[call.chat_id] = counts.get(call.chat_id, 0) + 1
    return counts


async def test_backup_under_concurrent_checkins_holds_every_acknowledged_entry(
    harness: Harness, tmp_path: Path
) -> None:
    h = harness
    patients = [h.user(3000 + i, f"P{i}") for i in range(PATIENTS)]
    for pat in patients:
        await h.onboard(pat)
    stop = asyncio.Event()
    sent: dict[int, list[str]] = {p.id: [] for p in patients}
    stream = [asyncio.create_task(check_in_until(h, p, stop, sent[p.id])) for p in patients]
    try:
        await h.api.wait_until(lambda: all(len(s) >= 5 for s in sent.values()), timeout=30)
        out = tmp_path / "live.tar.gz"
        mark = len(h.api.all_calls)  # everything acknowledged before the backup started
        acknowledged = saved_replies_before(h, mark)
        # Another process in real life; a thread here: it only reads files, takes no lock.
        await asyncio.to_thread(write_backup, h.data_dir, out)
        during = sum(len(s) for s in sent.values())
        await h.api.wait_until(lambda: sum(len(s) for s in sent.values()) > during + 8)
    finally:
        stop.set()
        await asyncio.gather(*stream)

    with tarfile.open(out, "r:gz") as tar:
        manifest = orjson.loads(tar.extractfile(MANIFEST).read())  # type: ignore[union-attr]
        archived = {
            m.name.removeprefix(DATA_PREFIX): tar.extractfile(m).read()  # type: ignore[union-attr]
            for m in tar.getmembers()
            if m.name != MANIFEST
        }
    assert manifest["patients"] == PATIENTS
    for file in manifest["files"]:
        data = archived[file["path"]]
        assert hashlib.sha256(data).hexdigest() == file["sha256"]
        if file["kind"] == "data":  # every data file in the archive parses
            parse_file(data, Path(file["path"]))
    for pat in patients:
        diary = parse_file(archived[f"patients/{pat.id}/diary.json"], Path("diary.json"))
        notes = {doc["note"] for doc in diary["entries"].values()}
        first_acknowledged = sent[pat.id][: acknowledged.get(pat.id, 0)]
        assert acknowledged.get(pat.id, 0) >= 4  # the 5th may still be on its way
        assert set(first_acknowledged) <= notes, pat.id
    # The stream went on during the backup, so the archive is a moment, not the end state.
    assert sum(len(h.files.entries(p.id)) for p in patients) > manifest["entries"]

    restored = tmp_path / "restored"
    restore(out, restored)
    report = check(restored)
    assert report.ok, report.problems
    assert report.entries == manifest["entries"]
