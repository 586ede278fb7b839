"""A plain default checked as openapi-schema-validator's OAS30Validator checks it.

The validator checks every `default` (and, in Swagger 2.0, every parameter's) against its
schema; published Swagger 2.0 descriptions have them on most query parameters. Here only a
scalar default of a schema made of nothing but `type`, `format`, `enum` and the bounds is
answered, by the rules of openapi-schema-validator 0.9's OAS30Validator (its type checker,
its format checker's numeric formats, jsonschema's draft 4 bounds); anything else is not
(`clean.surely_clean` then leaves the spec to the validator).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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
CHECKED = frozenset({"type", "format", "enum", "minimum", "maximum", "minLength", "maxLength"})


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


def default_valid(schema: dict[str, Any], value: Any) -> bool:
    """Whether the validator surely finds `value` valid against `schema`."""
    if value is None or isinstance(value, (dict, list)):
        return False
    if any(k not in CHECKED and k not in IGNORED and not k.startswith("x-") for k in schema):
        return False
    kind = schema.get("type")
    if not isinstance(kind, str) or kind not in TYPES or not TYPES[kind](value):
        return False
    if "format" in schema and not FORMATS.get(schema["format"], _never)(value):
        return False
    if "enum" in schema and not _listed(schema["enum"], value):
        return False
    return _within(schema, value)


def _never(value: Any) -> bool:
    return False


def _listed(choices: Any, value: Any) -> bool:
    """Listed with its own type: jsonschema's `equal` then surely holds too."""
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
    for key in ("minLength", "maxLength"):
        if key in schema:
            bound = schema[key]
            if not isinstance(bound, int) or isinstance(bound, bool):
                return False
            size = len(value) if isinstance(value, str) else bound
            if size < bound if key == "minLength" else size > bound:
                return False
    return True
