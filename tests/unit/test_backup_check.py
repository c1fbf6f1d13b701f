"""`diarybot backup`, `restore` and `check` on data folders laid out as the bot writes them."""

from __future__ import annotations

import hashlib
import io
import stat
import tarfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from diarybot.__main__ import main
from diarybot.runtime.redelivery import STATE_FILE
from diarybot.storage import inventory
from diarybot.storage.backup import MANIFEST, RestoreError, read_manifest, restore, write_backup
from diarybot.storage.check import check
from diarybot.storage.inventory import STATE_FILES, Kind, read_settled

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
PAT, DOC = 1001, 2002


def write_db(path: Path, tables: dict[str, Any], schema: int = 1) -> None:
    """A TinyDB file as the bot leaves it: a meta table with the schema version, then tables."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"meta": {"1": {"schema_version": schema}}}
    data.update(
        {name: {str(i): d for i, d in enumerate(docs, 1)} for name, docs in tables.items()}
    )
    path.write_bytes(orjson.dumps(data))


def entry(n: int) -> dict[str, Any]:
    return {
        "id": f"{n:010x}",
        "recorded_at": NOW.isoformat(),
        "local_date": "2025-03-01",
        "score": n % 11,
        "techniques": [],
        "medication": False,
        "note": f"note {n}",
        "source": "checkin",
    }


def profile(user_id: int) -> dict[str, Any]:
    return {"user_id": user_id, "chat_id": user_id, "timezone": "Europe/Berlin"}


def healthy_folder(root: Path) -> Path:
    """A patient sharing with a specialist, a diary, a live share code and the update list."""
    data = root / "data"
    link = {"specialist_id": DOC, "name": "Dr Roe", "username": "", "since": NOW.isoformat()}
    write_db(
        data / "patients" / str(PAT) / "profile.json", {"profile": [profile(PAT)], "links": [link]}
    )
    write_db(
        data / "patients" / str(PAT) / "diary.json", {"entries": [entry(n) for n in range(5)]}
    )
    write_db(
        data / "patients" / str(DOC) / "specialist.json",
        {"specialist": [{"user_id": DOC, "chat_id": DOC, "patients": [PAT]}]},
    )
    expires = (NOW + timedelta(hours=1)).isoformat()
    write_db(
        data / "share_codes.json",
        {"codes": [{"hash": "h", "patient_id": PAT, "expires_at": expires}]},
    )
    (data / "handled_updates.json").write_bytes(b'{"handled": [1, 2, 3]}')
    return data


def snapshot(folder: Path) -> dict[str, tuple[bytes, float]]:
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime)
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_backup_then_restore_gives_back_every_byte(tmp_path: Path) -> None:
    data = healthy_folder(tmp_path)
    (data / "patients" / str(PAT) / "diary.json.corrupt-abc123").write_bytes(b'{"torn')
    (data / "patients" / str(PAT) / ".diary.json.0badf00d.tmp").write_bytes(b"half")
    out = tmp_path / "backup.tar.gz"
    summary = write_backup(data, out)
    assert (summary.patients, summary.entries, summary.files) == (1, 5, 6)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600  # health data
    manifest = read_manifest(out)
    assert manifest["schema_versions"] == [1]
    by_path = {f["path"]: f for f in manifest["files"]}
    diary = by_path[f"patients/{PAT}/diary.json"]
    assert diary["entries"] == 5 and diary["schema_version"] == 1
    assert diary["sha256"] == hashlib.sha256((data / diary["path"]).read_bytes()).hexdigest()
    assert by_path[f"patients/{PAT}/diary.json.corrupt-abc123"]["kind"] == Kind.SET_ASIDE
    assert not any(p.endswith(".tmp") for p in by_path)  # unfinished writes are not data

    target = tmp_path / "restored"
    restore(out, target)
    before = {k: v[0] for k, v in snapshot(data).items() if not k.endswith(".tmp")}
    assert {k: v[0] for k, v in snapshot(target).items()} == before
    assert stat.S_IMODE(target.stat().st_mode) == 0o700
    assert {stat.S_IMODE(p.stat().st_mode) for p in target.rglob("*") if p.is_file()} == {0o600}


def test_restore_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    out = tmp_path / "b.tar.gz"
    write_backup(healthy_folder(tmp_path), out)
    target = tmp_path / "busy"
    target.mkdir()
    (target / "keep.txt").write_text("mine")
    with pytest.raises(RestoreError, match="not empty"):
        restore(out, target)
    assert [p.name for p in target.iterdir()] == ["keep.txt"]


def rewrite_archive(src: Path, dst: Path, change: Any) -> None:
    """Copy a backup, letting `change(name, data, manifest)` alter members."""
    with tarfile.open(src, "r:gz") as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}  # type: ignore[union-attr]
    manifest = orjson.loads(members.pop(MANIFEST))
    members = change(members, manifest)
    with tarfile.open(dst, "w:gz") as tar:
        for name, data in [*members.items(), (MANIFEST, orjson.dumps(manifest))]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def _flip_a_byte(members: dict[str, bytes], manifest: dict[str, Any]) -> dict[str, bytes]:
    name = f"data/patients/{PAT}/diary.json"
    members[name] = members[name].replace(b"note 1", b"note 9")
    return members


def _escape(members: dict[str, bytes], manifest: dict[str, Any]) -> dict[str, bytes]:
    manifest["files"][0]["path"] = "../outside.json"
    return members


def _extra(members: dict[str, bytes], manifest: dict[str, Any]) -> dict[str, bytes]:
    members["data/patients/9/profile.json"] = b"{}"
    return members


@pytest.mark.parametrize(
    ("change", "reason"),
    [(_flip_a_byte, "checksum"), (_escape, "unsafe path"), (_extra, "does not match")],
)
def test_restore_writes_nothing_from_a_damaged_or_forged_archive(
    tmp_path: Path, change: Any, reason: str
) -> None:
    good, bad = tmp_path / "good.tar.gz", tmp_path / "bad.tar.gz"
    write_backup(healthy_folder(tmp_path), good)
    rewrite_archive(good, bad, change)
    target = tmp_path / "restored"
    with pytest.raises(RestoreError, match=reason):
        restore(bad, target)
    assert not target.exists()
    assert not (tmp_path / "outside.json").exists()


def test_check_of_a_healthy_folder_is_all_well_and_changes_nothing(tmp_path: Path) -> None:
    data = healthy_folder(tmp_path)
    before = snapshot(data)
    report = check(data, now=NOW)
    assert report.ok, report.problems
    assert (report.patients, report.specialists, report.entries) == (1, 1, 5)
    assert (report.share_codes, report.expired_codes) == (1, 0)
    assert dict(report.schema_versions) == {1: 4}
    assert report.lines()[-1] == "all is well"
    assert snapshot(data) == before


def test_check_reports_every_kind_of_trouble(tmp_path: Path) -> None:
    data = healthy_folder(tmp_path)
    folder = data / "patients" / str(PAT)
    (folder / "diary.json.corrupt-abc123").write_bytes(b'{"torn')
    # A stranger's torn file, a file from a newer diarybot, a link to a vanished specialist.
    (data / "patients" / "3003").mkdir()
    (data / "patients" / "3003" / "diary.json").write_bytes(b'{"meta": {"1": {"schema_')
    link = {"specialist_id": 7007, "name": "Gone", "username": "", "since": NOW.isoformat()}
    write_db(
        data / "patients" / "4004" / "profile.json", {"profile": [profile(4004)], "links": [link]}
    )
    write_db(data / "patients" / "5005" / "profile.json", {"profile": [profile(5005)]}, schema=99)
    write_db(
        data / "patients" / str(DOC) / "specialist.json",
        {"specialist": [{"user_id": DOC, "chat_id": DOC, "patients": [PAT, 6006]}]},
    )
    report = check(data, now=NOW)
    text = "\n".join(report.problems)
    assert not report.ok
    assert "diary.json.corrupt-abc123 was set aside" in text
    assert "patients/3003/diary.json: unreadable data file" in text
    assert "patients/5005/profile.json: written by a newer diarybot" in text
    assert "patient 4004 shares with 7007, who has no specialist file" in text
    assert "specialist 2002 lists patient 6006" in text
    assert len(report.problems) == 5
    assert dict(report.schema_versions) == {1: 5, 99: 1}


def test_expired_codes_are_counted_and_a_code_for_nobody_is_a_problem(tmp_path: Path) -> None:
    data = healthy_folder(tmp_path)
    live = (NOW + timedelta(hours=1)).isoformat()
    codes = [
        {"hash": "a", "patient_id": PAT, "expires_at": (NOW - timedelta(hours=1)).isoformat()},
        {"hash": "b", "patient_id": 8008, "expires_at": live},
    ]
    write_db(data / "share_codes.json", {"codes": codes})
    report = check(data, now=NOW)
    assert (report.share_codes, report.expired_codes) == (2, 1)
    assert report.problems == ["a live share code points to patient 8008, who has no file"]


def test_a_file_replaced_while_read_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "diary.json"
    path.write_bytes(b"old")
    real_read = Path.read_bytes
    calls = []

    def read_then_replaced(self: Path) -> bytes:
        raw = real_read(self)
        if not calls:  # the bot renames a new version in right after our first read
            replacement = tmp_path / ".new.tmp"
            replacement.write_bytes(b"newer")
            replacement.replace(path)
        calls.append(raw)
        return raw

    monkeypatch.setattr(Path, "read_bytes", read_then_replaced)
    assert read_settled(path) == b"newer"
    assert calls == [b"old", b"newer"]


def test_state_files_known_to_the_inventory_are_the_bots() -> None:
    assert {STATE_FILE} == STATE_FILES
    assert inventory.classify(STATE_FILE) is Kind.STATE


def test_cli_backup_restore_check_exit_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = healthy_folder(tmp_path)
    out = tmp_path / "b.tar.gz"
    assert main(["backup", "--out", str(out), "--data-dir", str(data)]) == 0
    assert "1 patients, 5 entries" in capsys.readouterr().out
    target = tmp_path / "r"
    assert main(["restore", str(out), "--data-dir", str(target)]) == 0
    assert main(["restore", str(out), "--data-dir", str(target)]) == 1  # not empty now
    assert "not empty" in capsys.readouterr().err
    assert main(["check", "--data-dir", str(target)]) == 0
    (target / "patients" / str(PAT) / "profile.json").write_bytes(b"{")
    assert main(["check", "--data-dir", str(target)]) == 1
    assert "PROBLEM: patients/1001/profile.json" in capsys.readouterr().out
    assert main(["check", "--data-dir", str(tmp_path / "missing")]) == 2
