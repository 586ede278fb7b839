"""A reference to a generated model class (an object schema with properties)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .base import MODELS, Name


@dataclass(frozen=True)
class ModelRef:
    kind: ClassVar[str] = "model"

    name: str

    @property
    def annotation(self) -> str:
        return self.name

    @property
    def annotation_names(self) -> tuple[Name, ...]:
        return ((MODELS, self.name),)

    @property
    def json_kind(self) -> str:
        return "object"

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
        return None
