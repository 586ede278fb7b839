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
    JSON_KIND = "array"
    READER = ((RUNTIME, "parse_list"),)

    item: TypeRef

    @property
    def element(self) -> TypeRef:
        return self.item

    @property
    def dump_function(self) -> str | None:
        """A copy where the items dump as themselves, else a comprehension (no function)."""
        return "list" if self.item.dump_is_identity else None
