"""`additionalProperties` maps, as `dict[str, T]`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .base import RUNTIME, Container

if TYPE_CHECKING:
    from . import TypeRef


@dataclass(frozen=True)
class MapType(Container):
    """`additionalProperties` with no fixed properties: a `dict[str, T]`."""

    value: TypeRef

    kind = "map"
    SHAPE = "dict[str, {}]"
    JSON_KIND = "object"
    READER = ((RUNTIME, "parse_map"),)

    @property
    def element(self) -> TypeRef:
        return self.value

    @property
    def dump_function(self) -> str | None:
        """A copy where the values dump as themselves, else a comprehension (no function)."""
        return "dict" if self.value.dump_is_identity else None
