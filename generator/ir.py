"""The intermediate representation: everything the templates need, decided once by the parser.

Plain frozen dataclasses with no OpenAPI and no Jinja in them. Derived properties compute only
what follows mechanically from stored decisions (annotations, imports); every choice — names,
types, which values are terminal — is made in `parser/` / `status/` and stored here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

from .errors import SpecError
from .kinds import (
    AnyType,
    ArrayType,
    DateTimeType,
    DateType,
    EnumRef,
    MapType,
    ModelRef,
    Name,
    NeverType,
    NullableType,
    PrimitiveType,
    TypeRef,
    UnionRef,
)
from .kinds.base import RUNTIME, TYPING
from .kinds.union import UnionType, UnionVariant

JsonValue = Union[  # noqa: UP007 - a runtime alias with forward references
    None, bool, int, float, str, list["JsonValue"], dict[str, "JsonValue"]
]


@dataclass(frozen=True)
class Source:
    """Where a node came from, so errors and `-v` output can point at it."""

    file: str
    pointer: str

    def __str__(self) -> str:
        return f"{self.file}: {self.pointer}"


# --- types: one module per kind in `kinds/`, re-exported here --------------------------------

# --- models --------------------------------------------------------------------------------


@dataclass(frozen=True)
class EnumDefault:
    """A default that is a member of an enum: rendered as `Enum.MEMBER`, not as a string."""

    enum: str
    member: str


@dataclass(frozen=True)
class Field:
    """One property of a model.

    Nullability is stored once, in `type` (a `NullableType`). `accepts_null` is derived from
    it and `required` (it cannot be passed in), yet stays a dataclass field so `statusgen ir`
    shows it: it is true for nullable fields and for every optional field, because real
    servers send `null` for optional fields that the spec does not mark nullable (Face's
    `message`), and an SDK must keep that `null` rather than fail.
    """

    py_name: str
    wire_name: str
    type: TypeRef
    required: bool
    accepts_null: bool = field(init=False)
    description: str | None
    read_only: bool
    path_segment: str
    has_default: bool = False
    default: JsonValue | EnumDefault = None
    default_is_mutable: bool = False
    deprecated: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "accepts_null", isinstance(self.type, NullableType) or not self.required
        )

    @property
    def value_annotation(self) -> str:
        """The annotation of a present value (without `Unset`)."""
        base = self.type.inner if isinstance(self.type, NullableType) else self.type
        if self.accepts_null and not isinstance(base, NeverType):
            return f"{base.annotation} | None"
        return base.annotation

    @property
    def annotation(self) -> str:
        return self.value_annotation if self.required else f"{self.value_annotation} | Unset"

    @property
    def value_type(self) -> TypeRef:
        """The type of a non-null value."""
        return self.type.inner if isinstance(self.type, NullableType) else self.type

    @property
    def annotation_names(self) -> tuple[Name, ...]:
        unset = () if self.required else ((RUNTIME, "Unset"),)
        return self.value_type.annotation_names + unset

    @property
    def reader(self) -> str | None:
        """The runtime function that reads this field from a JSON object in one call
        (`optional_str`, `required_datetime`, ...; an enum's reader also takes the enum), or
        None: the generic `optional` / `required` with the type's parse function."""
        suffix = self.value_type.field_reader
        if suffix is None:
            return None
        if not self.required:
            return f"optional_{suffix}"
        return None if self.accepts_null else f"required_{suffix}"

    @property
    def read_function(self) -> str:
        """The runtime function `_from_dict` calls for this field."""
        return self.reader or ("required" if self.required else "optional")

    @property
    def read_type(self) -> TypeRef | None:
        """The type whose parser the generic reader is given (None with a one-call reader):
        `optional` handles null itself, `required` is given the nullable type."""
        if self.reader is not None:
            return None
        return self.type if self.required else self.value_type

    @property
    def reader_arguments(self) -> tuple[str, ...]:
        """Arguments a one-call reader takes after (data, key, path): an enum's class."""
        if self.reader is not None and isinstance(self.value_type, EnumRef):
            return (self.value_type.name,)
        return ()

    @property
    def enum_default(self) -> EnumDefault | None:
        return self.default if isinstance(self.default, EnumDefault) else None

    @property
    def dump_type(self) -> TypeRef:
        """The type `to_dict` dumps a present value as: nullable when null may be stored."""
        return NullableType(self.value_type) if self.accepts_null else self.value_type


@dataclass(frozen=True)
class ExtraProperties:
    """What a model does with keys its spec does not declare.

    `keep` (the default: servers add fields) stores them untyped; `typed` parses them with
    `value_type`; `forbid` (`additionalProperties: false`) rejects them.
    """

    mode: str
    value_type: TypeRef | None = None

    @property
    def annotation(self) -> str:
        if self.value_type is None:
            return "dict[str, Any]"
        return f"dict[str, {self.value_type.annotation}]"

    @property
    def annotation_names(self) -> tuple[Name, ...]:
        if self.value_type is None:
            return ((TYPING, "Any"),)
        return self.value_type.annotation_names


@dataclass(frozen=True)
class StatusOutcome:
    """How the outcome of a `qualified` terminal state is decided by another field.

    Exactly one rule applies: `failure_min` (failure when the number at `path` is >= it: Visma's
    `Finished` with `statusCode >= 400`), `failure_if_present` (failure when the field at `path`
    is present and not null: a `done` flag plus an `error` field), or `success_values` /
    `failure_values` (a state qualified by a separate conclusion enum).
    """

    path: tuple[str, ...]
    failure_min: float | None = None
    failure_if_present: bool = False
    success_values: tuple[str, ...] = ()
    failure_values: tuple[str, ...] = ()


@dataclass(frozen=True)
class StatusSemantics:
    """Which values of which property mean done, success and failure — decided in the parser.

    Paths are tuples of Python attribute names, walked from the model.
    """

    origin: str  # "extension" or "inferred"
    state: tuple[str, ...]
    state_is_bool: bool
    success_values: tuple[str, ...]
    failure_values: tuple[str, ...]
    canceled_values: tuple[str, ...]
    qualified_values: tuple[str, ...] = ()
    outcome: StatusOutcome | None = None
    progress_current: tuple[str, ...] | None = None
    progress_total: tuple[str, ...] | None = None
    progress_message: tuple[str, ...] | None = None
    error: tuple[str, ...] | None = None
    result: tuple[str, ...] | None = None
    state_enum: str | None = None

    @property
    def rule_paths(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The optional paths a `StatusRule` takes, by keyword, for those that are set."""
        paths = (
            ("progress_current", self.progress_current),
            ("progress_total", self.progress_total),
            ("progress_message", self.progress_message),
            ("error", self.error),
            ("result", self.result),
        )
        return tuple((key, path) for key, path in paths if path)

    @property
    def terminal_values(self) -> tuple[str, ...]:
        return (
            self.success_values + self.failure_values + self.canceled_values + self.qualified_values
        )

    def describe(self) -> str:
        """One line for `statusgen generate -v`."""
        parts = [f"state={'.'.join(self.state)} ({self.origin})"]
        if self.state_is_bool:
            parts.append("done when true")
        for label, values in (
            ("success", self.success_values),
            ("failure", self.failure_values),
            ("canceled", self.canceled_values),
            ("outcome-decided", self.qualified_values),
        ):
            if values:
                parts.append(f"{label}={','.join(values)}")
        if self.outcome is not None:
            rule = (
                f">= {self.outcome.failure_min:g} fails"
                if self.outcome.failure_min is not None
                else "present fails"
                if self.outcome.failure_if_present
                else f"success={','.join(self.outcome.success_values)} "
                f"failure={','.join(self.outcome.failure_values)}"
            )
            parts.append(f"outcome={'.'.join(self.outcome.path)} {rule}")
        for label, path in (
            ("progress", self.progress_current),
            ("total", self.progress_total),
            ("message", self.progress_message),
            ("error", self.error),
            ("result", self.result),
        ):
            if path:
                parts.append(f"{label}={'.'.join(path)}")
        return " ".join(parts)


@dataclass(frozen=True)
class Model:
    name: str
    description: str | None
    fields: tuple[Field, ...]
    extra: ExtraProperties
    source: Source
    status: StatusSemantics | None = None

    @property
    def summary(self) -> str | None:
        """The first line of the description, for lists such as a generated README."""
        return self.description.split("\n", 1)[0].strip() if self.description else None

    @property
    def keys_constant(self) -> str:
        """Module-level name of the frozenset of declared wire keys."""
        return f"_{self.name}_KEYS"

    @property
    def has_optional_fields(self) -> bool:
        return not all(f.required for f in self.fields)

    @property
    def status_constant(self) -> str:
        """Module-level name of the model's `StatusRule` (pollers import it)."""
        return status_constant(self.name)


def status_constant(model: str) -> str:
    return f"_{model}_STATUS"


@dataclass(frozen=True)
class EnumMember:
    py_name: str
    value: str
    description: str | None = None


@dataclass(frozen=True)
class EnumType:
    name: str
    description: str | None
    members: tuple[EnumMember, ...]
    source: Source
    success_members: tuple[str, ...] = ()
    failure_members: tuple[str, ...] = ()
    canceled_members: tuple[str, ...] = ()
    qualified_members: tuple[str, ...] = ()
    """Terminal members whose outcome another field decides (neither success nor failure)."""

    @property
    def is_status(self) -> bool:
        return bool(self.terminal_members)

    @property
    def terminal_members(self) -> tuple[str, ...]:
        return (
            self.success_members
            + self.failure_members
            + self.canceled_members
            + self.qualified_members
        )

    @property
    def failure_or_canceled_members(self) -> tuple[str, ...]:
        return self.failure_members + self.canceled_members


# --- endpoints -----------------------------------------------------------------------------


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
    def rule_constant(self) -> str:
        return status_constant(self.model)

    @property
    def headers(self) -> tuple[tuple[str, str], ...]:
        return tuple(
            (p.wire_name, p.constant) for p in self.endpoint.constant_headers if p.constant
        )

    @property
    def result_is_forward(self) -> bool:
        """Whether the result type must be a string in the class base, which Python evaluates
        at import: a union's alias is a string at runtime, so `Alias | None` would fail."""
        return self.result_type is not None and "|" in self.result_type.annotation


# --- package -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Package:
    """One generated package, from one entry spec."""

    name: str
    spec_path: str  # as shown in headers: relative, posix, never absolute
    title: str
    version: str
    description: str | None
    models: tuple[Model, ...]
    enums: tuple[EnumType, ...]
    unions: tuple[UnionType, ...]
    endpoints: tuple[Endpoint, ...]
    servers: tuple[str, ...] = ()
    pollers: tuple[PollerSpec, ...] = ()
    distribution_version: str = "0.0.0"
    """`version` when it is a valid PEP 440 version, else 0.0.0 (for `--project`)."""
    warnings: tuple[SpecError, ...] = field(default=(), compare=False)
    """What the parser decided for the user that they may want to know (a schema renamed
    because another took its name); printed like the validator's warnings."""

    @property
    def status_models(self) -> tuple[Model, ...]:
        return tuple(m for m in self.models if m.status is not None)

    @property
    def exports(self) -> tuple[str, ...]:
        names = [m.name for m in self.models] + [e.name for e in self.enums]
        names += [u.name for u in self.unions]
        return tuple(sorted(names))

    @property
    def poller_exports(self) -> tuple[str, ...]:
        return tuple(sorted([p.name for p in self.pollers] + [p.async_name for p in self.pollers]))


__all__ = [
    "AnyType",
    "ArrayType",
    "DateTimeType",
    "DateType",
    "Endpoint",
    "EnumDefault",
    "EnumMember",
    "EnumRef",
    "EnumType",
    "ExtraProperties",
    "Field",
    "JsonValue",
    "MapType",
    "Model",
    "ModelRef",
    "NeverType",
    "NullableType",
    "Package",
    "Parameter",
    "PollerClass",
    "PollerSpec",
    "PrimitiveType",
    "Response",
    "Source",
    "StatusOutcome",
    "StatusSemantics",
    "TypeRef",
    "UnionRef",
    "UnionType",
    "UnionVariant",
]
