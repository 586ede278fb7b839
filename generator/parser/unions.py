"""oneOf/anyOf: unions, their discriminators, and how each variant is recognised."""

from __future__ import annotations

from typing import Any

from .. import ir
from ..errors import SpecErrors
from ..load import Location
from . import overlap, schemas, swagger2
from .context import ModelDraft, ParseContext, UnionDraft, source, text


def union(
    ctx: ParseContext, at: Location, schema: dict[str, Any], name: str
) -> tuple[ir.TypeRef, bool]:
    """The union's type and whether a `type: null` option makes it nullable; one real option
    is that option's type, not a union."""
    keyword = "oneOf" if "oneOf" in schema else "anyOf"
    options = schema.get(keyword)
    if not isinstance(options, list) or not options:
        raise SpecErrors([at.child(keyword).error(f"{keyword} must be a non-empty list")])
    nullable = False
    real: list[tuple[Location, Any]] = []
    for index, option in enumerate(options):
        _, resolved = ctx.spec.follow(at.child(keyword, index), option)
        if isinstance(resolved, dict) and resolved.get("type") == "null":
            nullable = True
        else:
            real.append((at.child(keyword, index), option))
    return _union(ctx, at, schema, name, real), nullable


def of_types(
    ctx: ParseContext, at: Location, schema: dict[str, Any], types: list[str], name: str
) -> ir.TypeRef:
    """3.1's `type: [string, integer]`: a union with one variant per type, each given the
    schema's other keywords (an object variant its properties, an array variant its items)."""
    listed = schema["type"]
    rest = {k: v for k, v in schema.items() if k not in ("type", "nullable", "x-nullable")}
    options = [(at.child("type", listed.index(t)), {**rest, "type": t}) for t in types]
    return _union(ctx, at, schema, name, options)


def _union(
    ctx: ParseContext,
    at: Location,
    schema: dict[str, Any],
    name: str,
    options: list[tuple[Location, Any]],
) -> ir.TypeRef:
    if len(options) == 1:
        return schemas.type_of(ctx, options[0][0], options[0][1], name)
    twin = ctx.twin(at, name, schema)
    if twin is not None:
        return twin
    class_name = ctx.class_name(at, name, schema)
    function = ctx.names.union_function(class_name)
    draft = UnionDraft(class_name, function, at, text(schema.get("description")))
    ctx.register(at, ir.UnionRef(class_name, function))
    ctx.unions[at] = draft
    for position, (option_at, option) in enumerate(options, start=1):
        variant_type = schemas.type_of(ctx, option_at, option, f"{name}{position}")
        target = ctx.spec.follow(option_at, option)[0]
        draft.variants.append((variant_type, target))
    draft.variants = overlap.merge(draft.variants)
    if len(draft.variants) == 1 and at not in ctx.recursive:
        return _collapse(ctx, at, draft.variants[0][0])
    discriminator = schema.get("discriminator")
    if discriminator is not None:
        _discriminator(ctx, at.child("discriminator"), discriminator, draft)
    return ir.UnionRef(class_name, function)


def _collapse(ctx: ParseContext, at: Location, only: ir.TypeRef) -> ir.TypeRef:
    """A union whose variants merged into one is that one's type (unless a variant refers
    back to the union, which then stays a union of one)."""
    del ctx.unions[at]
    ctx.named[at] = only
    return only


def _discriminator(ctx: ParseContext, at: Location, node: Any, draft: UnionDraft) -> None:
    node = swagger2.discriminator(ctx.spec, node)
    if not isinstance(node, dict) or not isinstance(node.get("propertyName"), str):
        raise SpecErrors([at.error("discriminator needs a string propertyName")])
    draft.discriminator = node["propertyName"]
    mapping = node.get("mapping") or {}
    if not isinstance(mapping, dict):
        raise SpecErrors([at.child("mapping").error("mapping must be a mapping")])
    targets = {loc for _, loc in draft.variants if loc is not None}
    for tag, ref in mapping.items():
        where = at.child("mapping", str(tag))
        if not isinstance(ref, str):
            raise SpecErrors([where.error("mapping values must be strings")])
        if "#" not in ref and "/" not in ref and not ref.endswith((".yaml", ".yml", ".json")):
            ref = swagger2.short_ref(ctx.spec, ref)
        target, _ = ctx.spec.follow(where, {"$ref": ref})
        if target not in targets:
            raise SpecErrors([where.error(f"{ref!r} is not one of the union's variants")])
        draft.mapping[str(tag)] = target


def variant_models(ctx: ParseContext) -> dict[str, list[str]]:
    """The model names among each union's variants (status paths may pass through a union)."""
    return {
        d.name: [t.name for t, _ in d.variants if isinstance(t, ir.ModelRef)]
        for d in ctx.unions.values()
    }


def finish(ctx: ParseContext) -> tuple[ir.UnionType, ...]:
    """Work out how each variant is recognised, now that every model is complete."""
    by_name = {m.name: m for m in ctx.models.values()}
    _cycles(ctx)
    finished = []
    for loc in ctx.order:
        draft = ctx.unions.get(loc)
        if draft is None:
            continue
        explicit = draft.discriminator is not None
        if not explicit:
            _infer_tag(ctx, draft, by_name)
        variants = _variants(draft, by_name)
        if explicit and any(
            v.json_kind != "object" or not isinstance(v.type, ir.ModelRef) for v in variants
        ):
            ctx.errors.append(draft.location.error("a discriminated union may only hold objects"))
        finished.append(
            ir.UnionType(
                name=draft.name,
                parse_function=draft.parse_function,
                description=draft.description,
                variants=variants,
                discriminator=draft.discriminator,
                source=source(loc),
                tag_inferred=draft.tag_inferred,
            )
        )
    return tuple(finished)


def _infer_tag(ctx: ParseContext, draft: UnionDraft, by_name: dict[str, ModelDraft]) -> None:
    """Object variants with the same keys, told apart by a required property that holds one
    enum value in each, a different one in each (OpenAI's stream events: `event: enum
    [thread.created]`): that property is their tag, as if the spec named it a discriminator."""
    models = [
        (t, by_name.get(t.name), at) for t, at in draft.variants if isinstance(t, ir.ModelRef)
    ]
    if len(models) < 2 or len(models) != sum(t.json_kind == "object" for t, _ in draft.variants):
        return
    single = {e.name: e.members[0].value for e in ctx.enums.values() if len(e.members) == 1}
    first = models[0][1]
    for candidate in first.fields if first else []:
        values = [_single_value(m, candidate.wire_name, single) for _, m, _ in models]
        if None not in values and len(set(values)) == len(values):
            draft.discriminator, draft.tag_inferred = candidate.wire_name, True
            draft.mapping = {
                str(v): at for v, (_, _, at) in zip(values, models, strict=True) if at is not None
            }
            return


def _single_value(model: ModelDraft | None, wire: str, single: dict[str, str]) -> str | None:
    """The one value a required enum property `wire` of `model` allows, if it allows one."""
    found = next((f for f in model.fields if f.wire_name == wire) if model else iter(()), None)
    if found is None or not found.required or not isinstance(found.type, ir.EnumRef):
        return None
    return single.get(found.type.name)


def _variants(draft: UnionDraft, by_name: dict[str, ModelDraft]) -> tuple[ir.UnionVariant, ...]:
    models = [by_name.get(getattr(t, "name", "")) for t, _ in draft.variants]
    keys_of = [{f.wire_name for f in m.fields} if m else set() for m in models]
    variants = []
    for index, (variant_type, target) in enumerate(draft.variants):
        kind = variant_type.json_kind
        model = models[index]
        others = set().union(*(k for i, k in enumerate(keys_of) if i != index))
        variants.append(
            ir.UnionVariant(
                type=variant_type,
                json_kind=kind,
                required_keys=(
                    tuple(sorted(f.wire_name for f in model.fields if f.required)) if model else ()
                ),
                marker_keys=tuple(sorted(keys_of[index] - others)),
                discriminator_values=_tags(draft, target),
            )
        )
    return tuple(variants)


def _tags(draft: UnionDraft, target: Location | None) -> tuple[str, ...]:
    """The discriminator values of the variant at `target`: its mapping entries, else its
    schema's name."""
    if draft.discriminator is None:
        return ()
    tags = tuple(t for t, loc in draft.mapping.items() if loc == target)
    if not tags and target is not None:
        tags = (schemas.ref_name(target, ""),)
    return tags


def _cycles(ctx: ParseContext) -> None:
    """A union that holds itself, directly or through other unions, could never decide
    a value (parsing it would recurse for ever): an error."""
    inner: dict[str, list[str]] = {}
    for draft in ctx.unions.values():
        names = []
        for variant_type, _ in draft.variants:
            if isinstance(variant_type, ir.NullableType):
                variant_type = variant_type.inner
            if isinstance(variant_type, ir.UnionRef):
                names.append(variant_type.name)
        inner[draft.name] = names
    for draft in ctx.unions.values():
        reached, stack = set(), list(inner[draft.name])
        while stack:
            name = stack.pop()
            if name == draft.name:
                ctx.errors.append(draft.location.error("the union includes itself"))
                break
            if name not in reached:
                reached.add(name)
                stack.extend(inner.get(name, ()))
