"""Parse stage: a loaded OpenAPI `Spec` -> the IR `Package`.

Every decision is made here, once: Python names (through the name registry), types,
nullability, defaults, inline model names `<Parent><Property>`, how unions are told apart, and
(through `status`) which states are terminal and which operations a poller uses. The modules
walk the spec into drafts held by one `ParseContext`; the frozen IR is assembled from them at
the end, once. Problems are collected, not raised one at a time, so a user sees every error in
a spec in one run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from .. import ir, status
from ..errors import WARNING, SpecErrors
from ..input.load import Location, Spec
from ..options import STATUS, Selection
from ..spec_error import SpecError
from . import endpoints, naming, operations, package, schemas, selection, unions
from .context import MAX_SCHEMA_DEPTH, ParseContext, source, text
from .names import RUNTIME_FUNCTIONS, NameRegistry, SpecName

__all__ = [
    "MAX_SCHEMA_DEPTH",
    "RUNTIME_FUNCTIONS",
    "NameRegistry",
    "Parsed",
    "Selection",
    "SpecName",
    "parse",
    "parse_selected",
]


@dataclass(frozen=True)
class Parsed:
    """One spec's IR, and whether a problem found at some place of the spec (by the OpenAPI
    validator, say) lies in what the package holds (`selection.holding`)."""

    package: ir.Package
    holds: Callable[[SpecError], bool]


def parse(spec: Spec, package_name: str | None = None, models: Selection = STATUS) -> ir.Package:
    """The IR of one loaded spec, or SpecErrors listing every problem found. `package_name`
    (from the configuration) overrides info.x-statusgen.package and the file stem; `models`
    says which schemas the package holds (see `selection`)."""
    return parse_selected(spec, package_name, models).package


def parse_selected(
    spec: Spec, package_name: str | None = None, models: Selection = STATUS
) -> Parsed:
    """`parse`, and what of the spec the package holds."""
    ctx = ParseContext(spec)
    root, entry = spec.root, spec.entry
    info: dict[str, Any] = root["info"] if isinstance(root.get("info"), dict) else {}
    name = package_name or package.package_name(info, entry, ctx.errors, ctx.warnings)
    components = package.component_schemas(spec, entry)
    ctx.names.reserve([key for key, _, _ in components])
    for key, node, at in components:
        ctx.guard(schemas.type_of, at, node, SpecName(key))
    drafts = endpoints.endpoints(ctx, root, entry)
    lro_drafts = operations.long_running(ctx, root, entry)
    decision = status.decide(
        status.Schemas(
            models={m.name: m for m in ctx.models.values()},
            enums={e.name: e for e in ctx.enums.values()},
            union_variants=unions.variant_models(ctx),
        ),
        _extensions(ctx),
    )
    ctx.errors.extend(decision.errors)
    finished_unions = unions.finish(ctx)
    wrapped = status.wrappers(ctx.models.values(), decision.semantics.keys())
    roles = status.roles(drafts, decision.semantics.keys(), wrapped)
    cancels = [(c.method, c.path) for c in operations.cancels(ctx, root, entry)]
    planned = status.plan(drafts, roles, ctx.names.pollers, cancels)
    status_paths: dict[str, str | None] = dict.fromkeys(decision.semantics)
    status_paths.update(
        (p.model, drafts[p.endpoint].path)
        for p in reversed(planned)
        if p.result_type is None and p.unwrap is None
    )
    lro_drafts = operations.with_status_models(ctx, root, entry, lro_drafts, status_paths)
    lro_names = [ctx.names.pollers(naming.pascal_case(d.operation_id)) for d in lro_drafts]
    poller_types = endpoints.poller_types(drafts, planned)
    try:
        base = selection.select(ctx, models, planned, poller_types, decision.semantics)
        chosen = selection.select(
            ctx,
            models,
            planned,
            poller_types,
            decision.semantics,
            [d.result for d in lro_drafts],
        )
    except ValueError as exc:
        raise SpecErrors([entry.error(str(exc))]) from None
    chosen = _without_broken_results(ctx, base, chosen, lro_drafts, decision.errors)
    errors = selection.relevant_errors(ctx, chosen, decision.errors)
    if errors:
        raise SpecErrors(list(dict.fromkeys(errors)))
    built = tuple(
        draft.build(r.name, r.status_model) for draft, r in zip(drafts, roles, strict=True)
    )
    header = endpoints.status_header(ctx, root, entry)
    pollers = tuple(_poller(planned[i], built, name, header) for i in chosen.pollers)
    used = {id(p.endpoint) for p in pollers} | _cancel_endpoints(built, pollers)
    made = ir.Package(
        name=name,
        spec_path=spec.display,
        title=text(info.get("title")) or name,
        version=str(info.get("version", "")),
        description=text(info.get("description")),
        models=_models(ctx, decision, chosen),
        enums=_enums(ctx, decision, chosen),
        unions=tuple(u for u in finished_unions if chosen.keeps(u.name)),
        endpoints=tuple(e for e in built if chosen.names is None or id(e) in used),
        servers=package.servers(spec),
        pollers=pollers,
        lro_pollers=tuple(_lro_poller(lro_drafts[i], lro_names[i], name) for i in chosen.lros),
        distribution_version=package.distribution_version(info.get("version")),
        warnings=tuple(w for c, w in ctx.names.renamed if chosen.keeps(c)) + tuple(ctx.warnings),
    )
    return Parsed(made, selection.holding(ctx, chosen))


def _without_broken_results(
    ctx: ParseContext,
    base: selection.Selected,
    chosen: selection.Selected,
    drafts: list[operations.LroDraft],
    always: tuple[SpecError, ...],
) -> selection.Selected:
    """`chosen` less the long-running operations whose result types hold errors that the
    package without them (`base`) does not: such a poller is left out with a warning, rather
    than refusing a spec that generated before these pollers existed."""
    if not ctx.errors or chosen.names is None or base.names is None:
        return chosen
    known = set(selection.relevant_errors(ctx, base, always))
    kept = []
    for index in chosen.lros:
        draft = drafts[index]
        names = selection.closure(ctx, [draft.result] if draft.result is not None else [])
        own = selection.relevant_errors(ctx, selection.Selected(names, ()), always)
        broken = [e for e in own if e not in known]
        if not broken:
            kept.append(index)
            continue
        message = (
            f"no poller for {draft.method} {draft.path}: its result type has an error: "
            f"{broken[0].message}"
        )
        ctx.warnings.append(replace(broken[0], severity=WARNING, message=message))
    results = [t for i in kept if (t := drafts[i].result) is not None]
    names = base.names | selection.closure(ctx, results)
    return selection.Selected(names, chosen.pollers, tuple(kept))


def _extensions(ctx: ParseContext) -> dict[str, tuple[Location, Any]]:
    """Each model's `x-statusgen` node and where it is (models without one are inferred)."""
    found = {}
    for loc, draft in ctx.models.items():
        node = ctx.spec.node_at(loc)
        extension = node.get("x-statusgen") if isinstance(node, dict) else None
        if extension is not None:
            found[draft.name] = (loc.child("x-statusgen"), extension)
    return found


def _cancel_endpoints(
    built: tuple[ir.Endpoint, ...], pollers: tuple[ir.PollerSpec, ...]
) -> set[int]:
    cancels = {p.endpoint.path.rstrip("/") + p.cancel_suffix for p in pollers if p.cancel_suffix}
    return {id(e) for e in built if e.path.rstrip("/") in cancels}


def _models(
    ctx: ParseContext, decision: status.Decision, chosen: selection.Selected
) -> tuple[ir.Model, ...]:
    return tuple(
        ir.Model(
            name=d.name,
            description=d.description,
            fields=tuple(d.fields),
            extra=d.extra,
            source=source(loc),
            status=decision.semantics.get(d.name),
        )
        for loc in ctx.order
        if (d := ctx.models.get(loc)) is not None and chosen.keeps(d.name)
    )


def _enums(
    ctx: ParseContext, decision: status.Decision, chosen: selection.Selected
) -> tuple[ir.EnumType, ...]:
    enums = []
    for loc in ctx.order:
        draft = ctx.enums.get(loc)
        if draft is None or not chosen.keeps(draft.name):
            continue
        members = decision.state_members(draft)
        enums.append(
            ir.EnumType(
                name=draft.name,
                description=draft.description,
                members=draft.members,
                source=source(loc),
                success_members=members.success,
                failure_members=members.failure,
                canceled_members=members.canceled,
                qualified_members=members.qualified,
            )
        )
    return tuple(enums)


def _lro_poller(
    draft: operations.LroDraft, names: tuple[str, str], package_name: str
) -> ir.LroPollerSpec:
    return ir.LroPollerSpec(
        name=names[0],
        async_name=names[1],
        token_name=f"{package_name}.{names[0]}",
        operation_id=draft.operation_id,
        method=draft.method,
        path=draft.path,
        description=draft.description,
        source=draft.source,
        result_type=draft.result,
        result_optional=draft.result_optional,
        final_state_via=draft.final_state_via,
        monitor_header=draft.monitor_header,
        status_model=draft.status_model,
        status_path=draft.status_path,
    )


def _poller(
    planned: status.PlannedPoller,
    built: tuple[ir.Endpoint, ...],
    package_name: str,
    header: str | None,
) -> ir.PollerSpec:
    return ir.PollerSpec(
        name=planned.name,
        async_name=planned.async_name,
        model=planned.model,
        endpoint=built[planned.endpoint],
        token_name=f"{package_name}.{planned.name}",
        result_type=planned.result_type,
        cancel_suffix=planned.cancel_suffix,
        cancel_method=planned.cancel_method,
        unwrap=planned.unwrap,
        status_header=header,
    )
