"""`--output-format text|json|github`: every form parses — JSON a line, GitHub workflow
commands by GitHub's grammar — for errors, warnings and `--check` differences; the default
follows GITHUB_ACTIONS; `-q` drops the summary."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import SPECS, run_cli, spec_with_schemas, write_files
from job_spec import unused_part_findings, write
from report_lines import commands, objects
from statusgen.ui import report

BROKEN = spec_with_schemas(
    """
    Job:
      type: object
      properties:
        id: {type: strng}
    """
)


def test_json_errors_are_one_object_a_line_then_a_summary(tmp_path: Path) -> None:
    write_files(tmp_path, {"bad.yaml": BROKEN})
    result = run_cli(["generate", "bad.yaml", "--out", "out", "--output-format", "json"], tmp_path)
    assert result.returncode == 2
    assert result.stderr == ""
    *diagnostics, summary = objects(result.stdout)
    line = BROKEN.splitlines().index("        id: {type: strng}") + 1
    assert diagnostics == [
        {
            "type": "diagnostic",
            "file": "bad.yaml",
            "line": line,
            "column": 9,
            "pointer": "#/components/schemas/Job/properties/id",
            "severity": "error",
            "message": "unknown type 'strng'",
        }
    ]
    assert summary == {
        "type": "summary",
        "errors": 1,
        "warnings": 0,
        "stale_files": [],
        "exit_status": 2,
    }
    assert not (tmp_path / "out").exists()


def test_github_errors_are_workflow_commands_on_their_line(tmp_path: Path) -> None:
    write_files(tmp_path, {"bad.yaml": BROKEN})
    result = run_cli(["validate", "bad.yaml", "--output-format", "github"], tmp_path)
    assert result.returncode == 2
    (command,) = commands(result.stdout)
    assert command == {
        "severity": "error",
        "file": "bad.yaml",
        "line": str(BROKEN.splitlines().index("        id: {type: strng}") + 1),
        "col": "9",
        "title": "statusgen",
        "message": "#/components/schemas/Job/properties/id: unknown type 'strng'",
    }


@pytest.mark.parametrize("output_format", ["json", "github"])
def test_warnings_parse_and_the_run_succeeds(tmp_path: Path, output_format: str) -> None:
    write(tmp_path / "jobs.json", unused_part_findings())
    args = ["generate", "jobs.json", "--out", "out", "--output-format", output_format]
    result = run_cli(args, tmp_path)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "jobs.json").read_text(encoding="utf-8")
    tag_column = text.index('"tags": [') + len('"tags": [') + 1
    if output_format == "json":
        *warnings, summary = objects(result.stdout)
        assert [(w["severity"], w["pointer"]) for w in warnings] == [
            ("warning", "#/tags/0"),
            ("warning", "#/paths/~1jobs/post/responses"),
        ]
        assert (warnings[0]["line"], warnings[0]["column"]) == (1, tag_column)
        assert summary["warnings"] == 2 and summary["exit_status"] == 0
    else:
        found = commands(result.stdout)
        assert [c["severity"] for c in found] == ["warning", "warning"]
        assert found[0]["col"] == str(tag_column)
        assert found[0]["message"] == "#/tags/0: 'name' is a required property"
    assert (tmp_path / "out" / "jobs" / "models.py").is_file()


def test_quiet_drops_the_warning_count_but_not_the_warnings(tmp_path: Path) -> None:
    write(tmp_path / "jobs.json", unused_part_findings())
    loud = run_cli(["validate", "jobs.json"], tmp_path)
    quiet = run_cli(["validate", "jobs.json", "-q"], tmp_path)
    assert loud.stderr.splitlines()[-1] == "statusgen: 2 warnings"
    assert quiet.stderr.splitlines() == loud.stderr.splitlines()[:-1]
    assert all(": warning: " in line for line in quiet.stderr.splitlines())


@pytest.fixture
def stale_tree(tmp_path: Path) -> Path:
    """A generated tree, then its models.py edited at one line and its pollers.py removed."""
    shutil.copytree(SPECS, tmp_path / "specs", ignore=shutil.ignore_patterns("[!f]*"))
    assert run_cli(["generate", "specs/face.yaml"], tmp_path).returncode == 0
    models = tmp_path / "generated" / "face" / "models.py"
    lines = models.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[19] = "# edited by hand\n"
    models.write_text("".join(lines), encoding="utf-8")
    (tmp_path / "generated" / "face" / "pollers.py").unlink()
    return tmp_path


def test_check_under_github_actions_is_one_error_per_stale_file(
    stale_tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run_cli(["generate", "specs/face.yaml", "--check"], stale_tree)
    assert result.returncode == 1
    found = commands(result.stdout)
    assert [(c["severity"], c["file"], c["line"]) for c in found] == [
        ("error", "generated/face/pollers.py", "1"),
        ("error", "generated/face/models.py", "20"),
    ]
    assert "would be added" in found[0]["message"]
    assert "is out of date" in found[1]["message"]


def test_check_in_json_lists_differences_and_stale_files(stale_tree: Path) -> None:
    args = ["generate", "specs/face.yaml", "--check", "--output-format", "json"]
    result = run_cli(args, stale_tree)
    assert result.returncode == 1
    *differences, summary = objects(result.stdout)
    assert differences == [
        {"type": "difference", "file": "generated/face/pollers.py", "line": 1, "change": "added"},
        {"type": "difference", "file": "generated/face/models.py", "line": 20, "change": "changed"},
    ]
    assert summary["stale_files"] == ["generated/face/pollers.py", "generated/face/models.py"]
    assert summary["exit_status"] == 1


def test_check_text_is_unchanged_and_explicit_text_wins_over_the_environment(
    stale_tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run_cli(
        ["generate", "specs/face.yaml", "--check", "--output-format", "text"], stale_tree
    )
    assert result.returncode == 1
    assert result.stdout.splitlines()[:2] == [
        "would add generated/face/pollers.py",
        "would change generated/face/models.py",
    ]


def test_the_default_follows_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    assert report.default_format() == "text"
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    assert report.default_format() == "text"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert report.default_format() == "github"


def test_workflow_commands_escape_what_github_would_misread() -> None:
    command = report.workflow_command(
        "error", "50% done\r\nnext: a, b", file="odd,name:1%.yaml", line=3, col=0
    )
    assert command == "::error file=odd%2Cname%3A1%25.yaml,line=3::50%25 done%0D%0Anext: a, b"
    (parsed,) = commands(command)
    assert parsed["file"] == "odd,name:1%.yaml"
    assert parsed["message"] == "50% done\r\nnext: a, b"


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ("a\nb\nc\n", "a\nB\nc\n", 2),
        ("a\nb\n", "a\nb\nc\n", 2),
        ("a\nb\nc\n", "a\n", 2),
        ("", "a\n", 1),
    ],
)
def test_first_difference(old: str, new: str, line: int) -> None:
    assert report.first_difference(old, new) == line


def test_the_readme_workflow_step_reports_a_stale_tree(
    stale_tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CI page's copy-pasteable step, run as written (in-process) on a stale tree."""
    readme = (Path(__file__).resolve().parents[2] / "docs" / "ci.md").read_text(encoding="utf-8")
    workflow = yaml.safe_load(re.search(r"```yaml\n(# \.github/workflows/.*?)```", readme, re.S)[1])
    (step,) = [
        s for s in workflow["jobs"]["check"]["steps"] if "statusgen generate" in s.get("run", "")
    ]
    command = shlex.split(step["run"])
    assert command[:2] == ["statusgen", "generate"] and "--check" in command
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    result = run_cli(command[1:], stale_tree)
    assert result.returncode == 1
    assert [c["file"] for c in commands(result.stdout)] == [
        "generated/face/pollers.py",
        "generated/face/models.py",
    ]
