"""JSON arrays, as `list[T]`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .base import RUNTIME, Container

if TYPE_CHECKING:
    from . import TypeRef


@dataclass(frozen=True)
class ArrayType(Container):
    kind = "array"
    SHAPE = "list[{}]"
    COPY = "list"
    JSON_KIND = "array"
    READER = ((RUNTIME, "parse_list"),)

    item: TypeRef

    @property
    def element(self) -> TypeRef:
        return self.item
