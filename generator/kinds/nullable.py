"""`T | None`: 3.0 `nullable: true`, 3.1 `type: [T, "null"]`, or a oneOf with `null`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from .base import Name

if TYPE_CHECKING:
    from . import TypeRef


@dataclass(frozen=True)
class NullableType:
    """`T | None`: 3.0 `nullable: true`, 3.1 `type: [T, "null"]`, or a oneOf with `null`."""

    kind: ClassVar[str] = "nullable"

    inner: TypeRef

    @property
    def annotation(self) -> str:
        return f"{self.inner.annotation} | None"

    @property
    def annotation_names(self) -> tuple[Name, ...]:
        return self.inner.annotation_names

    @property
    def json_kind(self) -> str:
        return self.inner.json_kind

    @property
    def construct_names(self) -> tuple[Name, ...]:
        return ()

    @property
    def dump_names(self) -> tuple[Name, ...]:
        return ()

    @property
    def dump_is_identity(self) -> bool:
        """None dumps as itself, so a nullable scalar dumps as it is."""
        return self.inner.dump_is_identity

    @property
    def field_reader(self) -> str | None:
        return None
