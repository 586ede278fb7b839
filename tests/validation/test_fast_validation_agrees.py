"""Validation answered without the validator where the spec is surely clean
(validation.clean.surely_clean), with set-backed id lists (validation.fast._IdList), the
schema pass skipped when jsonschema-rs finds the document valid (fast.surely_valid), each
schema's meta-schema check answered by jsonschema-rs (fast._surely_valid_schema) and the
document read without a protocol check per step (fast._fast_accessors) finds exactly what the
plain openapi-spec-validator finds, on every broken-corpus case the loader accepts, the
vendored real specs and the four specs. (The speed: bench/run.py's one-schema-edit row.)"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from statusgen.errors import SpecErrors
from statusgen.input.load import load
from statusgen.spec_error import SpecError
from statusgen.validation import fast
from statusgen.validation import findings as validation

FIXTURES = ROOT / "tests" / "fixtures"
CASES = sorted(
    [p for p in (FIXTURES / "broken").iterdir() if p.suffix in (".yaml", ".json")]
    + [
        FIXTURES / "upstream" / "azure-face-v1.0/Face/stable/v1.0/Face.json",
        FIXTURES / "upstream" / "azure-textanalytics-v3.1/TextAnalytics.json",
        FIXTURES / "upstream" / "openai-openapi-2024-05.yaml",
        FIXTURES / "upstream" / "replicate-openapi.json",
        FIXTURES / "upstream" / "google-speech-v1-apisguru.yaml",
    ]
    + sorted((ROOT / "specs").glob("*.yaml"))
)
TOO_BIG_TO_BUILD_HERE = {"huge_file", "ref_chain"}


def both_ways(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    """(findings with the id sets and the fast schema check, findings of the validator as it
    ships, on its Python backend), or None for a
    spec the loader refuses before validation. Loaded from the folder that holds its case,
    as the other tests load it (a vendored spec's refs reach its sibling folders)."""
    tops = (FIXTURES / "broken", FIXTURES / "upstream", ROOT / "specs")
    top = next((d for d in tops if d in path.parents), path.parent)
    monkeypatch.chdir(top)

    def run() -> list[SpecError] | str | None:
        try:
            spec = load(path.relative_to(top))
        except SpecErrors:
            return None
        try:
            return validation.validate(spec)
        except SpecErrors as errors:
            return str(errors)

    fast = run()
    with monkeypatch.context() as plain:
        plain.setattr(validation, "surely_clean", lambda *args: False)
        plain.setattr(validation, "_faster_schema_walk", lambda schema_validator: schema_validator)
        plain.setattr(validation, "surely_valid", lambda schema, document: False)
        plain.setattr(validation, "_fast_accessors", contextlib.nullcontext)
        plain.setattr(validation, "_json_meta_schemas", contextlib.nullcontext)
        return fast, run()


@pytest.mark.parametrize("path", CASES, ids=lambda p: str(p.relative_to(ROOT)))
def test_findings_are_the_plain_validators(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if path.stem in TOO_BIG_TO_BUILD_HERE:
        pytest.skip("built at test time by test_broken_corpus")
    fast, plain = both_ways(path, monkeypatch)
    assert fast == plain


SCHEMA_ERRORS = """\
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Shared"}
  /b:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Shared"}
components:
  schemas:
    Shared:
      type: object
      required: [missing]
      properties:
        bad: {type: object, default: 3}
        also: {allOf: [{$ref: "#/components/schemas/Shared"}, {type: wrong}]}
    Other:
      allOf: [{$ref: "#/components/schemas/Shared"}]
      required: [gone]
"""


def test_a_schema_reached_many_ways_is_reported_as_the_plain_validator_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The id lists are what keep a schema reached through several references from being
    walked (and reported) twice: findings here depend on them."""
    spec = tmp_path / "shared.yaml"
    spec.write_text(SCHEMA_ERRORS, encoding="utf-8")
    fast, plain = both_ways(spec, monkeypatch)
    assert fast == plain and len(fast) >= 2, fast


def test_the_schema_walk_uses_the_id_sets() -> None:
    """Fails when openapi-spec-validator no longer keeps the id lists this speeds up."""
    from openapi_spec_validator import OpenAPIV30SpecValidator

    schema_validator = OpenAPIV30SpecValidator.keyword_validators["schema"]
    walker = validation._faster_schema_walk(schema_validator)(registry=None)
    for name in fast._ID_LISTS:
        assert isinstance(getattr(walker, name), fast._IdList)
        assert getattr(schema_validator(registry=None), name) == []


def verdicts(path: Path, monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """What `surely_valid` answered while `path` was validated."""
    real = validation.surely_valid
    said: list[bool] = []

    def recording(schema: dict[str, Any], document: Any) -> bool:
        said.append(real(schema, document))
        return said[-1]

    monkeypatch.setattr(validation, "surely_valid", recording)
    monkeypatch.chdir(path.parent)
    validation.validate(load(Path(path.name)), ("schema",))
    return said


@pytest.mark.parametrize(
    "path",
    [FIXTURES / "upstream" / "openai-openapi-2024-05.yaml", ROOT / "specs" / "visma.yaml"],
    ids=lambda p: p.name,
)
def test_a_valid_spec_skips_the_python_schema_pass(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert verdicts(path, monkeypatch) == [True]


def test_a_spec_the_schema_refuses_gets_the_python_pass_and_its_messages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = tmp_path / "bad.yaml"
    spec.write_text(
        'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths:\n  /a: {get: {responses: 3}}\n',
        encoding="utf-8",
    )
    assert verdicts(spec, monkeypatch) == [False]
    monkeypatch.undo()
    found = validation.validate(load(spec), ("schema",))
    assert [f.message for f in found] == ["3 is not of type 'object'"]


META_CASES = {
    "a pattern Python refuses, jsonschema-rs takes": (r"{type: string, pattern: '\p{L}+'}", 1),
    "a pattern jsonschema-rs refuses, Python takes": (r"{type: string, pattern: '(?P<n>a)\Z'}", 0),
    "a pattern neither takes": ("{type: string, pattern: '[a-z'}", 1),
    "a float where draft 4 wants an integer": ("{type: string, minLength: 1.0}", 2),
    "an empty required list": ("{type: object, required: []}", 2),
    "a nested bad pattern": (r"{properties: {a: {type: string, pattern: '\p{L}'}}}", 1),
    "a property named pattern": ("{type: object, properties: {pattern: {type: string}}}", 0),
    "valid": ("{type: string, pattern: '^[a-z]+$', maxLength: 3}", 0),
}


@pytest.mark.parametrize("schema, found", META_CASES.values(), ids=META_CASES.keys())
def test_meta_schema_checks_find_what_the_plain_validator_finds(
    schema: str, found: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where jsonschema-rs and Python disagree (regular expressions) the answer is Python's."""
    spec = tmp_path / "meta.yaml"
    spec.write_text(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n"
        f"components:\n  schemas:\n    One: {schema}\n",
        encoding="utf-8",
    )
    fast, plain = both_ways(spec, monkeypatch)
    assert fast == plain and len(plain) == found, plain


def test_jsonschema_rs_answers_the_meta_schema_checks() -> None:
    """Fails, and so says that the keyword pass lost its speed, when the validator no longer
    checks schemas against draft 4's meta-schema with the OpenAPI 3.0 format checker."""
    from openapi_spec_validator import OpenAPIV30SpecValidator

    schema_validator = OpenAPIV30SpecValidator.keyword_validators["schema"]
    assert fast._surely_valid_schema(schema_validator, {"type": "string", "pattern": "a"})
    assert not fast._surely_valid_schema(schema_validator, {"pattern": r"\p{L}"})
    assert not fast._surely_valid_schema(schema_validator, {"minLength": -1})


def test_the_document_reader_is_sped_up_only_while_validating() -> None:
    """Fails when pathable no longer reads through `_get_subnode`; the library's own method
    is back once validation ends."""
    from pathable.accessors import SubscriptableAccessor

    original = SubscriptableAccessor.__dict__["_get_subnode"]
    assert isinstance(original, classmethod)
    with fast._fast_accessors():
        sped = SubscriptableAccessor.__dict__["_get_subnode"]
        assert sped is not original
        assert SubscriptableAccessor._get_subnode({"a": 1}, "a") == 1
        assert SubscriptableAccessor._get_subnode([5], 0) == 5
        for node, part in (({"a": 1}, "b"), ([5], 1), ([5], "x"), (3, "a")):
            with pytest.raises(KeyError):
                SubscriptableAccessor._get_subnode(node, part)
    assert SubscriptableAccessor.__dict__["_get_subnode"] is original


def test_the_shipped_openapi_schemas_read_as_json_are_what_the_validator_reads() -> None:
    """Every version the validator ships, read both ways; the library's reader is back after."""
    from openapi_spec_validator.schemas import utils

    original = utils.get_schema
    folder = Path(utils.__file__).parent.parent / "resources" / "schemas"
    versions = sorted(p.name.removeprefix("v") for p in folder.iterdir() if p.is_dir())
    assert {"2.0", "3.0", "3.1"} <= set(versions)
    with fast._json_meta_schemas():
        assert utils.get_schema is not original
        for version in versions:
            assert utils.get_schema(version)[0] == original(version)[0], version
        with pytest.raises(OSError):  # a version not shipped: refused the library's way
            utils.get_schema("9.9")
    assert utils.get_schema is original
