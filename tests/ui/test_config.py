"""`[tool.statusgen]` in pyproject.toml: every CLI option, per-spec options, validation."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_cli


@pytest.fixture
def work(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "specs", tmp_path / "apis")
    return tmp_path


def configure(work: Path, text: str) -> None:
    (work / "pyproject.toml").write_text("[tool.statusgen]\n" + text, encoding="utf-8")


def test_specs_out_project_and_per_spec_package_and_out(work: Path) -> None:
    configure(
        work,
        'specs = ["apis/face.yaml", "apis/synapse"]\n'
        'out = "sdk"\n'
        "project = true\n"
        '[tool.statusgen.packages."apis/face.yaml"]\n'
        'package = "azure_face"\n'
        'out = "vendor"\n',
    )
    result = run_cli(["generate"], work)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (work / "sdk").iterdir()) == ["synapse"]
    assert sorted(p.name for p in (work / "vendor").iterdir()) == ["azure_face"]
    assert (work / "vendor" / "azure_face" / "pyproject.toml").is_file()  # project = true
    init = (work / "vendor" / "azure_face" / "__init__.py").read_text(encoding="utf-8")
    assert "OperationStatusPoller" in init
    assert run_cli(["generate", "--check"], work).returncode == 0
    # Dropping the per-spec name is a change the fast path must see.
    configure(work, 'specs = ["apis/face.yaml"]\nout = "sdk"\nproject = true\n')
    result = run_cli(["generate", "--check"], work)
    assert result.returncode == 1
    assert "would add sdk/face/models.py" in result.stdout


def test_check_and_force_flags_from_config(work: Path) -> None:
    configure(work, 'specs = "apis"\nout = "gen"\n')
    assert run_cli(["generate"], work).returncode == 0
    face = work / "apis" / "face.yaml"
    face.write_text(face.read_text(encoding="utf-8").replace("Face Client", "Faces"), "utf-8")
    configure(work, 'specs = "apis"\nout = "gen"\ncheck = true\n')
    result = run_cli(["generate"], work)
    assert result.returncode == 1 and "would change gen/face/__init__.py" in result.stdout
    configure(work, 'specs = "apis"\nout = "gen"\nverbose = true\n')
    result = run_cli(["generate"], work)
    assert result.returncode == 0
    assert "face.OperationStatus: state=status" in result.stderr


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("colour = 1\n", "pyproject.toml:3:1: tool.statusgen.colour: unknown key 'colour'"),
        ("project = 1\n", "pyproject.toml:3:1: tool.statusgen.project: must be true or false"),
        (
            "specs = []\n",
            "pyproject.toml:2:1: tool.statusgen.specs: must be a path or a non-empty list of paths",
        ),
        (
            '[tool.statusgen.packages."apis/face.yaml"]\npackage = "../evil"\n',
            "pyproject.toml:4:1: tool.statusgen.packages.\"apis/face.yaml\".package: '../evil' is "
            "not a valid package name",
        ),
        (
            '[tool.statusgen.packages."apis/face.yaml"]\ndir = "x"\n',
            "pyproject.toml:4:1: tool.statusgen.packages.\"apis/face.yaml\".dir: unknown key 'dir'",
        ),
        (
            '[tool.statusgen.packages."apis/nope.yaml"]\npackage = "nope"\n',
            "pyproject.toml:3:1: tool.statusgen.packages.\"apis/nope.yaml\": no such spec file: "
            "apis/nope.yaml",
        ),
    ],
    ids=[
        "unknown-key",
        "flag-not-bool",
        "empty-specs",
        "bad-package",
        "unknown-per-spec-key",
        "missing-spec",
    ],
)
def test_bad_configuration_is_exit_2_with_its_pointer(work: Path, text: str, expected: str) -> None:
    configure(work, 'specs = "apis"\n' + text if not text.startswith("specs") else text)
    for command in ("generate", "validate"):
        result = run_cli([command], work)
        assert result.returncode == 2
        assert result.stderr.splitlines() == [expected]
    assert not (work / "generated").exists()
