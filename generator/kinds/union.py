"""A reference to a generated union (oneOf/anyOf): a type alias plus its parse function."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .base import MODELS, RUNTIME, Name


@dataclass(frozen=True)
class UnionRef:
    """A reference to a `UnionType` defined at package level (it has a parse function)."""

    kind: ClassVar[str] = "union"

    name: str
    parse_function: str

    @property
    def annotation(self) -> str:
        return self.name

    @property
    def annotation_names(self) -> tuple[Name, ...]:
        return ((MODELS, self.name),)

    @property
    def json_kind(self) -> str:
        return "union"

    @property
    def construct_names(self) -> tuple[Name, ...]:
        return ((MODELS, self.parse_function),)

    @property
    def dump_names(self) -> tuple[Name, ...]:
        return ((RUNTIME, "to_wire"),)

    @property
    def dump_is_identity(self) -> bool:
        return False

    @property
    def field_reader(self) -> str | None:
        return None
