"""JSON arrays, as `list[T]`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from .base import RUNTIME, Name

if TYPE_CHECKING:
    from . import TypeRef


@dataclass(frozen=True)
class ArrayType:
    kind: ClassVar[str] = "array"

    item: TypeRef

    @property
    def annotation(self) -> str:
        return f"list[{self.item.annotation}]"

    @property
    def annotation_names(self) -> tuple[Name, ...]:
        return self.item.annotation_names

    @property
    def json_kind(self) -> str:
        return "array"

    @property
    def construct_names(self) -> tuple[Name, ...]:
        return ((RUNTIME, "parse_list"),)

    @property
    def dump_names(self) -> tuple[Name, ...]:
        return ()

    @property
    def dump_is_identity(self) -> bool:
        return False

    @property
    def field_reader(self) -> str | None:
        return None
