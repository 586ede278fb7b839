"""No value at all: the boolean schema `false` (a property that must be absent, `items:
false` for an array that must be empty)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .base import RUNTIME, Name


@dataclass(frozen=True)
class NeverType:
    """A place the spec allows no value: reading one is a ValidationError. The annotation
    is `None`, the only thing an optional field of this type can hold besides UNSET."""

    kind: ClassVar[str] = "never"

    @property
    def annotation(self) -> str:
        return "None"

    @property
    def annotation_names(self) -> tuple[Name, ...]:
        return ()

    @property
    def json_kind(self) -> str:
        return "never"

    @property
    def construct_names(self) -> tuple[Name, ...]:
        return ((RUNTIME, "refuse_value"),)

    @property
    def dump_names(self) -> tuple[Name, ...]:
        return ()

    @property
    def dump_is_identity(self) -> bool:
        return True

    @property
    def field_reader(self) -> str | None:
        return None
