"""Which schemas a package holds (`--models`, `models` in `[tool.statusgen]`).

`status` (the default): the status models, the result and cancel types of their pollers, the
types of the status operations' parameters, the acceptance bodies that name where a status
lives (a 202 body with `stateLocation`, which `from_response` reads), and everything those
reference. A 300-schema API
description gives the user the job status they asked for, not 300 classes. A spec with no
status model at all (a fragment of plain models) keeps every schema: there is nothing to
select by. `all`: every schema. A list of schema names: those schemas and what they reference
(pollers only for status models among them).

Problems inside schemas that are not selected are not generated, so they are not errors.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass

from .. import ir, status
from ..input.load import Location
from ..options import ALL, STATUS, Selection, WhereFound
from ..spec_error import SpecError
from . import swagger2
from .context import ParseContext

ACCEPTANCE_KEYS = frozenset({"stateLocation", "statusLocation", "statusUrl", "operationLocation"})
"""Body fields by which a 202 names its status URL (the runtime's LOCATION_KEYS, less the
too common `href`)."""


@dataclass(frozen=True)
class Selected:
    """The class names a package keeps and the pollers (by index in the plan) it keeps."""

    names: frozenset[str] | None
    pollers: tuple[int, ...]
    lros: tuple[int, ...] = ()

    def keeps(self, name: str) -> bool:
        return self.names is None or name in self.names


def select(
    ctx: ParseContext,
    selection: Selection,
    planned: Sequence[status.PlannedPoller],
    endpoint_types: Sequence[Iterable[ir.TypeRef]],
    status_models: Collection[str],
    lro_results: Sequence[ir.TypeRef | None] = (),
) -> Selected:
    """The closure of the selection's roots; `endpoint_types[i]` are the parameter and
    response types of planned endpoint `i`, `lro_results[i]` the result type of long-running
    operation `i`: by default every one gets its poller, with a named selection those whose
    result is named."""
    every = tuple(range(len(planned)))
    lros = tuple(range(len(lro_results)))
    if selection == ALL or (selection == STATUS and not status_models):
        return Selected(None, every, lros)
    if selection == STATUS:
        roots: list[ir.TypeRef] = [ir.ModelRef(name) for name in status_models]
        roots.extend(
            ir.ModelRef(d.name)
            for d in ctx.models.values()
            if any(f.wire_name in ACCEPTANCE_KEYS for f in d.fields)
        )
    else:
        roots = _named(ctx, selection)
        if not roots:  # names given for several specs, none of them this one's
            return select(ctx, STATUS, planned, endpoint_types, status_models)
    wanted = {r.name for r in roots if isinstance(r, ir.ModelRef)}
    if selection != STATUS:
        named = {n for r in roots if (n := _name(r)) is not None}
        lros = tuple(i for i in lros if _result_names(lro_results[i]) & named)
    kept = tuple(i for i, p in enumerate(planned) if p.model in wanted)
    for index in kept:
        roots.extend(endpoint_types[planned[index].endpoint])
    roots.extend(t for i in lros if (t := lro_results[i]) is not None)
    return Selected(frozenset(_closure(ctx, roots)), kept, lros)


def _result_names(ref: ir.TypeRef | None) -> set[str]:
    """The named types a result is made of (through arrays, maps and null)."""
    while isinstance(ref, (ir.ArrayType, ir.MapType, ir.NullableType)):
        ref = _inner(ref)
    name = _name(ref) if ref is not None else None
    return {name} if name is not None else set()


def closure(ctx: ParseContext, roots: Iterable[ir.TypeRef]) -> frozenset[str]:
    """The names of the named types `roots` reach."""
    return frozenset(_closure(ctx, roots))


def _named(ctx: ParseContext, names: Iterable[str]) -> list[ir.TypeRef]:
    """The named types a list selects, by component key or class name."""
    container = swagger2.schemas_container(ctx.spec)
    by_key = {
        loc.tokens[-1]: ref
        for loc, ref in ctx.named.items()
        if loc.tokens[:-1] == container and loc.file == ctx.spec.entry.file
    }
    by_class = {_name(ref): ref for ref in ctx.named.values() if _name(ref)}
    found = []
    for name in names:
        ref = by_key.get(name) or by_class.get(name)
        if ref is not None:
            found.append(ref)
            if isinstance(names, WhereFound):
                names.found.add(name)
        elif not isinstance(names, WhereFound):
            raise ValueError(f"--models names {name!r}, which is not a schema of this spec")
    return found


def _name(ref: ir.TypeRef) -> str | None:
    return ref.name if isinstance(ref, (ir.ModelRef, ir.EnumRef, ir.UnionRef)) else None


def _closure(ctx: ParseContext, roots: Iterable[ir.TypeRef]) -> set[str]:
    """The names of every named type the roots reach through fields, items and variants."""
    models = {d.name: d for d in ctx.models.values()}
    unions = {d.name: d for d in ctx.unions.values()}
    seen: set[str] = set()
    stack = list(roots)
    while stack:
        ref = stack.pop()
        if isinstance(ref, (ir.ArrayType, ir.MapType, ir.NullableType)):
            stack.append(_inner(ref))
            continue
        name = _name(ref)
        if name is None or name in seen:
            continue
        seen.add(name)
        if name in models:
            draft = models[name]
            stack.extend(f.type for f in draft.fields)
            if draft.extra.value_type is not None:
                stack.append(draft.extra.value_type)
        elif name in unions:
            stack.extend(t for t, _ in unions[name].variants)
    return seen


def _inner(ref: ir.ArrayType | ir.MapType | ir.NullableType) -> ir.TypeRef:
    if isinstance(ref, ir.ArrayType):
        return ref.item
    return ref.value if isinstance(ref, ir.MapType) else ref.inner


def relevant_errors(
    ctx: ParseContext, selected: Selected, always: Collection[SpecError] = ()
) -> list[SpecError]:
    """The collected errors, less those that lie only inside named types the package does not
    hold (`holding`). Errors in `always` (a wrong `x-statusgen`: the user asked for a status
    model) are kept wherever they are."""
    holds = holding(ctx, selected)
    return [e for e in ctx.errors if e in always or holds(e)]


def holding(ctx: ParseContext, selected: Selected) -> Callable[[SpecError], bool]:
    """Whether a problem found at some place of the spec lies in what the package holds: the
    one answer for the parser's errors and the validator's findings alike. A problem lies
    outside only if every named type around it is one the package does not hold; a model's
    allOf parts count as its own, so a part shared by a kept model keeps its problems."""
    if selected.names is None:
        return lambda _: True
    places = [(loc, name) for loc, ref in ctx.named.items() if (name := _name(ref)) is not None]
    places.extend((part, d.name) for d in ctx.models.values() for part in d.parts)
    return lambda error: _kept(error, places, selected)


def _kept(error: SpecError, places: list[tuple[Location, str]], selected: Selected) -> bool:
    owners = [name for loc, name in places if _contains(loc, error)]
    return not owners or any(selected.keeps(name) for name in owners)


def _contains(loc: Location, error: SpecError) -> bool:
    where = loc.error("")
    return where.file == error.file and (
        error.pointer == where.pointer or error.pointer.startswith(where.pointer + "/")
    )
