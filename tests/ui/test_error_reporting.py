"""How errors are reported beyond the exact lines of each broken spec (those live in the
corpus, tests/fixtures/broken/, run by test_broken_specs.py): the cap, -v, file names relative
to the cwd, a missing SPEC, a failing run among good specs, validation in a child.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, CliResult, run_cli, snapshot, write_files
from conftest import spec_with_schemas as spec

ERROR_LINE = re.compile(r"^[^:]+(:\d+:\d+)?: #[^ ]*: .+$")


def assert_error_lines(result: CliResult) -> list[str]:
    """Exit 2, no traceback, nothing on stdout, every stderr line `FILE: #POINTER: message`."""
    assert "Traceback" not in result.stderr, result.stderr
    assert "internal error" not in result.stderr, result.stderr
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines, "no error message on stderr"
    for line in lines:
        assert ERROR_LINE.match(line), f"not a FILE: POINTER: message line: {line!r}"
    return lines


@pytest.mark.parametrize("command", ["generate", "validate"])
def test_a_missing_spec_file_is_named(command: str, tmp_path: Path) -> None:
    lines = assert_error_lines(run_cli([command, "nope.yaml"], tmp_path))
    assert lines == ["nope.yaml: #: no such file or directory"]
    assert list(tmp_path.iterdir()) == []


def test_errors_are_capped_with_a_summary(tmp_path: Path) -> None:
    schemas = "\n".join(f"S{i:02d}: {{type: strng}}" for i in range(60))
    write_files(tmp_path, {"many.yaml": spec(schemas)})
    result = run_cli(["validate", "many.yaml"], tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[:50] == [
        f"many.yaml:{6 + i}:5: #/components/schemas/S{i:02d}: unknown type 'strng'"
        for i in range(50)
    ]
    # The summary keeps the one-line `FILE:LINE:COL: POINTER: message` form, at the first
    # hidden error.
    assert lines[50:] == [
        "many.yaml:56:5: #/components/schemas/S50: ... and 10 more errors not shown"
    ]


def test_verbose_spec_error_still_one_line(tmp_path: Path) -> None:
    """-v adds tracebacks for internal errors only; a bad spec is still reported plainly."""
    write_files(tmp_path, {"bad.yaml": spec("A: {type: strng}")})
    lines = assert_error_lines(run_cli(["generate", "-v", "bad.yaml", "--out", "out"], tmp_path))
    assert lines == ["bad.yaml:6:5: #/components/schemas/A: unknown type 'strng'"]


def test_messages_name_files_relative_to_cwd(tmp_path: Path) -> None:
    """Run from a subdirectory: the entry outside the cwd is named by its file name only, the
    referenced file inside it relative to the cwd — never an absolute path."""
    write_files(
        tmp_path,
        {
            "main.yaml": spec('Job: {$ref: "parts/job.yaml"}'),
            "parts/job.yaml": "type: object\nproperties:\n  id: {type: strng}\n",
        },
    )
    lines = assert_error_lines(run_cli(["validate", "../main.yaml"], tmp_path / "parts"))
    assert lines == ["job.yaml:3:3: #/properties/id: unknown type 'strng'"]
    assert str(tmp_path) not in "\n".join(lines)


def _edit_yaml(path: Path, edit: Callable[[dict[str, Any]], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def test_failing_run_leaves_output_exactly_as_it_was(tmp_path: Path) -> None:
    """One broken spec among good ones: exit 2 and the existing tree is byte-identical (same
    files, bytes and mtimes, no temp files left), although the good specs changed too."""
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    shutil.copytree(ROOT / "generated", tmp_path / "generated")
    old = 1_000_000_000
    for path in (tmp_path / "generated").rglob("*"):
        os.utime(path, (old, old))

    def change_description(data: dict[str, Any]) -> None:
        data["components"]["schemas"]["OperationStatus"]["description"] = "Changed text."

    def break_schema(data: dict[str, Any]) -> None:
        data["components"]["schemas"]["ZzBroken"] = {"type": "strng"}

    _edit_yaml(tmp_path / "specs" / "face.yaml", change_description)
    _edit_yaml(tmp_path / "specs" / "visma.yaml", break_schema)
    write_files(tmp_path, {"specs/zznew.yaml": spec("Fine: {type: string}")})

    before = snapshot(tmp_path / "generated")
    lines = assert_error_lines(run_cli(["generate"], tmp_path))
    assert lines == ["specs/visma.yaml:136:5: #/components/schemas/ZzBroken: unknown type 'strng'"]
    assert snapshot(tmp_path / "generated") == before


@pytest.mark.parametrize("in_a_child", [True, False])
def test_validation_in_a_child_reports_what_a_sequential_run_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_a_child: bool
) -> None:
    """Specs are validated in a forked child while the parent parses and renders; each spec
    still reports its parse errors first, else its validation errors, in spec order."""
    from statusgen import pipeline
    from statusgen.errors import SpecErrors
    from statusgen.options import RunOptions
    from statusgen.output import servers

    monkeypatch.setattr(servers, "fork_available", lambda: in_a_child)
    monkeypatch.chdir(tmp_path)
    face = (ROOT / "specs" / "face.yaml").read_text(encoding="utf-8")
    Path("invalid.yaml").write_text(
        face.replace("\nservers:", "\nservers: 3\nold_servers:"), encoding="utf-8"
    )
    Path("unparsable.yaml").write_text(spec("A: {type: strng, nullable: 3}"), encoding="utf-8")
    shutil.copy(ROOT / "specs" / "visma.yaml", "visma.yaml")
    paths = [Path("invalid.yaml"), Path("unparsable.yaml"), Path("visma.yaml")]
    with pytest.raises(SpecErrors) as caught:  # findings outside schemas are errors only so
        pipeline.generate(RunOptions.of(paths, strict=True))
    assert caught.value.lines() == [
        "invalid.yaml: #/servers: 3 is not of type 'array'",
        "invalid.yaml: #: 'old_servers' does not match any of the regexes: '^x-'",
        "unparsable.yaml: #/components/schemas/A: unknown type 'strng'",
    ]
    assert len(pipeline.generate(RunOptions.of([Path("visma.yaml")])).files) > 5
