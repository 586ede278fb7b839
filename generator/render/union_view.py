"""What models.py prints for a union (oneOf/anyOf), worked out from its IR node: the alias,
the shapes that tell object variants apart, the parse function's docstring and its dispatch.
The union macro of `_models_body.py.jinja` prints these and decides nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import ir
from ..kinds.base import TYPING
from .filters import docstring, pystr, pytuple
from .imports import use
from .layout import wrap_call, wrap_value

if TYPE_CHECKING:
    from .env import KindMacros


@dataclass(frozen=True)
class UnionView:
    alias: str
    """`Name: TypeAlias = "A | B"`, laid out."""
    shapes: tuple[str, ...]
    """The (required keys, marker keys) entry of each object variant, where keys choose."""
    signature: str
    docstring: str
    """The parse function's one line: how a variant is chosen."""
    body: tuple[str, ...]
    """The parse function's dispatch, a line each at 4 spaces: JSON objects first, then the
    other JSON kinds, then the refusal of a value no variant takes."""


def union_view(union: ir.UnionType, kinds: KindMacros) -> UnionView:
    def construct(variant: ir.UnionVariant) -> str:
        return kinds.construct(variant.type, "value", "path", "depth")

    return UnionView(
        alias=wrap_value(f"{union.name}: {use('TypeAlias', TYPING)} = ", _alias(union, kinds), 0),
        shapes=tuple(
            f"(frozenset({pytuple(v.required_keys)}), frozenset({pytuple(v.marker_keys)})),"
            for v in union.object_variants
            if union.chooses_by_shape
        ),
        signature=wrap_call(
            f"def {union.parse_function}(",
            ["value: " + use("Any", TYPING), 'path: str = "$"', "depth: int = 0"],
            f") -> {union.name}:",
            0,
        ),
        docstring=_docstring(union),
        body=(
            *_object_lines(union, construct),
            *(
                line
                for kind, group in union.scalar_groups
                for line in _scalar_lines(union, kind, group, kinds, construct)
            ),
            wrap_call(
                f"raise {use('ValidationError')}(",
                ["path", f'f"expected {union.name}, got {{{use("describe")}(value)}}"'],
                ")",
                4,
            ),
        ),
    )


def _alias(union: ir.UnionType, kinds: KindMacros) -> str:
    """The alias's value, a string: a union of classes the module defines later."""
    return pystr(kinds.annotation(union))


def _docstring(union: ir.UnionType) -> str:
    if union.discriminator is None:
        chosen = ", chosen by its keys"
    else:
        unknown = "kept as a dict" if union.keeps_unknown else "refused"
        tag = docstring(union.discriminator, 4)
        chosen = f", chosen by its {tag} tag; unknown tags are {unknown}"
    trial = ", or by trial in declared order where several variants take one JSON kind"
    return f"Build a {union.name} from JSON{chosen}{trial * union.tries_variants}."


def _object_lines(union: ir.UnionType, construct: _Construct) -> tuple[str, ...]:
    """A JSON object's variant, under its `isinstance` test, where there are object variants:
    by its tag (an unknown one kept as a dict where the spec declared the discriminator), the
    only object variant, or by its keys (`choose_shape`)."""
    lines = _object_dispatch(union, construct)
    test = ("if isinstance(value, dict):",) if lines else ()
    return test + tuple(f"    {line}" for line in lines)


def _object_dispatch(union: ir.UnionType, construct: _Construct) -> tuple[str, ...]:
    variants = union.object_variants
    dispatch = union.object_dispatch
    if dispatch == "tag":
        lines = [f"tag = value.get({pystr(union.discriminator)})"]
        for v in variants:
            lines += [f"if tag in {pytuple(v.discriminator_values)}:", f"    return {construct(v)}"]
        if union.keeps_unknown:
            lines.append(f"return dict({use('parse_any')}(value, path, depth))")
        return tuple(lines)
    if dispatch == "single":
        return (f"return {construct(variants[0])}",)
    if dispatch == "shape":
        lines = [f"index = {use('choose_shape')}(value, path, {union.shapes_constant})"]
        for index, v in union.shape_branches:
            if index is None:
                lines.append(f"return {construct(v)}")
            else:
                lines += [f"if index == {index}:", f"    return {construct(v)}"]
        return tuple(lines)
    return ()


def _scalar_lines(
    union: ir.UnionType,
    kind: str,
    group: tuple[ir.UnionVariant, ...],
    kinds: KindMacros,
    construct: _Construct,
) -> list[str]:
    """A value of JSON kind `kind`: its only variant, or each variant in turn, refused with
    every variant's error when none takes it."""
    lines = [f"if {kinds.json_check(kind, 'value')}:"]
    if len(group) == 1:
        return lines + [f"    return {construct(group[0])}"]
    error = use("ValidationError")
    tried = f"tried_{kind}"
    lines.append(f"    {tried}: list[{error}] = []")
    for v in group:
        lines += [
            "    try:",
            f"        return {construct(v)}",
            f"    except {error} as error:",
            f"        {tried}.append(error)",
        ]
    lines.append(f"    raise {use('none_fits')}(path, {pystr(union.name)}, {tried})")
    return lines


if TYPE_CHECKING:
    from collections.abc import Callable

    _Construct = Callable[[ir.UnionVariant], str]
