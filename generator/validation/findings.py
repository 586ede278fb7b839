"""OpenAPI validation (openapi-spec-validator) that helps instead of blocking.

Every spec is validated. A finding in what statusgen generates from is an error; a finding
elsewhere (tags, operations other than the GETs read, examples, extensions) is a warning, since
the user usually does not own the spec and the generated code does not depend on that part.
`--strict` makes every finding an error (see pipeline).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.request import url2pathname

from ..errors import WARNING, SpecError, SpecErrors, display_path
from ..input.load import DATA_KEYS, NAME_MAPS, Location, Spec, resolve_all_refs
from .leniency import understood

_FILE_URI = re.compile(r"file://(/[^'\"\s#]*)")
MAX_FINDINGS = 500
"""Findings collected per spec; a badly broken spec stops the validator there."""
MAX_MESSAGE = 200
"""Characters of a validator message kept: one readable line, never a whole schema."""
OPERATIONS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})


def is_generated_part(tokens: tuple[str, ...] | list[str]) -> bool:
    """Whether a finding at this place of the entry document touches what is generated.

    The parts of a document the generator reads: named schemas (`components/schemas`,
    `definitions`), and of each path the parameters and the GET operation with its parameters
    and responses with a numeric status or `default` — minus examples and `x-` extensions,
    which no generated code reads. Which named schemas a package holds is the parser's to say
    (`parser.selection.holding`), once it has read the spec: the pipeline makes a finding in
    one it leaves out a warning."""
    tokens = tuple(tokens)
    if any(t in ("example", "examples") or t.startswith("x-") for t in tokens):
        return False
    if tokens[:2] == ("components", "schemas") or tokens[:1] == ("definitions",):
        return len(tokens) > (1 if tokens[0] == "definitions" else 2)
    if len(tokens) < 3 or tokens[0] != "paths":
        return False
    part = tokens[2:]
    if part[0] == "parameters":
        return True
    if part[0] != "get":
        return False
    if len(part) == 1:
        return True
    if part[1] == "parameters":
        return True
    return part[1] == "responses" and len(part) > 2 and (part[2].isdigit() or part[2] == "default")


class _SealedDocuments:
    """The validator's only way to read a referenced document: those already read by the
    loader, with its limits. It never opens a file or a URL itself."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.copies: dict[Path, Any] = {}

    def __call__(self, uri: str) -> Any:
        """The document at `uri`, as `validation_copy` would show it."""
        from urllib.parse import urlparse

        parsed = urlparse(uri)
        path = Path(os.path.normpath(url2pathname(parsed.path)))
        if parsed.scheme != "file" or path not in self.spec.documents:
            raise LookupError(f"refusing to read {uri} during validation")
        if path not in self.copies:
            self.copies[path] = _inlined(self.spec, self.spec.documents[path], Location(path))
        return self.copies[path]


def validation_copy(spec: Spec) -> dict[str, Any]:
    """The entry document as the validator should see it.

    Real specs put `$ref` where OpenAPI has no Reference Object: a whole operation in its own
    file (DigitalOcean), a description in another file, all of a schema's `properties`. Those
    are inlined here (the copy's references rebased to absolute file URIs), so the validator
    checks what they stand for.
    A fragment without `info` or `paths` gets empty ones: it is not an error to generate from
    a part of an API."""
    root = dict(_inlined(spec, spec.root, spec.entry))
    root.setdefault("info", {"title": "fragment", "version": "0"})
    root.setdefault("paths", {})
    return root


def _inlined(
    spec: Spec,
    node: Any,
    at: Location,
    names: bool = False,
    chain: frozenset[Location] = frozenset(),
) -> Any:
    """`node` (found at `at`) with misplaced `$ref`s inlined, and the other references of a
    file other than the entry made absolute; data (see load.references) is kept as is. Parts
    with nothing to change are the original objects, so a single-file spec is not copied.
    `chain`: the targets being inlined around this node, so a recursive one stays a `$ref`."""
    if isinstance(node, list):
        items = [_inlined(spec, item, at.child(i), False, chain) for i, item in enumerate(node)]
        return node if all(a is b for a, b in zip(items, node, strict=True)) else items
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and (names or _misplaced(at.tokens) and ref.partition("#")[0]):
        target_at, target = spec.follow(at, node)
        if target_at not in chain:
            return _inlined(spec, target, target_at, names, chain | {target_at})
    foreign = at.file != spec.entry.file
    copy: dict[str, Any] = {}
    for key, value in node.items():
        if names and key != "$ref":
            copy[key] = _inlined(spec, value, at.child(key), False, chain)
        elif key == "$ref" and isinstance(value, str) and foreign:
            copy[key] = _absolute(value, at.file)
        elif key in DATA_KEYS or key.startswith("x-"):
            copy[key] = value
        elif key == "examples" and isinstance(value, dict) and foreign:
            copy[key] = {name: _absolute_ref(item, at.file) for name, item in value.items()}
        elif key == "examples":
            copy[key] = value
        else:
            copy[key] = _inlined(spec, value, at.child(key), key in NAME_MAPS, chain)
    return node if all(copy[k] is v for k, v in node.items()) else copy


def _misplaced(tokens: tuple[str, ...]) -> bool:
    """Places where OpenAPI allows no Reference Object but real specs put one anyway."""
    if tokens and tokens[-1] in ("description", "summary"):
        return True
    return len(tokens) == 3 and tokens[0] == "paths" and tokens[2] in OPERATIONS


def _absolute(ref: str, file: Path) -> str:
    file_part, hash_, fragment = ref.partition("#")
    target = Path(os.path.normpath(file.parent / file_part)) if file_part else file
    return target.as_uri() + hash_ + fragment


def _absolute_ref(example: Any, file: Path) -> Any:
    if isinstance(example, dict) and isinstance(example.get("$ref"), str):
        return {**example, "$ref": _absolute(example["$ref"], file)}
    return example


def one_line(error: Any) -> str:
    """A validator message as one readable line: a long value it quotes is cut to its start,
    and the absolute file URIs of `validation_copy` are named as in every other message."""
    message = " ".join(str(getattr(error, "message", error)).split())
    message = _FILE_URI.sub(lambda m: display_path(Path(url2pathname(m.group(1)))), message)
    instance = getattr(error, "instance", None)
    if isinstance(instance, (dict, list, str)):
        shown = " ".join(repr(instance).split())
        if len(shown) > 60 and shown in message:
            message = message.replace(shown, _short(instance))
    if len(message) > MAX_MESSAGE:
        message = message[: MAX_MESSAGE - 3] + "..."
    return message


def _short(value: dict[str, Any] | list[Any] | str) -> str:
    if isinstance(value, dict):
        keys = ", ".join(f"{k!r}: ..." for k in list(value)[:3])
        return "{" + keys + (", ..." if len(value) > 3 else "") + "}"
    if isinstance(value, list):
        return f"[... {len(value)} items]"
    return repr(value[:40] + "...")


def _most_telling(error: Any) -> Any:
    """For "not valid under any of the given schemas" (OpenAPI's Reference-or-Schema), the
    sub-error that says what is wrong: the one found deepest, at its own place."""
    context = getattr(error, "context", None)
    if not context:
        return error
    return _most_telling(max(context, key=lambda e: len(getattr(e, "absolute_path", ()))))


class _IdList(list[int]):
    """A list of schema ids that answers `in` from a set kept beside it.

    openapi-spec-validator's schema walk records each schema it has checked and visited by
    `id()` in a plain list, appends to it and asks `in` before every schema: a scan each time,
    quadratic in the schemas of a spec (most of a big spec's walk). Appending and
    asking are all the walk does with these lists, and for ints `in` gives the same answer
    from a set as from a list; every schema stays alive in the document for the whole walk,
    so no id is reused. The walk therefore takes the same steps in the same order and yields
    the same findings, only without the scan (tests/validation/test_fast_validation_agrees.py
    compares)."""

    def __init__(self) -> None:
        super().__init__()
        self._ids: set[int] = set()

    def append(self, item: int) -> None:
        super().append(item)
        self._ids.add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._ids


_ID_LISTS = ("visited_schema_ids", "meta_checked_schema_ids")


def _faster_schema_walk(schema_validator: type[Any]) -> type[Any]:
    """The validator's schema keyword validator with `_IdList`s for its id lists (an id list
    it no longer has, in another version, is left alone) and its per-schema check against the
    JSON Schema meta-schema answered by `_surely_valid_schema` first: this can only change
    speed."""

    def __init__(self: Any, registry: Any) -> None:
        schema_validator.__init__(self, registry)
        for name in _ID_LISTS:
            if type(getattr(self, name, None)) is list and not getattr(self, name):
                setattr(self, name, _IdList())

    def _validate_schema_meta(self: Any, schema: Any, schema_value: Any) -> Any:
        if _surely_valid_schema(schema_validator, schema_value):
            return None
        return schema_validator._validate_schema_meta(self, schema, schema_value)

    members = {"__init__": __init__, "_validate_schema_meta": _validate_schema_meta}
    return type(schema_validator.__name__, (schema_validator,), members)


_DRAFT4 = "http://json-schema.org/draft-04/schema#"
_META_CHECKERS: dict[int, Any] = {}


def _surely_valid_schema(schema_validator: type[Any], value: Any) -> bool:
    """Whether the validator's check of one schema against the meta-schema (one check per
    schema, most of a big spec's keyword pass) would pass, answered by jsonschema-rs.

    Only where that check is draft 4's meta-schema with the OpenAPI 3.0 format checker
    (Swagger 2 and OpenAPI 3.0; 3.1 picks a dialect per schema and is left alone). The two
    implementations agree on draft 4's keywords but not on regular expressions (each takes
    some the other refuses), so jsonschema-rs checks no formats, and the one format the
    meta-schema names that the checker checks, `regex` on `pattern`, is checked here by the
    checker's own function on every string under a `pattern` key (a superset of where the
    meta-schema applies it). Anything in doubt runs the validator's own check, for its
    message. `tests/validation/test_fast_validation_agrees.py` holds the findings equal."""
    checker = getattr(schema_validator, "schema_validator_cls", None)
    meta = getattr(checker, "META_SCHEMA", None)
    formats = getattr(checker, "FORMAT_CHECKER", None)
    if not isinstance(meta, dict) or meta.get("$schema") != _DRAFT4 or formats is None:
        return False
    try:
        import jsonschema_rs

        rs = _META_CHECKERS.get(id(meta))
        if rs is None:
            rs = _META_CHECKERS[id(meta)] = jsonschema_rs.validator_for(
                meta, validate_formats=False
            )
        if not rs.is_valid(value):
            return False
    except Exception:  # whatever it cannot judge, the validator judges
        return False
    return all(formats.conforms(pattern, "regex") for pattern in _patterns(value))


def _patterns(value: Any) -> Iterator[Any]:
    """Every value under a `pattern` key anywhere in `value`."""
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if "pattern" in node:
                yield node["pattern"]
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def surely_valid(schema: dict[str, Any], document: Any) -> bool:
    """Whether jsonschema-rs finds `document` valid against the OpenAPI JSON Schema, in which
    case the Python pass would find nothing and is skipped.

    Sound because both implement the same JSON Schema drafts (draft 4 for Swagger 2 and
    OpenAPI 3.0, 2020-12 for 3.1) over the same schema; openapi-spec-validator itself runs
    this pass on jsonschema-rs when it is installed. Where they could differ, jsonschema-rs
    is the stricter (it checks draft 4's formats, which the Python pass ignores) or raises
    (a value JSON has no type for, a key that is not a string): either way the Python pass
    runs and says what it finds. `tests/validation/test_fast_validation_agrees.py` holds them
    to agreeing on every spec and corpus case here."""
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - a dependency; a broken install is only slower
        return False
    try:
        return bool(jsonschema_rs.validator_for(schema).is_valid(document))
    except Exception:  # whatever it cannot judge, the Python pass judges
        return False


TOO_DEEP = "nested too deeply for the OpenAPI validator"
FAILED = "the OpenAPI validator failed"
NOT_VALIDATED = "the spec was not validated"


PHASES = ("schema", "keywords")
"""The validator's two passes: the document against the OpenAPI JSON Schema (see
`surely_valid`), then its own checks of each part (schemas' defaults, parameters, ...)."""


def validate(spec: Spec, phases: tuple[str, ...] = PHASES) -> list[SpecError]:
    """Every finding of the OpenAPI validator (imported late: it is slow to import), each an
    error or a warning by `is_generated_part`; `phases` picks the passes run (all of them, in
    the validator's order, by default).

    Every `$ref` is resolved first, by `resolve_all_refs`; the validator then reads documents
    only through `_SealedDocuments`, so a spec cannot make it fetch a URL or read an unbounded
    file. A validator that breaks on a malformed document is reported as a spec problem."""
    from openapi_spec_validator import (
        OpenAPIV2SpecValidator,
        OpenAPIV30SpecValidator,
        OpenAPIV31SpecValidator,
    )

    ref_errors = resolve_all_refs(spec)
    if ref_errors:
        raise SpecErrors(ref_errors)
    version = str(spec.root.get("openapi", ""))
    base: Any = OpenAPIV31SpecValidator if version.startswith("3.1") else OpenAPIV30SpecValidator
    if spec.is_swagger2:
        base = OpenAPIV2SpecValidator
    handler = _SealedDocuments(spec)
    handlers = {scheme: handler for scheme in ("<all_urls>", "file", "http", "https")}
    keywords = dict(base.keyword_validators)
    keywords["schema"] = _faster_schema_walk(keywords["schema"])
    sealed = type(
        "SealedValidator", (base,), {"resolver_handlers": handlers, "keyword_validators": keywords}
    )
    findings: list[SpecError] = []
    try:
        validator = sealed(validation_copy(spec), base_uri=spec.entry.file.as_uri())
        for found in _passes(validator, phases):
            error = _most_telling(found)
            tokens = [str(t) for t in getattr(error, "absolute_path", ())]
            message = one_line(error)
            reading = understood(error, tokens, message)
            if reading is not None:
                message = f"{message}: {reading}" if not reading.startswith("'") else reading
            finding = spec.entry.child(*tokens).error(message)
            if reading is not None or not is_generated_part(tokens):
                finding = replace(finding, severity=WARNING)
            findings.append(finding)
            if len(findings) >= MAX_FINDINGS:
                break
    except RecursionError:
        if not findings:
            findings.append(spec.entry.error(TOO_DEEP))
    except (KeyboardInterrupt, SystemExit, GeneratorExit, SpecErrors):
        raise
    except BaseException as exc:  # e.g. a shape the errors above refuse; also a PanicException
        # from the validator's Rust parts (a BaseException) on a recursive schema. A bug of
        # the validator is not the spec's: the run goes on on statusgen's own checks, warned
        # (`--strict` makes it an error).
        if not findings:  # else it broke on what it reports already
            findings.append(validator_failed(spec, f"{type(exc).__name__}: {exc}"))
    return findings


def validator_failed(spec: Spec, problem: str) -> SpecError:
    """The warning for a validator that broke: what broke, on one line."""
    problem = " ".join(problem.split())[:MAX_MESSAGE]
    return replace(spec.entry.error(f"{FAILED}: {problem}; {NOT_VALIDATED}"), severity=WARNING)


def _passes(validator: Any, phases: tuple[str, ...]) -> Iterator[Any]:
    """What `validator.iter_errors()` yields, pass by pass (the schema pass always with the
    Python validator's messages, whichever backend the validator would pick)."""
    if "schema" in phases:
        schema = dict(validator.schema_validator.schema)
        if not surely_valid(schema, validator.schema):
            from jsonschema.validators import validator_for  # type: ignore[import-untyped]

            yield from validator_for(schema)(schema).iter_errors(validator.schema)
    if "keywords" in phases:
        yield from validator.root_validator(validator.schema_path)
