"""Parse stage: a loaded OpenAPI `Spec` -> the IR `Package`.

Every decision is made here, once: Python names (through the name registry), types,
nullability, defaults, inline model names `<Parent><Property>`, how unions are told apart, and
(through `status`) which states are terminal and which operations a poller uses. The modules
walk the spec into drafts held by one `ParseContext`; the frozen IR is assembled from them at
the end, once. Problems are collected, not raised one at a time, so a user sees every error in
a spec in one run.
"""

from __future__ import annotations

from typing import Any

from .. import ir, status
from ..errors import SpecErrors
from ..load import Location, Spec
from . import endpoints, package, schemas, unions
from .context import MAX_SCHEMA_DEPTH, ParseContext, source, text
from .names import RUNTIME_FUNCTIONS, NameRegistry, SpecName

__all__ = ["MAX_SCHEMA_DEPTH", "RUNTIME_FUNCTIONS", "NameRegistry", "SpecName", "parse"]


def parse(spec: Spec, package_name: str | None = None) -> ir.Package:
    """The IR of one loaded spec, or SpecErrors listing every problem found. `package_name`
    (from the configuration) overrides info.x-statusgen.package and the file stem."""
    ctx = ParseContext(spec)
    root, entry = spec.root, spec.entry
    info: dict[str, Any] = root["info"] if isinstance(root.get("info"), dict) else {}
    name = package_name or package.package_name(info, entry, ctx.errors)
    components = package.component_schemas(spec, entry)
    ctx.names.reserve([key for key, _, _ in components])
    for key, node, at in components:
        ctx.guard(schemas.type_of, at, node, SpecName(key))
    drafts = endpoints.endpoints(ctx, root, entry)
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
    roles = status.roles(drafts, decision.semantics.keys())
    planned = status.plan(drafts, roles, ctx.names.pollers)
    if ctx.errors:
        raise SpecErrors(list(dict.fromkeys(ctx.errors)))
    built = tuple(
        draft.build(r.name, r.status_model) for draft, r in zip(drafts, roles, strict=True)
    )
    return ir.Package(
        name=name,
        spec_path=spec.display,
        title=text(info.get("title")) or name,
        version=str(info.get("version", "")),
        description=text(info.get("description")),
        models=_models(ctx, decision),
        enums=_enums(ctx, decision),
        unions=finished_unions,
        endpoints=built,
        servers=package.servers(spec),
        pollers=tuple(_poller(p, built, name) for p in planned),
        distribution_version=package.distribution_version(info.get("version")),
        warnings=tuple(ctx.names.warnings + ctx.warnings),
    )


def _extensions(ctx: ParseContext) -> dict[str, tuple[Location, Any]]:
    """Each model's `x-statusgen` node and where it is (models without one are inferred)."""
    found = {}
    for loc, draft in ctx.models.items():
        node = ctx.spec.node_at(loc)
        extension = node.get("x-statusgen") if isinstance(node, dict) else None
        if extension is not None:
            found[draft.name] = (loc.child("x-statusgen"), extension)
    return found


def _models(ctx: ParseContext, decision: status.Decision) -> tuple[ir.Model, ...]:
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
        if (d := ctx.models.get(loc)) is not None
    )


def _enums(ctx: ParseContext, decision: status.Decision) -> tuple[ir.EnumType, ...]:
    enums = []
    for loc in ctx.order:
        draft = ctx.enums.get(loc)
        if draft is None:
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


def _poller(
    planned: status.PlannedPoller, built: tuple[ir.Endpoint, ...], package_name: str
) -> ir.PollerSpec:
    return ir.PollerSpec(
        name=planned.name,
        async_name=planned.async_name,
        model=planned.model,
        endpoint=built[planned.endpoint],
        token_name=f"{package_name}.{planned.name}",
        result_type=planned.result_type,
        cancel_suffix=planned.cancel_suffix,
    )
