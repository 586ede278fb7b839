"""Enum schemas: string enums become open enum classes (named by `x-ms-enum` when given).

Enums of integers, numbers and booleans stay `int`, `float` and `bool`, their values listed in
the field's docstring: an open enum (DESIGN.md 3) keeps values the spec does not list, and a
plain `int` does exactly that without a class whose unknown members mypy could not type."""

from __future__ import annotations

from typing import Any

from .. import ir
from ..errors import SpecErrors
from ..input.load import Location
from . import naming, schemas
from .context import EnumDraft, ParseContext, text
from .names import SpecName, place_name

_EXPECTED: dict[str, tuple[type, ...]] = {
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
}


def enum(
    ctx: ParseContext, at: Location, schema: dict[str, Any], types: list[str], name: str
) -> ir.TypeRef:
    values = schema.get("enum")
    if not isinstance(values, list) or not values:
        raise SpecErrors([at.child("enum").error("enum must be a non-empty list")])
    kind = types[0] if types else _kind_of(values)
    values = _of_kind(ctx, at, values, kind)
    if not values:
        return ir.AnyType()
    if kind != "string":
        return schemas.primitive(at, schema, kind)
    ms_enum = _ms_enum(at, schema)
    place = place_name(at) or name
    if isinstance(ms_enum.get("name"), str) and ms_enum["name"]:
        name = SpecName(ms_enum["name"])
    twin = ctx.twin(at, name, schema)
    if twin is not None:
        return twin
    class_name = ctx.class_name(at, name, schema, fallback=place)
    draft = EnumDraft(
        name=class_name,
        description=text(schema.get("description")),
        members=_members(at, schema, values, ms_enum),
        location=at,
    )
    ref = ir.EnumRef(class_name)
    ctx.register(at, ref)
    ctx.enums[at] = draft
    return ref


def _kind_of(values: list[Any]) -> str:
    """The type of an enum that declares none: its values' common type, else string (whose
    check then names the value that is not one)."""
    kinds = {schemas.value_type(v) for v in values if v is not None}
    if kinds == {"integer", "number"}:
        return "number"
    only = kinds.pop() if len(kinds) == 1 else None
    return only or "string"


def _fits(value: Any, kind: str) -> bool:
    if kind == "string":
        return isinstance(value, str)
    return (
        kind in _EXPECTED
        and isinstance(value, _EXPECTED[kind])
        and (kind == "boolean" or not isinstance(value, bool))
    )


def _of_kind(ctx: ParseContext, at: Location, values: list[Any], kind: str) -> list[Any]:
    """The enum values that `type` allows (null included). A value of another type can never
    be valid, so leaving it out changes nothing the schema accepts: warned. When no value
    fits, the spec surely means the values and not the type: the field takes any JSON value
    (never wrong, only less typed)."""
    kept = [v for v in values if v is None or _fits(v, kind)]
    for index, value in enumerate(values):
        if value is not None and not _fits(value, kind):
            hint = (
                " (YAML reads unquoted yes/no/true/false as booleans)"
                if (isinstance(value, bool) and kind == "string")
                else ""
            )
            ctx.warn(
                at.child("enum", index),
                f"enum value {value!r} is not {_a(kind)}{hint}: "
                + (
                    "left out"
                    if any(v is not None for v in kept)
                    else "the value is read as any JSON value"
                ),
            )
    return kept if any(v is not None for v in kept) else []


def _a(kind: str) -> str:
    return {
        "string": "a string",
        "integer": "an integer",
        "number": "a number",
        "boolean": "a boolean",
    }.get(kind, kind)


def _members(
    at: Location, schema: dict[str, Any], values: list[Any], ms_enum: dict[str, Any]
) -> tuple[ir.EnumMember, ...]:
    """One member per distinct value, named and described by x-ms-enum or x-enum-descriptions."""
    taken: set[str] = set()
    members = []
    seen: set[str] = set()
    descriptions = schema.get("x-enum-descriptions")
    ms_values = {
        v["value"]: v for v in ms_enum.get("values", []) if isinstance(v, dict) and "value" in v
    }
    for index, value in enumerate(values):
        if value is None:
            continue
        if value in seen:
            continue  # the validator warns
        seen.add(value)
        description = None
        if isinstance(descriptions, list) and index < len(descriptions):
            description = text(descriptions[index])
        member_name = value
        extra = ms_values.get(value)
        if extra is not None:
            description = text(extra.get("description")) or description
            if isinstance(extra.get("name"), str) and extra["name"]:
                member_name = extra["name"]
        members.append(
            ir.EnumMember(naming.enum_member_name(member_name, taken), value, description)
        )
    return tuple(members)


def _ms_enum(at: Location, schema: dict[str, Any]) -> dict[str, Any]:
    """AutoRest's `x-ms-enum` (name, modelAsString, values with names and descriptions).

    Every enum statusgen generates is open, so `modelAsString` needs no handling."""
    raw = schema.get("x-ms-enum")
    if raw is None:
        return {}
    where = at.child("x-ms-enum")
    if not isinstance(raw, dict):
        raise SpecErrors([where.error("x-ms-enum must be a mapping")])
    values = raw.get("values", [])
    if not isinstance(values, list):
        raise SpecErrors([where.child("values").error("must be a list")])
    listed = schema.get("enum") or []
    for index, value in enumerate(values):
        if not isinstance(value, dict) or "value" not in value:
            raise SpecErrors([where.child("values", index).error("needs a 'value'")])
        if value["value"] not in listed:
            raise SpecErrors(
                [
                    where.child("values", index, "value").error(
                        f"{value['value']!r} is not one of the enum values"
                    )
                ]
            )
    return raw
