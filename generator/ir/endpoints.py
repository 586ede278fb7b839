"""The GET operations a package knows, and the pollers planned on them."""

from __future__ import annotations

from dataclasses import dataclass

from ..kinds import (
    TypeRef,
)
from .fields import Source


@dataclass(frozen=True)
class Parameter:
    py_name: str
    wire_name: str
    location: str  # "path", "query" or "header"
    required: bool
    type: TypeRef
    constant: str | None = None  # a single allowed value (Postman's Accept header)
    description: str | None = None
    keeps_slashes: bool = False  # a path value such as Google's `operations/123`


@dataclass(frozen=True)
class Response:
    status_code: str  # "200", "202", "2XX", "default"
    model: str | None  # name of the model of the JSON body, if any
    description: str | None = None
    type: TypeRef | None = None  # the JSON body's type, if the response has one


@dataclass(frozen=True)
class Endpoint:
    """A GET operation; `role` says what it is to a poller (status, cancel or result)."""

    operation_id: str
    py_name: str
    method: str
    path: str
    parameters: tuple[Parameter, ...]
    responses: tuple[Response, ...]
    role: str
    status_model: str | None
    description: str | None
    source: Source

    @property
    def path_parameters(self) -> tuple[Parameter, ...]:
        return tuple(p for p in self.parameters if p.location == "path")

    @property
    def constant_headers(self) -> tuple[Parameter, ...]:
        return tuple(p for p in self.parameters if p.location == "header" and p.constant)


def is_forward(result: TypeRef | None) -> bool:
    """Whether a poller's result type must be a string in its class base, which Python
    evaluates at import: a union's alias is a string at runtime, so `Alias | None` would
    fail."""
    return result is not None and "|" in result.annotation


@dataclass(frozen=True)
class PollerClass:
    """One of a poller's two classes, sync or asyncio."""

    name: str
    base: str
    """Its base class in the package's `_polling` module."""
    label: str
    """What its docstring calls it."""
    client: str
    """The httpx client class `from_client` takes."""


@dataclass(frozen=True)
class PollerSpec:
    """A sync and an asyncio poller for one status model (or one result endpoint)."""

    name: str
    async_name: str
    model: str
    endpoint: Endpoint
    token_name: str
    result_type: TypeRef | None = None
    cancel_suffix: str | None = None
    """Added to the status URL for `cancel()`; "" cancels the status URL itself."""
    cancel_method: str = "POST"
    unwrap: str | None = None  # the body's key holding the status model (`{"action": {...}}`)
    status_header: str | None = None  # the header the spec's 202s name the status URL in

    @property
    def keep_slashes(self) -> tuple[str, ...]:
        return tuple(p.wire_name for p in self.endpoint.path_parameters if p.keeps_slashes)

    @property
    def classes(self) -> tuple[PollerClass, PollerClass]:
        base = "ResultPoller" if self.result_type is not None else "Poller"
        return (
            PollerClass(self.name, base, "Poller", "Client"),
            PollerClass(self.async_name, "Async" + base, "Asyncio poller", "AsyncClient"),
        )

    @property
    def headers(self) -> tuple[tuple[str, str], ...]:
        return tuple(
            (p.wire_name, p.constant) for p in self.endpoint.constant_headers if p.constant
        )
