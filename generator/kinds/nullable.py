"""`T | None`: 3.0 `nullable: true`, 3.1 `type: [T, "null"]`, or a oneOf with `null`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .any import AnyType
from .base import Container

if TYPE_CHECKING:
    from . import TypeRef


@dataclass(frozen=True)
class NullableType(Container):
    """`T | None`; the inner type's macros print the names it needs."""

    kind = "nullable"
    SHAPE = "{} | None"

    inner: TypeRef

    @property
    def element(self) -> TypeRef:
        return self.inner

    @property
    def json_kind(self) -> str:
        return self.inner.json_kind

    @property
    def dump_is_identity(self) -> bool:
        """None dumps as itself, so a nullable scalar dumps as it is."""
        return self.inner.dump_is_identity


def is_nullable(t: TypeRef) -> bool:
    """Whether the type itself allows null (an optional field takes null besides:
    `ir.Field.accepts_null`)."""
    return isinstance(t, NullableType)


def without_null(t: TypeRef) -> TypeRef:
    """The type of a non-null value of `t`."""
    return t.inner if isinstance(t, NullableType) else t


def with_null(t: TypeRef) -> TypeRef:
    """`t` allowing null as well: wrapped once, and an untyped value takes null already."""
    return t if isinstance(t, (NullableType, AnyType)) else NullableType(t)
