"""Long-running operations by protocol: which PUT, PATCH, POST and DELETE operations a poller
follows (DESIGN.md §4b), and what the poller needs of each.

An operation is long-running when its spec says so (`x-ms-long-running-operation: true`),
when it declares a 202, when its 200/201 declares a status monitor header
(`Operation-Location`, `Azure-AsyncOperation`), or when it is a PUT or PATCH whose 200/201
body carries `provisioningState`. A `Location` on a 201 says where a created resource lives:
a plain create is not long-running.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from .. import ir
from ..errors import WARNING, SpecErrors
from ..input.load import Location
from ..spec_error import SpecError
from . import endpoints, naming, schemas
from .context import ParseContext, source, text
from .endpoints import json_schema

METHODS = ("put", "patch", "post", "delete")
MONITOR_HEADERS = endpoints.STATUS_HEADERS[:2]
"""The headers that name a status monitor (`Location` names where the result will be)."""
VIA_HEADER = {via: h for via, h in endpoints.FINAL_STATE_VIA.items() if h in MONITOR_HEADERS}
FINAL_STATE_VIA = frozenset(endpoints.FINAL_STATE_VIA) | {"original-uri"}
RESULT_CODES = ("200", "201")
_MAX_DEPTH = 8


@dataclass(frozen=True)
class LroDraft:
    """One long-running operation, before its poller is named."""

    operation_id: str
    method: str
    path: str
    description: str | None
    source: ir.Source
    result: ir.TypeRef | None
    result_optional: bool
    final_state_via: str | None
    monitor_header: str | None
    status_model: str | None = None
    """The status model of the spec the operation answers with, polled until terminal."""
    status_path: str | None = None
    """That model's GET path (from its poller), filled with the answer's id."""


def with_status_models(
    ctx: ParseContext,
    root: dict[str, Any],
    entry: Location,
    drafts: list[LroDraft],
    status_paths: dict[str, str | None],
) -> list[LroDraft]:
    """`drafts` with those that answer with a status model marked so, and the POST, PUT and
    PATCH operations that answer 200/201 with a status model (a `$ref` to one) added: each is
    long-running by its answer (DESIGN.md §4b)."""
    marked = [_marked(d, status_paths) for d in drafts]
    known = {(d.method, d.path) for d in drafts}
    for at, method, path, operation in operations_of(ctx, root, entry, ("post", "put", "patch")):
        if (method.upper(), path) not in known and _status_body(ctx, at, operation, status_paths):
            marked.append(_marked(_draft(ctx, at, method, path, operation), status_paths))
    return marked


def _marked(draft: LroDraft, status_paths: dict[str, str | None]) -> LroDraft:
    result = draft.result
    if (
        isinstance(result, ir.ModelRef)
        and result.name in status_paths
        and not draft.result_optional
    ):
        return replace(draft, status_model=result.name, status_path=status_paths[result.name])
    return draft


def _status_body(
    ctx: ParseContext, at: Location, operation: dict[str, Any], status_paths: dict[str, str | None]
) -> str | None:
    """The status model a 200/201 answer is, when its schema is a `$ref` to one."""
    responses = _responses(ctx, at, operation)
    for code in RESULT_CODES:
        if code not in responses:
            continue
        schema_at, schema = json_schema(ctx, *responses[code], operation)
        if not isinstance(schema, dict) or "$ref" not in schema:
            continue
        try:
            target, _ = ctx.spec.follow(schema_at, schema)
        except SpecErrors:
            return None
        ref = ctx.named.get(target)
        if isinstance(ref, ir.ModelRef) and ref.name in status_paths:
            return ref.name
    return None


Operation = tuple[Location, str, str, dict[str, Any]]
"""Where an operation is, its method (lower case), its path and its node."""


def operations_of(
    ctx: ParseContext, root: dict[str, Any], entry: Location, methods: tuple[str, ...]
) -> Iterator[Operation]:
    """Every operation of `paths` and `x-ms-paths` with one of `methods`, in spec order."""
    for key in ("paths", "x-ms-paths"):
        paths = root.get(key)
        if not isinstance(paths, dict):
            continue
        for path, item in paths.items():
            item_at, item = ctx.spec.follow(entry.child(key, str(path)), item)
            if not isinstance(item, dict):
                continue
            for method in methods:
                at, operation = ctx.spec.follow(item_at.child(method), item.get(method))
                if isinstance(operation, dict):
                    yield at, method, str(path), operation


def long_running(ctx: ParseContext, root: dict[str, Any], entry: Location) -> list[LroDraft]:
    """Every long-running operation of `paths` and `x-ms-paths`, in spec order."""
    return [
        _draft(ctx, at, method, path, operation)
        for at, method, path, operation in operations_of(ctx, root, entry, METHODS)
        if _is_long_running(ctx, at, method, operation)
    ]


Responses = dict[str, tuple[Location, dict[str, Any]]]


@dataclass(frozen=True)
class Cancel:
    """An operation that cancels something: `POST|PUT .../cancel` (or `:cancel`), or a
    DELETE whose operation id or summary says it cancels."""

    method: str
    path: str


def cancels(ctx: ParseContext, root: dict[str, Any], entry: Location) -> list[Cancel]:
    """Every cancel operation of `paths` and `x-ms-paths`, in spec order."""
    found = operations_of(ctx, root, entry, ("post", "put", "get", "delete"))
    return [
        Cancel(method.upper(), path)
        for _, method, path, operation in found
        if _cancels(method, path.split("?")[0].rstrip("/"), operation)
    ]


def _cancels(method: str, path: str, operation: dict[str, Any]) -> bool:
    if method != "delete":
        return path.endswith(("/cancel", ":cancel"))
    said = " ".join(
        str(operation.get(key) or "") for key in ("operationId", "summary", "x-ms-summary")
    )
    return "cancel" in naming.words(said)


def _responses(ctx: ParseContext, at: Location, operation: dict[str, Any]) -> Responses:
    raw = operation.get("responses")
    if not isinstance(raw, dict):
        return {}
    followed: Responses = {}
    for code, response in raw.items():
        response_at, response = ctx.spec.follow(at.child("responses", str(code)), response)
        if isinstance(response, dict):
            followed[str(code)] = (response_at, response)
    return followed


def _headers(response: dict[str, Any]) -> set[str]:
    headers = response.get("headers")
    return {str(k).lower() for k in headers} if isinstance(headers, dict) else set()


def _is_long_running(
    ctx: ParseContext, at: Location, method: str, operation: dict[str, Any]
) -> bool:
    if operation.get("x-ms-long-running-operation") is True:
        return True
    responses = _responses(ctx, at, operation)
    if "202" in responses:
        return True
    monitors = {h.lower() for h in MONITOR_HEADERS}
    for code in RESULT_CODES:
        if code in responses and _headers(responses[code][1]) & monitors:
            return True
    if method in ("put", "patch"):
        for code in RESULT_CODES:
            if code in responses:
                schema_at, schema = json_schema(ctx, *responses[code], operation)
                if schema is not None and _has_provisioning_state(ctx, schema_at, schema, 0):
                    return True
    return False


def _has_provisioning_state(ctx: ParseContext, at: Location, schema: Any, depth: int) -> bool:
    """Whether a body schema has `provisioningState` at its top or under `properties`
    (ARM's resource shape), through `$ref`s and `allOf`."""
    for node_at, node in _parts(ctx, at, schema, depth):
        properties = node.get("properties")
        if not isinstance(properties, dict):
            continue
        if "provisioningState" in properties:
            return True
        inner = properties.get("properties")
        if inner is not None and depth < _MAX_DEPTH:
            inner_at = node_at.child("properties", "properties")
            if _has_provisioning_state(ctx, inner_at, inner, depth + 1):
                return True
    return False


def _parts(
    ctx: ParseContext, at: Location, schema: Any, depth: int
) -> Iterator[tuple[Location, dict[str, Any]]]:
    at, node = ctx.spec.follow(at, schema)
    if not isinstance(node, dict):
        return
    yield at, node
    parts = node.get("allOf")
    if isinstance(parts, list) and depth < _MAX_DEPTH:
        for index, part in enumerate(parts):
            yield from _parts(ctx, at.child("allOf", index), part, depth + 1)


def _draft(
    ctx: ParseContext, at: Location, method: str, path: str, operation: dict[str, Any]
) -> LroDraft:
    operation_id = operation.get("operationId")
    if not isinstance(operation_id, str) or not operation_id:
        operation_id = f"{method} {path}"
    responses = _responses(ctx, at, operation)
    options = operation.get("x-ms-long-running-operation-options")
    via = options.get("final-state-via") if isinstance(options, dict) else None
    if via is not None and (not isinstance(via, str) or via not in FINAL_STATE_VIA):
        ctx.warnings.append(
            _warning(at, f"unknown final-state-via {via!r}: the method's default is used")
        )
        via = None
    result, optional = (
        (None, False)
        if method == "delete"
        else _result(ctx, at, operation, responses, operation_id)
    )
    return LroDraft(
        operation_id=operation_id,
        method=method.upper(),
        path=path,
        description=text(operation.get("description") or operation.get("summary")),
        source=source(at),
        result=result,
        result_optional=optional,
        final_state_via=via,
        monitor_header=_monitor_header(responses, via),
    )


def _monitor_header(responses: Responses, via: str | None) -> str | None:
    """The monitor header the operation names: `final-state-via`'s, else the first one its
    202, 201 or 200 declares."""
    if via in VIA_HEADER:
        return VIA_HEADER[via]
    for code in ("202", "201", "200"):
        if code in responses:
            declared = _headers(responses[code][1])
            for name in MONITOR_HEADERS:
                if name.lower() in declared:
                    return name
    return None


def _result(
    ctx: ParseContext,
    at: Location,
    operation: dict[str, Any],
    responses: Responses,
    operation_id: str,
) -> tuple[ir.TypeRef | None, bool]:
    """The success schema's type (200's, else 201's) and whether None may come instead (a
    declared success without a body). A schema the parser refuses gives no typed result:
    the poller then returns the decoded JSON, and a warning says why."""
    bodies = {}
    for code in (*RESULT_CODES, "204"):
        if code in responses:
            bodies[code] = json_schema(ctx, *responses[code], operation)
    typed = [(code, found) for code, found in bodies.items() if found[1] is not None]
    if not typed:
        return None, False
    code, (schema_at, schema) = typed[0]
    optional = len(typed) < len(bodies)
    hint = naming.pascal_case(operation_id) + ("Result" if code == "200" else "Created")
    before = len(ctx.errors)
    found = ctx.guard(schemas.type_of, schema_at, schema, hint)
    if len(ctx.errors) > before:
        problems = ctx.errors[before:]
        del ctx.errors[before:]
        ctx.warnings.append(_warning(at, f"the poller returns untyped JSON: {problems[0].message}"))
        return ir.AnyType(), optional
    return found, optional


def _warning(at: Location, message: str) -> SpecError:
    return replace(at.error(message), severity=WARNING)
