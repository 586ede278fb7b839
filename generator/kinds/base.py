"""What every kind of type declares, and where the names its code uses come from.

A kind is one module here plus one macro file `templates/kinds/<kind>.jinja` holding its
`construct` (JSON -> Python), `parser` (construct as a callable) and `dump` (Python -> JSON)
macros. The node knows its annotation and the names each macro prints, so the render stage
can import exactly those without reading the rendered text.
"""

from __future__ import annotations

from typing import ClassVar, Protocol

Name = tuple[str, str]
"""(source, name): where a name printed in generated code is imported from."""

MODULE = ""
"""A standard-library module imported whole (`import datetime`)."""
TYPING = "typing"
TYPE_CHECKING = "TYPE_CHECKING"
"""A module imported only for type checkers (`httpx`, an optional extra)."""
RUNTIME = "_runtime"
POLLING = "_polling"
MODELS = "models"
"""The package's own models module: local in models.py, imported in pollers.py."""


class Kind(Protocol):
    """The interface the render stage and the templates rely on."""

    kind: ClassVar[str]
    """The stem of the macro file: `templates/kinds/<kind>.jinja`."""

    @property
    def annotation(self) -> str: ...

    @property
    def annotation_names(self) -> tuple[Name, ...]:
        """Names the annotation refers to."""
        ...

    @property
    def json_kind(self) -> str: ...

    @property
    def construct_names(self) -> tuple[Name, ...]:
        """Names the `construct` and `parser` macros print (nested types declare their own)."""
        ...

    @property
    def dump_names(self) -> tuple[Name, ...]: ...

    @property
    def dump_is_identity(self) -> bool:
        """Whether `dump` returns the value itself (a JSON scalar or an untyped value)."""
        ...

    @property
    def field_reader(self) -> str | None:
        """The suffix of the runtime's one-call field readers (`required_<it>`,
        `optional_<it>`), for the kinds common enough to have them."""
        ...
