"""Validator findings that statusgen reads past without doubt: warnings, not errors.

The OpenAPI validator objects to constructs whose meaning is certain and which statusgen
generates right; the user rarely owns the spec, so such a finding in a generated part is a
warning that says how it was read (`--strict` still makes it an error). Anything whose code
would be wrong or a guess stays an error. docs/specs.md's validation section lists both kinds.
"""

from __future__ import annotations

import re
from typing import Any

SCHEMA_TYPES = frozenset({"string", "integer", "number", "boolean", "array", "object", "null"})
_UNEXPECTED = re.compile(r"^'([^']+)' does not match any of the regexes: '\^x-'$")
_ADDITIONAL = re.compile(
    r"^Additional properties are not allowed \((.+) (?:was|were) unexpected\)$"
)
VALUE_KEYWORDS = frozenset({"const", "examples", "$schema", "$id", "$comment", "id"})
"""Keywords of newer JSON Schema drafts read as 3.1 reads them (`const` is honoured)."""


def understood(error: Any, tokens: list[str], message: str) -> str | None:
    """How statusgen reads what `error` objects to, when that is certain; else None."""
    instance = getattr(error, "instance", None)
    keyword = getattr(error, "validator", None)
    if (
        keyword == "type"
        and tokens[-1:] == ["type"]
        and isinstance(instance, list)
        and instance
        and all(isinstance(t, str) and t in SCHEMA_TYPES for t in instance)
    ):
        return "a list of types (OpenAPI 3.1's form): read as a value of any of them"
    if instance is None and "type" in tokens[-2:]:
        return 'an unquoted YAML null in `type`: read as "null"'
    if keyword == "enum" and tokens[-1:] == ["type"] and instance == "null":
        return "OpenAPI 3.1's null type: read as null"
    if keyword == "type" and isinstance(instance, bool) and _in_schema(tokens):
        return "a boolean schema (JSON Schema's): `true` takes any value, `false` none"
    if tokens[-1:] == ["items"] and isinstance(instance, list):
        return "a list of item schemas (tuple form): read as an array of their values"
    found = _UNEXPECTED.match(message) or _ADDITIONAL.match(message)
    if found is not None and _in_schema(tokens):
        keys = found.group(1) if found.re is _ADDITIONAL else f"'{found.group(1)}'"
        return (
            f"{keys} is not an OpenAPI keyword here: read as JSON Schema reads it "
            "(`const` is kept, other keywords are ignored)"
        )
    if (
        keyword == "maxProperties"
        and tokens[-1:] == ["content"]
        and "parameters" in tokens
        and isinstance(instance, dict)
    ):
        return "a parameter with several media types: its value is read as any JSON value"
    if keyword == "required":
        return _missing(tokens, message)
    parameter = getattr(getattr(error, "parent", None), "instance", None)
    if (
        tokens[-1:] == ["in"]
        and instance == "path"
        and isinstance(parameter, dict)
        and parameter.get("required") is not True
    ):
        return "a path parameter without `required: true`: read as required, as it always is"
    return None


def _missing(tokens: list[str], message: str) -> str | None:
    """A required member left out whose absence changes nothing generated."""
    if message == "'description' is a required property":
        if len(tokens) > 3 and tokens[0] == "paths" and tokens[-2] == "responses":
            return "a response without a description: nothing generated reads it"
    if message == "'responses' is a required property":
        if len(tokens) == 3 and tokens[0] == "paths":
            return "an operation without responses: it declares no answer, so none is read"
    return None


def _in_schema(tokens: list[str]) -> bool:
    """Whether the place is inside a schema (where unknown keywords can only constrain)."""
    return any(t in ("schemas", "definitions", "schema", "properties", "items") for t in tokens)
