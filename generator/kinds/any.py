"""Any JSON value: schemas with no type, `true`, or `{}`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .base import RUNTIME, TYPING, Name


@dataclass(frozen=True)
class AnyType:
    """Any JSON value, kept as parsed."""

    kind: ClassVar[str] = "any"

    @property
    def annotation(self) -> str:
        return "Any"

    @property
    def annotation_names(self) -> tuple[Name, ...]:
        return ((TYPING, "Any"),)

    @property
    def json_kind(self) -> str:
        return "any"

    @property
    def construct_names(self) -> tuple[Name, ...]:
        return ((RUNTIME, "parse_any"),)

    @property
    def dump_names(self) -> tuple[Name, ...]:
        return ()

    @property
    def dump_is_identity(self) -> bool:
        return True

    @property
    def field_reader(self) -> str | None:
        return None
