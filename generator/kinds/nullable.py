"""`T | None`: 3.0 `nullable: true`, 3.1 `type: [T, "null"]`, or a oneOf with `null`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

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
