"""The poller plan: which GET operations a poller uses, and which pollers a package gets."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Union

from .. import ir
from ..parser import naming
from .schemas import ModelShape

if TYPE_CHECKING:
    from ..parser.endpoints import EndpointDraft

OK_CODES = frozenset({"200", "2XX", "201"})


EndpointShape = Union["EndpointDraft", ir.Endpoint]  # noqa: UP007 - a forward reference
"""What the plan reads an endpoint's operation id, path and responses from: a parser draft
or a finished `ir.Endpoint`."""


@dataclass(frozen=True)
class Role:
    """What an endpoint is to a poller: `status`, `result`, `cancel` or plain `get`."""

    name: str
    status_model: str | None = None
    unwrap: str | None = None


@dataclass(frozen=True)
class PlannedPoller:
    """A poller pair before the IR exists: `endpoint` indexes the planned endpoints."""

    name: str
    async_name: str
    model: str
    endpoint: int
    result_type: ir.TypeRef | None
    cancel_suffix: str | None
    unwrap: str | None = None
    cancel_method: str = "POST"


def roles(
    endpoints: Sequence[EndpointShape],
    status_models: Collection[str],
    wrappers: Mapping[str, tuple[str, str]] | None = None,
) -> list[Role]:
    """Which GET operations a poller uses: to read status, to get a result, to cancel.
    `wrappers`: models that only wrap a status model (name -> wire key, status model)."""
    wrappers = wrappers or {}
    decided = []
    for endpoint in endpoints:
        ok = [r for r in endpoint.responses if r.status_code in OK_CODES]
        accepted = [r for r in endpoint.responses if r.status_code == "202"]
        body = ok[0].model if ok else None
        if endpoint.path.split("?")[0].rstrip("/").endswith(("/cancel", ":cancel")):
            decided.append(Role("cancel"))
        elif body in status_models:
            decided.append(Role("status", body))
        elif body is not None and body in wrappers:
            key, model = wrappers[body]
            decided.append(Role("status", model, key))
        elif accepted and accepted[0].model in status_models and ok:
            decided.append(Role("result", accepted[0].model))
        else:
            decided.append(Role("get"))
    return decided


def wrappers(
    models: Iterable[ModelShape], status_models: Collection[str]
) -> dict[str, tuple[str, str]]:
    """Models whose one field holds a status model: DigitalOcean answers `{"action": {...}}`.
    The poller reads the status through the wrapper's key."""
    found = {}
    for model in models:
        if len(model.fields) != 1:
            continue
        (only,) = model.fields
        inner = only.value_type
        if isinstance(inner, ir.ModelRef) and inner.name in status_models:
            found[model.name] = (only.wire_name, inner.name)
    return found


def plan(
    endpoints: Sequence[EndpointShape],
    endpoint_roles: Sequence[Role],
    poller_names: Callable[[str], tuple[str, str]],
    cancels: Sequence[tuple[str, str]] = (),
) -> tuple[PlannedPoller, ...]:
    """One poller pair per status model a GET returns, and per result endpoint.

    A status model read by several operations gets its poller from the first. Its
    `cancel()` comes from `cancels` (method, path) or a GET cancel endpoint: `POST|PUT|GET`
    at the status path plus `/cancel` or `:cancel`, else a DELETE of the status path itself
    that says it cancels. `poller_names` claims the sync and async class names for a stem.
    """
    known = [
        ("GET", e.path)
        for e, r in zip(endpoints, endpoint_roles, strict=True)
        if r.name == "cancel"
    ]
    planned = []
    seen: set[str] = set()
    for index, (endpoint, role) in enumerate(zip(endpoints, endpoint_roles, strict=True)):
        if role.status_model is None:
            continue
        result_type = None
        cancel: tuple[str | None, str] = (None, "POST")
        if role.name == "status":
            if role.status_model in seen:
                continue
            seen.add(role.status_model)
            stem = role.status_model
            cancel = cancel_of(endpoint.path, [*cancels, *known])
        else:
            stem = naming.pascal_case(endpoint.operation_id)
            ok = next(r for r in endpoint.responses if r.status_code != "202")
            result_type = ok.type or ir.AnyType()
        name, async_name = poller_names(stem)
        planned.append(
            PlannedPoller(
                name,
                async_name,
                role.status_model,
                index,
                result_type,
                cancel[0],
                role.unwrap,
                cancel[1],
            )
        )
    return tuple(planned)


def _shape(path: str) -> str:
    """A path with its query cut and each parameter's name dropped: `/a/{}/b`."""
    return re.sub(r"\{[^{}]*\}", "{}", path.split("?")[0].rstrip("/"))


def cancel_of(status_path: str, cancels: Sequence[tuple[str, str]]) -> tuple[str | None, str]:
    """(suffix to add to the status URL, method) of the operation that cancels the status
    resource at `status_path`; (None, "POST") when there is none. The empty suffix is the
    status URL itself (DELETE)."""
    base = _shape(status_path)
    for suffix in ("/cancel", ":cancel"):
        for method, path in cancels:
            if method != "DELETE" and _shape(path) == base + suffix:
                return suffix, method
    for method, path in cancels:
        if method == "DELETE" and _shape(path) == base:
            return "", method
    return None, "POST"
