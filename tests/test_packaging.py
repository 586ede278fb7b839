"""The wheel ships the templates: a non-editable install can generate from a copy of specs/."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # builds a wheel and installs it

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_contains_templates_and_generates(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = wheels.glob("statusgen-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    prefix = "statusgen/templates/"
    templates = {n.removeprefix(prefix) for n in names if n.startswith(prefix)}
    sources = ROOT / "templates"
    assert {p.relative_to(sources).as_posix() for p in sources.rglob("*.jinja")} <= templates
    assert {"statusgen/kinds/uuid.py", "statusgen/render/safety.py"} <= set(names)
    runtime = {Path(n).name for n in names if n.startswith("statusgen/runtime/")}
    assert {p.name for p in (ROOT / "generator" / "runtime").glob("*.py")} <= runtime
    assert any(n.endswith("entry_points.txt") for n in names)

    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    work = tmp_path / "work"
    shutil.copytree(ROOT / "specs", work / "specs")
    # Only the unpacked wheel provides `statusgen`; its dependencies come from this venv.
    env = {**os.environ, "PYTHONPATH": str(site)}
    run = subprocess.run(
        [sys.executable, "-m", "statusgen", "generate", "--out", "x"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    probe = subprocess.run(
        [sys.executable, "-c", "import statusgen; print(statusgen.__file__)"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    assert probe.stdout.strip().startswith(str(site))
    assert not (site / "generator").exists(), "the wheel must not install a top-level `generator`"
    version = subprocess.run(
        [sys.executable, "-m", "statusgen", "--version"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    assert version.returncode == 0 and version.stdout.startswith("statusgen "), version
    for package in ("face", "postman", "synapse", "visma"):
        produced = (work / "x" / package / "models.py").read_text(encoding="utf-8")
        committed = (ROOT / "generated" / package / "models.py").read_text(encoding="utf-8")
        assert produced == committed
