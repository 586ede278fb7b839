"""A reference to a generated open enum (string values; unknown ones are kept)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .base import MODELS, Name


@dataclass(frozen=True)
class EnumRef:
    kind: ClassVar[str] = "enum"

    name: str

    @property
    def annotation(self) -> str:
        return self.name

    @property
    def annotation_names(self) -> tuple[Name, ...]:
        return ((MODELS, self.name),)

    @property
    def json_kind(self) -> str:
        return "string"

    @property
    def construct_names(self) -> tuple[Name, ...]:
        return ((MODELS, self.name),)

    @property
    def dump_names(self) -> tuple[Name, ...]:
        return ()

    @property
    def dump_is_identity(self) -> bool:
        return False

    @property
    def field_reader(self) -> str | None:
        return "enum"
