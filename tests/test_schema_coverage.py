"""Schema coverage (issue 10, item 3): each case is a tiny spec that is generated, imported and
run on payloads in this process; the real files that have the case are in test_realworld.py.

Name collisions, allOf forms, unions that shape cannot tell apart, and the values and types
real specs use (integer enums, `const`, boolean schemas, 3.1 type lists, untyped properties,
`nullable` in 3.1, open formats, `additionalProperties: true`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from statusgen.cli import main

Generate = Callable[..., tuple[ModuleType, list[str]]]


def document(schemas: dict[str, Any], version: str = "3.0.3", **extra: Any) -> dict[str, Any]:
    return {
        "openapi": version,
        "info": {"title": "T", "version": "1"},
        "paths": {},
        "components": {"schemas": schemas},
        **extra,
    }


@pytest.fixture
def generate(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fresh_import: Callable[[Path, str], ModuleType],
) -> Generate:
    """`generate(spec_dict)`: the generated package, imported, and the warnings printed."""

    def run(spec: dict[str, Any], name: str = "cover") -> tuple[ModuleType, list[str]]:
        monkeypatch.chdir(tmp_path)
        (tmp_path / f"{name}.json").write_text(json.dumps(spec), encoding="utf-8")
        code = main(["generate", f"{name}.json", "--out", "out"])
        err = capsys.readouterr().err
        assert code == 0, err
        warnings = [line for line in err.splitlines() if ": warning: " in line]
        return fresh_import(tmp_path / "out", name), warnings

    return run


def status_enum(*values: str) -> dict[str, Any]:
    return {"type": "string", "enum": list(values)}


# --- name collisions ---------------------------------------------------------------------------


def test_identical_x_ms_enums_are_one_class(generate: Generate) -> None:
    """Azure repeats an x-ms-enum name with the same values at every use (Face's
    SnapshotObjectType): one class, no warning."""
    kind = {**status_enum("FaceList", "PersonGroup"), "x-ms-enum": {"name": "ObjectType"}}
    package, warnings = generate(
        document(
            {
                "Snapshot": {"type": "object", "properties": {"type": kind}},
                "Request": {
                    "type": "object",
                    "properties": {"type": {**kind, "description": "What to copy."}},
                },
            }
        )
    )
    assert warnings == []
    snapshot = package.Snapshot.from_dict({"type": "FaceList"})
    request = package.Request.from_dict({"type": "PersonGroup"})
    assert type(snapshot.type) is type(request.type) is package.ObjectType
    assert not hasattr(package, "ObjectType2")


def test_different_schemas_named_alike_get_distinct_names_and_a_warning(
    generate: Generate,
) -> None:
    """Text Analytics names two different enums `State`; component keys may differ only in
    case or separators. The first keeps the name; the others are renamed, with a warning."""
    job_state = {**status_enum("running", "succeeded", "failed"), "x-ms-enum": {"name": "State"}}
    task_state = {**job_state, "enum": ["running", "succeeded", "failed", "rejected"]}
    package, warnings = generate(
        document(
            {
                "JobMetadata": {"type": "object", "properties": {"status": job_state}},
                "TaskState": {"type": "object", "properties": {"status": task_state}},
                "foo-bar": {"type": "object", "properties": {"a": {"type": "string"}}},
                "FooBar": {"type": "object", "properties": {"b": {"type": "integer"}}},
                "foo_bar": status_enum("x", "y"),
                "Same-Thing": {"type": "object", "properties": {"a": {"type": "string"}}},
                "SameThing": {
                    "type": "object",
                    "description": "Only the description differs: the same definition.",
                    "properties": {"a": {"type": "string"}},
                },
            }
        )
    )
    assert warnings == [
        "cover.json: #/components/schemas/TaskState/properties/status: warning: schema 'State' "
        "would become class 'State', as does the different schema at "
        "#/components/schemas/JobMetadata/properties/status: it is named 'TaskStateStatus'",
        "cover.json: #/components/schemas/FooBar: warning: schema 'FooBar' would become class "
        "'FooBar', as does the different schema at #/components/schemas/foo-bar: it is named "
        "'FooBar2'",
        "cover.json: #/components/schemas/foo_bar: warning: schema 'foo_bar' would become class "
        "'FooBar', as does the different schema at #/components/schemas/foo-bar: it is named "
        "'FooBar3'",
    ]
    assert package.JobMetadata.from_dict({"status": "failed"}).status is package.State.FAILED
    task = package.TaskState.from_dict({"status": "rejected"})
    assert task.status is package.TaskStateStatus.REJECTED
    assert package.FooBar.from_dict({"a": "x"}).a == "x"
    assert package.FooBar2.from_dict({"b": 1}).b == 1
    assert package.FooBar3("y") is package.FooBar3.Y
    assert package.SameThing.from_dict({"a": "z"}).a == "z"
    assert not hasattr(package, "SameThing2")


def test_renaming_is_the_same_on_every_run(generate: Generate, tmp_path: Path) -> None:
    spec = document(
        {
            "a-b": {"type": "object", "properties": {"x": {"type": "string"}}},
            "A_B": {"type": "object", "properties": {"y": {"type": "string"}}},
        }
    )
    generate(spec)
    first = (tmp_path / "out" / "cover" / "models.py").read_text(encoding="utf-8")
    generate(spec, name="cover")
    assert (tmp_path / "out" / "cover" / "models.py").read_text(encoding="utf-8") == first
    assert "class AB:" in first and "class AB2:" in first


def test_strict_makes_a_rename_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = document(
        {
            "a-b": {"type": "object", "properties": {"x": {"type": "string"}}},
            "A_B": {"type": "object", "properties": {"y": {"type": "string"}}},
        }
    )
    monkeypatch.chdir(tmp_path)
    (tmp_path / "strict.json").write_text(json.dumps(spec), encoding="utf-8")
    assert main(["generate", "strict.json", "--out", "out", "--strict"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "strict.json: #/components/schemas/A_B: schema 'A_B' would become class 'AB', as does "
        "the different schema at #/components/schemas/a-b: it is named 'AB2'"
    ]
    assert not (tmp_path / "out").exists()
