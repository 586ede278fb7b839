"""A reference to a generated open enum (string values; unknown ones are kept)."""

from __future__ import annotations

from dataclasses import dataclass

from .base import Named


@dataclass(frozen=True)
class EnumRef(Named):
    kind = "enum"

    name: str
