"""Where IR nodes come from, and the fields of models: names, types, defaults, readers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

from ..kinds import Name, NeverType, TypeRef, is_nullable, without_null
from ..kinds.base import RUNTIME, TYPING

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

    Nullability is stored once, in `type` (a `NullableType`), and decided once, in
    `accepts_null`: every other answer reads that and `value_type` (the annotation, from
    which the runtime compiles how the field is read and written). It is derived from `type`
    and `required` (it cannot be passed in), yet stays a dataclass field so `statusgen ir`
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
        object.__setattr__(self, "accepts_null", is_nullable(self.type) or not self.required)

    @property
    def value_annotation(self) -> str:
        """The annotation of a present value (without `Unset`)."""
        base = self.value_type
        if self.accepts_null and not isinstance(base, NeverType):
            return f"{base.annotation} | None"
        return base.annotation

    @property
    def annotation(self) -> str:
        return self.value_annotation if self.required else f"{self.value_annotation} | Unset"

    @property
    def value_type(self) -> TypeRef:
        """The type of a non-null value."""
        return without_null(self.type)

    @property
    def annotation_names(self) -> tuple[Name, ...]:
        unset = () if self.required else ((RUNTIME, "Unset"),)
        return self.value_type.annotation_names + unset


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
