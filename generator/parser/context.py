"""What the parse modules share while walking one spec: drafts, order, errors and names.

Models, enums and unions are drafts until the end, because status semantics (decided from the
drafts) and union recognition (which needs every model complete) come first; `package`
assembles the frozen IR from them exactly once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from .. import ir
from ..errors import WARNING, SpecErrors
from ..input.load import Location, Spec
from ..spec_error import SpecError
from .names import NameRegistry

MAX_SCHEMA_DEPTH = 100
"""Schemas the parser follows inside one another at once (properties, items, $refs, allOf):
deeper is an error, never a RecursionError. Real specs nest under 20."""


@dataclass
class ModelDraft:
    """A model whose fields are still being parsed (recursion needs its name first)."""

    name: str
    location: Location
    description: str | None
    fields: list[ir.Field] = field(default_factory=list)
    extra: ir.ExtraProperties = field(default_factory=lambda: ir.ExtraProperties("keep"))
    parts: tuple[Location, ...] = ()
    """The object schemas merged into it (its allOf parts), for placing errors."""


@dataclass(frozen=True)
class EnumDraft:
    """An enum before status semantics says which of its members end a poll."""

    name: str
    description: str | None
    members: tuple[ir.EnumMember, ...]
    location: Location


@dataclass
class UnionDraft:
    name: str
    parse_function: str
    location: Location
    description: str | None
    variants: list[tuple[ir.TypeRef, Location | None]] = field(default_factory=list)
    discriminator: str | None = None
    mapping: dict[str, Location] = field(default_factory=dict)
    tag_inferred: bool = False


_Result = TypeVar("_Result")


@dataclass
class ParseContext:
    """The mutable state of one parse, passed explicitly to every parse function."""

    spec: Spec
    names: NameRegistry = field(default_factory=NameRegistry)
    errors: list[SpecError] = field(default_factory=list)
    named: dict[Location, ir.TypeRef] = field(default_factory=dict)
    order: list[Location] = field(default_factory=list)
    models: dict[Location, ModelDraft] = field(default_factory=dict)
    enums: dict[Location, EnumDraft] = field(default_factory=dict)
    unions: dict[Location, UnionDraft] = field(default_factory=dict)
    depth: int = 0
    in_progress: list[Location] = field(default_factory=list)
    """The schemas being read, outermost first (`begin_reading`)."""
    open: dict[Location, int] = field(default_factory=dict)
    """How many times each schema of `in_progress` is in it: asking whether one is being read
    does not walk the list, which is as long as the nesting is deep."""
    warnings: list[SpecError] = field(default_factory=list)
    definitions: dict[Location, Any] = field(default_factory=dict)
    """The schema node of each named type, to recognise an identical one named the same."""
    recursive: set[Location] = field(default_factory=set)
    """Named types referred to from inside their own parts (a union among them stays one)."""
    containers: list[int] = field(default_factory=list)
    """For each array's items or map's values being read, how long `in_progress` was when
    its reading began: a schema reached again from one of them contains itself through it."""

    def warn(self, at: Location, message: str) -> None:
        """A finding statusgen reads past with certainty: warned, generated (`--strict`
        makes it an error)."""
        warning = replace(at.error(message), severity=WARNING)
        if warning not in self.warnings:  # a schema read from two places is warned of once
            self.warnings.append(warning)

    def register(self, at: Location, ref: ir.TypeRef) -> None:
        """A named type is known (and in declaration order) before its parts are parsed."""
        self.named[at] = ref
        self.order.append(at)

    def twin(self, at: Location, name: str, node: Any) -> ir.TypeRef | None:
        """The type already made for an identical schema that the spec names the same (Azure
        repeats an `x-ms-enum` name at every use): one class for both, none for `at`."""
        owner = self.names.owner(name)
        if owner is None or owner == at or owner not in self.named:
            return None
        if not same_definition(owner, self.definitions.get(owner), at, node):
            return None
        self.named[at] = self.named[owner]
        return self.named[owner]

    def class_name(self, at: Location, name: str, node: Any, fallback: str | None = None) -> str:
        """Claim the class name of the schema `node` at `at` (see `NameRegistry.schema_class`)."""
        self.definitions[at] = node
        return self.names.schema_class(at, name, fallback)

    @contextmanager
    def inside_container(self) -> Iterator[None]:
        """The items or values of an array or map are read while the block runs."""
        self.containers.append(len(self.in_progress))
        try:
            yield
        finally:
            self.containers.pop()

    def container_between(self, at: Location) -> bool:
        """Whether an array's items or a map's values are read inside the reading of `at`."""
        last = len(self.in_progress) - 1 - self.in_progress[::-1].index(at)
        return bool(self.containers) and self.containers[-1] > last

    def begin_reading(self, at: Location) -> None:
        """`at` is in `in_progress` until `end_reading` (a try/finally pair: the schema walk
        enters one per schema, where a context manager cost a tenth of parsing)."""
        self.in_progress.append(at)
        self.open[at] = self.open.get(at, 0) + 1

    def end_reading(self, at: Location) -> None:
        self.in_progress.pop()
        left = self.open[at] - 1
        if left:
            self.open[at] = left
        else:
            del self.open[at]

    def guard(self, step: Callable[..., _Result], *args: Any) -> _Result | ir.AnyType:
        """Run one parse step (`step(self, *args)`); turn its SpecErrors into collected
        errors, so one bad schema or operation does not hide the problems of the others."""
        try:
            return step(self, *args)
        except SpecErrors as exc:
            self.errors.extend(exc.errors)
            return ir.AnyType()
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
            # A shape no rule foresaw: one line at its place, never a traceback
            at = next(a for a in args if isinstance(a, Location))
            self.errors.append(at.error(unreadable(exc)))
            return ir.AnyType()


def unreadable(exc: BaseException) -> str:
    """The message for what statusgen could not read (a gap in statusgen, not the spec's)."""
    problem = " ".join(str(exc).split())[:120]
    return f"statusgen cannot read this ({type(exc).__name__}: {problem}); please report it"


ANNOTATIONS = frozenset(
    {
        "description",
        "title",
        "example",
        "examples",
        "default",
        "readOnly",
        "writeOnly",
        "deprecated",
        "nullable",
        "x-nullable",
        "externalDocs",
    }
)
"""Keywords that describe a use of a schema rather than the values it allows."""


def same_definition(first_at: Location, first: Any, second_at: Location, second: Any) -> bool:
    """Whether two schemas allow the same values, written the same way: equal once their
    annotations are set aside, and, when they hold a `$ref`, in the same file (a relative
    reference means something else in another file)."""
    if not isinstance(first, dict) or not isinstance(second, dict):
        return False
    if first_at.file != second_at.file and _has_ref(first):
        return False
    return _definition(first) == _definition(second)


def _definition(node: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in node.items() if k not in ANNOTATIONS}


def _has_ref(node: Any) -> bool:
    if isinstance(node, dict):
        return "$ref" in node or any(_has_ref(v) for v in node.values())
    return isinstance(node, list) and any(_has_ref(v) for v in node)


def as_list(value: Any) -> list[Any]:
    """A list from the spec, or nothing when absent or not a list (the validator says why)."""
    return value if isinstance(value, list) else []


def text(value: Any) -> str | None:
    """A description as text: None when absent or empty; never a non-string."""
    if value is None:
        return None
    result = str(value).strip()
    return result or None


def source(at: Location) -> ir.Source:
    return ir.Source(at.error("").file, at.pointer)


def is_json_media(media_type: str) -> bool:
    media = media_type.split(";")[0].strip().lower()
    return media == "application/json" or media.endswith("+json") or media == "*/*"
