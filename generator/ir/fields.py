"""Where IR nodes come from, and the fields of models: names, types, defaults, readers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

from ..kinds import EnumRef, Name, NeverType, TypeRef, is_nullable, without_null
from ..kinds.base import RUNTIME, TYPING, field_readers

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
    `accepts_null`: every other answer (annotation, reader, how `to_dict` writes it) reads
    that and `value_type`. It is derived from `type` and `required` (it cannot be passed in),
    yet stays a dataclass field so `statusgen ir` shows it: it is true for nullable fields and
    for every optional field, because real servers send `null` for optional fields that the
    spec does not mark nullable (Face's `message`), and an SDK must keep that `null` rather
    than fail.
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

    @property
    def reader(self) -> str | None:
        """The runtime function that reads this field from a JSON object in one call
        (`optional_str`, `required_datetime`, ...; an enum's reader also takes the enum), or
        None: the generic `optional` / `required` with the type's parse function."""
        suffix = self.value_type.field_reader
        if suffix is None:
            return None
        required, optional = field_readers(suffix)
        if not self.required:
            return optional
        return None if self.accepts_null else required

    @property
    def read_function(self) -> str:
        """The runtime function `_from_dict` calls for this field."""
        if self.reader is not None:
            return self.reader
        if not self.required:
            return "optional"
        return "required_or_null" if self.accepts_null else "required"

    @property
    def read_type(self) -> TypeRef | None:
        """The type whose parser the generic reader is given (None with a one-call reader):
        each generic reader handles null itself where the field accepts it."""
        return None if self.reader is not None else self.value_type

    @property
    def reader_arguments(self) -> tuple[str, ...]:
        """Arguments a one-call reader takes after (data, key, path): an enum's class."""
        if self.reader is not None and isinstance(self.value_type, EnumRef):
            return (self.value_type.name,)
        return ()


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
