"""GET operations: their parameters, responses and JSON response bodies.

An endpoint stays a draft until status semantics says what it is to a poller (`role`)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .. import ir, status
from ..errors import SpecErrors
from ..input.load import Location
from . import naming, schemas, swagger2
from .context import ParseContext, as_list, is_json_media, source, text

PARAMETER_LOCATIONS = frozenset({"path", "query", "header", "cookie", "body", "formData"})
SKIPPED_LOCATIONS = frozenset({"cookie", "body", "formData"})
"""Locations a GET poller never sends."""


@dataclass(frozen=True)
class EndpointDraft:
    """Everything about an endpoint but its role, which status semantics decides."""

    operation_id: str
    py_name: str
    path: str
    parameters: tuple[ir.Parameter, ...]
    responses: tuple[ir.Response, ...]
    description: str | None
    source: ir.Source

    def build(self, role: str, status_model: str | None) -> ir.Endpoint:
        return ir.Endpoint(
            operation_id=self.operation_id,
            py_name=self.py_name,
            method="GET",
            path=self.path,
            parameters=self.parameters,
            responses=self.responses,
            role=role,
            status_model=status_model,
            description=self.description,
            source=self.source,
        )


def endpoints(ctx: ParseContext, root: dict[str, Any], entry: Location) -> list[EndpointDraft]:
    """The GET operations of `paths` and of Azure's `x-ms-paths`, whose keys may carry a
    constant query string (`/operations/{id}?api=2`): the poller requests it as written."""
    found = []
    used: set[str] = set()
    for key in ("paths", "x-ms-paths"):
        paths = root.get(key) or {}
        if not isinstance(paths, dict):
            ctx.errors.append(entry.child(key).error(f"{key} must be a mapping"))
            continue
        found.extend(_path_items(ctx, entry.child(key), paths, used))
    return found


def _path_items(
    ctx: ParseContext, at: Location, paths: dict[Any, Any], used: set[str]
) -> list[EndpointDraft]:
    found = []
    for path, item in paths.items():
        item_at, item = ctx.spec.follow(at.child(str(path)), item)
        if not isinstance(item, dict) or not isinstance(item.get("get"), dict):
            continue
        built = ctx.guard(_endpoint, item_at, item, str(path), used)
        if isinstance(built, EndpointDraft):
            found.append(built)
    return found


def _endpoint(
    ctx: ParseContext, item_at: Location, item: dict[str, Any], path: str, used: set[str]
) -> EndpointDraft:
    at, operation = ctx.spec.follow(item_at.child("get"), item["get"])
    if not isinstance(operation, dict):
        raise SpecErrors([at.error("an operation must be a mapping")])
    operation_id = operation.get("operationId")
    if not isinstance(operation_id, str) or not operation_id:
        operation_id = "get " + path
    py_name = naming.function_name(naming.snake_case(operation_id), used)
    parameters = _resource_names(path, _parameters(ctx, item_at, item, at, operation))
    raw_responses = operation.get("responses")
    if not isinstance(raw_responses, dict):
        raw_responses = {}
    responses = []
    for code, response in raw_responses.items():
        built = _response(ctx, at, str(code), response, operation, operation_id)
        if built is not None:
            responses.append(built)
    return EndpointDraft(
        operation_id=operation_id,
        py_name=py_name,
        path=path,
        parameters=parameters,
        responses=tuple(responses),
        description=text(operation.get("description") or operation.get("summary")),
        source=source(at),
    )


def _response(
    ctx: ParseContext,
    at: Location,
    code: str,
    response: Any,
    operation: dict[str, Any],
    operation_id: str,
) -> ir.Response | None:
    response_at, response = ctx.spec.follow(at.child("responses", code), response)
    if not isinstance(response, dict):
        return None
    schema_at, schema = json_schema(ctx, response_at, response, operation)
    model_name = None
    body_type: ir.TypeRef | None = None
    if schema is not None:
        hint = naming.pascal_case(operation_id) + (
            "Response" if code == "200" else f"Response{naming.pascal_case(code)}"
        )
        body_type = schemas.type_of(ctx, schema_at, schema, hint)
        if isinstance(body_type, ir.ModelRef):
            model_name = body_type.name
    return ir.Response(code, model_name, text(response.get("description")), body_type)


def json_schema(
    ctx: ParseContext, at: Location, response: dict[str, Any], operation: dict[str, Any]
) -> tuple[Location, Any]:
    """The JSON body schema of a response: 3.x `content`, or 2.0 `schema` + `produces`."""
    if ctx.spec.is_swagger2:
        return swagger2.response_schema(ctx.spec, at, response, operation)
    content = response.get("content")
    if not isinstance(content, dict):
        return at, None
    for media_type, body in content.items():
        if is_json_media(str(media_type)):
            if isinstance(body, dict) and "schema" in body:
                return at.child("content", str(media_type), "schema"), body["schema"]
    return at, None


def _parameters(
    ctx: ParseContext,
    item_at: Location,
    item: dict[str, Any],
    at: Location,
    operation: dict[str, Any],
) -> tuple[ir.Parameter, ...]:
    """The path item's parameters overridden by the operation's, in the order declared."""
    merged: dict[tuple[str, str], tuple[Location, dict[str, Any]]] = {}
    for base_at, declared in ((item_at, item), (at, operation)):
        for index, raw in enumerate(as_list(declared.get("parameters"))):
            param_at, param = ctx.spec.follow(base_at.child("parameters", index), raw)
            if not isinstance(param, dict):
                raise SpecErrors([param_at.error("a parameter must be a mapping")])
            name, location = param.get("name"), param.get("in")
            if not isinstance(name, str) or location not in PARAMETER_LOCATIONS:
                raise SpecErrors([param_at.error("a parameter needs a name and a valid 'in'")])
            merged[(name, location)] = (param_at, param)
    taken: set[str] = set()
    return tuple(
        _parameter(ctx, param_at, param, name, location, taken)
        for (name, location), (param_at, param) in merged.items()
        if location not in SKIPPED_LOCATIONS
    )


def _parameter(
    ctx: ParseContext,
    param_at: Location,
    param: dict[str, Any],
    name: str,
    location: str,
    taken: set[str],
) -> ir.Parameter:
    if ctx.spec.is_swagger2:
        schema_at, schema = swagger2.parameter_schema(param_at, param)
    else:
        schema_at, schema = param_at.child("schema"), param.get("schema", {})
    resolved = ctx.spec.follow(schema_at, schema)[1]
    types = schemas.schema_types(schema_at, resolved)[0] if isinstance(resolved, dict) else []
    if (
        isinstance(resolved, dict)
        and "enum" in resolved
        and "$ref" not in schema
        and set(types) <= set(schemas.PRIMITIVE_TYPES)
    ):
        # An inline enum on a parameter is a constraint, not a type worth a class.
        param_type = schemas.primitive(schema_at, resolved, types[0] if types else "string")
    else:
        param_type = schemas.type_of(ctx, schema_at, schema, naming.pascal_case(name))
    return ir.Parameter(
        py_name=naming.function_name(name, taken),
        wire_name=name,
        location=location,
        required=location == "path" or param.get("required") is True,
        type=param_type,
        constant=_constant(resolved),
        description=text(param.get("description")),
        keeps_slashes=location == "path" and _keeps_slashes(param),
    )


_RESOURCE_NAME_PATH = re.compile(r"/v\d+[a-z0-9]*/\{([^{}/]+)\}(?::[A-Za-z]\w*)?")
"""Google's `/v1/{name}`: the whole rest of the path is one resource name
(`operations/123`), as gRPC transcoding's `{name=operations/**}` becomes in OpenAPI."""


def _resource_names(path: str, parameters: tuple[ir.Parameter, ...]) -> tuple[ir.Parameter, ...]:
    match = _RESOURCE_NAME_PATH.fullmatch(path)
    if match is None:
        return parameters
    return tuple(
        (
            dataclasses.replace(p, keeps_slashes=True)
            if p.location == "path" and p.wire_name == match[1]
            else p
        )
        for p in parameters
    )


def _keeps_slashes(param: dict[str, Any]) -> bool:
    """Google's `x-reservedExpansion` (and OpenAPI's `allowReserved`): the value is a path of
    its own (`operations/123`) whose slashes must reach the server unescaped."""
    return param.get("x-reservedExpansion") is True or param.get("allowReserved") is True


def _constant(resolved: Any) -> str | None:
    """A parameter's single allowed value (one-value enum or const), sent without asking."""
    if not isinstance(resolved, dict):
        return None
    values = resolved.get("enum")
    if isinstance(values, list) and len(values) == 1 and isinstance(values[0], str):
        return values[0]
    constant = resolved.get("const")
    return constant if isinstance(constant, str) else None


def poller_types(
    drafts: list[EndpointDraft], planned: Sequence[status.PlannedPoller]
) -> list[list[ir.TypeRef]]:
    """Per endpoint, the types a poller on it needs: its parameters' and its 2xx bodies',
    and for a status endpoint those of its cancel operation too."""
    found = [
        [p.type for p in d.parameters]
        + [r.type for r in d.responses if r.type is not None and r.status_code.startswith("2")]
        for d in drafts
    ]
    by_path = {d.path.rstrip("/"): i for i, d in enumerate(drafts)}
    for poller in planned:
        if poller.cancel_suffix is not None:
            base = drafts[poller.endpoint].path.rstrip("/")
            cancel = by_path.get(base + poller.cancel_suffix)
            if cancel is not None:
                found[poller.endpoint].extend(found[cancel])
    return found


STATUS_HEADERS = ("Azure-AsyncOperation", "Operation-Location", "Location")
"""Headers in which a long-running operation's 201/202 names its status URL, preferred first
(Azure's guidelines: the async-operation monitor before the final resource's Location)."""
FINAL_STATE_VIA = {
    "azure-async-operation": "Azure-AsyncOperation",
    "operation-location": "Operation-Location",
    "location": "Location",
}
METHODS = ("post", "put", "patch", "delete", "get")


def status_header(ctx: ParseContext, root: dict[str, Any], entry: Location) -> str | None:
    """The header Azure long-running operations (`x-ms-long-running-operation`) name their
    status URL in, which `from_response` then reads first: the one their 201/202 declares,
    else the one `x-ms-long-running-operation-options` `final-state-via` names.

    None when no operation says, or when it is Operation-Location, which the runtime reads
    first anyway."""
    paths = root.get("paths")
    if not isinstance(paths, dict):
        return None
    for path, item in paths.items():
        item_at, item = ctx.spec.follow(entry.child("paths", str(path)), item)
        if not isinstance(item, dict):
            continue
        for method in METHODS:
            _, operation = ctx.spec.follow(item_at.child(method), item.get(method))
            if isinstance(operation, dict):
                found = _declared_header(ctx, item_at.child(method), operation)
                if found is not None:
                    return None if found == "Operation-Location" else found
    return None


def _declared_header(ctx: ParseContext, at: Location, operation: dict[str, Any]) -> str | None:
    responses = operation.get("responses")
    if operation.get("x-ms-long-running-operation") is not True or not isinstance(responses, dict):
        return None
    for code in ("202", "201"):
        _, response = ctx.spec.follow(at.child("responses", code), responses.get(code))
        headers = response.get("headers") if isinstance(response, dict) else None
        declared = {str(k).lower() for k in headers} if isinstance(headers, dict) else set()
        for name in STATUS_HEADERS:
            if name.lower() in declared:
                return name
    options = operation.get("x-ms-long-running-operation-options")
    via = options.get("final-state-via") if isinstance(options, dict) else None
    return FINAL_STATE_VIA.get(via) if isinstance(via, str) else None
