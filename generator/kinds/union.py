"""A generated union (oneOf/anyOf): the type alias with its parse function, the reference
fields hold to it, and how each variant is recognised."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .base import MODELS, RUNTIME, TYPING, Name, Named

if TYPE_CHECKING:
    from ..ir import Source
    from . import TypeRef


@dataclass(frozen=True)
class UnionRef(Named):
    """A reference to a `UnionType` defined at package level (it has a parse function)."""

    kind = "union"
    JSON_KIND = "union"
    WRITER = ((RUNTIME, "to_wire"),)
    DUMP_FUNCTION = WRITER[0][1]

    name: str
    parse_function: str

    @property
    def construct_names(self) -> tuple[Name, ...]:
        return ((MODELS, self.parse_function),)


@dataclass(frozen=True)
class UnionVariant:
    """One alternative of a union, with what the parser worked out to recognise it."""

    type: TypeRef
    json_kind: str
    required_keys: tuple[str, ...] = ()
    marker_keys: tuple[str, ...] = ()
    discriminator_values: tuple[str, ...] = ()


@dataclass(frozen=True)
class UnionType:
    """oneOf/anyOf. With a discriminator, unknown tags are kept as a plain dict (servers add
    types); without one, object variants are told apart by their keys (`shape`)."""

    name: str
    parse_function: str
    description: str | None
    variants: tuple[UnionVariant, ...]
    discriminator: str | None
    source: Source
    tag_inferred: bool = False
    """The tag is a required property holding one enum value per variant, not a discriminator
    the spec declared: an unknown tag is then an error (an enclosing union tries its other
    variants), where a declared discriminator keeps it as a dict."""

    @property
    def keeps_unknown(self) -> bool:
        return self.discriminator is not None and not self.tag_inferred

    @property
    def annotation(self) -> str:
        parts = [v.type.annotation for v in self.variants]
        if self.keeps_unknown:
            parts.append("dict[str, Any]")
        return " | ".join(parts)

    @property
    def annotation_names(self) -> tuple[Name, ...]:
        names = tuple(n for v in self.variants for n in v.type.annotation_names)
        return names + (((TYPING, "Any"),) if self.keeps_unknown else ())

    @property
    def object_dispatch(self) -> str:
        """How a JSON object is matched to a variant: by its discriminator `tag`, to the
        `single` object variant, by its keys (`shape`), or not at all (no object variant)."""
        if not self.object_variants:
            return ""
        if self.discriminator is not None:
            return "tag"
        return "shape" if self.chooses_by_shape else "single"

    @property
    def shape_branches(self) -> tuple[tuple[int | None, UnionVariant], ...]:
        """Object variants with the `choose_shape` index each is returned for; the last one
        has None, returned without a test."""
        variants = self.object_variants
        return tuple((None if i == len(variants) - 1 else i, v) for i, v in enumerate(variants))

    @property
    def chooses_by_shape(self) -> bool:
        """Whether object variants are told apart by their keys (`choose_shape`)."""
        return self.discriminator is None and len(self.object_variants) > 1

    @property
    def shapes_constant(self) -> str:
        """Module-level name of the (required keys, marker keys) of each object variant."""
        return f"_{self.name}_SHAPES"

    @property
    def object_variants(self) -> tuple[UnionVariant, ...]:
        return tuple(v for v in self.variants if v.json_kind == "object")

    @property
    def scalar_groups(self) -> tuple[tuple[str, tuple[UnionVariant, ...]], ...]:
        """Non-object variants by JSON kind, in the order the kinds are checked: a nested
        union or an untyped variant accepts any value, so those come after the ones that check
        a JSON kind. A group of several is what the parser could not merge
        (`parser/overlap.py`): its variants are tried in declared order."""
        groups: dict[str, list[UnionVariant]] = {}
        for variant in self.variants:
            if variant.json_kind != "object":
                groups.setdefault(variant.json_kind, []).append(variant)
        ordered = sorted(groups.items(), key=lambda item: item[0] in ("union", "any"))
        return tuple((kind, tuple(group)) for kind, group in ordered)

    @property
    def tries_variants(self) -> bool:
        """Whether some value is parsed by trial (a JSON kind held by several variants)."""
        return any(len(group) > 1 for _, group in self.scalar_groups)
