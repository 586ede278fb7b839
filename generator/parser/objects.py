"""Object schemas and allOf: models, their fields, defaults and additional properties."""

from __future__ import annotations

import json
import math
from typing import Any

from .. import ir, kinds
from ..errors import SpecErrors
from ..input.load import Location
from . import naming, schemas
from .context import ANNOTATIONS, MAX_SCHEMA_DEPTH, ModelDraft, ParseContext, as_list, text

_Parts = list[tuple[Location, dict[str, Any]]]


def object_schema(ctx: ParseContext, at: Location, schema: dict[str, Any], name: str) -> ir.TypeRef:
    """A model, or a map when the object declares no properties."""
    properties = schema.get("properties")
    additional = schema.get("additionalProperties", True)
    if not properties:
        if isinstance(additional, dict) and additional:
            return schemas.map_of(ctx, at, additional, name + "Value")
        if additional is not False or properties is None:
            return ir.MapType(ir.AnyType())
        # an explicitly empty object with additionalProperties false: a model with no fields
    return _model(ctx, at, name, schema, [(at, schema)])


def _beside_all_of(schema: dict[str, Any]) -> bool:
    """Whether keywords beside a one-part allOf make a new model (properties, required,
    x-statusgen, ...) rather than annotate the reference: a description, `nullable`,
    `readOnly`, a default, `type: object` or an extension apply to the use of the referenced
    class, which stays the referenced class."""
    for key, value in schema.items():
        if key == "allOf" or key in ANNOTATIONS or (key == "type" and value == "object"):
            continue
        if key.startswith("x-") and key != "x-statusgen":
            continue
        return True
    return False


def has_options(schema: dict[str, Any]) -> bool:
    return "oneOf" in schema or "anyOf" in schema


def all_of(ctx: ParseContext, at: Location, schema: dict[str, Any], name: str) -> ir.TypeRef:
    """A model merging allOf parts (through nested allOf and $refs), or the one part's type
    when the allOf only wraps a reference with annotations beside it.

    A oneOf/anyOf among the parts, or beside an object's own properties, adds the properties
    of its options as optional fields: a payload may follow any option, and the model keeps
    what each declares. Options that only say which properties are required (`oneOf:
    [{required: [a]}, {required: [b]}]`) constrain, and add nothing."""
    parts = schema.get("allOf", [{}])
    if not isinstance(parts, list) or not parts:
        raise SpecErrors([at.child("allOf").error("allOf must be a non-empty list")])
    if len(parts) == 1 and "allOf" in schema and not _beside_all_of(schema):
        return schemas.type_of(ctx, at.child("allOf", 0), parts[0], name)
    resolved = [ctx.spec.follow(at.child("allOf", i), p)[1] for i, p in enumerate(parts)]
    if any(part is False for part in resolved):  # JSON Schema's `false`: no value fits
        return ir.NeverType()
    collected: _Parts = []
    _collect_parts(ctx, at, schema, collected, set())
    return _model(ctx, at, name, schema, collected)


def _collect_options(
    ctx: ParseContext,
    out: _Parts,
    at: Location,
    schema: dict[str, Any],
    seen: set[Location],
    ancestors: tuple[Location, ...],
) -> None:
    """The object options of a oneOf/anyOf inside an allOf, as optional parts."""
    keyword = "oneOf" if "oneOf" in schema else "anyOf"
    for index, option in enumerate(as_list(schema.get(keyword))):
        option_at, resolved = ctx.spec.follow(at.child(keyword, index), option)
        if option_at in ancestors:
            raise SpecErrors([option_at.error(f"{keyword} includes itself ({option_at.pointer})")])
        if isinstance(resolved, dict):
            _collect_parts(ctx, option_at, resolved, out, seen, ancestors, optional=True)


def _collect_parts(
    ctx: ParseContext,
    at: Location,
    schema: dict[str, Any],
    out: _Parts,
    seen: set[Location],
    ancestors: tuple[Location, ...] = (),
    optional: bool = False,
) -> None:
    """Flatten nested allOf (through $refs) into the object schemas that make a model;
    `optional` for the parts of a oneOf/anyOf option, whose fields are never required.

    A part met twice through different parents (a diamond) counts once; a part that is
    one of its own parents is an error."""
    if at in seen:
        return
    seen.add(at)
    ancestors += (at,)
    if len(ancestors) > MAX_SCHEMA_DEPTH:
        raise SpecErrors([at.error(f"allOf nested more than {MAX_SCHEMA_DEPTH} levels deep")])
    for index, part in enumerate(as_list(schema.get("allOf"))):
        part_at, resolved = ctx.spec.follow(at.child("allOf", index), part)
        if part_at in ancestors:
            raise SpecErrors(
                [at.child("allOf", index).error(f"allOf includes itself ({part_at.pointer})")]
            )
        if resolved is True:  # JSON Schema's `true` adds nothing
            continue
        if not isinstance(resolved, dict):
            raise SpecErrors([part_at.error("a schema must be a mapping")])
        _collect_parts(ctx, part_at, resolved, out, seen, ancestors, optional)
    _collect_options(ctx, out, at, schema, seen, ancestors)
    own = {k: v for k, v in schema.items() if k != "allOf"}
    if optional:  # an option's requirements hold only for payloads that follow it
        own = {k: v for k, v in own.items() if k not in ("required", "additionalProperties")}
    if own.get("properties") or "required" in own or "additionalProperties" in own:
        out.append((at, own))


def _model(
    ctx: ParseContext, at: Location, name: str, schema: dict[str, Any], parts: _Parts
) -> ir.TypeRef:
    """A model from one or more object schemas (several for allOf), fields merged in order."""
    twin = ctx.twin(at, name, schema)
    if twin is not None:
        return twin
    class_name = ctx.class_name(at, name, schema)
    ref = ir.ModelRef(class_name)
    ctx.register(at, ref)
    draft = ModelDraft(class_name, at, text(schema.get("description")))
    draft.parts = tuple(part_at for part_at, _ in parts)
    ctx.models[at] = draft
    required: set[str] = set()
    for _, part in parts:
        req = part.get("required", [])
        if isinstance(req, list):
            required.update(r for r in req if isinstance(r, str))
    taken: set[str] = set()
    for part_at, part in parts:
        _add_fields(ctx, draft, part_at, part, required, taken)
        extra = _extra(ctx, part_at, part, class_name)
        if extra.mode != "keep":
            draft.extra = extra
    return ref


def _add_fields(
    ctx: ParseContext,
    draft: ModelDraft,
    part_at: Location,
    part: dict[str, Any],
    required: set[str],
    taken: set[str],
) -> None:
    """The properties of one object schema; a later allOf part redefines an earlier field."""
    properties_at, properties = part_at.child("properties"), part.get("properties") or {}
    if isinstance(properties, dict) and isinstance(properties.get("$ref"), str):
        properties_at, properties = ctx.spec.follow(properties_at, properties)  # DigitalOcean
    if not isinstance(properties, dict):
        ctx.errors.append(properties_at.error("must be a mapping"))
        return
    for wire, prop in properties.items():
        wire = str(wire)
        prop_at = properties_at.child(wire)
        index = next((i for i, f in enumerate(draft.fields) if f.wire_name == wire), None)
        if index is not None:
            taken.discard(draft.fields.pop(index).py_name)
        built = ctx.guard(_field, prop_at, prop, wire, draft.name, required, taken)
        if isinstance(built, ir.Field):
            draft.fields.append(built)


def _field(
    ctx: ParseContext,
    at: Location,
    node: Any,
    wire: str,
    owner: str,
    required: set[str],
    taken: set[str],
) -> ir.Field:
    py_name = naming.attribute_name(wire, taken)
    field_type = schemas.type_of(ctx, at, node, owner + naming.pascal_case(wire))
    # Annotations beside a $ref (3.1) or on the property itself take precedence.
    own = node if isinstance(node, dict) else {}
    target = own
    if "$ref" in own:
        _, resolved = ctx.spec.follow(at, own)
        target = resolved if isinstance(resolved, dict) else {}

    def pick(key: str) -> Any:
        return own.get(key, target.get(key))

    is_required = wire in required
    has_default = "default" in own or "default" in target
    default: ir.JsonValue | ir.EnumDefault = None
    mutable = False
    if has_default:  # checked against the type even where it is never used
        has_default, default, mutable = _default(ctx, at, pick("default"), field_type)
    if is_required:  # always sent, so a default is never used: the IR holds none
        has_default, default, mutable = False, None, False
    return ir.Field(
        py_name=py_name,
        wire_name=wire,
        type=field_type,
        required=is_required,
        description=_described(text(pick("description")), pick("const"), pick("enum"), field_type),
        read_only=pick("readOnly") is True,
        path_segment=naming.json_path_segment(wire),
        has_default=has_default,
        default=default,
        default_is_mutable=mutable,
        deprecated=pick("deprecated") is True,
    )


def _described(
    description: str | None, const: Any, values: Any, field_type: ir.TypeRef
) -> str | None:
    """The field's description, plus the values a `const` or an enum of numbers or booleans
    allows: no class holds them, so the docstring says them (other values are kept)."""
    base = kinds.without_null(field_type)
    if const is not None:
        note = f"Always {json.dumps(const)}."
    elif isinstance(base, ir.PrimitiveType) and isinstance(values, list) and values:
        note = "One of " + ", ".join(json.dumps(v) for v in values) + "."
    else:
        return description
    return f"{description}\n\n{note}" if description else note


_Default = tuple[bool, "ir.JsonValue | ir.EnumDefault", bool]


def _default(ctx: ParseContext, at: Location, value: Any, field_type: ir.TypeRef) -> _Default:
    """A default that can be written as a Python literal, checked against the type."""
    base = kinds.without_null(field_type)
    where = at.child("default")
    if value is None:
        return kinds.is_nullable(field_type), None, False
    if isinstance(base, ir.EnumRef):
        enum = next(e for e in ctx.enums.values() if e.name == base.name)
        for member in enum.members:
            if member.value == value:
                return True, ir.EnumDefault(enum.name, member.py_name), False
        raise SpecErrors([where.error(f"default {value!r} is not one of the enum values")])
    if isinstance(base, ir.PrimitiveType):
        if not _fits(base.python, value):
            raise SpecErrors(
                [where.error(f"default {value!r} does not match type {base.json_kind!r}")]
            )
        return True, value, False
    if isinstance(base, (ir.ArrayType, ir.MapType)) and _is_json(value):
        expected = list if isinstance(base, ir.ArrayType) else dict
        if not isinstance(value, expected):
            raise SpecErrors(
                [where.error(f"default {value!r} does not match type {base.json_kind!r}")]
            )
        inner = base.item if isinstance(base, ir.ArrayType) else base.value
        if _all_scalars(value) and isinstance(inner, ir.AnyType):
            return True, value, True
        if isinstance(inner, ir.PrimitiveType):
            return True, _typed_items(where, value, inner), True
    return False, None, False


def _typed_items(where: Location, value: list[Any] | dict[str, Any], item: ir.PrimitiveType) -> Any:
    """An array or map default whose items are checked against the item type, integers
    written as floats for `number` items: the literal's inferred type is then the field's
    (`[1, 2]` would be a `list[int]`, which mypy does not take for a `list[float]`)."""
    items = value.values() if isinstance(value, dict) else value
    wrong = [v for v in items if not _fits(item.python, v)]
    if wrong:
        raise SpecErrors(
            [where.error(f"default item {wrong[0]!r} does not match type {item.json_kind!r}")]
        )
    if item.python != "float":
        return value
    if isinstance(value, dict):
        return {k: float(v) for k, v in value.items()}
    return [float(v) for v in value]


def _fits(python: str, value: Any) -> bool:
    """Whether `value` is a valid literal of the primitive Python type `python`."""
    if python == "str":
        return isinstance(value, str)
    if python == "bool":
        return isinstance(value, bool)
    if isinstance(value, bool):
        return False
    if python == "int":
        return isinstance(value, int)
    return isinstance(value, (int, float)) and math.isfinite(value)


def _extra(
    ctx: ParseContext, at: Location, schema: dict[str, Any], owner: str
) -> ir.ExtraProperties:
    additional = schema.get("additionalProperties", True)
    if additional is False:
        return ir.ExtraProperties("forbid")
    if isinstance(additional, dict) and additional:
        return ir.ExtraProperties(
            "typed", schemas.map_of(ctx, at, additional, owner + "Value").value
        )
    return ir.ExtraProperties("keep")


def _is_json(value: Any) -> bool:
    return value is None or isinstance(value, (bool, int, float, str, list, dict))


def _all_scalars(value: Any) -> bool:
    items = value.values() if isinstance(value, dict) else value
    return all(isinstance(v, (bool, int, float, str)) or v is None for v in items)
