"""Parser tests: tiny inline specs in, assertions on the IR out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from statusgen import ir, kinds
from statusgen.errors import SpecErrors
from statusgen.input.load import load
from statusgen.parser.parse import parse


def spec(schemas: dict[str, Any], version: str = "3.1.0", **extra: Any) -> dict[str, Any]:
    document: dict[str, Any] = {
        "openapi": version,
        "info": {"title": "T", "version": "1"},
        "paths": extra.pop("paths", {}),
        "components": {"schemas": schemas},
    }
    document.update(extra)
    return document


def build(tmp_path: Path, document: dict[str, Any], name: str = "api.yaml") -> ir.Package:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return parse(load(path))


def model(package: ir.Package, name: str) -> ir.Model:
    return next(m for m in package.models if m.name == name)


def field(m: ir.Model, wire: str) -> ir.Field:
    return next(f for f in m.fields if f.wire_name == wire)


def test_inline_objects_and_array_items_are_named_parent_property(tmp_path: Path) -> None:
    package = build(
        tmp_path,
        spec(
            {
                "Task": {
                    "type": "object",
                    "properties": {
                        "meta": {"type": "object", "properties": {"url": {"type": "string"}}},
                        "resources": {
                            "type": "array",
                            "items": {"type": "object", "properties": {"id": {"type": "string"}}},
                        },
                    },
                }
            }
        ),
    )
    assert [m.name for m in package.models] == ["Task", "TaskMeta", "TaskResources"]
    task = model(package, "Task")
    assert field(task, "meta").type == ir.ModelRef("TaskMeta")
    assert field(task, "resources").type == ir.ArrayType(ir.ModelRef("TaskResources"))


def test_wire_names_become_snake_case_and_keywords_are_mangled(tmp_path: Path) -> None:
    package = build(
        tmp_path,
        spec(
            {
                "Job": {
                    "type": "object",
                    "properties": {
                        "runtimeMS": {"type": "number"},
                        "from": {"type": "string"},
                        "fooBar": {"type": "string"},
                        "foo_bar": {"type": "string"},
                        "api-version": {"type": "string"},
                    },
                }
            }
        ),
    )
    job = model(package, "Job")
    assert [(f.wire_name, f.py_name) for f in job.fields] == [
        ("runtimeMS", "runtime_ms"),
        ("from", "from_"),
        ("fooBar", "foo_bar"),
        ("foo_bar", "foo_bar_2"),
        ("api-version", "api_version"),
    ]
    assert field(job, "api-version").path_segment == '["api-version"]'
    assert field(job, "runtimeMS").path_segment == ".runtimeMS"


def test_primitive_types_formats_required_and_read_only(tmp_path: Path) -> None:
    package = build(
        tmp_path,
        spec(
            {
                "S": {
                    "type": "object",
                    "required": ["createdTime"],
                    "properties": {
                        "createdTime": {"type": "string", "format": "date-time"},
                        "day": {"type": "string", "format": "date"},
                        "id": {"type": "string", "format": "uuid", "readOnly": True},
                        "count": {"type": "integer", "format": "int64"},
                        "ratio": {"type": "number"},
                        "ok": {"type": "boolean"},
                        "anything": {},
                    },
                }
            }
        ),
    )
    s = model(package, "S")
    created = field(s, "createdTime")
    assert created.type == ir.DateTimeType() and created.required and not created.accepts_null
    assert created.annotation == "datetime.datetime"
    assert field(s, "day").type == ir.DateType()
    assert field(s, "id").type == kinds.UuidType() and field(s, "id").read_only
    assert field(s, "count").type == ir.PrimitiveType("int", "int64")
    assert field(s, "ratio").annotation == "float | None | Unset"
    assert field(s, "ok").type == ir.PrimitiveType("bool")
    assert field(s, "anything").type == ir.AnyType()


@pytest.mark.parametrize(
    ("version", "schema"),
    [
        ("3.0.3", {"type": "string", "nullable": True}),
        ("3.1.0", {"type": ["string", "null"]}),
        ("3.1.0", {"oneOf": [{"type": "string"}, {"type": "null"}]}),
    ],
)
def test_nullable_forms_give_one_ir(tmp_path: Path, version: str, schema: dict[str, Any]) -> None:
    package = build(
        tmp_path,
        spec({"N": {"type": "object", "required": ["v"], "properties": {"v": schema}}}, version),
    )
    v = field(model(package, "N"), "v")
    assert v.type == ir.NullableType(ir.PrimitiveType("str"))
    assert v.required and v.accepts_null and v.annotation == "str | None"


def test_same_ir_from_openapi_30_and_31(tmp_path: Path) -> None:
    def doc(version: str, nullable: dict[str, Any]) -> dict[str, Any]:
        return spec(
            {
                "Op": {
                    "type": "object",
                    "properties": {
                        "status": {"type": "string", "enum": ["running", "succeeded", "failed"]},
                        "message": {"type": "string", **nullable},
                    },
                }
            },
            version,
        )

    a = build(tmp_path, doc("3.0.3", {"nullable": True}), "a.yaml")
    b = build(tmp_path, doc("3.1.0", {"type": ["string", "null"]}), "b.yaml")
    assert (a.models, a.enums) == (
        tuple(_resource(m, "a.yaml") for m in b.models),
        tuple(_resource(e, "a.yaml") for e in b.enums),
    )


def _resource(node: Any, file: str) -> Any:
    from dataclasses import replace

    return replace(node, source=ir.Source(file, node.source.pointer))


def test_enum_members_and_status_inference(tmp_path: Path) -> None:
    package = build(
        tmp_path,
        spec(
            {
                "Task": {
                    "type": "object",
                    "properties": {
                        "status": {"type": "string", "enum": ["pending", "failed", "completed"]},
                        "model": {"type": "string", "enum": ["collection", "api-version"]},
                    },
                }
            }
        ),
    )
    status_enum, model_enum = package.enums
    assert status_enum.name == "TaskStatus"
    assert [(m.py_name, m.value) for m in model_enum.members] == [
        ("COLLECTION", "collection"),
        ("API_VERSION", "api-version"),
    ]
    assert status_enum.success_members == ("COMPLETED",)
    assert status_enum.failure_members == ("FAILED",)
    assert not model_enum.is_status
    status = model(package, "Task").status
    assert status is not None and status.origin == "inferred"
    assert status.state == ("status",) and status.success_values == ("completed",)


def test_inference_needs_a_success_and_a_failure_word(tmp_path: Path) -> None:
    package = build(
        tmp_path,
        spec(
            {
                "Color": {
                    "type": "object",
                    "properties": {"hue": {"type": "string", "enum": ["done", "red"]}},
                }
            }
        ),
    )
    assert model(package, "Color").status is None


def test_all_of_merges_parts_in_order(tmp_path: Path) -> None:
    package = build(
        tmp_path,
        spec(
            {
                "Base": {
                    "type": "object",
                    "required": ["id"],
                    "properties": {"id": {"type": "string"}},
                },
                "Job": {
                    "allOf": [
                        {"$ref": "#/components/schemas/Base"},
                        {"type": "object", "properties": {"state": {"type": "string"}}},
                    ],
                    "description": "A job.",
                },
            }
        ),
    )
    job = model(package, "Job")
    assert [(f.wire_name, f.required) for f in job.fields] == [("id", True), ("state", False)]
    assert job.description == "A job."


def test_maps_typed_extra_and_forbidden_extra(tmp_path: Path) -> None:
    package = build(
        tmp_path,
        spec(
            {
                "M": {
                    "type": "object",
                    "properties": {
                        "headers": {"type": "object", "additionalProperties": {"type": "string"}},
                        "free": {"type": "object"},
                    },
                },
                "Typed": {
                    "type": "object",
                    "properties": {"a": {"type": "string"}},
                    "additionalProperties": {"type": "integer"},
                },
                "Closed": {
                    "type": "object",
                    "properties": {"a": {"type": "string"}},
                    "additionalProperties": False,
                },
            }
        ),
    )
    m = model(package, "M")
    assert field(m, "headers").type == ir.MapType(ir.PrimitiveType("str"))
    assert field(m, "free").type == ir.MapType(ir.AnyType())
    assert m.extra == ir.ExtraProperties("keep")
    assert model(package, "Typed").extra == ir.ExtraProperties("typed", ir.PrimitiveType("int"))
    assert model(package, "Closed").extra.mode == "forbid"


def test_union_by_shape_and_by_discriminator(tmp_path: Path) -> None:
    package = build(
        tmp_path,
        spec(
            {
                "Task": {
                    "type": "object",
                    "properties": {
                        "details": {
                            "oneOf": [
                                {"type": "object", "properties": {"resources": {"type": "array"}}},
                                {"type": "object", "properties": {"error": {"type": "string"}}},
                            ]
                        },
                        "body": {"$ref": "#/components/schemas/Body"},
                    },
                },
                "Body": {
                    "oneOf": [
                        {"$ref": "#/components/schemas/A"},
                        {"$ref": "#/components/schemas/B"},
                    ],
                    "discriminator": {
                        "propertyName": "concreteType",
                        "mapping": {"org.x.A": "#/components/schemas/A"},
                    },
                },
                "A": {"type": "object", "properties": {"concreteType": {"type": "string"}}},
                "B": {"type": "object", "properties": {"concreteType": {"type": "string"}}},
            }
        ),
    )
    details, body = package.unions
    assert details.name == "TaskDetails" and details.discriminator is None
    assert [v.type for v in details.variants] == [
        ir.ModelRef("TaskDetails1"),
        ir.ModelRef("TaskDetails2"),
    ]
    assert [v.marker_keys for v in details.variants] == [("resources",), ("error",)]
    assert body.discriminator == "concreteType" and body.keeps_unknown
    assert [v.discriminator_values for v in body.variants] == [("org.x.A",), ("B",)]
    assert body.annotation == "A | B | dict[str, Any]"


def test_recursive_and_mutually_recursive_schemas(tmp_path: Path) -> None:
    package = build(
        tmp_path,
        spec(
            {
                "Node": {
                    "type": "object",
                    "properties": {
                        "children": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Node"},
                        },
                        "other": {"$ref": "#/components/schemas/Other"},
                    },
                },
                "Other": {
                    "type": "object",
                    "properties": {"back": {"$ref": "#/components/schemas/Node"}},
                },
            }
        ),
    )
    node = model(package, "Node")
    assert field(node, "children").type == ir.ArrayType(ir.ModelRef("Node"))
    assert field(model(package, "Other"), "back").type == ir.ModelRef("Node")


def test_defaults_are_checked_and_kept(tmp_path: Path) -> None:
    package = build(
        tmp_path,
        spec(
            {
                "D": {
                    "type": "object",
                    "properties": {
                        "mode": {"type": "string", "enum": ["fast", "slow"], "default": "slow"},
                        "retries": {"type": "integer", "default": 3},
                        "tags": {"type": "array", "items": {"type": "string"}, "default": ["a"]},
                    },
                }
            }
        ),
    )
    d = model(package, "D")
    assert field(d, "mode").default == ir.EnumDefault("DMode", "SLOW")
    assert field(d, "retries").default == 3 and field(d, "retries").has_default
    assert field(d, "tags").default == ["a"] and field(d, "tags").default_is_mutable


def test_a_required_field_holds_no_default(tmp_path: Path) -> None:
    """A required property is always sent, so its default is never used: the IR holds none,
    and render has one field state to print (no `default_factory` on a required list)."""
    tags = {"type": "array", "items": {"type": "string"}, "default": ["a"]}
    package = build(
        tmp_path,
        spec(
            {
                "D": {
                    "type": "object",
                    "required": ["tags", "retries"],
                    "properties": {"tags": tags, "retries": {"type": "integer", "default": 3}},
                }
            }
        ),
    )
    for wire in ("tags", "retries"):
        f = field(model(package, "D"), wire)
        assert (f.has_default, f.default, f.default_is_mutable) == (False, None, False)


def test_bad_default_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SpecErrors) as caught:
        build(
            tmp_path,
            spec(
                {"D": {"type": "object", "properties": {"n": {"type": "integer", "default": "x"}}}}
            ),
        )
    assert [str(e) for e in caught.value.errors] == [
        "api.yaml: #/components/schemas/D/properties/n/default: default 'x' does not match "
        "type 'integer'"
    ]


def test_cross_file_refs_name_models_after_their_file(tmp_path: Path) -> None:
    (tmp_path / "defs").mkdir()
    (tmp_path / "defs" / "State.yaml").write_text(
        "type: string\nenum: [PROCESSING, FAILED, COMPLETE]\n", encoding="utf-8"
    )
    (tmp_path / "Job.json").write_text(
        json.dumps({"type": "object", "properties": {"jobState": {"$ref": "defs/State.yaml"}}}),
        encoding="utf-8",
    )
    package = build(tmp_path, spec({"Job": {"$ref": "Job.json"}}))
    assert [m.name for m in package.models] == ["Job"]
    assert [e.name for e in package.enums] == ["State"]
    assert field(model(package, "Job"), "jobState").type == ir.EnumRef("State")


def test_json_pointer_escapes_in_refs(tmp_path: Path) -> None:
    document = spec({"a/b~c": {"type": "object", "properties": {"x": {"type": "string"}}}})
    document["components"]["schemas"]["Holder"] = {
        "type": "object",
        "properties": {"inner": {"$ref": "#/components/schemas/a~1b~0c"}},
    }
    package = build(tmp_path, document)
    assert field(model(package, "Holder"), "inner").type == ir.ModelRef("ABC")


STATUS_PATHS = {
    "/jobs/{jobId}": {
        "get": {
            "operationId": "getJob",
            "parameters": [
                {"name": "jobId", "in": "path", "required": True, "schema": {"type": "string"}}
            ],
            "responses": {
                "200": {
                    "description": "ok",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Job"}}
                    },
                }
            },
        }
    },
    "/jobs/{jobId}/cancel": {
        "get": {
            "operationId": "cancelJob",
            "parameters": [
                {"name": "jobId", "in": "path", "required": True, "schema": {"type": "string"}}
            ],
            "responses": {"204": {"description": "canceled"}},
        }
    },
}


def _job(extension: dict[str, Any], properties: dict[str, Any]) -> dict[str, Any]:
    return {"Job": {"type": "object", "x-statusgen": extension, "properties": properties}}


def test_extension_state_with_outcome_threshold(tmp_path: Path) -> None:
    package = build(
        tmp_path,
        spec(
            _job(
                {
                    "state": "status",
                    "failure": ["Failed"],
                    "terminal": ["Finished"],
                    "outcome": {"path": "statusCode", "failure_min": 400},
                    "error": "errorMessage",
                },
                {
                    "status": {"type": "string"},
                    "statusCode": {"type": "integer"},
                    "errorMessage": {"type": "string"},
                },
            ),
            paths=STATUS_PATHS,
        ),
    )
    status = model(package, "Job").status
    assert status is not None
    assert status.qualified_values == ("Finished",) and status.failure_values == ("Failed",)
    assert status.outcome == ir.StatusOutcome(("status_code",), failure_min=400.0)
    assert status.error == ("error_message",)
    roles = {e.operation_id: (e.role, e.status_model) for e in package.endpoints}
    assert roles == {"getJob": ("status", "Job"), "cancelJob": ("cancel", None)}
    (poller,) = package.pollers
    assert (poller.name, poller.async_name, poller.cancel_suffix) == (
        "JobPoller",
        "AsyncJobPoller",
        "/cancel",
    )
    assert [p.py_name for p in poller.endpoint.path_parameters] == ["job_id"]


def test_extension_done_flag_with_error_presence(tmp_path: Path) -> None:
    package = build(
        tmp_path,
        spec(
            _job(
                {
                    "state": "done",
                    "outcome": {"path": "error", "failure_if_present": True},
                    "error": "error.message",
                },
                {
                    "done": {"type": "boolean"},
                    "error": {"type": "object", "properties": {"message": {"type": "string"}}},
                },
            )
        ),
    )
    status = model(package, "Job").status
    assert status is not None and status.state_is_bool
    assert status.outcome == ir.StatusOutcome(("error",), failure_if_present=True)
    assert status.error == ("error", "message")


def test_extension_state_qualified_by_conclusion(tmp_path: Path) -> None:
    package = build(
        tmp_path,
        spec(
            _job(
                {
                    "state": "status",
                    "terminal": ["completed"],
                    "outcome": {
                        "path": "conclusion",
                        "success": ["success", "skipped"],
                        "failure": ["failure", "cancelled"],
                    },
                },
                {
                    "status": {"type": "string", "enum": ["queued", "in_progress", "completed"]},
                    "conclusion": {
                        "type": "string",
                        "enum": ["success", "failure", "cancelled", "skipped"],
                    },
                },
            )
        ),
    )
    status = model(package, "Job").status
    assert status is not None and status.qualified_values == ("completed",)
    assert status.outcome is not None and status.outcome.success_values == ("success", "skipped")
    status_enum = next(e for e in package.enums if e.name == "JobStatus")
    assert status_enum.qualified_members == ("COMPLETED",)


@pytest.mark.parametrize(
    ("extension", "message"),
    [
        ({"state": "status", "succes": ["done"]}, "/x-statusgen/succes: unknown key 'succes'"),
        (
            {"state": "nope", "success": ["done"]},
            "/x-statusgen/state: path 'nope' does not exist in Job",
        ),
        (
            {"state": "status", "success": ["finished"]},
            "/x-statusgen/success/0: 'finished' is not one of the state's enum values",
        ),
        (
            {"state": "status", "success": ["done"], "progress": {"now": "status"}},
            "/x-statusgen/progress/now: unknown key 'now'",
        ),
        (
            {"state": "status", "terminal": ["done"]},
            "/x-statusgen/terminal: 'terminal' values need an 'outcome'",
        ),
    ],
)
def test_bad_extension_is_an_error_with_its_pointer(
    tmp_path: Path, extension: dict[str, Any], message: str
) -> None:
    properties = {"status": {"type": "string", "enum": ["running", "done", "failed"]}}
    with pytest.raises(SpecErrors) as caught:
        build(tmp_path, spec(_job(extension, properties)))
    assert [str(e) for e in caught.value.errors] == [f"api.yaml: #/components/schemas/Job{message}"]


def test_package_name_from_extension_or_stem(tmp_path: Path) -> None:
    document = spec({})
    assert build(tmp_path, document, "Face-API.yaml").name == "face_api"
    document["info"]["x-statusgen"] = {"package": "faces"}
    assert build(tmp_path, document, "other.yaml").name == "faces"
