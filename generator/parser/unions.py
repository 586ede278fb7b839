"""oneOf/anyOf: unions, their discriminators, and how each variant is recognised."""

from __future__ import annotations

from typing import Any

from .. import ir, kinds
from ..errors import SpecErrors
from ..input.load import Location
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
    discriminator = schema.get("discriminator")
    if discriminator is not None:
        draft.variants = _flat(ctx, draft.variants, {at}, top=True)
    draft.variants = overlap.merge(draft.variants)
    if len(draft.variants) == 1 and at not in ctx.recursive:
        return _collapse(ctx, at, draft.variants[0][0])
    if discriminator is not None:
        _discriminator(ctx, at.child("discriminator"), discriminator, draft)
    return ir.UnionRef(class_name, function)


Variants = list[tuple[ir.TypeRef, Location | None]]


def _flat(
    ctx: ParseContext, variants: Variants, seen: set[Location], top: bool = False
) -> Variants:
    """A discriminated union's options with every option that is itself a union (a `$ref`
    to one, or a union of unions) replaced by that union's options: the tag chooses among
    the objects, wherever they are listed. A union being read (a cycle) stays an option."""
    flat: Variants = []
    for variant_type, target in variants:
        inner = ctx.unions.get(target) if target is not None else None
        if isinstance(variant_type, ir.UnionRef) and inner is not None and target not in seen:
            assert target is not None
            flat.extend(_flat(ctx, inner.variants, seen | {target}))
        else:
            if not top and isinstance(variant_type, ir.ModelRef):  # where the class is
                target = next(
                    (at for at, m in ctx.models.items() if m.name == variant_type.name), target
                )
            if (variant_type, target) not in flat:
                flat.append((variant_type, target))
    return flat


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
        if target not in targets:  # another name of a variant's class (`allOf: [$ref]`)
            same = [loc for t, loc in draft.variants if loc and t == ctx.named.get(target)]
            if not same:
                raise SpecErrors([where.error(f"{ref!r} is not one of the union's variants")])
            target = same[0]
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
    """A union that holds itself, directly or through other unions, means no more than its
    other options (`Value = Value | Other`, `Other = Value | int`: both are `int`): each such
    union gets the options of its cycle that are not unions of the cycle. One left with no
    option at all could never decide a value: an error."""
    by_name = {d.name: d for d in ctx.unions.values()}
    inner = {
        d.name: [u.name for u in (_union_of(t) for t, _ in d.variants) if u is not None]
        for d in ctx.unions.values()
    }
    flattened: dict[str, Variants] = {}
    for draft in ctx.unions.values():
        if _reaches(inner, draft.name, draft.name):
            flat = _cycle_options(draft, by_name, inner)
            if not flat:
                ctx.errors.append(draft.location.error("the union includes only itself"))
            flattened[draft.name] = overlap.merge(flat)
    for draft in ctx.unions.values():
        draft.variants = flattened.get(draft.name, draft.variants)


def _reaches(inner: dict[str, list[str]], start: str, goal: str) -> bool:
    """Whether the union `start` holds `goal`, directly or through other unions."""
    reached: set[str] = set()
    stack = list(inner.get(start, ()))
    while stack:
        name = stack.pop()
        if name == goal:
            return True
        if name not in reached:
            reached.add(name)
            stack.extend(inner.get(name, ()))
    return False


def _cycle_options(
    draft: UnionDraft, by_name: dict[str, UnionDraft], inner: dict[str, list[str]]
) -> Variants:
    """The options of the unions on `draft`'s cycles that are not such unions themselves."""
    flat: Variants = []
    seen = {draft.name}
    stack = [draft]
    while stack:
        for variant_type, target in stack.pop().variants:
            union = _union_of(variant_type)
            on_cycle = union is not None and union.name in by_name
            if union is not None and on_cycle and _reaches(inner, union.name, draft.name):
                if union.name not in seen:
                    seen.add(union.name)
                    stack.append(by_name[union.name])
            elif (variant_type, target) not in flat:
                flat.append((variant_type, target))
    return flat


def _union_of(variant_type: ir.TypeRef) -> ir.UnionRef | None:
    variant_type = kinds.without_null(variant_type)
    return variant_type if isinstance(variant_type, ir.UnionRef) else None
