"""The deployment files: the Dockerfile passes hadolint, the systemd unit parses and sandboxes,
and every setting the bot reads is documented."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
UNIT = REPO / "deploy" / "diarybot.service"


def tool(name: str) -> str:
    """A tool installed with the dev extra (next to this interpreter) or on PATH."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    assert found, f"{name} not found: pip install -e '.[dev]'"
    return found


def test_dockerfile_passes_hadolint() -> None:
    done = subprocess.run(
        [tool("hadolint"), "--no-color", str(REPO / "Dockerfile")],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_dockerfile_runs_as_non_root_with_data_volume_and_health_check() -> None:
    text = (REPO / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.\d+-slim", text, re.M)
    [user] = re.findall(r"^USER (\S+)$", text, re.M)
    assert user.split(":")[0] not in ("root", "0")
    assert 'VOLUME ["/data"]' in text and "DIARYBOT_DATA_DIR=/data" in text
    [port] = re.findall(r"DIARYBOT_HEALTH_PORT=(\d+)", text)
    [check] = re.findall(r"^HEALTHCHECK .*\n\s+CMD (.*)$", text, re.M)
    assert f"127.0.0.1:{port}/health" in check


def test_compose_runs_the_image_with_the_env_file_and_a_data_volume() -> None:
    text = (REPO / "compose.yaml").read_text()
    assert "env_file: .env" in text
    assert re.search(r"^\s+- diarybot-data:/data$", text, re.M)
    assert "no-new-privileges:true" in text


def read_unit() -> configparser.ConfigParser:
    # systemd allows repeated keys (Environment=); the last one is what these checks need.
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    unit.read_string(UNIT.read_text())
    return unit


def test_systemd_unit_sandboxes_everything_but_the_data_folder() -> None:
    service = read_unit()["Service"]
    assert service["ProtectSystem"] == "strict"
    assert service["NoNewPrivileges"] == "yes"
    assert service["User"] != "root"
    data_dir = next(
        line.split("=", 2)[2]
        for line in UNIT.read_text().splitlines()
        if line.startswith("Environment=DIARYBOT_DATA_DIR=")
    )
    writable = service["ReadWritePaths"].split()
    assert any(data_dir == w or data_dir.startswith(w.rstrip("/") + "/") for w in writable)
    assert service["KillSignal"] == "SIGTERM"
    assert service["RestartPreventExitStatus"] == "2"  # a bad token: restarting cannot help


def test_systemd_unit_verifies_cleanly(tmp_path: Path) -> None:
    # systemd-analyze checks that ExecStart exists: point it at this interpreter instead.
    copy = tmp_path / "diarybot.service"
    copy.write_text(
        re.sub(
            r"^ExecStart=.*$",
            f"ExecStart={Path(sys.executable).resolve()} -m diarybot run",
            UNIT.read_text(),
            flags=re.M,
        )
    )
    analyze = shutil.which("systemd-analyze")
    if analyze is None:  # no systemd here: the key checks above are what we can do
        assert read_unit().sections() == ["Unit", "Service", "Install"]
        return
    done = subprocess.run(
        [analyze, "verify", str(copy)], capture_output=True, text=True, check=False, timeout=60
    )
    # systemd ignores a bad value with a warning and still exits 0: any output is a failure.
    assert done.returncode == 0 and done.stderr == "", done.stderr


def test_every_setting_is_documented() -> None:
    read = set(
        re.findall(
            r"\"((?:DIARYBOT|TELEGRAM)_[A-Z_]+)\"", (REPO / "diarybot" / "settings.py").read_text()
        )
    )
    assert "DIARYBOT_WEBHOOK_SECRET" in read
    example = (REPO / ".env.example").read_text()
    readme = (REPO / "README.md").read_text()
    assert {s for s in read if s not in example} == set()
    assert {s for s in read if f"`{s}`" not in readme} == set()
