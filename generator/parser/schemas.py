"""Schema dispatch: which kind a schema is, primitives, arrays, and the nesting limits.

`type_of` is the one entry every other parse module calls for a sub-schema; it follows `$ref`s,
registers named types once and refuses schemas that contain themselves with no class between.
"""

from __future__ import annotations

from typing import Any, TypeVar

from .. import ir, kinds
from ..errors import SpecErrors
from ..input.load import Location
from . import enums, objects, unions
from .context import MAX_SCHEMA_DEPTH, ParseContext
from .names import SpecName

PRIMITIVE_TYPES = ("string", "integer", "number", "boolean")
SCHEMA_TYPES = (*PRIMITIVE_TYPES, "array", "object", "null")
STRING_ONLY_FORMATS = {"date-time", "date", "time", "uuid", "uri", "email", "byte", "binary"}
"""Any string format is allowed (formats are open), but a string format on a number is a
mistake."""
MAX_TYPE_NESTING = 20
"""Arrays and maps directly inside one another (`list[dict[str, list[...]]]`): each level is
a nested expression in the generated code, which Python caps at 200 parentheses."""

_Container = TypeVar("_Container", ir.ArrayType, ir.MapType)


def type_of(ctx: ParseContext, at: Location, node: Any, hint: str) -> ir.TypeRef:
    """The type of the schema `node` found at `at`; named types are registered once."""
    if ctx.depth >= MAX_SCHEMA_DEPTH:
        raise SpecErrors([at.error(f"schemas nested more than {MAX_SCHEMA_DEPTH} levels deep")])
    ctx.depth += 1
    try:
        if isinstance(node, dict) and "$ref" in node:
            target, schema = ctx.spec.follow(at, node)
            found = _schema(ctx, target, schema, ref_name(target, hint))
            return kinds.with_null(found) if _flagged_nullable(node) else found
        return _schema(ctx, at, node, hint)
    finally:
        ctx.depth -= 1


def ref_name(target: Location, hint: str) -> str:
    """A referenced schema is named after where it lives: its component key, else its file."""
    if target.tokens:
        return SpecName(target.tokens[-1])
    return SpecName(target.file.stem) if target.file.stem else hint


def _schema(ctx: ParseContext, at: Location, schema: Any, name: str) -> ir.TypeRef:
    if at in ctx.named:
        if at in ctx.open:
            ctx.recursive.add(at)
        return ctx.named[at]
    if at in ctx.open and not _class_between(ctx, at):
        if ctx.container_between(at):  # a tree of lists or maps: typed to where it recurs
            ctx.warn(
                at,
                "the schema contains itself through an array or map with no object schema "
                "in between: where it recurs, its values are read as any JSON value",
            )
            return ir.AnyType()
        raise SpecErrors(
            [
                at.error(
                    "the schema contains itself with no object schema in between "
                    "(an allOf or a reference of itself), which no class can express"
                )
            ]
        )
    # An array or map reached again through a class inside it (`Resources: list[Resource]`
    # whose Resource holds a Resources) is read again: the class is named already, so the
    # second reading stops there.
    ctx.begin_reading(at)
    try:
        return _unnamed_schema(ctx, at, schema, name)
    finally:
        ctx.end_reading(at)


def _class_between(ctx: ParseContext, at: Location) -> bool:
    """Whether a named type (a model or a union) is being read inside the reading of `at`."""
    inner = ctx.in_progress[ctx.in_progress.index(at) + 1 :]
    return any(place in ctx.named for place in inner)


def _unnamed_schema(ctx: ParseContext, at: Location, schema: Any, name: str) -> ir.TypeRef:
    if isinstance(schema, bool):
        return ir.AnyType() if schema else ir.NeverType()
    if not isinstance(schema, dict):
        raise SpecErrors([at.error("a schema must be a mapping")])
    types, nullable = schema_types(at, schema)
    result, nullable_kind = _kind(ctx, at, schema, types, name)
    return kinds.with_null(result) if nullable or nullable_kind else result


def _flagged_nullable(schema: dict[str, Any]) -> bool:
    """3.0's `nullable: true` or AutoRest's `x-nullable: true`, beside a `$ref` too (a 3.1
    document may use them: Replicate's does)."""
    return schema.get("nullable") is True or schema.get("x-nullable") is True


def _kind(
    ctx: ParseContext, at: Location, schema: dict[str, Any], types: list[str], name: str
) -> tuple[ir.TypeRef, bool]:
    """The type a schema's keywords make, and whether they also allow null."""
    if "allOf" in schema or (objects.has_options(schema) and schema.get("properties")):
        return objects.all_of(ctx, at, schema, name), False
    if "oneOf" in schema or "anyOf" in schema:
        return unions.union(ctx, at, schema, name)
    if "file" in types:  # 2.0's bytes (an upload or a download): no JSON shape
        return ir.AnyType(), False
    if len(types) > 1:
        return unions.of_types(ctx, at, schema, types, name), False
    if "const" in schema and "enum" not in schema:
        return _const(at, schema, types), schema["const"] is None
    if "enum" in schema and types and types[0] in ("array", "object"):
        ctx.warn(
            at.child("enum"),
            f"an enum on type {types[0]!r} (its items' values, surely): " "not checked",
        )
        schema = {k: v for k, v in schema.items() if k != "enum"}
    if "enum" in schema:
        values = schema.get("enum")
        result = enums.enum(ctx, at, schema, types, name)
        return result, isinstance(values, list) and None in values
    if "array" in types or ("items" in schema and not types):
        return _array(ctx, at, schema, name), False
    if "object" in types or (not types and ("properties" in schema)):
        return objects.object_schema(ctx, at, schema, name), False
    if types:
        return primitive(at, schema, types[0]), False
    if "additionalProperties" in schema:
        return objects.object_schema(ctx, at, schema, name), False
    return ir.AnyType(), False


_TYPE_NAMES = frozenset((*SCHEMA_TYPES, "file"))


def schema_types(at: Location, schema: dict[str, Any]) -> tuple[list[str], bool]:
    """The schema's non-null types (at most one) and whether it allows null."""
    raw = schema.get("type", ...)
    flagged = _flagged_nullable(schema)
    if raw is ...:
        return [], flagged
    if isinstance(raw, str) and raw in _TYPE_NAMES:  # nearly every schema: one type named
        return ([], True) if raw == "null" else ([raw], flagged)
    listed = raw if isinstance(raw, list) else [raw]
    listed = ["null" if value is None else value for value in listed]  # YAML's unquoted null
    for value in listed:
        if not isinstance(value, str) or value not in _TYPE_NAMES:
            raise SpecErrors([at.error(f"unknown type {value!r}")])
    nullable = "null" in listed or flagged
    types = list(dict.fromkeys(t for t in listed if t != "null"))
    if set(types) == {"integer", "number"}:
        types = ["number"]
    return types, nullable


VALUE_TYPES = ((bool, "boolean"), (int, "integer"), (float, "number"), (str, "string"))
"""The JSON type of a `const` or enum value (bool before int: a bool is an int too)."""


def value_type(value: Any) -> str | None:
    """The schema type of a JSON scalar written in a spec, None for null, arrays and objects."""
    return next((name for kind, name in VALUE_TYPES if isinstance(value, kind)), None)


def _const(at: Location, schema: dict[str, Any], types: list[str]) -> ir.TypeRef:
    """`const`: the type of its value (the field's docstring says which value), not a class:
    OpenAI's 3.1 descriptions put one on every `object` and `type` tag."""
    kind = types[0] if types else value_type(schema["const"])
    if kind is None or kind in ("array", "object", "null"):
        return ir.AnyType()
    return primitive(at, schema, kind)


def primitive(at: Location, schema: dict[str, Any], type_name: str) -> ir.TypeRef:
    fmt = schema.get("format")
    if fmt is not None and not isinstance(fmt, str):
        raise SpecErrors([at.child("format").error("format must be a string")])
    if type_name != "string" and fmt is not None and fmt in STRING_ONLY_FORMATS:
        raise SpecErrors(
            [at.child("format").error(f"format {fmt!r} does not apply to type {type_name!r}")]
        )
    return kinds.recognise(type_name, fmt)


def _array(ctx: ParseContext, at: Location, schema: dict[str, Any], name: str) -> ir.TypeRef:
    items = schema.get("items")
    if items is None:
        return ir.ArrayType(ir.AnyType())
    if isinstance(items, list):  # draft 4's tuple form (the validator warns)
        if len(items) != 1:
            return ir.ArrayType(ir.AnyType())
        with ctx.inside_container():
            item = type_of(ctx, at.child("items", 0), items[0], name)
        return nested(at, ir.ArrayType(item))
    with ctx.inside_container():
        item = type_of(ctx, at.child("items"), items, name)
    return nested(at, ir.ArrayType(item))


def map_of(ctx: ParseContext, at: Location, additional: Any, name: str) -> ir.MapType:
    """A map whose values follow the `additionalProperties` schema `additional`."""
    with ctx.inside_container():
        value = type_of(ctx, at.child("additionalProperties"), additional, name)
    return nested(at, ir.MapType(value))


def nested(at: Location, container: _Container) -> _Container:
    """`container`, unless arrays and maps now sit more than MAX_TYPE_NESTING deep in it."""
    depth = 0
    inner: ir.TypeRef = container
    while isinstance(inner, (ir.ArrayType, ir.MapType, ir.NullableType)):
        if isinstance(inner, ir.ArrayType):
            depth, inner = depth + 1, inner.item
        elif isinstance(inner, ir.MapType):
            depth, inner = depth + 1, inner.value
        else:
            inner = inner.inner
    if depth > MAX_TYPE_NESTING:
        raise SpecErrors(
            [at.error(f"arrays and maps nested more than {MAX_TYPE_NESTING} levels deep")]
        )
    return container
