"""`clean.surely_clean`: True only where openapi-spec-validator finds nothing.

A clean spec of each version (Swagger 2.0, OpenAPI 3.0 and 3.1, one across two files) is
answered without the validator; each change below trips one thing the validator checks, and
the validator then runs and says it in its words. Every case asserts what the plain validator
finds, so a case that stopped tripping anything would fail rather than pass for nothing.
(test_fast_validation_agrees.py holds the whole path to the plain validator's findings on
every vendored spec.)
"""

from __future__ import annotations

import copy
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from statusgen.errors import SpecErrors
from statusgen.input.load import load
from statusgen.spec_error import SpecError
from statusgen.validation import clean
from statusgen.validation import findings as validation

Spec = dict[str, Any]


def openapi30() -> Spec:
    return {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "tags": [{"name": "a"}, {"name": "b"}],
        "paths": {
            "/jobs/{id}": {
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
                "get": {
                    "operationId": "getJob",
                    "parameters": [
                        {
                            "name": "q",
                            "in": "query",
                            "schema": {"type": "string", "pattern": "^a+$"},
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/Job"}}
                            },
                        }
                    },
                },
            }
        },
        "components": {
            "schemas": {
                "Base": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string"},
                        "count": {"type": "integer", "minimum": 0, "default": 0},
                    },
                },
                "Job": {
                    "allOf": [{"$ref": "#/components/schemas/Base"}],
                    "required": ["id", "state"],
                    "properties": {"state": {"type": "string", "enum": ["running", "done"]}},
                },
            }
        },
    }


def openapi31() -> Spec:
    spec = openapi30()
    spec["openapi"] = "3.1.0"
    del spec["components"]["schemas"]["Base"]["properties"]["count"]["default"]  # 3.1: unsure
    spec["components"]["schemas"]["Base"]["properties"]["note"] = {"type": ["string", "null"]}
    return spec


def swagger2() -> Spec:
    return {
        "swagger": "2.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/jobs/{id}": {
                "get": {
                    "operationId": "getJob",
                    "parameters": [
                        {"name": "id", "in": "path", "required": True, "type": "string"},
                        {"name": "n", "in": "query", "type": "integer", "format": "int32"},
                        {
                            "name": "order",
                            "in": "query",
                            "type": "string",
                            "enum": ["asc", "desc"],
                            "default": "asc",
                        },
                    ],
                    "responses": {
                        "200": {"description": "ok", "schema": {"$ref": "#/definitions/Job"}}
                    },
                }
            }
        },
        "definitions": {
            "Job": {"type": "object", "properties": {"state": {"type": "string"}}},
        },
    }


def _get(spec: Spec) -> Spec:
    return spec["paths"]["/jobs/{id}"]["get"]  # type: ignore[no-any-return]


def _schemas(spec: Spec) -> Spec:
    return spec["components"]["schemas"]  # type: ignore[no-any-return]


def _set(change: Callable[[Spec], object]) -> Callable[[Spec], Spec]:
    def apply(spec: Spec) -> Spec:
        change(spec)
        return spec

    return apply


CHANGES: dict[str, tuple[Callable[[], Spec], Callable[[Spec], Spec], bool]] = {
    # name: (base, change, whether the validator finds something)
    "3.0 as it is": (openapi30, _set(lambda s: None), False),
    "3.1 as it is": (openapi31, _set(lambda s: None), False),
    "2.0 as it is": (swagger2, _set(lambda s: None), False),
    "a property named $ref (GitHub's git references)": (
        openapi30,
        _set(lambda s: _schemas(s)["Base"]["properties"].update({"$ref": {"type": "string"}})),
        False,
    ),
    "duplicate tag": (openapi30, _set(lambda s: s["tags"][1].update(name="a")), True),
    "duplicate operation id": (
        openapi30,
        _set(lambda s: s["paths"]["/jobs/{id}"].update(delete={**_get(s)})),
        True,
    ),
    "duplicate parameter": (
        openapi30,
        _set(lambda s: _get(s)["parameters"].append(dict(_get(s)["parameters"][0]))),
        True,
    ),
    "path parameter not declared": (
        openapi30,
        _set(lambda s: s["paths"].update({"/jobs/{id}/{other}": s["paths"].pop("/jobs/{id}")})),
        True,
    ),
    "declared path parameter not in the path": (
        openapi30,
        _set(lambda s: s["paths"].update({"/jobs": s["paths"].pop("/jobs/{id}")})),
        True,
    ),
    "required name no allOf part defines": (
        openapi30,
        _set(lambda s: _schemas(s)["Job"]["required"].append("missing")),
        True,
    ),
    "allOf parts that collect each other": (
        openapi30,
        _set(lambda s: _schemas(s)["Base"].update(allOf=[{"$ref": "#/components/schemas/Job"}])),
        True,
    ),
    "a default its schema refuses": (
        openapi30,
        _set(lambda s: _schemas(s)["Base"]["properties"]["id"].update(default=3)),
        True,
    ),
    "a pattern that is no regex": (
        openapi30,
        _set(lambda s: _get(s)["parameters"][0]["schema"].update(pattern="(")),
        True,
    ),
    "3.1: a pattern that is no regex": (
        openapi31,
        _set(lambda s: _schemas(s)["Base"].update(patternProperties={"(": {"type": "string"}})),
        True,
    ),
    "3.1: a schema the dialect refuses": (
        openapi31,
        _set(lambda s: _schemas(s)["Base"].update(discriminator={"propertyName": 3})),
        True,
    ),
    "3.1: a required name no allOf part defines": (
        openapi31,
        _set(lambda s: _schemas(s)["Job"]["required"].append("missing")),
        True,
    ),
    "2.0: a parameter default of the wrong type": (
        swagger2,
        _set(lambda s: _get(s)["parameters"][1].update(default="many")),
        True,
    ),
    "2.0: a parameter default out of its format's range": (
        swagger2,
        _set(lambda s: _get(s)["parameters"][1].update(default=1 << 31)),
        True,
    ),
    "2.0: a default its enum does not list": (
        swagger2,
        _set(lambda s: _get(s)["parameters"][2].update(default="up")),
        True,
    ),
    "a default below its minimum": (
        openapi30,
        _set(lambda s: _schemas(s)["Base"]["properties"]["count"].update(default=-1)),
        True,
    ),
    "2.0: duplicate parameter": (
        swagger2,
        _set(lambda s: _get(s)["parameters"].append(dict(_get(s)["parameters"][1]))),
        True,
    ),
}


def both(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, Spec]) -> Any:
    """(surely_clean's answer, the plain validator's findings) for the spec in `files`, whose
    first file is the entry."""
    monkeypatch.chdir(tmp_path)
    for name, data in files.items():
        (tmp_path / name).write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    spec = load(Path(next(iter(files))))
    assert not validation.resolve_all_refs(spec)
    answer = clean.surely_clean(spec, validation.validation_copy(spec), documents(spec))
    with monkeypatch.context() as plain:
        plain.setattr(validation, "surely_clean", lambda *args: False)
        found: list[SpecError] = validation.validate(spec)
    return answer, found


def documents(spec: Any) -> Any:
    return validation._SealedDocuments(spec)


@pytest.mark.parametrize("name", CHANGES)
def test_clean_only_where_the_validator_finds_nothing(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base, change, finds = CHANGES[name]
    answer, found = both(tmp_path, monkeypatch, {"spec.yaml": change(base())})
    assert bool(found) == finds, found
    assert answer == (not finds)


def test_a_schema_in_another_file_is_read_as_the_validator_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = openapi30()
    schemas = {"Base": _schemas(spec).pop("Base")}
    _schemas(spec)["Job"]["allOf"] = [{"$ref": "shared.yaml#/Base"}]
    assert both(tmp_path, monkeypatch, {"spec.yaml": spec, "shared.yaml": schemas}) == (True, [])
    wrong = copy.deepcopy(schemas)
    wrong["Base"]["properties"]["id"]["default"] = 3
    answer, found = both(tmp_path, monkeypatch, {"spec.yaml": spec, "shared.yaml": wrong})
    assert found and not answer


def test_a_dialect_of_its_own_is_left_to_the_validator(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = openapi31()
    spec["jsonSchemaDialect"] = "https://json-schema.org/draft/2020-12/schema"
    assert both(tmp_path, monkeypatch, {"spec.yaml": spec})[0] is False
    spec = openapi31()
    _schemas(spec)["Base"]["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    assert both(tmp_path, monkeypatch, {"spec.yaml": spec})[0] is False


def test_the_meta_schemas_read_as_files_are_the_ones_the_validator_checks_against() -> None:
    from openapi_schema_validator import OAS30Validator, OAS31Validator
    from openapi_spec_validator.schemas import schema_v2, schema_v30, schema_v31

    assert clean.draft4_meta_schema() == OAS30Validator.META_SCHEMA
    assert clean.oas31_meta_check() is not None
    for version, shipped in (("2.0", schema_v2), ("3.0", schema_v30), ("3.1", schema_v31)):
        assert clean.openapi_schema(version) == dict(shipped)
    dialect = clean._read_json("openapi_schema_validator", "schemas", "oas3.1", "metaschema.json")
    assert dialect == OAS31Validator.META_SCHEMA


def test_a_clean_spec_is_validated_without_importing_the_validator(tmp_path: Path) -> None:
    """The point of it: the four specs validate in a fresh process that never imports
    openapi-spec-validator (nor jsonschema behind it)."""
    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from statusgen.input.load import load\n"
        "from statusgen.validation.findings import validate\n"
        "paths = ['face.yaml', 'postman.yaml', 'visma.yaml', 'synapse/openapi.yaml']\n"
        "found = [validate(load(Path('specs') / p)) for p in paths]\n"
        "print(found, sorted(m for m in ('openapi_spec_validator', 'jsonschema') "
        "if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["[[],", "[],", "[],", "[]]", "[]"], result.stdout


SCHEMAS = [
    {"type": kind, **extra}
    for kind in ("string", "integer", "number", "boolean")
    for extra in (
        {},
        {"format": "int32"},
        {"format": "int64"},
        {"format": "double"},
        {"format": "date-time"},
        {"enum": ["a", 1, 1.0, True, None]},
        {"enum": [0, "0"]},
        {"minimum": 0, "maximum": 10},
        {"minLength": 2, "maxLength": 3},
        {"minimum": 0, "exclusiveMinimum": True},
        {"nullable": True, "readOnly": True, "x-note": 1},
        {"pattern": "^a"},
    )
] + [{"enum": ["a"]}, {"name": "n", "in": "query", "required": True, "type": "integer"}]
SCHEMAS += [
    {"type": "string", "format": "uri"},
    {"type": "string", "format": "uint32"},
    {"type": "integer", "format": "uint32"},
    {"type": "string", "format": "email"},
    {"type": "array", "items": {"type": "integer"}, "maxItems": 1},
    {"type": "array", "items": {"type": "string", "enum": ["a", "ab"]}, "minItems": 1},
    {"type": "array", "items": {"$ref": "#/x"}},
    {"type": "array", "enum": [[1], [True]]},
    {"type": "array", "uniqueItems": True},
    {"anyOf": [{"type": "string"}, {"type": "integer", "minimum": 2}]},
    {"allOf": [{"type": "string"}, {"enum": ["a", "ab"]}]},
    {"anyOf": [{"$ref": "#/x"}, {"type": "boolean"}]},
    {"type": "string", "pattern": "^a"},
    {"type": "string", "pattern": "b$", "minLength": 1},
    {"anyOf": [{"type": "string"}], "discriminator": {"propertyName": "a"}},
    {"description": "anything"},
    {"oneOf": [{"type": "string", "enum": ["auto"]}, {"type": "integer", "maximum": 5}]},
    {"oneOf": [{"type": "string"}, {"type": "string", "enum": ["a"]}]},
    {"oneOf": [{"type": "number"}, {"type": "integer"}]},
    {"oneOf": [{"type": "string", "nullable": True}, {"type": "array", "maxItems": 4}]},
    {"type": "array", "nullable": True, "items": {"type": "string"}},
    {"type": "integer", "nullable": True, "enum": [1, None]},
    {"oneOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}]},
]
VALUES = [None, "a", "ab", "abcd", "", 0, 1, -1, 11, 1 << 31, -(1 << 31) - 1, 1 << 63, 1.0, 2.5]
VALUES += [True, False, [1], [True], [], ["a", "ab"], [1, 2], {"a": 1}, "2024-01-01T00:00:00Z"]
VALUES += ["yesterday", "not a uri", "a@b.c", "auto", 3]


def test_a_default_is_valid_only_where_the_validator_finds_it_valid() -> None:
    """Every schema against every value: where `default_valid` says yes, OAS30Validator (as
    the validator runs it on a default) finds nothing; and it says yes often enough to
    matter."""
    from openapi_schema_validator import OAS30Validator, oas30_format_checker
    from statusgen.validation.defaults import default_valid

    answered = 0
    for schema in SCHEMAS:
        checker = OAS30Validator(schema, format_checker=oas30_format_checker)
        for value in VALUES:
            if default_valid(schema, value):
                answered += 1
                assert not list(checker.iter_errors(value)), (schema, value)
    assert answered >= 100, answered


def _hostile() -> Any:
    """The hostile-spec fuzzer's strategies (tests/e2e), whichever folders pytest collected."""
    folder = str(ROOT / "tests" / "e2e")
    if folder not in sys.path:
        sys.path.insert(0, folder)
    import test_hostile_spec_fuzzing

    return test_hostile_spec_fuzzing


HOSTILE = _hostile()


@settings(
    max_examples=examples(150),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_a_hostile_spec_answered_clean_is_one_the_validator_finds_nothing_in(data: Any) -> None:
    """The fuzzer's documents (3.0, 3.1 and Swagger 2.0, every schema kind, defaults, odd
    names and texts, in JSON and YAML): wherever surely_clean answers, the plain validator
    finds nothing. `make test` draws 30 documents, `make fuzz` 150; a run of 3,000 while this
    was written answered 1,305 clean, and the validator found nothing in any of them."""
    document = data.draw(HOSTILE.documents(), label="document")
    name, raw = HOSTILE.serialise(document, data.draw(st.integers(0, 3), label="format"))
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        Path(name).write_bytes(raw)
        try:
            spec = load(Path(name))
            copy_ = validation.validation_copy(spec)
        except Exception:  # refused before validation: nothing to compare
            return
        if validation.resolve_all_refs(spec):
            return
        if not clean.surely_clean(spec, copy_, documents(spec)):
            return  # the validator runs on it as before: nothing to compare
        patch.setattr(validation, "surely_clean", lambda *args: False)
        try:
            found: list[Any] = validation.validate(spec)
        except SpecErrors as errors:
            found = errors.errors
    assert not found, found
