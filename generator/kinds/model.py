"""A reference to a generated model class (an object schema with properties)."""

from __future__ import annotations

from dataclasses import dataclass

from .base import Named


@dataclass(frozen=True)
class ModelRef(Named):
    kind = "model"
    JSON_KIND = "object"

    name: str
