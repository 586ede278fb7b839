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
    COPY = "dict"
    JSON_KIND = "object"
    READER = ((RUNTIME, "parse_map"),)

    @property
    def element(self) -> TypeRef:
        return self.value
