"""Union variants of one JSON kind, which no look at a value's shape can tell apart.

The rule (docs/generated-code.md, "Unions that shape cannot tell apart"), applied per JSON
kind other than object (objects are told apart by their keys):

1. When one variant accepts every value the others accept, the union keeps only that one, at
   the place of the first of them: a plain `string` (any format statusgen keeps as `str`)
   accepts every string, so `string | date-time` is `str`; an open enum accepts every string
   too, so a string group holding an enum is `str`; `list[A]` accepts `list[B]` when `A`
   accepts `B`; `Any` accepts everything.
2. Otherwise the variants stay, and a value of that kind is parsed by trial in declared order:
   the first variant whose reader accepts it wins; when none does, the ValidationError names
   what each variant refused.

Both steps depend only on the spec, so the choice is the same on every run.
"""

from __future__ import annotations

from typing import TypeVar

from .. import ir, kinds

_Tag = TypeVar("_Tag")


def merge(variants: list[tuple[ir.TypeRef, _Tag]]) -> list[tuple[ir.TypeRef, _Tag]]:
    """The variants, each group of one JSON kind reduced to one when a type covers it."""
    groups: dict[str, list[int]] = {}
    for index, (variant_type, _) in enumerate(variants):
        if variant_type.json_kind != "object":
            groups.setdefault(variant_type.json_kind, []).append(index)
    dropped: set[int] = set()
    merged = list(variants)
    for kind, indexes in groups.items():
        if len(indexes) < 2:
            continue
        wide = covering(kind, [variants[i][0] for i in indexes])
        if wide is not None:
            first = indexes[0]
            merged[first] = (wide, variants[first][1])
            dropped.update(indexes[1:])
    return [variant for index, variant in enumerate(merged) if index not in dropped]


def covering(kind: str, types: list[ir.TypeRef]) -> ir.TypeRef | None:
    """The one type that accepts every value of `types` (all of JSON kind `kind`), or None."""
    for candidate in types:
        if all(covers(candidate, other) for other in types):
            return candidate
    if kind == "string" and any(isinstance(kinds.without_null(t), ir.EnumRef) for t in types):
        plain: ir.TypeRef = ir.PrimitiveType("str")
        return ir.NullableType(plain) if any(kinds.is_nullable(t) for t in types) else plain
    return None


def covers(wide: ir.TypeRef, narrow: ir.TypeRef) -> bool:
    """Whether every JSON value `narrow` accepts is accepted by `wide`."""
    if kinds.is_nullable(narrow) and not kinds.is_nullable(wide):
        return False
    wide, narrow = kinds.without_null(wide), kinds.without_null(narrow)
    if wide == narrow or isinstance(wide, ir.AnyType):
        return True
    if isinstance(wide, ir.PrimitiveType):
        if wide.python == "str":
            return narrow.json_kind == "string"
        return isinstance(narrow, ir.PrimitiveType) and narrow.python == wide.python
    if isinstance(wide, ir.ArrayType) and isinstance(narrow, ir.ArrayType):
        return covers(wide.item, narrow.item)
    if isinstance(wide, ir.MapType) and isinstance(narrow, ir.MapType):
        return covers(wide.value, narrow.value)
    return False
