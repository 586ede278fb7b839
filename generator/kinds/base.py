"""What every kind of type declares, and where the names its code uses come from.

A kind is one module here plus one macro file `templates/kinds/<kind>.jinja` holding its
`construct` (JSON -> Python), `parser` (construct as a callable) and `dump` (Python -> JSON)
macros. The node knows its annotation and the names each macro prints, so the render stage
can import exactly those without reading the rendered text.
"""

from __future__ import annotations

import typing
from typing import ClassVar, Protocol

if typing.TYPE_CHECKING:  # this module's own TYPE_CHECKING is an import source below
    from . import TypeRef

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
    def dump_function(self) -> str | None:
        """The function whose one call on the value is `dump` (`format_datetime`), handed
        over as it is where a callable is wanted; None where `dump` is an expression."""
        ...


class Node:
    """What most kinds answer alike: each answer reads a class constant, so a kind states
    only what sets it apart (its annotation, the names it prints, its JSON kind)."""

    kind: ClassVar[str]
    RECOGNISES: ClassVar[tuple[tuple[str, str], ...]] = ()
    """The (type, format) pairs of scalar schemas this kind claims."""
    ANNOTATION: ClassVar[str] = ""
    IMPORTS: ClassVar[tuple[Name, ...]] = ()
    """Names the annotation refers to."""
    JSON_KIND: ClassVar[str] = "string"
    READER: ClassVar[tuple[Name, ...]] = ()
    """Names the `construct` and `parser` macros print."""
    WRITER: ClassVar[tuple[Name, ...]] = ()
    """Names the `dump` macro prints."""
    IDENTITY: ClassVar[bool] = False
    """Whether `dump` returns the value itself."""
    DUMP_FUNCTION: ClassVar[str | None] = None
    """The function whose one call is `dump` (its macro prints it from `dump_function`)."""

    @property
    def annotation(self) -> str:
        return self.ANNOTATION

    @property
    def json_kind(self) -> str:
        return self.JSON_KIND

    @property
    def annotation_names(self) -> tuple[Name, ...]:
        return self.IMPORTS

    @property
    def construct_names(self) -> tuple[Name, ...]:
        return self.READER

    @property
    def dump_is_identity(self) -> bool:
        return self.IDENTITY

    @property
    def reader_function(self) -> str:
        """The runtime function a scalar kind's `construct` calls: its one `READER` name."""
        return self.READER[0][1]

    @property
    def dump_function(self) -> str | None:
        return self.DUMP_FUNCTION

    @property
    def dump_names(self) -> tuple[Name, ...]:
        return self.WRITER


class Named(Node):
    """A reference to a class the package defines (a model, an enum, a union alias)."""

    name: str

    @property
    def annotation(self) -> str:
        return self.name

    @property
    def annotation_names(self) -> tuple[Name, ...]:
        return ((MODELS, self.name),)

    @property
    def construct_names(self) -> tuple[Name, ...]:
        return ((MODELS, self.name),)


class Container(Node):
    """A type around one other (`element`): its annotation is `SHAPE` around the element's
    and refers to the names the element's does."""

    SHAPE: ClassVar[str]
    COPY: ClassVar[str | None] = None
    """The function that copies the container (`list`), its `dump` where the element dumps
    as itself."""

    @property
    def element(self) -> TypeRef:
        raise NotImplementedError

    @property
    def annotation(self) -> str:
        return self.SHAPE.format(self.element.annotation)

    @property
    def annotation_names(self) -> tuple[Name, ...]:
        return self.element.annotation_names

    @property
    def dump_function(self) -> str | None:
        return self.COPY if self.element.dump_is_identity else None
