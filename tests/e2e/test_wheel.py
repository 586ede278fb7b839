"""The wheel ships the templates: a non-editable install can generate from a copy of specs/."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from installs import child_env, statusgen_venv, statusgen_wheel
from statusgen.output.manifest import MANIFEST

pytestmark = pytest.mark.slow  # builds a wheel and installs it

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """statusgen's wheel, built once per session (`installs`), and what the build printed."""
    return statusgen_wheel(tmp_path_factory)


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding the wheel and its declared dependencies only (`installs`)."""
    return statusgen_venv(tmp_path_factory)


def test_building_prints_no_warnings_of_ours(built: tuple[Path, str]) -> None:
    """No setuptools deprecations (a license table), no package-data folder missing from
    the packages (templates/kinds). pip's own notes on byte-compiling are not ours."""
    _, printed = built
    ours = [
        line
        for line in printed.splitlines()
        if re.search(r"warn|deprecat|absent from", line, re.IGNORECASE)
        and "byte-compiling is disabled" not in line
    ]
    assert ours == []


def test_wheel_contains_templates_and_generates(
    built: tuple[Path, str], venv: Path, tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    wheel, _ = built
    names = zipfile.ZipFile(wheel).namelist()
    prefix = "statusgen/templates/"
    templates = {n.removeprefix(prefix) for n in names if n.startswith(prefix)}
    sources = ROOT / "templates"
    assert {p.relative_to(sources).as_posix() for p in sources.rglob("*.jinja")} <= templates
    assert {"statusgen/kinds/uuid.py", "statusgen/render/safety.py"} <= set(names)
    runtime = {Path(n).name for n in names if n.startswith("statusgen/runtime/")}
    assert {p.name for p in (ROOT / "generator" / "runtime").glob("*.py")} <= runtime
    assert any(n.endswith("entry_points.txt") for n in names)
    compiled = {p.name for p in (ROOT / "generator" / "render" / "precompiled").glob("*.py")}
    shipped = {Path(n).name for n in names if n.startswith("statusgen/render/precompiled/")}
    assert len(compiled) > 20 and compiled <= shipped

    work = tmp_path / "work"
    shutil.copytree(ROOT / "specs", work / "specs")
    # Only the venv provides `statusgen` and its dependencies (nothing of this test venv).
    env = child_env(PYTHONPATH="")
    run = subprocess.run(
        [str(venv / "bin" / "statusgen"), "generate", "--out", "x"],  # the console script
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    (site,) = venv.glob("lib/python*/site-packages")
    probe = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import statusgen; print(statusgen.__file__)"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    assert probe.stdout.strip().startswith(str(site / "statusgen")), probe
    assert not (site / "generator").exists(), "the wheel must not install a top-level `generator`"
    version = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "statusgen", "--version"],
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


def _statusgen(
    venv: Path, args: list[str], cwd: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """`python -m statusgen ARGS` with `venv`'s python: the statusgen installed there,
    unless env's PYTHONPATH puts another first."""
    return subprocess.run(
        [str(venv / "bin" / "python"), "-m", "statusgen", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_an_upgrade_that_changes_no_output_keeps_the_check_green(
    built: tuple[Path, str], venv: Path, tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    """Two installed statusgens, the second with a comment added to its parser (so its tool
    fingerprint differs): `--check` of the second on the first's output is green in every
    format, and red only once a generated file would differ. The first is the venv's; the
    second is the same wheel unpacked and edited, first on the venv python's PYTHONPATH."""
    wheel, _ = built
    edited = tmp_path / "edited"
    zipfile.ZipFile(wheel).extractall(edited)
    parser = edited / "statusgen" / "parser" / "parse.py"
    parser.write_text(parser.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    work = tmp_path / "work"
    first_env = child_env(PYTHONPATH="")
    second_env = child_env(PYTHONPATH=str(edited))

    def first(*args: str) -> subprocess.CompletedProcess[str]:
        return _statusgen(venv, list(args), work, first_env)

    def second(*args: str) -> subprocess.CompletedProcess[str]:
        return _statusgen(venv, list(args), work, second_env)

    (work / "specs").mkdir(parents=True)
    shutil.copy2(ROOT / "specs" / "visma.yaml", work / "specs")
    assert first("generate").returncode == 0
    manifest = work / "generated" / "visma" / MANIFEST
    made_by_first = manifest.read_text(encoding="utf-8")

    for output in ("text", "github", "json"):
        check = second("generate", "--check", "--output-format", output)
        assert check.returncode == 0, check.stdout + check.stderr
        if output == "json":
            assert '"stale_files": [], "exit_status": 0' in check.stdout
        else:
            assert check.stdout == "" and check.stderr == ""
    # The fingerprints did differ: generate refreshes the manifest, and only the manifest.
    models = (work / "generated" / "visma" / "models.py").read_bytes()
    assert second("generate").returncode == 0
    assert manifest.read_text(encoding="utf-8") != made_by_first
    assert (work / "generated" / "visma" / "models.py").read_bytes() == models

    spec = work / "specs" / "visma.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("\n", "\n# edited\n", 1), "utf-8")
    unchanged_output = second("generate", "--check")
    assert unchanged_output.returncode == 0, unchanged_output.stdout  # a comment: same code
    _edit_first_description(spec)
    stale = first("generate", "--check")
    assert stale.returncode == 1
    assert stale.stdout.startswith("would change generated/visma/models.py\n")
    assert MANIFEST not in stale.stdout


def _edit_first_description(spec: Path) -> None:
    old = "Identifies a started background API operation"
    text = spec.read_text(encoding="utf-8")
    assert old in text
    spec.write_text(text.replace(old, old + ", edited"), encoding="utf-8")
