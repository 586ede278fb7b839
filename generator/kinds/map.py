"""Objects with `additionalProperties` and no fixed properties, as `dict[str, T]`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from .base import RUNTIME, Name

if TYPE_CHECKING:
    from . import TypeRef


@dataclass(frozen=True)
class MapType:
    """`additionalProperties` with no fixed properties: a `dict[str, T]`."""

    kind: ClassVar[str] = "map"

    value: TypeRef

    @property
    def annotation(self) -> str:
        return f"dict[str, {self.value.annotation}]"

    @property
    def annotation_names(self) -> tuple[Name, ...]:
        return self.value.annotation_names

    @property
    def json_kind(self) -> str:
        return "object"

    @property
    def construct_names(self) -> tuple[Name, ...]:
        return ((RUNTIME, "parse_map"),)

    @property
    def dump_names(self) -> tuple[Name, ...]:
        return ()

    @property
    def dump_is_identity(self) -> bool:
        return False

    @property
    def field_reader(self) -> str | None:
        return None
