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
from urllib.parse import unquote

from ..errors import WARNING, SpecErrors, display_path
from ..input.load import DATA_KEYS, NAME_MAPS, Location, Spec, resolve_all_refs
from ..spec_error import SpecError
from .clean import surely_clean
from .fast import _fast_accessors, _faster_schema_walk, _json_meta_schemas, surely_valid
from .leniency import understood
from .settings import import_validator

_FILE_URI = re.compile(r"file://(/[^'\"\s#]*)")
MAX_FINDINGS = 500
"""Findings collected per spec; a badly broken spec stops the validator there."""
MAX_MESSAGE = 200
"""Characters of a validator message kept: one readable line, never a whole schema."""
OPERATIONS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})


def _url_path(path: str) -> str:
    """`urllib.request.url2pathname` without importing urllib.request (http, email and ssl
    behind it: ~30 ms of a cold run's critical path); on POSIX it is `unquote`."""
    if os.name == "nt":
        from nturl2path import url2pathname

        return url2pathname(path)
    return unquote(path)


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
        path = Path(os.path.normpath(_url_path(parsed.path)))
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
    message = _FILE_URI.sub(lambda m: display_path(Path(_url_path(m.group(1)))), message)
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
    ref_errors = resolve_all_refs(spec)
    if ref_errors:
        raise SpecErrors(ref_errors)
    handler = _SealedDocuments(spec)
    try:
        copy: dict[str, Any] | None = validation_copy(spec)
    except Exception:  # noqa: BLE001 - met again, and reported, where the validator runs
        copy = None
    if copy is not None and phases == PHASES and surely_clean(spec, copy, handler):
        return []
    import_validator()
    from openapi_spec_validator import (
        OpenAPIV2SpecValidator,
        OpenAPIV30SpecValidator,
        OpenAPIV31SpecValidator,
    )

    version = str(spec.root.get("openapi", ""))
    base: Any = OpenAPIV31SpecValidator if version.startswith("3.1") else OpenAPIV30SpecValidator
    if spec.is_swagger2:
        base = OpenAPIV2SpecValidator
    handlers = {scheme: handler for scheme in ("<all_urls>", "file", "http", "https")}
    keywords = dict(base.keyword_validators)
    keywords["schema"] = _faster_schema_walk(keywords["schema"])
    sealed = type(
        "SealedValidator", (base,), {"resolver_handlers": handlers, "keyword_validators": keywords}
    )
    with _fast_accessors(), _json_meta_schemas():
        return _findings(spec, sealed, phases, copy)


def _findings(
    spec: Spec, sealed: type[Any], phases: tuple[str, ...], copy: dict[str, Any] | None
) -> list[SpecError]:
    """The findings of the validator class `sealed` on `spec`, each an error or a warning
    (see `validate`)."""
    findings: list[SpecError] = []
    try:
        document = validation_copy(spec) if copy is None else copy
        validator = sealed(document, base_uri=spec.entry.file.as_uri())
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
