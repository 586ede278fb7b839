"""The long tail of real input: constructs published specs use that once stopped a
run, each generated, imported and exercised in-process through the CLI.

Swagger 2.0 array parameters with enums, downloads (`type: file`), recursion through arrays and
`$ref`s with siblings, recursive unions, discriminators over unions, a validator that breaks,
and what the validator objects to that statusgen reads without doubt (warned, not refused).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import CliResult, run_cli
from statusgen.validation import findings as validation

LENIENT = Path(__file__).resolve().parents[1] / "fixtures" / "lenient"


def generate(
    tmp_path: Path, text: str, *extra: str, name: str = "spec.yaml"
) -> CliResult:
    (tmp_path / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return run_cli(["generate", name, "--out", "out", *extra], tmp_path)


def warnings(result: CliResult) -> list[str]:
    return [line for line in result.stderr.splitlines() if ": warning: " in line]


SWAGGER_ORG = """\
    swagger: "2.0"
    info: {title: Organizations, version: "1", x-statusgen: {package: org}}
    host: example.com
    paths:
      /handshakes/{id}:
        get:
          parameters:
            - {name: id, in: path, required: true, type: string}
            - name: fields
              in: query
              type: array
              collectionFormat: csv
              items: {type: string}
              enum: [id, state]
            - {name: ids, in: query, type: array, items: {type: integer}, collectionFormat: multi}
          responses:
            "200": {description: ok, schema: {$ref: "#/definitions/HandshakeResource"}}
      /handshakes/{id}/document:
        get:
          produces: [application/pdf]
          parameters: [{name: id, in: path, required: true, type: string}]
          responses:
            "200": {description: the file, schema: {type: file}}
      /upload:
        post:
          consumes: [multipart/form-data]
          parameters: [{name: file, in: formData, type: file}]
          responses: {"204": {description: ok}}
    definitions:
      HandshakeResources:
        type: array
        items: {$ref: "#/definitions/HandshakeResource"}
      HandshakeResource:
        type: object
        properties:
          Value: {type: string}
          Resources: {$ref: "#/definitions/HandshakeResources", description: nested ones}
          Counts: {type: object, additionalProperties: {$ref: "#/definitions/HandshakeResources"}}
    """


def test_swagger2_array_parameters_downloads_and_recursion_through_arrays(
    tmp_path: Path, fresh_import: Callable[[Path, str], ModuleType]
) -> None:
    result = generate(tmp_path, SWAGGER_ORG, "--models", "all")
    assert result.returncode == 0, result.stderr
    org = fresh_import(tmp_path / "out", "org")
    payload = {
        "Value": "a",
        "Resources": [{"Value": "b", "Resources": []}],
        "Counts": {"x": [{"Value": "c"}]},
    }
    resource = org.HandshakeResource.from_dict(payload)
    assert resource.resources[0].value == "b"
    assert resource.counts["x"][0].value == "c"
    assert resource.to_dict() == payload
    assert org.HandshakeResource.from_dict(resource.to_dict()) == resource
    models = (tmp_path / "out" / "org" / "models.py").read_text(encoding="utf-8")
    assert "class " in models and "Document" not in models  # a download is no model


RECURSIVE = """\
    openapi: 3.0.3
    info: {title: Recursive, version: "1", x-statusgen: {package: rec}}
    paths: {}
    components:
      schemas:
        Json:
          oneOf:
            - type: string
            - type: number
            - type: boolean
            - type: array
              items: {$ref: "#/components/schemas/Json"}
            - type: object
              additionalProperties: {$ref: "#/components/schemas/Json"}
        Value:
          oneOf:
            - {$ref: "#/components/schemas/Value"}
            - {$ref: "#/components/schemas/Other"}
        Other:
          anyOf:
            - {$ref: "#/components/schemas/Value"}
            - {type: integer}
        Holder:
          type: object
          required: [data]
          properties:
            data: {$ref: "#/components/schemas/Json"}
            count: {$ref: "#/components/schemas/Value"}
    """


def test_recursive_unions_are_recursive_type_aliases(
    tmp_path: Path, fresh_import: Callable[[Path, str], ModuleType]
) -> None:
    assert generate(tmp_path, RECURSIVE, "--models", "all").returncode == 0
    rec = fresh_import(tmp_path / "out", "rec")
    models = (tmp_path / "out" / "rec" / "models.py").read_text(encoding="utf-8")
    assert 'Json: TypeAlias = "str | float | bool | list[Json] | dict[str, Json]"' in models
    assert 'Value: TypeAlias = "int"' in models  # Value = Value | Other, Other = Value | int
    data = {"data": [1.5, "a", True, {"k": ["x", {"z": [2.0]}]}], "count": 3}
    holder = rec.Holder.from_dict(data)
    assert holder.to_dict() == data and rec.Holder.from_dict(holder.to_dict()) == holder
    with pytest.raises(rec.ValidationError) as caught:
        rec.Holder.from_dict({"data": [None]})
    assert caught.value.path == "$.data[0]"


DISCRIMINATED = """\
    openapi: 3.0.3
    info: {title: Items, version: "1", x-statusgen: {package: items}}
    paths: {}
    components:
      schemas:
        Input:
          oneOf:
            - $ref: "#/components/schemas/Message"
            - $ref: "#/components/schemas/Item"
            - type: string
          discriminator:
            propertyName: type
            mapping:
              message: "#/components/schemas/Message"
              function_call: "#/components/schemas/FunctionCall"
              output: "#/components/schemas/Output"
        Item:
          oneOf:
            - $ref: "#/components/schemas/FunctionCall"
            - $ref: "#/components/schemas/Outputs"
        Outputs:
          anyOf:
            - $ref: "#/components/schemas/Output"
        Message:
          type: object
          required: [type, text]
          properties: {type: {type: string}, text: {type: string}}
        FunctionCall:
          type: object
          required: [type, name]
          properties: {type: {type: string}, name: {type: string}}
        Output:
          type: object
          required: [type, output]
          properties: {type: {type: string}, output: {type: string}}
    """


def test_a_discriminator_over_unions_chooses_among_their_objects(
    tmp_path: Path, fresh_import: Callable[[Path, str], ModuleType]
) -> None:
    result = generate(tmp_path, DISCRIMINATED, "--models", "all")
    assert result.returncode == 0, result.stderr
    items = fresh_import(tmp_path / "out", "items")
    call = items.models.parse_input({"type": "function_call", "name": "f"})
    assert isinstance(call, items.FunctionCall) and call.name == "f"
    output = items.models.parse_input({"type": "output", "output": "o"})
    assert isinstance(output, items.Output)
    assert isinstance(items.models.parse_input({"type": "message", "text": "t"}), items.Message)
    assert items.models.parse_input("plain text") == "plain text"  # a non-object option, by shape
    assert items.models.parse_input({"type": "new", "x": 1}) == {"type": "new", "x": 1}
    with pytest.raises(items.ValidationError):
        items.models.parse_input(3)


def test_a_validator_that_breaks_is_a_warning_and_strict_makes_it_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """openapi-spec-validator raised `TypeError: '<' not supported between instances of
    'float' and 'str'` on a real description: the run goes on on statusgen's own checks."""

    def broken(*_: object, **__: object) -> Any:
        raise TypeError("'<' not supported between instances of 'float' and 'str'")

    monkeypatch.setattr(validation, "_passes", broken)
    monkeypatch.setattr(validation, "surely_clean", lambda *args: False)  # the validator runs
    result = generate(tmp_path, RECURSIVE, "--no-cache")
    assert result.returncode == 0, result.stderr
    assert warnings(result) == [
        "spec.yaml:1:1: #: warning: the OpenAPI validator failed: TypeError: '<' not supported "
        "between instances of 'float' and 'str'; the spec was not validated"
    ]
    strict = run_cli(["generate", "spec.yaml", "--out", "strict", "--strict", "--no-cache"],
                     tmp_path)
    assert strict.returncode == 2 and "the spec was not validated" in strict.stderr
    assert not (tmp_path / "strict").exists()


LENIENT_30 = """\
    openapi: 3.0.3
    info: {title: Lenient, version: "1", x-statusgen: {package: lenient}}
    paths:
      /pets/{petId}:
        get:
          parameters:
            - {name: petId, in: path, schema: {type: string}}
          responses:
            "200":
              description: ok
              content: {application/json: {schema: {$ref: "#/components/schemas/Pet"}}}
      /pets/{petId}/twin:
        get:
          parameters:
            - {name: petId, in: path, required: true, schema: {type: string}}
          responses:
            "200":
              content: {application/json: {schema: {$ref: "#/components/schemas/Pet"}}}
      /owners:
        get: {summary: declares no answer}
    components:
      schemas:
        Pet:
          type: object
          required: [kind]
          properties:
            name: {$ref: "#/components/schemas/Name"}
            weight: {$ref: "#/components/schemas/Weight"}
            kind: {$ref: "#/components/schemas/Kind"}
            tags: {$ref: "#/components/schemas/Tags"}
            pair: {type: array, items: [{type: string}, {type: integer}]}
            size: {type: string, enum: [small, 42, large]}
            code: {type: number, enum: [SALE, RETURN]}
            levels: {type: array, items: {type: string}, enum: [open, collaborators]}
            colour: {type: string, enum: [red, green, red]}
            extra: {$ref: "#/components/schemas/Extra"}
        Name: {type: [string, "null"]}
        Weight: {type: [integer, number]}
        Kind: {const: pet}
        Tags: {type: array, items: [{type: string}]}
        Extra: {type: string, default_factory: list}
    """


def test_what_the_validator_objects_to_but_means_one_thing_is_warned_and_generated(
    tmp_path: Path, fresh_import: Callable[[Path, str], ModuleType]
) -> None:
    result = generate(tmp_path, LENIENT_30)
    assert result.returncode == 0, result.stderr
    found = "\n".join(warnings(result))
    for expected in [
        "#/components/schemas/Name/type: warning: ",
        "a list of types (OpenAPI 3.1's form): read as a value of any of them",
        "#/components/schemas/Kind: warning: 'const' is not an OpenAPI keyword",
        "#/components/schemas/Tags/items: warning: ",
        "a list of item schemas (tuple form)",
        "#/components/schemas/Pet/properties/size/enum/1: warning: enum value 42 is not a "
        "string: left out",
        "#/components/schemas/Pet/properties/code/enum/0: warning: enum value 'SALE' is not a "
        "number: the value is read as any JSON value",
        "#/components/schemas/Pet/properties/levels/enum: warning: an enum on type 'array'",
        "'default_factory' is not an OpenAPI keyword here",
        "#/paths/~1pets~1{petId}/get/parameters/0/in: warning: ",
        "read as required, as it always is",
        "#/paths/~1pets~1{petId}~1twin/get/responses/200: warning: 'description' is a required "
        "property: a response without a description: nothing generated reads it",
        "#/paths/~1owners/get: warning: 'responses' is a required property: an operation "
        "without responses",
    ]:
        assert expected in found, expected
    lenient = fresh_import(tmp_path / "out", "lenient")
    data = {
        "name": None,
        "weight": 2.5,
        "kind": "pet",
        "tags": ["a"],
        "pair": ["a", 1],
        "size": "large",
        "code": "SALE",
        "levels": ["open"],
        "colour": "red",
        "extra": "x",
    }
    pet = lenient.Pet.from_dict(data)
    assert pet.to_dict() == data and pet.weight == 2.5 and pet.tags == ["a"]
    with pytest.raises(lenient.ValidationError):
        lenient.Pet.from_dict({**data, "tags": [1]})
    strict = run_cli(["generate", "spec.yaml", "--out", "strict", "--strict"], tmp_path)
    assert strict.returncode == 2


@pytest.mark.parametrize("case", sorted(p.name for p in LENIENT.glob("*.yaml")))
def test_formerly_refused_cases_generate(case: str, tmp_path: Path) -> None:
    """Cases the broken corpus once held: an enum value of another type, duplicate enum
    values, a union of itself. Their meaning is certain: generated, warned where it matters."""
    text = (LENIENT / case).read_text(encoding="utf-8")
    result = generate(tmp_path, text, name=case)
    assert result.returncode == 0, result.stderr


TREES = """\
    openapi: 3.0.3
    info: {title: Trees, version: "1", x-statusgen: {package: trees}}
    paths: {}
    components:
      schemas:
        Tree: {type: array, items: {$ref: '#/components/schemas/Tree'}}
        Forest: {type: object, additionalProperties: {$ref: '#/components/schemas/Forest'}}
        Deep:
          type: array
          items: {type: object, additionalProperties: {$ref: '#/components/schemas/Deep'}}
        Holder:
          type: object
          properties:
            tree: {$ref: '#/components/schemas/Tree'}
            forest: {$ref: '#/components/schemas/Forest'}
            deep: {$ref: '#/components/schemas/Deep'}
            again: {$ref: '#/components/schemas/Tree'}
    """


def test_a_tree_of_lists_or_maps_is_typed_down_to_where_it_recurs(
    tmp_path: Path, fresh_import: Callable[[Path, str], ModuleType]
) -> None:
    """An array or map that contains itself with no class in between (a JSON tree) is read to
    where it recurs, and as any JSON value from there, with one warning per schema however
    often it is used; an `allOf` or a reference of itself still means nothing: an error."""
    result = generate(tmp_path, TREES, "--models", "all")
    assert result.returncode == 0, result.stderr
    found = warnings(result)
    assert sorted(w.split(": warning: ")[0] for w in found) == [
        "spec.yaml:6:5: #/components/schemas/Tree",
        "spec.yaml:7:5: #/components/schemas/Forest",
        "spec.yaml:8:5: #/components/schemas/Deep",
    ]
    assert all(w.endswith("its values are read as any JSON value") for w in found)
    trees = fresh_import(tmp_path / "out", "trees")
    annotations = trees.Holder.__annotations__
    assert annotations["tree"].startswith("list[Any] ")
    assert annotations["forest"].startswith("dict[str, Any] ")
    assert annotations["deep"].startswith("list[dict[str, Any]] ")
    data = {"tree": [[], [[]]], "forest": {"a": {"b": {}}}, "deep": [{"x": [{"y": []}]}]}
    assert trees.Holder.from_dict(data).to_dict() == data
    with pytest.raises(trees.ValidationError):
        trees.Holder.from_dict({"deep": [1]})
    loop = "        Looped: {allOf: [$ref: '#/components/schemas/Looped']}\n"
    looped = TREES.replace("        Holder:", loop + "        Holder:")
    refused = generate(tmp_path, looped, "--models", "all", name="looped.yaml")
    assert refused.returncode == 2
    assert (
        "#/components/schemas/Looped: the schema contains itself with no object schema in "
        "between (an allOf or a reference of itself)" in refused.stderr
    )


BATCH = """\
    swagger: "2.0"
    info: {title: Batch, version: "2017-01-01.4.0", x-statusgen: {package: batch}}
    host: batch.core.windows.net
    paths:
      /jobs/{jobId}:
        get:
          operationId: Job_Get
          parameters: [{name: jobId, in: path, required: true, type: string}]
          responses:
            "200": {description: the job, schema: {$ref: "#/definitions/CloudJob"}}
      /todos/{id}:
        get:
          operationId: Todo_Get
          parameters: [{name: id, in: path, required: true, type: string}]
          responses:
            "200": {description: the to-do, schema: {$ref: "#/definitions/Todo"}}
    definitions:
      CloudJob:
        type: object
        properties:
          id: {type: string}
          previousState: {$ref: "#/definitions/JobState"}
          state: {$ref: "#/definitions/JobState"}
          executionInfo:
            type: object
            properties:
              failureInfo:
                type: object
                properties: {message: {type: string}}
      JobState:
        type: string
        enum: [active, disabling, disabled, enabling, terminating, completed, deleting]
        x-ms-enum: {name: JobState, modelAsString: false}
      Todo:
        type: object
        properties:
          title: {type: string}
          state: {type: string, enum: [open, done]}
    """


def test_a_state_with_a_success_word_and_no_failure_word_is_a_status(
    tmp_path: Path, fresh_import: Callable[[Path, str], ModuleType]
) -> None:
    """Azure Batch's job: `completed` ends it (a failure shows in another field), everything
    else is in progress; a to-do's `[open, done]` says nothing is moving: a plain enum."""
    result = generate(tmp_path, BATCH, "-v")
    assert result.returncode == 0, result.stderr
    assert (
        "batch.CloudJob: state=state (inferred) success=completed no failure value "
        "(add one with x-statusgen or an overlay)"
    ) in result.stdout + result.stderr
    assert "batch.Todo" not in result.stdout + result.stderr
    batch = fresh_import(tmp_path / "out", "batch")
    assert hasattr(batch, "CloudJobPoller") and hasattr(batch, "AsyncCloudJobPoller")
    assert not hasattr(batch, "TodoPoller")
    running = batch.CloudJob.from_dict({"state": "terminating", "previousState": "completed"})
    done = batch.CloudJob.from_dict({"state": "completed", "previousState": "terminating"})
    assert not running.is_terminal
    assert done.is_terminal and done.is_success and not done.is_failure


def test_x_statusgen_adds_the_failure_field_of_such_a_status(
    tmp_path: Path, fresh_import: Callable[[Path, str], ModuleType]
) -> None:
    overlay = """\
        overlay: 1.0.0
        info: {title: Batch job failures, version: "1"}
        actions:
          - target: $.definitions.CloudJob
            update:
              x-statusgen:
                state: state
                terminal: [completed]
                outcome: {path: executionInfo.failureInfo, failure_if_present: true}
                error: executionInfo.failureInfo.message
        """
    (tmp_path / "overlay.yaml").write_text(textwrap.dedent(overlay), encoding="utf-8")
    result = generate(tmp_path, BATCH, "--overlay", "overlay.yaml")
    assert result.returncode == 0, result.stderr
    batch = fresh_import(tmp_path / "out", "batch")
    failed = batch.CloudJob.from_dict(
        {"state": "completed", "executionInfo": {"failureInfo": {"message": "exit code 1"}}}
    )
    assert failed.is_terminal and failed.is_failure and failed.failure_message == "exit code 1"
    assert batch.CloudJob.from_dict({"state": "completed"}).is_success


def every_name() -> list[str]:
    """Every name of `builtins`, `keyword.kwlist`, `typing`'s exports and the runtime's."""
    import builtins
    import keyword
    import typing

    from statusgen.runtime import _runtime

    return sorted(
        set(dir(builtins)) | set(keyword.kwlist) | set(typing.__all__) | set(_runtime.__all__)
    )


def test_no_field_name_shadows_what_the_class_body_uses(
    tmp_path: Path, fresh_import: Callable[[Path, str], ModuleType]
) -> None:
    """Each name a property of one status model (whose class body holds the most), required
    and optional alike: the module imports and every value round-trips."""
    import json

    names = every_name()
    properties: dict[str, Any] = {n: {"type": "string"} for n in names}
    properties["jobState"] = {"type": "string", "enum": ["running", "succeeded", "failed"]}
    spec = {
        "openapi": "3.0.3",
        "info": {"title": "Names", "version": "1", "x-statusgen": {"package": "shadow"}},
        "paths": {},
        "components": {
            "schemas": {
                "Everything": {
                    "type": "object",
                    "properties": properties,
                    "required": names[::2],
                },
            }
        },
    }
    result = generate(tmp_path, json.dumps(spec), "--models", "all", name="names.json")
    assert result.returncode == 0, result.stderr
    shadow = fresh_import(tmp_path / "out", "shadow")
    data = {n: f"v-{n}" for n in names} | {"jobState": "succeeded"}
    model = shadow.Everything.from_dict(data)
    assert model.to_dict() == data
    assert shadow.Everything.from_dict(model.to_dict()) == model
    assert model.is_terminal and model.is_success
    assert len(names) > 300


@pytest.mark.parametrize(
    ("files", "entry", "classes"),
    [
        (  # a JSON Schema file: the root schema (named after the file) and its definitions
            {"animal.json": '{"$schema": "http://json-schema.org/draft-07/schema#",'
             ' "title": "Animal", "type": "object", "properties": {"kind": {"$ref":'
             ' "#/definitions/Kind"}, "age": {"type": "integer"}},'
             ' "definitions": {"Kind": {"type": "string", "enum": ["CAT", "DOG"]}}}'},
            "animal.json",
            {"Animal", "Kind"},
        ),
        (  # a file of named schemas, reached by others as `cats.yaml#/CatInfo`
            {"cats.yaml": "CatInfo:\n  type: object\n  properties:\n    details: {$ref: "
             "'#/CatDetails'}\nCatDetails:\n  type: object\n  properties:\n    name: {type: "
             "string}\n"},
            "cats.yaml",
            {"CatInfo", "CatDetails"},
        ),
        (  # OpenAPI components without the document's header
            {"parts.yaml": "components:\n  schemas:\n    Job:\n      type: object\n"
             "      properties:\n        id: {type: string}\n"},
            "parts.yaml",
            {"Job"},
        ),
    ],
)
def test_schemas_published_without_an_openapi_header_generate(
    tmp_path: Path,
    fresh_import: Callable[[Path, str], ModuleType],
    files: dict[str, str],
    entry: str,
    classes: set[str],
) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run_cli(["generate", entry, "--out", "out", "--models", "all"], tmp_path)
    assert result.returncode == 0, result.stderr
    package = fresh_import(tmp_path / "out", Path(entry).stem)
    assert classes <= set(package.__all__)


@pytest.mark.parametrize(
    "text", ['{"name": "name_", "id": "id_"}', "{}", '{"Pet": {"comment": "a pet"}}', "[1]"]
)
def test_data_that_holds_no_schema_is_still_refused(tmp_path: Path, text: str) -> None:
    (tmp_path / "data.json").write_text(text, encoding="utf-8")
    result = run_cli(["generate", "data.json", "--out", "out"], tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("data.json:1:1: #: ")


def test_a_mapping_to_another_name_of_a_variants_class_is_that_variant(
    tmp_path: Path, fresh_import: Callable[[Path, str], ModuleType]
) -> None:
    """`Update: {allOf: [$ref: Base]}` is the class Base: a mapping to Update is to Base."""
    spec = """\
        openapi: 3.0.3
        info: {title: Alias, version: "1", x-statusgen: {package: alias}}
        paths: {}
        components:
          schemas:
            Base:
              type: object
              properties: {type: {type: string}, name: {type: string}}
            Create:
              type: object
              properties: {type: {type: string}, size: {type: integer}}
            Update:
              description: an update
              allOf: [{$ref: "#/components/schemas/Base"}]
            Request:
              oneOf:
                - $ref: "#/components/schemas/Create"
                - $ref: "#/components/schemas/Update"
              discriminator:
                propertyName: type
                mapping:
                  create: "#/components/schemas/Create"
                  update: "#/components/schemas/Update"
        """
    assert generate(tmp_path, spec, "--models", "all").returncode == 0
    alias = fresh_import(tmp_path / "out", "alias")
    update = alias.models.parse_request({"type": "update", "name": "n"})
    assert isinstance(update, alias.Base) and update.name == "n"
    assert isinstance(alias.models.parse_request({"type": "create"}), alias.Create)


def test_a_shape_no_rule_foresaw_is_one_line_not_an_internal_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever breaks inside a parse step is reported at the schema's place, exit 2."""
    from statusgen.parser import objects

    def broken(*_: object) -> None:
        raise KeyError("array")

    monkeypatch.setattr(objects, "_field", broken)
    result = generate(tmp_path, RECURSIVE, "--models", "all")
    assert result.returncode == 2, result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert ": #/components/schemas/Holder/properties/data: statusgen cannot read this " in (
        result.stderr
    )


BOOLEAN_AND_NULL = """\
    openapi: {version}
    info: {{title: Booleans, version: "1", x-statusgen: {{package: booleans}}}}
    paths: {{}}
    components:
      schemas:
        Never: false
        Base:
          type: object
          properties: {{name: {{type: string}}}}
        Thing:
          allOf:
            - $ref: "#/components/schemas/Base"
            - true
            - type: object
              properties:
                anything: true
                impossible: {{allOf: [{{$ref: "#/components/schemas/Never"}}, {{minLength: 2}}]}}
                maybe: {{anyOf: [{{type: string}}, {{type: "null"}}]}}
                unquoted: {{type: [string, null]}}
    """


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0", "3.2.0"])
def test_boolean_schemas_null_types_and_openapi_32_are_read(
    tmp_path: Path, fresh_import: Callable[[Path, str], ModuleType], version: str
) -> None:
    """`true` takes anything, `false` nothing (in allOf too), `type: "null"` is null, in 3.0
    documents as well (warned); OpenAPI 3.2 is read as the 3.1 it extends."""
    result = generate(tmp_path, BOOLEAN_AND_NULL.format(version=version), "--models", "all")
    assert result.returncode == 0, result.stderr
    booleans = fresh_import(tmp_path / "out", "booleans")
    data = {"name": "n", "anything": [1], "maybe": None, "unquoted": None}
    thing = booleans.Thing.from_dict(data)
    assert thing.anything == [1] and thing.maybe is None and thing.unquoted is None
    with pytest.raises(booleans.ValidationError):
        booleans.Thing.from_dict({"impossible": "xy"})


BYTES_30 = """\
    openapi: 3.0.3
    info: {title: Exports, version: "1", x-statusgen: {package: exports}}
    paths:
      /exports/{id}:
        get:
          operationId: getExport
          parameters: [{name: id, in: path, required: true, schema: {type: string}}]
          responses:
            "200":
              description: the export file
              content:
                application/octet-stream: {schema: {$ref: "#/components/schemas/Export"}}
                "*/*": {schema: {type: string, format: binary}}
    components:
      schemas:
        Export:
          type: object
          properties:
            status: {type: string, enum: [running, succeeded, failed]}
    """


def test_a_status_get_that_returns_bytes_gets_no_poller(
    tmp_path: Path, fresh_import: Callable[[Path, str], ModuleType]
) -> None:
    result = generate(tmp_path, BYTES_30)
    assert result.returncode == 0, result.stderr
    exports = fresh_import(tmp_path / "out", "exports")
    assert exports.Export.from_dict({"status": "failed"}).is_failure  # still a status model
    assert not (tmp_path / "out" / "exports" / "pollers.py").exists()
    assert not any(name.endswith("Poller") for name in exports.__all__)


def test_a_ref_to_a_plain_name_anchor_is_the_schema_holding_it(
    tmp_path: Path, fresh_import: Callable[[Path, str], ModuleType]
) -> None:
    """JSON Schema's plain-name fragments (`$ref: '#label'` to `$anchor: label`); a name no
    schema holds is still refused."""
    spec = """\
        openapi: 3.1.0
        info: {title: Anchors, version: "1", x-statusgen: {package: anchors}}
        paths: {}
        components:
          schemas:
            Tag:
              $anchor: tag
              type: object
              properties: {label: {type: string}}
            Other:
              type: object
              properties:
                tag: {$ref: "#tag"}
        """
    assert generate(tmp_path, spec, "--models", "all").returncode == 0
    anchors = fresh_import(tmp_path / "out", "anchors")
    other = anchors.Other.from_dict({"tag": {"label": "x"}})
    assert isinstance(other.tag, anchors.Tag) and other.tag.label == "x"
    missing = generate(tmp_path, spec.replace('"#tag"', '"#nope"'), name="missing.yaml")
    assert missing.returncode == 2
    assert "$ref '#nope': fragment must be a JSON pointer or an $anchor" in missing.stderr


def test_a_long_running_operation_whose_result_is_broken_loses_only_its_poller(
    tmp_path: Path,
) -> None:
    """A spec that generated before long-running operations had pollers still does: a PUT
    answering 202 whose result schema the parser refuses (an unselected schema's problem was
    no error) is left without a poller, with a warning saying why; the status model's poller
    is there."""
    result = generate(
        tmp_path,
        """\
        openapi: 3.0.3
        info: {title: Jobs, version: "1", x-statusgen: {package: jobs}}
        paths:
          /jobs/{id}:
            get:
              parameters: [{name: id, in: path, required: true, schema: {type: string}}]
              responses:
                "200":
                  description: ok
                  content: {application/json: {schema: {$ref: "#/components/schemas/Job"}}}
          /reports/{id}:
            put:
              parameters: [{name: id, in: path, required: true, schema: {type: string}}]
              responses:
                "202": {description: accepted}
                "200":
                  description: ok
                  content: {application/json: {schema: {$ref: "#/components/schemas/Report"}}}
        components:
          schemas:
            Job:
              type: object
              properties:
                status: {type: string, enum: [running, succeeded, failed]}
            Report:  # the validator only warns of the default; the parser refuses it
              type: object
              properties:
                level: {type: string, enum: [low, high], default: medium}
        """,
    )
    assert result.returncode == 0, result.stderr
    (warning,) = [w for w in warnings(result) if "no poller for" in w]
    assert warning.endswith(
        "#/components/schemas/Report/properties/level/default: warning: no poller for PUT "
        "/reports/{id}: its result type has an error: default 'medium' is not one of the enum "
        "values"
    )
    pollers = (tmp_path / "out" / "jobs" / "pollers.py").read_text(encoding="utf-8")
    assert "class JobPoller(" in pollers and "PutReports" not in pollers
