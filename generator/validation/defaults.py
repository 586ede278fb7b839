"""A plain default checked as openapi-schema-validator's OAS30Validator checks it.

The validator checks every `default` (and, in Swagger 2.0, every parameter's) against its
schema; published Swagger 2.0 descriptions have them on most query parameters. Here a default
that is not an object is answered when its schema uses only the keywords below (`CHECKED`, and
those the validator implements as nothing, `IGNORED`), by the rules of openapi-schema-validator
0.9's OAS30Validator: its type checker and `nullable`, the formats its checker knows or cannot
check, `enum`, draft 4's bounds, `items`, `pattern`, and `anyOf`/`allOf`/`oneOf` of parts
without a `$ref`. Anything else is not answered (`clean.surely_clean` then leaves the spec to
the validator); `tests/validation/test_clean_specs.py` compares every answer with
OAS30Validator's.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections.abc import Callable
from typing import Any

from .fast import python_regex
from .settings import installed_versions

Check = Callable[[Any], bool]

IGNORED = frozenset(
    {
        # not keywords of OAS30Validator, or keywords it implements as nothing (or, for
        # `required`, as nothing on a value that is not an object)
        "name",
        "in",
        "description",
        "title",
        "required",
        "collectionFormat",
        "allowEmptyValue",
        "example",
        "deprecated",
        "readOnly",
        "writeOnly",
        "externalDocs",
        "xml",
        "default",
        "nullable",
    }
)
CHECKED = frozenset(
    {"type", "format", "enum", "minimum", "maximum", "minLength", "maxLength", "items"}
    | {"minItems", "maxItems", "anyOf", "allOf", "oneOf", "pattern"}
)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


TYPES: dict[str, Check] = {
    "string": lambda value: isinstance(value, str),
    "integer": lambda value: isinstance(value, int) and not isinstance(value, bool),
    "number": _number,
    "boolean": lambda value: isinstance(value, bool),
}
"""OAS30Validator's type checker (`oas30_type_checker`) on what a spec's YAML or JSON holds."""
FORMATS: dict[str, Check] = {
    "int32": lambda value: not isinstance(value, int) or -(1 << 31) <= value < 1 << 31,
    "int64": lambda value: not isinstance(value, int) or -(1 << 63) <= value < 1 << 63,
    "float": lambda value: True,
    "double": lambda value: True,
    "password": lambda value: True,
    "binary": lambda value: True,
}
"""The formats whose check is known here, on numbers, strings and booleans (a bool is an int
to `isinstance`, and their int32/int64 checks pass a bool; so do these)."""
CHECKABLE = frozenset(
    {"email", "idn-email", "ipv4", "ip-address", "ipv6", "hostname", "host-name"}
    | {"idn-hostname", "uri", "uri-reference", "iri", "iri-reference", "date-time", "time"}
    | {"regex", "date", "color", "json-pointer", "relative-json-pointer", "uri-template"}
    | {"duration", "uuid", "int32", "int64", "float", "double", "binary", "byte", "password"}
)
"""Every format jsonschema's format module (4.x) or openapi-schema-validator can register: the
checker passes any other format unchecked."""
JSONSCHEMA = {"jsonschema": "4.26.0"}
"""The release whose format module `LIBRARY_FORMATS` was read from."""
URI_LIBRARIES = ("rfc3987", "rfc3986_validator")
"""What makes jsonschema check `uri` and its kin (the formats 2020-12's meta-schemas name too):
with either importable, those checks are left to the validator."""
LIBRARY_FORMATS = {
    "uri": URI_LIBRARIES[:1],
    "iri": URI_LIBRARIES[:1],
    "iri-reference": URI_LIBRARIES[:1],
    "uri-reference": URI_LIBRARIES,
}
"""Formats jsonschema registers only with one of these libraries importable."""


def default_valid(schema: dict[str, Any], value: Any) -> bool:
    """Whether the validator surely finds `value` valid against `schema`."""
    if isinstance(value, dict):
        return False
    if any(k not in CHECKED and k not in IGNORED and not k.startswith("x-") for k in schema):
        return False
    if not _type_valid(schema, value) or not _parts_valid(schema, value):
        return False
    if isinstance(value, list) and not _items_valid(schema, value):
        return False
    if value is not None and "format" in schema and not _format_valid(schema["format"], value):
        return False  # the format keyword passes None
    if "enum" in schema and not _listed(schema["enum"], value):
        return False
    return _within(schema, value)


def _type_valid(schema: dict[str, Any], value: Any) -> bool:
    """OAS30Validator's `type`: None passes where `nullable` is true, whatever the type."""
    if "type" not in schema:
        return True
    kind = schema["type"]
    if value is None:
        return schema.get("nullable") is True
    if kind == "array":
        return isinstance(value, list)
    return isinstance(kind, str) and kind in TYPES and TYPES[kind](value)


def _parts_valid(schema: dict[str, Any], value: Any) -> bool:
    """`anyOf` (one part the value surely meets), `allOf` (every part), and `pattern` as
    jsonschema searches it where openapi-schema-validator has no ECMA engine (`regress`)."""
    for key, enough in (("anyOf", any), ("allOf", all)):
        if key in schema:
            parts = schema[key]
            if not isinstance(parts, list) or not parts or not all(map(_plain, parts)):
                return False  # the validator evaluates parts until one holds: each must be safe
            if not enough(default_valid(part, value) for part in parts):
                return False
    if "oneOf" in schema and not _one_of(schema["oneOf"], value):
        return False
    if "pattern" in schema:
        pattern = schema["pattern"]
        if not isinstance(pattern, str) or not python_regex(pattern):
            return False
        if isinstance(value, str) and re.search(pattern, value) is None:
            return False
    return True


def _one_of(parts: Any, value: Any) -> bool:
    """One part the value surely meets, and every other one it surely fails by its type (the
    validator evaluates every part, to find a second that holds)."""
    if not isinstance(parts, list) or not all(map(_plain, parts)):
        return False
    valid = [default_valid(part, value) for part in parts]
    return valid.count(True) == 1 and all(
        ok or _wrong_type(part, value) for ok, part in zip(valid, parts, strict=True)
    )


def _wrong_type(schema: dict[str, Any], value: Any) -> bool:
    """Whether `value` surely fails `schema`'s `type`."""
    if "type" not in schema:
        return False
    if value is None:
        return schema.get("nullable") is not True
    kind = schema["type"]
    if kind == "array":
        return not isinstance(value, list)
    return isinstance(kind, str) and kind in TYPES and not TYPES[kind](value)


def _plain(part: Any) -> bool:
    """A schema with no `$ref` anywhere in it: evaluating it cannot raise."""
    stack = [part]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if "$ref" in node:
                return False
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return type(part) is dict


def _format_valid(name: Any, value: Any) -> bool:
    if not isinstance(name, str):
        return False
    if name in FORMATS:
        return FORMATS[name](value)
    return name not in CHECKABLE or _unchecked(name)


@functools.cache
def _unchecked(name: str) -> bool:
    """Whether the checker passes `name` unchecked: no library it needs is installed."""
    libraries = LIBRARY_FORMATS.get(name)
    if libraries is None or installed_versions(JSONSCHEMA) != JSONSCHEMA:
        return False
    return not any(importlib.util.find_spec(library) for library in libraries)


def _items_valid(schema: dict[str, Any], value: list[Any]) -> bool:
    """draft 4's array keywords: `items` a schema each element meets (by these rules), and the
    length bounds."""
    items = schema.get("items", {})
    if not isinstance(items, dict) or value and not all(default_valid(items, v) for v in value):
        return False
    return _lengths(schema, ("minItems", "maxItems"), len(value))


def _listed(choices: Any, value: Any) -> bool:
    """Listed with its own type: jsonschema's `equal` then surely holds too."""
    if isinstance(value, list):
        return False  # jsonschema's `equal` tells True from 1 inside a list; == does not
    return isinstance(choices, list) and any(
        type(choice) is type(value) and choice == value for choice in choices
    )


def _within(schema: dict[str, Any], value: Any) -> bool:
    """draft 4's bounds, each applying to numbers or to strings only."""
    for key in ("minimum", "maximum"):
        if key in schema:
            bound = schema[key]
            if not _number(bound):
                return False
            if _number(value) and (value < bound if key == "minimum" else value > bound):
                return False
    return _lengths(
        schema, ("minLength", "maxLength"), len(value) if isinstance(value, str) else None
    )


def _lengths(schema: dict[str, Any], keys: tuple[str, str], size: int | None) -> bool:
    """A lower and an upper length bound, integers both, met by `size` (None: a value the
    keywords do not apply to)."""
    for key in keys:
        if key in schema:
            bound = schema[key]
            if not isinstance(bound, int) or isinstance(bound, bool):
                return False
            if size is not None and (size < bound if key == keys[0] else size > bound):
                return False
    return True
