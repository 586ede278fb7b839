"""No value at all: the boolean schema `false` (a property that must be absent, `items:
false` for an array that must be empty)."""

from __future__ import annotations

from dataclasses import dataclass

from .base import RUNTIME, Node


@dataclass(frozen=True)
class NeverType(Node):
    """A place the spec allows no value: reading one is a ValidationError. The annotation
    is `None`, the only thing an optional field of this type can hold besides UNSET."""

    kind = "never"
    ANNOTATION = "None"
    JSON_KIND = "never"
    READER = ((RUNTIME, "refuse_value"),)
    IDENTITY = True
