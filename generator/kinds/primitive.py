"""JSON scalars: string, integer, number and boolean, with formats we keep as plain values."""

from __future__ import annotations

from dataclasses import dataclass

from .base import RUNTIME, Name, Node

PYTHON_OF = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}
JSON_OF = {python: json for json, python in PYTHON_OF.items()}


@dataclass(frozen=True)
class PrimitiveType(Node):
    """A JSON scalar: `python` is one of str, int, float, bool."""

    kind = "primitive"
    IDENTITY = True

    python: str
    format: str | None = None

    @property
    def annotation(self) -> str:
        return self.python

    @property
    def json_kind(self) -> str:
        return JSON_OF[self.python]

    @property
    def expect_function(self) -> str:
        """The runtime check that returns the value when it is of this JSON type."""
        return f"expect_{self.python}"

    @property
    def construct_names(self) -> tuple[Name, ...]:
        return ((RUNTIME, self.expect_function),)


def recognise(type_name: str, fmt: str | None) -> PrimitiveType:
    """Any (type, format) no other kind claims: formats are open, the value stays a scalar."""
    return PrimitiveType(PYTHON_OF[type_name], fmt)
