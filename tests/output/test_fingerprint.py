"""The tool fingerprint that manifests record: it changes with every module that can change
generated output, and with nothing that only talks to the user (the CLI, reporting,
progress). Computed over a copy of statusgen's source, laid out as a wheel installs it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from statusgen.options import RunOptions
from statusgen.output import tool
from statusgen.output.manifest import MANIFEST


def options_key(project: bool = False) -> str:
    options = RunOptions.of([Path("spec.yaml")], project=project)
    return options.options_key(options.specs[0])


DEFAULTS = options_key()
"""The options `statusgen generate` makes the committed packages with."""


@pytest.fixture
def source(tmp_path: Path) -> Path:
    copy = tmp_path / "statusgen"
    pycache = shutil.ignore_patterns("__pycache__")
    shutil.copytree(tool.SOURCE, copy, ignore=pycache)
    if not (copy / "templates").is_dir():
        shutil.copytree(tool.template_dir(), copy / "templates", ignore=pycache)
    return copy


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, path
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def committed_tools() -> set[str]:
    manifests = (ROOT / "generated").glob(f"*/{MANIFEST}")
    return {
        line.partition(" ")[2]
        for manifest in manifests
        for line in manifest.read_text(encoding="utf-8").splitlines()
        if line.startswith("tool ")
    }


def test_the_copy_fingerprints_as_the_committed_manifests_record(source: Path) -> None:
    assert committed_tools() == {tool.tool_fingerprint(DEFAULTS, source)}


@pytest.mark.parametrize(
    ("module", "old", "new"),
    [
        ("ui/cli.py", '"""Command line:', '"""The command line:'),
        ("ui/report.py", '"""', '"""Edited. '),
        ("ui/progress.py", '"""', '"""Edited. '),
        ("__main__.py", "", "# edited\n"),
    ],
)
def test_an_edit_to_what_only_talks_to_the_user_changes_no_committed_manifest(
    source: Path, module: str, old: str, new: str
) -> None:
    edit(source / module, old, new)
    assert committed_tools() == {tool.tool_fingerprint(DEFAULTS, source)}


@pytest.mark.parametrize(
    "module",
    [
        "parser/schemas.py",
        "parser/naming.py",
        "ir/fields.py",
        "render/items.py",
        "runtime/_runtime.py",
        "output/mode.py",
        "options.py",
        "templates/models.py.jinja",
    ],
)
def test_an_edit_to_what_can_change_output_changes_the_fingerprint(
    source: Path, module: str
) -> None:
    before = tool.tool_fingerprint(DEFAULTS, source)
    edit(source / module, "", "# edited\n" if module.endswith(".py") else "{# edited #}\n")
    assert tool.tool_fingerprint(DEFAULTS, source) != before


def test_the_options_are_in_the_fingerprint(source: Path) -> None:
    assert tool.tool_fingerprint(DEFAULTS, source) != tool.tool_fingerprint(
        options_key(project=True), source
    )
