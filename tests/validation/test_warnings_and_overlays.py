"""Validation that helps instead of blocking, and OpenAPI Overlays, in-process through
`statusgen.ui.cli.main`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from job_spec import JOB, spec, unused_part_findings, write
from statusgen.ui.cli import main
from statusgen.validation.findings import is_generated_part, one_line


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_findings_in_unused_parts_are_warnings_and_the_run_succeeds(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(work / "jobs.json", unused_part_findings())
    assert main(["generate", "jobs.json", "--out", "out"]) == 0
    lines = capsys.readouterr().err.splitlines()
    assert lines[-1] == "statusgen: 2 warnings"
    assert len(lines) == 3
    # one line of JSON: the column is where the node starts in it
    text = (work / "jobs.json").read_text(encoding="utf-8")
    tag = text.index('"tags": [') + len('"tags": [') + 1
    assert lines[0] == f"jobs.json:1:{tag}: #/tags/0: warning: 'name' is a required property"
    responses = text.index('"responses"', text.index('"post"')) + 1
    assert lines[1].startswith(f"jobs.json:1:{responses}: #/paths/~1jobs/post/responses: warning: ")
    assert (work / "out" / "jobs" / "models.py").is_file()


@pytest.mark.parametrize("how", ["flag", "config"])
def test_strict_makes_every_finding_an_error(
    work: Path, capsys: pytest.CaptureFixture[str], how: str
) -> None:
    write(work / "jobs.json", unused_part_findings())
    args = ["generate", "jobs.json", "--out", "out"]
    if how == "flag":
        args.append("--strict")
    else:
        write(work / "pyproject.toml", "[tool.statusgen]\nstrict = true\n")
    assert main(args) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2
    assert all(": warning: " not in line and line.startswith("jobs.json:1:") for line in lines)
    assert not (work / "out").exists()


def test_a_finding_in_a_generated_schema_stays_an_error(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = spec()
    data["components"] = {"schemas": {"Job": {**JOB, "required": "status"}}}
    write(work / "jobs.json", data)
    assert main(["validate", "jobs.json"]) == 2
    assert capsys.readouterr().err == (
        "jobs.json:1:406: #/components/schemas/Job/required: 'status' is not of type 'array'\n"
    )


@pytest.mark.parametrize(
    ("pointer", "generated"),
    [
        ("components/schemas/Job/properties/status", True),
        ("definitions/Job", True),
        ("paths/~1jobs/get", True),
        ("paths/~1jobs/get/responses/200/content", True),
        ("paths/~1jobs/get/responses/4xx", False),
        ("paths/~1jobs/get/responses", False),
        ("paths/~1jobs/get/tags", False),
        ("paths/~1jobs/post/requestBody", False),
        ("paths/~1jobs/parameters/0", True),
        ("components/schemas/Job/example", False),
        ("paths/~1jobs/get/x-codeSamples/0", False),
        ("tags/0", False),
        ("", False),
    ],
)
def test_what_counts_as_generated(pointer: str, generated: bool) -> None:
    assert is_generated_part(pointer.split("/") if pointer else ()) is generated


def test_validator_messages_never_dump_a_whole_schema() -> None:
    class Finding:
        instance = {f"property{i}": {"type": "string", "description": "x" * 50} for i in range(9)}
        message = f"{instance!r} is not valid under any of the given schemas"

    line = one_line(Finding())
    assert line == (
        "{'property0': ..., 'property1': ..., 'property2': ..., ...} is not valid under any of"
        " the given schemas"
    )


# --- overlays ---------------------------------------------------------------------------


def overlay(*actions: dict[str, object]) -> dict[str, object]:
    return {"overlay": "1.0.0", "info": {"title": "fix", "version": "1"}, "actions": list(actions)}


STATUS_ENUM = {
    "target": "$.components.schemas.Job.properties.status",
    "update": {"enum": ["queued", "in_progress", "completed", "failed"]},
}


def models_source(work: Path) -> str:
    return (work / "out" / "jobs" / "models.py").read_text(encoding="utf-8")


def test_an_overlay_adds_the_enum_that_makes_a_status_model(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(work / "jobs.json", spec())
    assert main(["generate", "jobs.json", "--out", "out"]) == 0
    assert "StatusEnum" not in models_source(work)
    write(work / "status.json", overlay(STATUS_ENUM))
    assert main(["generate", "jobs.json", "--out", "out", "--overlay", "status.json"]) == 0
    source = models_source(work)
    assert "IN_PROGRESS" in source and "(StatusEnum, " in source
    assert json.loads((work / "jobs.json").read_text()) == spec()  # the spec is not touched


def test_remove_and_ordering(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = spec()
    schemas = data["components"]
    assert isinstance(schemas, dict)
    schemas["schemas"]["Unwanted"] = {"type": "object", "properties": {"a": {"type": "string"}}}
    write(work / "jobs.json", data)
    write(work / "first.json", overlay(STATUS_ENUM))
    later = {"target": "$.components.schemas.Job.properties.status.enum", "update": "cancelled"}
    write(
        work / "second.json",
        overlay(later, {"target": "$.components.schemas.Unwanted", "remove": True}),
    )
    args = ["generate", "jobs.json", "--out", "out", "--overlay", "first.json"]
    assert main([*args, "--overlay", "second.json"]) == 0, capsys.readouterr().err
    source = models_source(work)
    assert "CANCELLED" in source and "class Unwanted" not in source
    # The other way round, the second overlay's first action finds no enum yet.
    args = ["generate", "jobs.json", "--out", "out", "--overlay", "second.json"]
    assert main([*args, "--overlay", "first.json"]) == 2
    assert capsys.readouterr().err == (
        "second.json:1:77: #/actions/0/target: '$.components.schemas.Job.properties.status.enum'"
        " matches nothing in jobs.json\n"
    )


def test_configured_overlays_and_check_notices_an_edited_overlay(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(work / "jobs.json", spec())
    write(work / "status.json", overlay(STATUS_ENUM))
    write(
        work / "pyproject.toml",
        '[tool.statusgen]\nspecs = "jobs.json"\nout = "out"\n'
        '[tool.statusgen.packages."jobs.json"]\noverlays = ["status.json"]\n',
    )
    assert main(["generate"]) == 0
    assert "IN_PROGRESS" in models_source(work)
    assert main(["generate", "--check"]) == 0
    edited = {**STATUS_ENUM, "update": {"enum": ["queued", "in_progress", "completed", "lost"]}}
    write(work / "status.json", overlay(edited))
    capsys.readouterr()
    assert main(["generate", "--check"]) == 1
    assert "models.py" in capsys.readouterr().out
    assert main(["generate"]) == 0
    assert "LOST" in models_source(work)


def test_dropping_a_configured_overlay_is_noticed(work: Path) -> None:
    write(work / "jobs.json", spec())
    write(work / "status.json", overlay(STATUS_ENUM))
    config = '[tool.statusgen]\nspecs = "jobs.json"\nout = "out"\n'
    write(
        work / "pyproject.toml",
        config + '[tool.statusgen.packages."jobs.json"]\n' 'overlays = ["status.json"]\n',
    )
    assert main(["generate"]) == 0
    write(work / "pyproject.toml", config)
    assert main(["generate", "--check"]) == 1


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ({"overlay": "2.0.0", "info": {}, "actions": []}, "#/overlay: unsupported Overlay version"),
        (overlay({"target": "$.info", "update": {}, "remove": True}), "#/actions/0: an action"),
        (overlay({"target": "$.info.title", "update": {"a": 1}}), "#/actions/0/target: "),
        (overlay({"target": "$.info", "update": [1]}), "#/actions/0/update: must be a mapping"),
        (overlay({"target": "$", "remove": True}), "#/actions/0/target: remove cannot remove"),
        (
            overlay({"target": "$..[?@.x ==", "remove": True}),
            "#/actions/0/target: invalid JSONPath",
        ),
    ],
)
def test_a_bad_overlay_is_one_line_and_exit_2(
    work: Path, capsys: pytest.CaptureFixture[str], document: object, expected: str
) -> None:
    write(work / "jobs.json", spec())
    write(work / "bad.json", document)
    assert main(["generate", "jobs.json", "--out", "out", "--overlay", "bad.json"]) == 2
    err = capsys.readouterr().err
    assert re.match(r"bad\.json:1:\d+: " + re.escape(expected), err), err
    assert err.count("\n") == 1, err
    assert not (work / "out").exists()


def test_overlay_needs_one_spec_and_config_overlays_must_exist(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(work / "jobs.json", spec())
    write(work / "other.json", spec())
    write(work / "status.json", overlay(STATUS_ENUM))
    assert main(["generate", "jobs.json", "other.json", "--overlay", "status.json"]) == 2
    assert capsys.readouterr().err == "statusgen: --overlay needs exactly one SPEC\n"
    write(
        work / "pyproject.toml",
        '[tool.statusgen.packages."jobs.json"]\noverlays = ["missing.yaml"]\n',
    )
    assert main(["validate", "jobs.json"]) == 2
    assert capsys.readouterr().err == (
        'pyproject.toml:2:1: tool.statusgen.packages."jobs.json".overlays[0]:'
        " no such overlay file: missing.yaml\n"
    )


def test_strict_revalidates_a_package_made_with_warnings(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(work / "jobs.json", unused_part_findings())
    assert main(["generate", "jobs.json", "--out", "out"]) == 0
    assert main(["generate", "jobs.json", "--out", "out"]) == 0  # up to date: no work
    capsys.readouterr()
    assert main(["generate", "jobs.json", "--out", "out", "--strict"]) == 2
    assert "'name' is a required property" in capsys.readouterr().err


def test_validator_messages_name_files_relative_to_the_working_directory(work: Path) -> None:
    class Finding:
        instance = None
        message = f"'{(work / 'shared' / 'a.yml').as_uri()}#/x' is not of type 'object'"

    assert one_line(Finding()) == "'shared/a.yml#/x' is not of type 'object'"
