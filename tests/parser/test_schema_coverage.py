"""Schema coverage: each case is a tiny spec that is generated, imported and
run on payloads in this process; the real files that have the case are in
test_realworld_schemas.py.

Name collisions, allOf forms, unions that shape cannot tell apart, and the values and types
real specs use (integer enums, `const`, boolean schemas, 3.1 type lists, untyped properties,
`nullable` in 3.1, open formats, `additionalProperties: true`).
"""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
import typing
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from statusgen.ui.cli import main

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

    def run(
        spec: dict[str, Any], name: str = "cover", models: str = "status"
    ) -> tuple[ModuleType, list[str]]:
        monkeypatch.chdir(tmp_path)
        (tmp_path / f"{name}.json").write_text(json.dumps(spec), encoding="utf-8")
        code = main(["generate", f"{name}.json", "--out", "out", "--models", models])
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
    package, warnings = generate(document(NAMED_ALIKE), models="all")
    assert warnings == [
        "cover.json:1:306: #/components/schemas/TaskState/properties/status: warning: "
        "schema 'State' would become class 'State', as does the different schema at "
        "#/components/schemas/JobMetadata/properties/status: it is named 'TaskStateStatus'",
        "cover.json:1:498: #/components/schemas/FooBar: warning: schema 'FooBar' would become "
        "class 'FooBar', as does the different schema at #/components/schemas/foo-bar: it is "
        "named 'FooBar2'",
        "cover.json:1:570: #/components/schemas/foo_bar: warning: schema 'foo_bar' would "
        "become class 'FooBar', as does the different schema at #/components/schemas/foo-bar: "
        "it is named 'FooBar3'",
    ]
    assert package.JobMetadata.from_dict({"status": "failed"}).status is package.State.FAILED
    task = package.TaskState.from_dict({"status": "rejected"})
    assert task.status is package.TaskStateStatus.REJECTED
    assert package.FooBar.from_dict({"a": "x"}).a == "x"
    assert package.FooBar2.from_dict({"b": 1}).b == 1
    assert package.FooBar3("y") is package.FooBar3.Y
    assert package.SameThing.from_dict({"a": "z"}).a == "z"
    assert not hasattr(package, "SameThing2")


def test_renames_of_schemas_left_out_are_not_reported(generate: Generate) -> None:
    """The default selection keeps the status models: the warnings speak of their classes
    only, not of `FooBar2` and `FooBar3`, which the package does not hold."""
    package, warnings = generate(document(NAMED_ALIKE))
    assert [w.split(": warning: ")[0] for w in warnings] == [
        "cover.json:1:306: #/components/schemas/TaskState/properties/status"
    ]
    assert hasattr(package, "TaskStateStatus") and not hasattr(package, "FooBar")


_JOB_STATE = {**status_enum("running", "succeeded", "failed"), "x-ms-enum": {"name": "State"}}
NAMED_ALIKE = {
    "JobMetadata": {"type": "object", "properties": {"status": _JOB_STATE}},
    "TaskState": {
        "type": "object",
        "properties": {
            "status": {**_JOB_STATE, "enum": ["running", "succeeded", "failed", "rejected"]}
        },
    },
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
"""Text Analytics' two `State` enums, component keys that differ in case or separators, and
two keys for one definition."""


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
    assert "class AB(" in first and "class AB2(" in first


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
        "strict.json:1:170: #/components/schemas/A_B: schema 'A_B' would become class 'AB', "
        "as does the different schema at #/components/schemas/a-b: it is named 'AB2'"
    ]
    assert not (tmp_path / "out").exists()


# --- allOf -------------------------------------------------------------------------------------


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def test_all_of_with_a_one_of_part_holds_every_options_fields(generate: Generate) -> None:
    """allOf[Base, oneOf[Cat, Dog]]: one model; the options' fields are optional, since a
    payload follows one option or the other."""
    package, _ = generate(
        document(
            {
                "Base": {
                    "type": "object",
                    "required": ["id"],
                    "properties": {"id": {"type": "string"}},
                },
                "Cat": {
                    "type": "object",
                    "required": ["meows"],
                    "properties": {"meows": {"type": "boolean"}},
                },
                "Dog": {
                    "type": "object",
                    "required": ["barks"],
                    "properties": {"barks": {"type": "integer"}},
                },
                "Pet": {"allOf": [ref("Base"), {"oneOf": [ref("Cat"), ref("Dog")]}]},
                "Tool": {
                    "type": "object",
                    "properties": {"ids": {"type": "array", "items": {"type": "string"}}},
                    "anyOf": [{"required": ["ids"]}, {"required": ["stores"]}],
                },
            }
        )
    )
    cat = package.Pet.from_dict({"id": "c", "meows": True})
    dog = package.Pet.from_dict({"id": "d", "barks": 3})
    assert (cat.meows, cat.barks, dog.barks) == (True, package.UNSET, 3)
    assert dog.to_dict() == {"id": "d", "barks": 3}
    with pytest.raises(package.ValidationError, match=r"\$\.barks: expected an integer"):
        package.Pet.from_dict({"id": "d", "barks": "loud"})
    with pytest.raises(package.ValidationError, match=r"^\$\.id: is required$"):
        package.Pet.from_dict({"meows": True})
    # properties beside a oneOf that only says which of them is required: the object itself
    assert package.Tool.from_dict({"ids": ["a"]}).ids == ["a"]


def test_all_of_around_one_ref_with_keywords_beside_it_is_the_referenced_class(
    generate: Generate,
) -> None:
    """`allOf: [$ref]` with description, nullable, readOnly, a default or `type: object`
    beside it: the keywords apply to the field, the class is the referenced one."""
    wrapped = {"allOf": [ref("Error")], "description": "Why it failed.", "nullable": True}
    package, _ = generate(
        document(
            {
                "Error": {"type": "object", "properties": {"code": {"type": "string"}}},
                "Kind": status_enum("a", "b"),
                "Job": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {
                        "error": wrapped,
                        "cause": {"type": "object", "allOf": [ref("Error")], "readOnly": True},
                        "kind": {"allOf": [ref("Kind")], "default": "b"},
                    },
                },
            }
        )
    )
    job = package.Job.from_dict({"error": None, "cause": {"code": "x"}})
    assert job.error is None and type(job.cause) is package.Error
    assert package.Job(error=None).kind is package.Kind.B  # the default beside the allOf
    assert package.Job.from_dict({"error": {"code": "y"}}).error == package.Error(code="y")
    assert [name for name in package.__all__ if name.startswith(("Job", "Error"))] == [
        "Error",
        "Job",
    ]
    assert "Why it failed." in (package.Job.__doc__ or "")


def test_a_status_field_three_allof_levels_down_makes_a_status_model(generate: Generate) -> None:
    """Text Analytics: AnalyzeJobState = allOf[AnalyzeJobMetadata, ...] and AnalyzeJobMetadata
    = allOf[JobMetadata, ...]; the status field lives in JobMetadata."""
    state = {**status_enum("notStarted", "running", "succeeded", "failed", "cancelled")}
    package, _ = generate(
        document(
            {
                "JobMetadata": {
                    "type": "object",
                    "required": ["jobId", "status"],
                    "properties": {"jobId": {"type": "string"}, "status": state},
                },
                "DisplayName": {
                    "type": "object",
                    "properties": {"displayName": {"type": "string"}},
                },
                "AnalyzeJobMetadata": {"allOf": [ref("JobMetadata"), ref("DisplayName")]},
                "Pagination": {"type": "object", "properties": {"nextLink": {"type": "string"}}},
                "AnalyzeJobState": {"allOf": [ref("AnalyzeJobMetadata"), ref("Pagination")]},
            }
        )
    )
    running = package.AnalyzeJobState.from_dict({"jobId": "1", "status": "running"})
    failed = package.AnalyzeJobState.from_dict({"jobId": "1", "status": "failed", "nextLink": "n"})
    assert not running.is_terminal
    assert failed.is_terminal and failed.is_failure and failed.next_link == "n"


# --- unions that shape cannot tell apart ---------------------------------------------------


def test_a_string_or_a_string_enum_is_a_string(generate: Generate) -> None:
    """Replicate's `version: oneOf[string, enum[hidden]]`; OpenAI's `model: anyOf[string,
    enum]`: an open enum accepts every string, so the union is `str`."""
    package, _ = generate(
        document(
            {
                "Prediction": {
                    "type": "object",
                    "properties": {
                        "version": {"oneOf": [{"type": "string"}, status_enum("hidden")]},
                        "model": {"anyOf": [status_enum("gpt-4o"), status_enum("gpt-4")]},
                        "when": {
                            "oneOf": [
                                {"type": "string", "format": "date-time"},
                                {"type": "string", "format": "uri"},
                            ]
                        },
                        "tags": {
                            "oneOf": [
                                {"type": "array", "items": {"type": "string"}},
                                {"type": "array", "items": status_enum("a")},
                            ]
                        },
                    },
                }
            }
        )
    )
    hints = typing.get_type_hints(package.Prediction)
    assert hints["version"] == hints["model"] == hints["when"] == str | None | package.Unset
    assert hints["tags"] == list[str] | None | package.Unset
    value = package.Prediction.from_dict(
        {"version": "hidden", "model": "o1", "when": "https://x", "tags": ["a", "b"]}
    )
    assert (value.version, value.model, value.when, value.tags) == (
        "hidden",
        "o1",
        "https://x",
        ["a", "b"],
    )


TRIED = {
    "User": {"type": "object", "required": ["login"], "properties": {"login": {"type": "string"}}},
    "Stargazer": {
        "type": "object",
        "required": ["starred_at", "user"],
        "properties": {"starred_at": {"type": "string"}, "user": ref("User")},
    },
    "Stargazers": {
        "oneOf": [
            {"type": "array", "items": ref("User")},
            {"type": "array", "items": ref("Stargazer")},
        ]
    },
    "Moment": {
        "oneOf": [
            {"type": "string", "format": "date-time"},
            {"type": "string", "format": "date"},
        ]
    },
    "Numbers": {"oneOf": [{"type": "integer"}, {"type": "boolean"}]},
    "Words": {"oneOf": [{"type": "string", "format": "uuid"}, {"type": "number"}]},
    "Either": {"anyOf": [ref("Numbers"), ref("Words")]},
    "Tree": {
        "oneOf": [
            {"type": "array", "items": ref("Tree")},
            {"type": "array", "items": ref("Tree"), "description": "The same again."},
        ]
    },
}


def test_variants_no_type_covers_are_tried_in_declared_order(generate: Generate) -> None:
    """GitHub's stargazers: `oneOf[array of simple-user, array of stargazer]`; a date-time or
    a date; two nested unions. The first variant that accepts a value wins."""
    package, _ = generate(document(TRIED))
    users = package.models.parse_stargazers([{"login": "a"}])
    stars = package.models.parse_stargazers([{"starred_at": "t", "user": {"login": "b"}}])
    assert users == [package.User(login="a")]
    assert stars == [package.Stargazer(starred_at="t", user=package.User(login="b"))]
    with pytest.raises(package.ValidationError) as refused:
        package.models.parse_stargazers([{"user": 1}])
    assert str(refused.value) == (
        "$: no variant of Stargazers accepts the value: "
        "(1) $[0].login: is required; (2) $[0].starred_at: is required"
    )
    assert package.models.parse_moment("2024-05-01T10:00:00Z") == datetime.datetime(
        2024, 5, 1, 10, tzinfo=datetime.timezone.utc
    )
    assert package.models.parse_moment("2024-05-01") == datetime.date(2024, 5, 1)
    with pytest.raises(package.ValidationError, match=r"^\$: no variant of Moment accepts"):
        package.models.parse_moment("soon")
    assert package.models.parse_either(True) is True
    assert package.models.parse_either(2.5) == 2.5
    with pytest.raises(package.ValidationError, match=r"no variant of Either accepts"):
        package.models.parse_either("not a uuid")
    # merged into one variant that refers back to the union: it stays a union of one
    assert package.models.parse_tree([[], [[]]]) == [[], [[]]]
    with pytest.raises(package.ValidationError, match=r"^\$\[1\]\[0\]: expected Tree, got an"):
        package.models.parse_tree([[], [1]])


# --- values and types --------------------------------------------------------------------------


VALUES = {
    "Job": {
        "type": "object",
        "required": ["error", "priority", "owner"],
        "additionalProperties": True,
        "properties": {
            "priority": {"type": "integer", "enum": [1, 2, 3]},
            "ratio": {"enum": [0.5, 1]},
            "flag": {"enum": [True]},
            "object": {"const": "job"},
            "anything": True,
            "nothing": False,
            "id": {"type": ["string", "integer"]},
            "size": {"type": ["integer", "array", "null"], "items": {"type": "string"}},
            "output": {"description": "Any JSON at all."},
            "error": {"type": "string", "nullable": True},
            "created": {"type": "integer", "format": "unixtime"},
            "link": {"type": "string", "format": "uri"},
            "parent": {"$ref": "#/components/schemas/Parent", "nullable": True},
            "owner": {"$ref": "#/components/schemas/Parent", "nullable": True},
        },
    },
    "Parent": {"type": "object", "properties": {"id": {"type": "string"}}},
}


def test_values_and_types_real_specs_use(generate: Generate) -> None:
    """Integer and number enums stay int and float (open: other values are kept; the docstring
    lists the spec's), `const`, boolean schemas, 3.1 type lists, untyped properties,
    `nullable` in a 3.1 document, required-and-nullable, open formats, extra properties."""
    package, warnings = generate(document(VALUES, version="3.1.0"))
    assert warnings == []
    payload = {
        "priority": 7,
        "ratio": 0.5,
        "flag": True,
        "object": "job",
        "anything": [1, {"a": None}],
        "id": 12,
        "output": {"files": ["a.png"]},
        "error": None,
        "created": 1714557600,
        "link": "https://example.com",
        "parent": None,
        "owner": {"id": "o-1"},
        "region": {"slug": "nyc1"},
    }
    job = package.Job.from_dict(payload)
    assert (job.priority, job.ratio, job.flag, job.object) == (7, 0.5, True, "job")
    assert (job.anything, job.id, job.output) == ([1, {"a": None}], 12, {"files": ["a.png"]})
    assert (job.error, job.created, job.link, job.parent) == (
        None,
        1714557600,
        payload["link"],
        None,
    )
    assert job.extra_properties == {"region": {"slug": "nyc1"}}
    assert job.to_dict() == payload
    assert job.owner is not None and job.owner.id == "o-1"
    orphan = package.Job.from_dict({**payload, "owner": None})
    assert orphan.owner is None and orphan.to_dict()["owner"] is None
    with pytest.raises(package.ValidationError, match=r"^\$\.owner: is required$"):
        package.Job.from_dict({k: v for k, v in payload.items() if k != "owner"})
    assert package.Job.from_dict({**payload, "id": "abc"}).id == "abc"
    hints = package.Job.__annotations__
    assert (hints["priority"], hints["error"], hints["nothing"]) == (
        "int",
        "str | None",
        "None | Unset",
    )
    assert hints["id"] == "JobId | None | Unset" and hints["ratio"] == "float | None | Unset"
    assert hints["size"] == "JobSize | None | Unset"
    assert package.Job.from_dict({**payload, "size": ["a"]}).size == ["a"]
    assert package.Job.from_dict({**payload, "size": None}).size is None
    doc = package.Job.__doc__ or ""
    assert "One of 1, 2, 3." in doc and 'Always "job".' in doc
    with pytest.raises(package.ValidationError, match=r"^\$\.nothing: no value is allowed here"):
        package.Job.from_dict({**payload, "nothing": 1})
    with pytest.raises(package.ValidationError, match=r"^\$\.id: expected JobId, got a boolean"):
        package.Job.from_dict({**payload, "id": True})
    with pytest.raises(package.ValidationError, match=r"^\$\.error: is required"):
        package.Job.from_dict({"priority": 1})
    with pytest.raises(package.ValidationError, match=r"^\$\.priority: expected an integer"):
        package.Job.from_dict({**payload, "priority": "high"})


DEFAULTS = {
    "Limits": {
        "type": "object",
        "properties": {
            "weights": {"type": "array", "items": {"type": "number"}, "default": [1, 2.5]},
            "caps": {
                "type": "object",
                "additionalProperties": {"type": "number"},
                "default": {"cpu": 2},
            },
            "tags": {"type": "array", "items": {"type": "string"}, "default": ["a"]},
        },
    }
}
"""Array and map defaults of `number` items written with integers (a fuzz finding: the
literal `[1, 2]` is a `list[int]`, which mypy refuses for a `list[float]` field)."""


def test_array_and_map_defaults_have_the_field_type(generate: Generate) -> None:
    package, _ = generate(document(DEFAULTS), models="all")
    limits = package.Limits()
    assert limits.weights == [1.0, 2.5] and all(type(w) is float for w in limits.weights)
    assert limits.caps == {"cpu": 2.0} and type(limits.caps["cpu"]) is float
    assert limits.tags == ["a"] and limits.tags is not package.Limits().tags


def test_an_array_default_with_an_item_of_another_type_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    ints = {"type": "array", "items": {"type": "integer"}, "default": [1, "a"]}
    spec = document({"Limits": {"type": "object", "properties": {"counts": ints}}})
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.json").write_text(json.dumps(spec, indent=1), encoding="utf-8")
    assert main(["generate", "bad.json", "--out", "out"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "bad.json:18:7: #/components/schemas/Limits/properties/counts/default: default item "
        "'a' does not match type 'integer'"
    ]
    assert not (tmp_path / "out").exists()


def test_the_cases_pass_mypy_strict_and_ruff(generate: Generate, tmp_path: Path) -> None:
    """The code generated for tried unions, int enums, const, `false`, type lists, renamed
    classes and typed defaults type-checks as the package contract says."""
    renamed = {
        "a-b": {"type": "object", "properties": {"x": {"type": "string"}}},
        "A_B": {"type": "object", "properties": {"y": {"type": "string"}}},
    }
    generate(document({**TRIED, **VALUES, **renamed, **DEFAULTS}, version="3.1.0"))
    out = str(tmp_path / "out" / "cover")
    mypy = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", out],
        capture_output=True,
        text=True,
    )
    assert mypy.returncode == 0, mypy.stdout[-3000:]
    ruff = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--isolated", "--select", "E,F,W,I,UP,B"]
        + ["--ignore", "E501", "--target-version", "py310", out],
        capture_output=True,
        text=True,
    )
    assert ruff.returncode == 0, ruff.stdout[-3000:]


def event(tag: str, data: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["event", "data"],
        "properties": {"event": status_enum(tag), "data": data},
    }


def test_objects_with_one_enum_value_each_are_told_apart_by_it(generate: Generate) -> None:
    """OpenAI's stream events: objects with the same keys whose `event` holds one value each.
    That property is their tag; an unknown tag is refused (no discriminator was promised), so
    an enclosing union tries its nested unions."""
    text = {"type": "string"}
    step = {"type": "object", "required": ["id"], "properties": {"id": text}}
    package, _ = generate(
        document(
            {
                "Created": event("run.created", text),
                "Failed": event("run.failed", text),
                "StepCreated": event("step.created", step),
                "RunEvent": {"oneOf": [ref("Created"), ref("Failed")]},
                "StepEvent": {"oneOf": [ref("StepCreated")], "description": "One variant."},
                "Done": event("done", {"type": "string", "enum": ["[DONE]"]}),
                "AnyEvent": {"oneOf": [ref("Done"), ref("RunEvent"), ref("StepEvent")]},
            }
        )
    )
    parse = package.models.parse_any_event
    assert type(parse({"event": "done", "data": "[DONE]"})) is package.Done
    assert type(parse({"event": "run.failed", "data": "x"})) is package.Failed
    assert parse({"event": "step.created", "data": {"id": "s"}}).data_.id == "s"  # `data` is taken
    with pytest.raises(package.ValidationError) as refused:
        parse({"event": "run.cancelled", "data": "x"})
    assert str(refused.value) == "$: expected RunEvent, got an object"
