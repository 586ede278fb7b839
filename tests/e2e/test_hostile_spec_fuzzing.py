"""Property-based fuzzing of the whole pipeline with hostile specs.

Hypothesis builds small OpenAPI documents whose names, wire keys, descriptions, enum values,
defaults, titles, paths and `x-statusgen` contents are drawn from wide Unicode and from a list of
known-hostile strings (quotes, backslashes, `\"\"\"`, Jinja delimiters, keywords, digits-first,
empty and colliding names), with nested objects, arrays, maps, unions, allOf, recursion,
nullable and defaults; now and then as Swagger 2.0 (parameters of every type with `items`,
`collectionFormat` and enums, `type: file` downloads, `items` lists, `$ref`s with siblings).
Every example runs the real pipeline in-process
(`generator.pipeline.generate`) and must either:

- raise `SpecErrors` whose lines are all `FILE: POINTER: message` (the CLI's exit 2), or
- succeed with modules that compile, that import in a fresh `python -I -S -B` subprocess in an
  empty directory with no output, no file written, no audit event for sockets, processes or
  writes, and whose models round-trip random valid payloads drawn from the package's own IR.

Any other exception fails the example (that would be a traceback or an internal error). A
sample of examples is also run through the CLI in a subprocess (same lines, same files), and a
sample of successful packages gets one `mypy --strict` and one `ruff check` run at the end.

`STATUSGEN_FUZZ_EXAMPLES` sets the number of examples (default 30, for `make test`); `make fuzz`
runs a larger campaign. The per-run numbers are printed at the end (`pytest -s` shows them).
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from statusgen import ir, kinds, pipeline
from statusgen.errors import SpecErrors
from statusgen.input.positions import locate
from statusgen.options import RunOptions
from statusgen.output.mode import format_source

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = int(os.environ.get("STATUSGEN_FUZZ_EXAMPLES", "30"))
CLI_EVERY = max(20, EXAMPLES // 100)
"""Every so many examples, the CLI runs the same spec in a subprocess too."""
MYPY_SAMPLE = max(4, min(100, EXAMPLES // 50))
"""Successful packages kept for the one `mypy --strict` run at the end."""
ERROR_LINE = re.compile(r"^[^\n]+?: #[^ \n]*: [^\n]+$")
PACKAGE = "fuzzpkg"

# --- hostile text -----------------------------------------------------------------------------

HOSTILE = [
    "",
    '"',
    "'",
    '"""',
    "'''",
    '\\"',
    "\\",
    "\\n",
    'x" + str(1/0)  # ',
    "x' + str(1/0)  # ",
    '"""; import os; os.system("echo pwned"); """',
    "{{ 7*7 }}",
    "{% if true %}",
    "{# c #}",
    "}}",
    "{%",
    "${x}",
    "%s",
    "from",
    "class",
    "None",
    "True",
    "import",
    "self",
    "cls",
    "data",
    "path",
    "value",
    "extra",
    "to_dict",
    "from_dict",
    "extra_properties",
    "dataclasses",
    "datetime",
    "Any",
    "UNSET",
    "StatusRule",
    "ValidationError",
    "OpenEnum",
    "Poller",
    "HttpResponse",
    "expand_path",
    "parse_x",
    "__init__",
    "__class__",
    "_",
    "__",
    "1abc",
    "123",
    "0",
    "-1",
    "a b",
    "a-b",
    "a_b",
    "aB",
    "AB",
    "A",
    "a",
    "status",
    "state",
    "\n",
    "a\nb",
    "\r\n",
    "\t",
    "\x00",
    "\x1b[31m",
    "\u2028",
    "\u0085",
    "\ufeff",
    "日本",
    "Straße",
    "café",
    "Ω",
    "🙂",
    "İ",
    "ﬁ",
    "$ref",
    "~1",
    "/",
    "#",
    "%",
    "%41",
    "{id}",
    "a:b",
    ": ",
]
STATUS_WORDS = ["running", "succeeded", "failed", "canceled", "done", "error", "pending"]


def rarely(draw: Any, n: int) -> bool:
    """True about once in `n + 1` draws, and never in the simplest example (Hypothesis starts
    from, and shrinks towards, zero)."""
    return bool(draw(st.integers(0, n)) == n)


def names() -> st.SearchStrategy[str]:
    """Names and wire keys: hostile ones, small alphabets that collide after naming, wide
    Unicode, and plain identifiers."""
    return st.one_of(
        st.sampled_from(HOSTILE),
        st.text(alphabet="aAbB_- 1.", max_size=4),
        st.text(max_size=6),
        st.from_regex(r"[a-zA-Z][a-zA-Z0-9]{0,7}", fullmatch=True),
    )


COMPONENT_KEY = re.compile(r"[a-zA-Z0-9._-]+")


@st.composite
def component_keys(draw: Any) -> str:
    """Component names: OpenAPI allows `[a-zA-Z0-9._-]+` (the validator refuses others), so
    mostly those — keywords, digits-first, dots and dashes that collide after naming — and
    now and then anything."""
    if rarely(draw, 25):
        return str(draw(names()))
    return str(
        draw(
            st.one_of(
                st.sampled_from([h for h in HOSTILE if COMPONENT_KEY.fullmatch(h)]),
                st.from_regex(r"[a-zA-Z0-9._-]{1,8}", fullmatch=True),
                st.text(alphabet="aAbB_-.1", min_size=1, max_size=4),
            )
        )
    )


def texts() -> st.SearchStrategy[str]:
    """Descriptions and titles: hostile fragments joined, or any text."""
    return st.one_of(
        st.lists(st.sampled_from(HOSTILE), max_size=4).map("".join),
        st.text(max_size=40),
    )


json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63),
    st.floats(allow_nan=False, allow_infinity=False),
    names(),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(names(), inner, max_size=3),
    max_leaves=6,
)

# --- specs ------------------------------------------------------------------------------------


def ref_to(key: str) -> dict[str, str]:
    token = key.replace("~", "~0").replace("/", "~1")
    return {"$ref": "#/components/schemas/" + quote(token, safe="")}


@st.composite
def schemas(draw: Any, keys: list[str], depth: int, v31: bool) -> dict[str, Any]:
    """One schema; `keys` are the component names a `$ref` may point at (or miss)."""
    leaves = ["string", "integer", "number", "boolean", "any", "enum", "date-time", "date"]
    if keys:
        leaves += ["ref", "ref"]
    containers = ["object", "object", "array", "map", "union", "union", "allOf"]
    if depth == 0:
        containers += ["object"] * 6  # components are mostly models
    kinds = leaves + (containers if depth < 3 else [])
    kind = draw(st.sampled_from(kinds))
    schema: dict[str, Any]
    if kind == "ref" and depth == 0 and not rarely(draw, 5):
        kind = "object"  # a component that is only a $ref to a component is mostly a cycle
    if kind == "ref":
        dangling = rarely(draw, 40)
        return ref_to("Nope" if dangling else draw(st.sampled_from(keys)))
    if kind in ("string", "integer", "number", "boolean"):
        schema = {"type": kind}
        if rarely(draw, 4):
            formats = {"string": ["uuid", "email", "uri"], "integer": ["int32", "int64"],
                       "number": ["float", "double"], "boolean": []}[kind]
            schema["format"] = draw(names() if rarely(draw, 5) or not formats else
                                    st.sampled_from(formats))
    elif kind == "any":
        schema = {}
    elif kind in ("date-time", "date"):
        schema = {"type": "string", "format": kind}
    elif kind == "enum":
        values = draw(
            st.lists(
                names() | st.sampled_from(STATUS_WORDS),
                min_size=1,
                max_size=5,
                unique=not rarely(draw, 9),
            )
        )
        if rarely(draw, 19):
            values.append(draw(json_scalars.filter(lambda v: not isinstance(v, str))))
        schema = {"type": "string", "enum": values}
    elif kind == "object":
        properties = draw(
            st.dictionaries(names(), schemas(keys, depth + 1, v31), max_size=4)
        )
        schema = {"type": "object", "properties": properties}
        if properties:
            schema["required"] = draw(
                st.lists(st.sampled_from([*properties, "nope"]), unique=True, max_size=3)
            )
        extra = draw(st.integers(0, 5))
        if extra == 5:
            schema["additionalProperties"] = False
        elif extra == 4:
            schema["additionalProperties"] = draw(schemas(keys, depth + 1, v31))
        if properties and rarely(draw, 15):
            schema["x-statusgen"] = draw(extensions(list(properties)))
    elif kind == "array":
        schema = {"type": "array", "items": draw(schemas(keys, depth + 1, v31))}
    elif kind == "map":
        schema = {"type": "object", "additionalProperties": draw(schemas(keys, depth + 1, v31))}
    elif kind == "union":
        inline_objects = st.builds(
            lambda properties: {"type": "object", "properties": properties},
            st.dictionaries(names(), schemas(keys, depth + 2, v31), min_size=1, max_size=3),
        )
        option = (
            schemas(keys, depth + 1, v31)
            if rarely(draw, 3)
            else inline_objects | st.sampled_from([ref_to(k) for k in keys] or [{}])
        )
        options = draw(st.lists(option, min_size=2, max_size=3))
        if rarely(draw, 4):
            options.append({"type": "null"})
        schema = {draw(st.sampled_from(["oneOf", "anyOf"])): options}
        if len(keys) >= 2 and rarely(draw, 3):
            refs = [ref_to(k) for k in draw(st.lists(st.sampled_from(keys), min_size=2,
                                                     max_size=3, unique=True))]
            schema = {"oneOf": refs, "discriminator": {"propertyName": draw(names())}}
            if draw(st.booleans()):
                schema["discriminator"]["mapping"] = {
                    draw(names()): r["$ref"] for r in refs[: draw(st.integers(1, len(refs)))]
                }
    else:  # allOf
        parts = draw(st.lists(schemas(keys, depth + 1, v31), min_size=1, max_size=3))
        schema = {"allOf": parts}
    if rarely(draw, 5):
        if v31 and isinstance(schema.get("type"), str):
            schema["type"] = [schema["type"], "null"]
        else:
            schema["nullable"] = True
    if rarely(draw, 3):
        schema["description"] = draw(texts())
    if rarely(draw, 8):
        schema["title"] = draw(texts())
    if rarely(draw, 4):
        enum = schema.get("enum")
        typed: dict[Any, st.SearchStrategy[Any]] = {
            "string": names(),
            "integer": st.integers(),
            "number": st.floats(allow_nan=False, allow_infinity=False),
            "boolean": st.booleans(),
            "array": st.lists(json_scalars, max_size=2),
        }
        kind_of = schema.get("type")
        kind_of = kind_of[0] if isinstance(kind_of, list) else kind_of
        wanted = st.sampled_from(enum) if enum else typed.get(kind_of, json_values)
        schema["default"] = draw(json_values if rarely(draw, 9) else wanted)
    if rarely(draw, 10):
        schema["example"] = draw(json_values)
    if rarely(draw, 10):
        schema["readOnly"] = True
    if rarely(draw, 12):
        schema["x-" + draw(names())] = draw(json_values)
    return schema


@st.composite
def extensions(draw: Any, properties: list[str]) -> Any:
    """A random, mostly wrong `x-statusgen` value over the schema's property names."""
    paths = st.sampled_from(properties) | names()
    values = st.lists(names() | st.sampled_from(STATUS_WORDS), max_size=3)
    return draw(
        st.one_of(
            st.fixed_dictionaries(
                {"state": paths},
                optional={
                    "success": values,
                    "failure": values,
                    "canceled": values,
                    "terminal": values,
                    "error": paths,
                    "result": paths,
                    "progress": st.fixed_dictionaries(
                        {}, optional={"current": paths, "total": paths, "message": paths}
                    ),
                    "outcome": st.fixed_dictionaries(
                        {"path": paths},
                        optional={
                            "failure_min": json_scalars,
                            "failure_if_present": json_scalars,
                            "success": values,
                        },
                    ),
                },
            ),
            st.dictionaries(names(), json_values, max_size=2),
            json_values,
        )
    )


@st.composite
def status_component(draw: Any, keys: list[str], v31: bool) -> dict[str, Any]:
    """An object that usually is a status model: a state enum with success and failure words."""
    state = draw(st.sampled_from(["status", "state", "jobState"]) | names())
    values = draw(st.lists(st.sampled_from(STATUS_WORDS) | names(), max_size=3))
    values = list(dict.fromkeys(["running", "succeeded", "failed", *values]))
    properties: dict[str, Any] = {state: {"type": "string", "enum": values}}
    properties.update(draw(st.dictionaries(names(), schemas(keys, 1, v31), max_size=3)))
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if draw(st.booleans()):
        schema["required"] = [state]
    if rarely(draw, 4):
        schema["x-statusgen"] = draw(extensions(list(properties)))
    return schema


@st.composite
def documents(draw: Any) -> dict[str, Any]:
    v31 = draw(st.booleans())
    keys = draw(st.lists(component_keys(), min_size=1, max_size=4, unique=True))
    job = "Job" if draw(st.booleans()) else None
    all_keys = keys + ([job] if job and job not in keys else [])
    components = {key: draw(schemas(all_keys, 0, v31)) for key in keys}
    if job:
        components[job] = draw(status_component(all_keys, v31))
    info: dict[str, Any] = {"title": draw(texts()), "version": draw(texts())}
    if rarely(draw, 2):
        info["description"] = draw(texts())
    package = draw(names()) if rarely(draw, 15) else PACKAGE
    info["x-statusgen"] = {"package": package}
    document: dict[str, Any] = {
        "openapi": "3.1.0" if v31 else "3.0.3",
        "info": info,
        "paths": {},
    }
    if components or draw(st.booleans()):
        document["components"] = {"schemas": components}
    if job and draw(st.integers(0, 2)):
        document["paths"] = draw(paths(job))
    if not v31 and rarely(draw, 2):
        swagger: dict[str, Any] = draw(as_swagger2(document, job))
        return swagger
    return document


SWAGGER2_TYPES = ["string", "integer", "number", "boolean", "array", "file"]
COLLECTION_FORMATS = ["csv", "ssv", "tsv", "pipes", "multi"]


@st.composite
def swagger2_parameters(draw: Any) -> dict[str, Any]:
    """A 2.0 parameter that carries its own type: every type, arrays with `items` (now and
    then a tuple-style list) and a `collectionFormat`, enums (on an array too), `type: file`."""
    kind = draw(st.sampled_from(SWAGGER2_TYPES))
    where = "formData" if kind == "file" else draw(st.sampled_from(["query", "header", "formData"]))
    param: dict[str, Any] = {"name": draw(names()), "in": where, "type": kind}
    if kind == "array":
        item = {"type": draw(st.sampled_from(SWAGGER2_TYPES[:4]))}
        param["items"] = [item] if rarely(draw, 5) else item
        param["collectionFormat"] = draw(st.sampled_from(COLLECTION_FORMATS))
    if kind in ("string", "array") and rarely(draw, 2):
        param["enum"] = draw(st.lists(names() | st.sampled_from(STATUS_WORDS), min_size=1,
                                      max_size=3, unique=True))
    if kind in ("integer", "number") and rarely(draw, 3):
        param["format"] = draw(st.sampled_from(["int32", "int64", "float", "double"]))
    if rarely(draw, 3):
        param["required"] = draw(st.booleans())
    return param


def swagger2_refs(node: Any) -> Any:
    """A 3.0 fragment as 2.0 writes it: refs into `definitions`, `x-nullable`."""
    if isinstance(node, list):
        return [swagger2_refs(v) for v in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "$ref" and isinstance(value, str):
            value = value.replace("#/components/schemas/", "#/definitions/")
        out["x-nullable" if key == "nullable" else key] = swagger2_refs(value)
    return out


@st.composite
def as_swagger2(draw: Any, document: dict[str, Any], job: str | None) -> dict[str, Any]:
    """The document in Swagger 2.0: definitions, parameters of every type, `$ref`s with
    siblings, `items` lists, downloads (`type: file`) beside the status GET."""
    definitions = swagger2_refs(document.get("components", {}).get("schemas", {}))
    for schema in definitions.values():
        properties = schema.get("properties") if isinstance(schema, dict) else None
        if isinstance(properties, dict) and definitions and rarely(draw, 2):
            target = draw(st.sampled_from(sorted(definitions)))
            sibling = {"$ref": swagger2_refs(ref_to(target))["$ref"], "description": draw(texts())}
            if rarely(draw, 2):
                sibling["readOnly"] = True
            properties[draw(names())] = sibling
            if rarely(draw, 2):
                properties[draw(names())] = {"type": "array", "items": [sibling]}
    result: dict[str, Any] = {
        "swagger": "2.0",
        "info": document["info"],
        "host": "example.com",
        "paths": {},
        "definitions": definitions,
    }
    if job is None or not document["paths"]:
        return result
    (path, item), *_ = document["paths"].items()
    param = path.split("{", 1)[1].rstrip("}")
    parameters = [{"name": param, "in": "path", "required": True, "type": "string"}]
    parameters += draw(st.lists(swagger2_parameters(), max_size=4))
    body = swagger2_refs(ref_to(job))
    if rarely(draw, 2):
        body["description"] = draw(texts())  # a $ref with siblings
    get = {"operationId": item["get"]["operationId"], "parameters": parameters,
           "responses": {"200": {"description": "ok", "schema": body}}}
    if rarely(draw, 3):
        get["produces"] = draw(st.sampled_from([["application/json"], ["application/pdf"]]))
    result["paths"][path] = {"get": get}
    download = {"get": {"parameters": parameters[:1], "produces": ["application/octet-stream"],
                        "responses": {"200": {"description": "file", "schema": {"type": "file"}}}}}
    result["paths"][path + "/content"] = download
    return result


@st.composite
def paths(draw: Any, job: str) -> dict[str, Any]:
    """A GET status operation for `job` (sometimes a 202-then-200 result one, a cancel one)."""
    param = draw(st.sampled_from(["jobId", "id", "from"]) | names())
    segment = draw(st.sampled_from(["jobs", "operations"]) | names())
    path = f"/{segment}/{{{param}}}"
    parameters: list[dict[str, Any]] = [
        {"name": param, "in": "path", "required": True, "schema": {"type": "string"}}
    ]
    if draw(st.booleans()):
        parameters.append(
            {"name": draw(names()), "in": "header", "schema": {"type": "string", "enum": [
                draw(names())]}}
        )
    body = {"application/json": {"schema": ref_to(job)}}
    responses: dict[str, Any] = {"200": {"description": draw(texts()) or "ok", "content": body}}
    if rarely(draw, 3):
        responses = {
            "202": {"description": "running", "content": body},
            "200": {
                "description": "done",
                "content": {"application/json": {"schema": draw(schemas([job], 1, False))}},
            },
        }
    operation: dict[str, Any] = {"operationId": draw(names()), "parameters": parameters,
                                 "responses": responses}
    if draw(st.booleans()):
        operation["description"] = draw(texts())
    result = {path: {"get": operation}}
    if rarely(draw, 3):
        result[path + "/cancel"] = {
            "get": {"parameters": parameters[:1], "responses": {"204": {"description": "ok"}}}
        }
    return result


def serialise(document: dict[str, Any], style: int) -> tuple[str, bytes]:
    """The document as a file: YAML or JSON, ASCII-escaped or not."""
    if style == 0:
        return "spec.json", json.dumps(document, ensure_ascii=True).encode()
    if style == 1:
        return "spec.json", json.dumps(document, ensure_ascii=False).encode("utf-8", "replace")
    text = yaml.safe_dump(document, allow_unicode=style == 2, sort_keys=False)
    return "spec.yaml", text.encode("utf-8", "replace")


# --- payloads from the IR ---------------------------------------------------------------------

UTC = datetime.timezone.utc
OFFSETS = [0, 330, -480, 840, -720, 60]


def canonical_datetime(moment: datetime.datetime) -> str:
    text = moment.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


datetimes = st.builds(
    lambda naive, minutes, micro: canonical_datetime(
        naive.replace(microsecond=micro, tzinfo=datetime.timezone(
            datetime.timedelta(minutes=minutes)))
    ),
    st.datetimes(min_value=datetime.datetime(1, 1, 2), max_value=datetime.datetime(9999, 12, 30)),
    st.sampled_from(OFFSETS),
    st.sampled_from([0, 0, 1, 123456, 999999]),
)


class Unbuildable(Exception):
    """A required field needs more nesting than the payload budget allows."""


@dataclasses.dataclass
class Payloads:
    """Draws a valid wire payload for any type of one generated package."""

    package: ir.Package
    draw: Callable[[st.SearchStrategy[Any]], Any]
    uncertain: bool = False

    def __post_init__(self) -> None:
        self.models = {m.name: m for m in self.package.models}
        self.enums = {e.name: e for e in self.package.enums}
        self.unions = {u.name: u for u in self.package.unions}

    def value(self, t: ir.TypeRef, depth: int) -> Any:
        draw = self.draw
        if isinstance(t, ir.NullableType):
            return None if rarely(draw, 3) else self.value(t.inner, depth)
        if isinstance(t, ir.PrimitiveType):
            strategy: st.SearchStrategy[Any] = {
                "str": st.text(max_size=8),
                "int": st.integers(min_value=-(2**63), max_value=2**63),
                "float": st.floats(allow_nan=False, allow_infinity=False),
                "bool": st.booleans(),
            }[t.python]
            return draw(strategy)
        if isinstance(t, ir.DateTimeType):
            return draw(datetimes)
        if isinstance(t, ir.DateType):
            return draw(st.dates()).isoformat()
        if isinstance(t, kinds.UuidType):
            return str(draw(st.uuids()))
        if isinstance(t, ir.AnyType):
            return draw(json_values)
        if isinstance(t, ir.EnumRef):
            members = [m.value for m in self.enums[t.name].members]
            return draw(st.sampled_from(members) | st.text(max_size=6)) if members else ""
        if depth > 4:
            raise Unbuildable
        if isinstance(t, ir.ArrayType):
            count = draw(st.integers(0, 2))
            return [self.value(t.item, depth + 1) for _ in range(count)]
        if isinstance(t, ir.MapType):
            keys = draw(st.lists(st.text(max_size=5), max_size=2, unique=True))
            return {k: self.value(t.value, depth + 1) for k in keys}
        if isinstance(t, ir.ModelRef):
            return self.model(self.models[t.name], depth + 1)
        if isinstance(t, ir.UnionRef):
            self.uncertain = True  # a valid variant payload may look like another variant
            union = self.unions[t.name]
            variant = draw(st.sampled_from(union.variants))
            value = self.value(variant.type, depth + 1)
            if union.discriminator and isinstance(value, dict) and variant.discriminator_values:
                value[union.discriminator] = draw(st.sampled_from(variant.discriminator_values))
            return value
        raise AssertionError(f"unknown type {t!r}")

    def model(self, model: ir.Model, depth: int) -> dict[str, Any]:
        draw = self.draw
        payload: dict[str, Any] = {}
        for f in model.fields:
            if not f.required:
                choice = draw(st.integers(0, 3))
                if choice == 0 or depth > 4:
                    continue
                if choice == 1 and f.accepts_null:
                    payload[f.wire_name] = None
                    continue
            elif f.accepts_null and rarely(draw, 4):
                payload[f.wire_name] = None
                continue
            payload[f.wire_name] = self.value(f.value_type, depth)
        declared = {f.wire_name for f in model.fields}
        if model.extra.mode != "forbid" and draw(st.booleans()):
            for key in draw(st.lists(st.text(max_size=6), max_size=2, unique=True)):
                if key in declared:
                    continue
                if model.extra.value_type is None:
                    payload[key] = draw(json_values)
                else:
                    payload[key] = self.value(model.extra.value_type, depth + 1)
        return payload


# --- the import-and-round-trip child ----------------------------------------------------------

CHILD = r"""
import importlib, io, json, os, sys, traceback
out, package = sys.argv[1], sys.argv[2]
FORBIDDEN = ("socket.", "subprocess.", "os.system", "os.exec", "os.spawn", "os.posix_spawn",
             "os.fork", "os.kill", "os.remove", "os.unlink", "os.rmdir", "os.rename",
             "os.replace", "os.mkdir", "os.symlink", "os.link", "os.truncate", "os.chmod",
             "os.chown", "os.putenv", "os.unsetenv", "os.chdir", "shutil.", "urllib.Request",
             "ctypes.", "builtins.input", "webbrowser.", "http.client.", "ftplib.", "smtplib.",
             "sqlite3.", "pty.", "os.startfile", "winreg.", "signal.")
WRITE = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
importing = True
events = []
def hook(event, args):
    if not importing:
        return
    if event == "open":
        mode, flags = args[1], args[2]
        if (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & WRITE
        ):
            events.append(f"open for writing: {args[0]!r}")
    elif event.startswith(FORBIDDEN):
        events.append(event)
sys.addaudithook(hook)
sys.path.insert(0, out)
real = sys.stdout, sys.stderr
sys.stdout, sys.stderr = io.StringIO(), io.StringIO()
try:
    module = importlib.import_module(package)
    import_error = None
except BaseException:
    module, import_error = None, traceback.format_exc()
printed = sys.stdout.getvalue() + sys.stderr.getvalue()
sys.stdout, sys.stderr = real
importing = False
report = {"printed": printed, "events": events, "import_error": import_error, "results": []}
if module is not None:
    report["missing"] = [n for n in module.__all__ if not hasattr(module, n)]
    for name, payload in json.load(sys.stdin):
        result = {"model": name}
        try:
            cls = getattr(module, name)
            try:
                model = cls.from_dict(payload)
            except module.ValidationError as exc:
                result["invalid"] = str(exc)
            else:
                wire = model.to_dict()
                result["round_trip"] = cls.from_dict(wire) == model
                result["json_round_trip"] = cls.from_json(model.to_json()) == model
                result["same_wire"] = json.dumps(wire, sort_keys=True) == json.dumps(
                    payload, sort_keys=True)
                if not result["same_wire"]:
                    result["wire"] = json.dumps(wire, sort_keys=True, default=repr)
        except BaseException:
            result["crash"] = traceback.format_exc()
        report["results"].append(result)
print(json.dumps(report))
"""


def listing(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))


def run_child(out: Path, package: str, payloads: list[tuple[str, Any]]) -> dict[str, Any]:
    """Import the package in a fresh interpreter in an empty directory; round-trip payloads."""
    with tempfile.TemporaryDirectory() as empty:
        before = listing(out)
        result = subprocess.run(
            [sys.executable, "-I", "-S", "-B", "-c", CHILD, str(out), package],
            cwd=empty,
            input=json.dumps(payloads),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0 and result.stderr == "", result.stderr
        assert os.listdir(empty) == [], f"importing created {os.listdir(empty)} in the cwd"
        assert listing(out) == before, "importing changed the package directory"
    report: dict[str, Any] = json.loads(result.stdout)
    return report


# --- the property -----------------------------------------------------------------------------


@dataclasses.dataclass
class Stats:
    examples: int = 0
    generated: int = 0
    refused: int = 0
    payloads: int = 0
    round_trips: int = 0
    swagger2_generated: int = 0
    cli_runs: int = 0
    mypy_packages: int = 0
    seconds: float = 0.0


def check_error_lines(lines: list[str]) -> None:
    assert lines, "SpecErrors without a line"
    for line in lines:
        assert ERROR_LINE.match(line), f"not a FILE: POINTER: message line: {line!r}"
        assert "Traceback" not in line and "internal error" not in line


def cli_agrees(
    spec: Path, project: bool, expected: dict[str, str] | None, lines: list[str] | None
) -> None:
    """The real CLI in a subprocess gives the same files (or the same error lines)."""
    out = spec.parent / "cli-out"
    flags = ["--project"] if project else []
    result = subprocess.run(
        [sys.executable, "-m", "statusgen", "generate", spec.name, "--out", out.name, *flags],
        cwd=spec.parent,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in result.stderr, result.stderr
    if lines is not None:
        assert result.returncode == 2, result.stderr
        assert result.stderr.splitlines() == lines
        assert not out.exists()
        return
    assert result.returncode == 0, result.stderr
    assert expected is not None
    written = {
        p.relative_to(out).as_posix(): p.read_text(encoding="utf-8")
        for p in out.rglob("*")
        if p.is_file()
    }
    assert written == expected


def one_example(data: Any, stats: Stats, batch: Path) -> None:
    stats.examples += 1
    document = data.draw(documents(), label="document")
    name, raw = serialise(document, data.draw(st.integers(0, 3), label="format"))
    with tempfile.TemporaryDirectory() as tmp:
        spec = Path(tmp) / name
        spec.write_bytes(raw)
        use_cli = stats.examples % CLI_EVERY == 1
        project = data.draw(st.booleans(), label="--project")
        try:
            result = pipeline.generate(RunOptions.of([spec], project=project))
        except SpecErrors as exc:
            stats.refused += 1
            check_error_lines(exc.lines())
            if use_cli:
                stats.cli_runs += 1
                # the CLI prints each line with its line and column, looked up on printing
                cli_agrees(spec, project, None, SpecErrors(locate(exc.errors)).lines())
            return
        stats.generated += 1
        stats.swagger2_generated += "swagger" in document
        (package,) = result.packages
        out = Path(tmp) / "out"
        for relative, text in result.files.items():
            if relative.endswith(".py"):
                compile(text, relative, "exec", dont_inherit=True)
            elif relative.endswith(".md"):
                first = text.splitlines()[0]
                assert first.startswith("<!-- ") and first.endswith(" -->"), first
                assert first.count("-->") == 1 and "--" not in first[4:-4], first
            elif relative.endswith(".toml") and sys.version_info >= (3, 11):
                import tomllib

                toml = tomllib.loads(text)["project"]
                assert toml["name"] == package.name
                suffix = " and pollers" if package.pollers else ""
                assert toml["description"] == (
                    f"{package.title}: typed models{suffix}, generated by statusgen"
                )
            target = out / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        payloads: list[tuple[str, Any]] = []
        uncertain: list[bool] = []
        for model in package.models:
            for _ in range(data.draw(st.integers(1, 3), label="payload count")):
                builder = Payloads(package, data.draw)
                try:
                    payloads.append((model.name, builder.model(model, 0)))
                except Unbuildable:
                    continue
                uncertain.append(builder.uncertain)
        report = run_child(out, package.name, payloads)
        assert report["import_error"] is None, report["import_error"]
        assert report["printed"] == "", f"importing printed {report['printed']!r}"
        assert report["events"] == [], f"importing did {report['events']}"
        assert report["missing"] == [], f"__all__ names missing: {report['missing']}"
        for (model_name, payload), unsure, outcome in zip(
            payloads, uncertain, report["results"], strict=True
        ):
            stats.payloads += 1
            context = f"{model_name} from {json.dumps(payload)}: {outcome}"
            assert "crash" not in outcome, context
            if "invalid" in outcome:
                assert unsure, context  # only a union's payload may be read as another variant
                continue
            stats.round_trips += 1
            assert outcome["round_trip"] and outcome["json_round_trip"], context
            assert outcome["same_wire"] or unsure, context
        if use_cli:
            stats.cli_runs += 1
            cli_agrees(spec, project, result.files, None)
            for relative in ("models.py", "pollers.py"):
                text = result.files.get(f"{package.name}/{relative}")
                if text is not None:  # formatted in pieces, still what black makes of the whole
                    assert format_source(relative, text) == text, relative
        if stats.mypy_packages < MYPY_SAMPLE and stats.generated % 3 == 1:
            stats.mypy_packages += 1
            shutil.copytree(out / package.name, batch / f"p{stats.generated:05d}")
            (batch / f"p{stats.generated:05d}.spec{spec.suffix}").write_bytes(raw)


@pytest.mark.slow  # fuzzing, with mypy and ruff in processes
@pytest.mark.skipif(EXAMPLES <= 0, reason="STATUSGEN_FUZZ_EXAMPLES=0")
def test_fuzz_the_pipeline_with_hostile_specs(tmp_path: Path) -> None:
    batch = tmp_path / "mypy"
    batch.mkdir()
    stats = Stats()
    started = time.monotonic()

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        print_blob=True,
    )
    @given(st.data())
    def fuzz(data: Any) -> None:
        one_example(data, stats, batch)

    fuzz()
    sample = sorted(p.name for p in batch.iterdir() if p.is_dir())
    if sample:
        mypy = subprocess.run(
            [sys.executable, "-m", "mypy", "--strict", *sample],
            cwd=batch,
            capture_output=True,
            text=True,
            timeout=1800,
        )
        assert mypy.returncode == 0, mypy.stdout[-5000:] + mypy.stderr[-2000:]
        ruff = subprocess.run(
            [sys.executable, "-m", "ruff", "check", "--isolated", "--select",
             "E,F,W,I,UP,B", "--ignore", "E501", "--target-version", "py310", "."],
            cwd=batch,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert ruff.returncode == 0, ruff.stdout[-5000:]
    stats.seconds = round(time.monotonic() - started, 1)
    print(f"\nfuzz: {json.dumps(dataclasses.asdict(stats))}")
    assert stats.generated > 0, "no example generated anything: the strategies are too hostile"


# --- what the fuzzer found, kept ----------------------------------------------------------------

JOB = {
    "type": "object",
    "properties": {"status": {"type": "string", "enum": ["running", "succeeded", "failed"]}},
}
REGRESSIONS: dict[str, dict[str, Any]] = {
    # A package named like the standard-library module its runtime imports.
    "package_dataclasses": {
        "openapi": "3.0.3",
        "info": {"title": "", "version": "", "x-statusgen": {"package": "dataclasses"}},
        "paths": {},
        "components": {"schemas": {"from": {"type": "string"}}},
    },
    # Classes named I, I1, I2_2, I22: ruff's import order.
    "isort_names": {
        "openapi": "3.0.3",
        "info": {"title": "", "version": "", "x-statusgen": {"package": PACKAGE}},
        "paths": {},
        "components": {
            "schemas": {k: {"type": "object"} for k in ("I", "I1", "I2_2", "I22", "Ab", "AB")}
        },
    },
    # Only an enum: models.py imported nothing from the standard library, and the import
    # block began with blank lines ruff refused; members I and O are ambiguous names (E741).
    "only_an_enum": {
        "openapi": "3.0.3",
        "info": {"title": "", "version": "", "x-statusgen": {"package": PACKAGE}},
        "paths": {},
        "components": {"schemas": {"Y": {"type": "string", "enum": ["İ", "Ô", "l", "done"]}}},
    },
    # A class I, an attribute l, a path parameter l: E741/E742.
    "ambiguous_names": {
        "openapi": "3.0.3",
        "info": {"title": "", "version": "", "x-statusgen": {"package": PACKAGE}},
        "paths": {
            "/i/{l}": {
                "get": {
                    "parameters": [
                        {"name": "l", "in": "path", "required": True, "schema": {"type": "string"}}
                    ],
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {"application/json": {"schema": ref_to("I")}},
                        }
                    },
                }
            }
        },
        "components": {
            "schemas": {
                "I": {
                    "type": "object",
                    "properties": {
                        "l": {"type": "integer"},
                        "O": {"type": "string", "enum": ["running", "succeeded", "failed"]},
                    },
                },
            }
        },
    },
    # A model without fields: mypy --strict wanted a type for its empty key set.
    "empty_model": {
        "openapi": "3.0.3",
        "info": {"title": "", "version": "", "x-statusgen": {"package": PACKAGE}},
        "paths": {},
        "components": {"schemas": {"Empty": {"type": "object", "properties": {}}}},
    },
    # A result poller whose result is a nullable union: `Alias | None` in a class base.
    "nullable_union_result": {
        "openapi": "3.1.0",
        "info": {"title": "", "version": "", "x-statusgen": {"package": PACKAGE}},
        "paths": {
            "/jobs/{jobId}": {
                "get": {
                    "operationId": "",
                    "parameters": [
                        {"name": "jobId", "in": "path", "required": True,
                         "schema": {"type": "string"}}
                    ],
                    "responses": {
                        "202": {
                            "description": "running",
                            "content": {"application/json": {"schema": ref_to("Job")}},
                        },
                        "200": {
                            "description": "done",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "oneOf": [
                                            {"type": "object",
                                             "properties": {"": {"type": "string"}}},
                                            ref_to("Job"),
                                            {"type": "null"},
                                        ]
                                    }
                                }
                            },
                        },
                    },
                }
            }
        },
        "components": {"schemas": {"Job": JOB}},
    },
    # A self-referring union: the validator (in its child process) dies of a PanicException,
    # which is a warning; `b = A | b` means `A`, so it generates.
    "self_referring_union_panics_the_validator": {
        "openapi": "3.1.0",
        "info": {"title": "", "version": "", "x-statusgen": {"package": "fuzzpkg"}},
        "paths": {},
        "components": {
            "schemas": {
                "A": {
                    "oneOf": [
                        {"type": "object", "properties": {"\\": {"type": "string"}}},
                        {"type": "object", "properties": {"\\": {"type": "string"}}},
                    ],
                    "default": {"R": "A."},
                },
                "b": {
                    "oneOf": [
                        {"$ref": "#/components/schemas/A"},
                        {"$ref": "#/components/schemas/b"},
                    ],
                    "discriminator": {"propertyName": ""},
                    "default": {"R": "A."},
                },
            }
        },
    },
}
REFUSED = {"package_dataclasses"}


@pytest.mark.slow  # fuzzing, with mypy and ruff in processes
def test_what_the_fuzzer_found_stays_fixed(tmp_path: Path) -> None:
    """Documents that once broke an invariant, through the same checks (and one mypy run)."""
    batch = tmp_path / "mypy"
    batch.mkdir()
    for name, document in REGRESSIONS.items():
        spec = tmp_path / name / "spec.json"
        spec.parent.mkdir()
        spec.write_text(json.dumps(document), encoding="utf-8")
        if name in REFUSED:
            with pytest.raises(SpecErrors) as caught:
                pipeline.generate(RunOptions.of([spec]))
            check_error_lines(caught.value.lines())
            continue
        result = pipeline.generate(RunOptions.of([spec]))
        out = spec.parent / "out"
        for relative, text in result.files.items():
            target = out / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        report = run_child(out, result.packages[0].name, [])
        assert report["import_error"] is None, f"{name}: {report['import_error']}"
        assert report["printed"] == "" and report["events"] == [], name
        shutil.copytree(out / result.packages[0].name, batch / name)
    mypy = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict",
         *sorted(p.name for p in batch.iterdir())],
        cwd=batch,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert mypy.returncode == 0, mypy.stdout[-5000:]
    ruff = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--isolated", "--select", "E,F,W,I,UP,B",
         "--ignore", "E501", "--target-version", "py310", "."],
        cwd=batch,
        capture_output=True,
        text=True,
    )
    assert ruff.returncode == 0, ruff.stdout[-5000:]
