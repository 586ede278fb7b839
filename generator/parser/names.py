"""The name registry: every class and parse-function name a package defines, decided once.

Schema names, inline `<Parent><Property>` names, `<Union><N>` names, union parse functions and
poller classes all claim their name here, in the order the spec is walked, so collision
suffixes are deterministic and no two generated classes (or functions) share a name.
"""

from __future__ import annotations

from dataclasses import replace

from .. import runtime
from ..errors import WARNING, display_path
from ..input.load import Location
from ..spec_error import SpecError
from .naming import class_name, function_name, pascal_case, snake_case

RUNTIME_FUNCTIONS = runtime.functions()
"""Module-level functions of a generated package's runtime: a union's parse function never
takes one of these names."""


class SpecName(str):
    """A name written in the spec — a component key, the key or file a `$ref` points at — as
    opposed to one statusgen makes up (`<Parent><Property>`, `<Union><N>`). Two spec names that
    become one class are one class when their definitions are the same, else the second is
    renamed with a warning; a made-up name that collides takes the next free suffix."""


class NameRegistry:
    """Claims class and function names for one package; the only holder of taken names."""

    def __init__(self) -> None:
        self._classes: set[str] = set()
        self._owner: dict[str, Location] = {}
        self._made_up: set[str] = set()
        self._functions: set[str] = set(RUNTIME_FUNCTIONS)
        self.renamed: list[tuple[str, SpecError]] = []
        """Schemas renamed because another, different one took their spec name: the class
        each became, and the warning that says why."""

    def reserve(self, component_keys: list[str]) -> None:
        """Components' own class names first, so a made-up name never takes one of them."""
        self._classes.update(class_name(key, set()) for key in component_keys)

    def owner(self, name: str) -> Location | None:
        """The schema that holds the class a spec name becomes, if one does already."""
        if not isinstance(name, SpecName):
            return None
        return self._owner.get(class_name(name, set()))

    def schema_class(self, at: Location, name: str, fallback: str | None = None) -> str:
        """The class name for the schema at `at`, claimed (see `SpecName` for collisions).

        A spec name another schema already holds goes to the second schema's `fallback` (the
        name its place gives it, `<Parent><Property>`) or takes a suffix, with a warning: the
        user cannot rename anything in a spec they do not own. Identical schemas that share a
        name never get here (`ParseContext.twin` gives them one class)."""
        if isinstance(name, SpecName):
            wanted = class_name(name, set())
            owner = self._owner.get(wanted)
            if owner is not None and owner != at:
                chosen = class_name(fallback or name, self._classes)
                self._made_up.add(chosen)
                self.renamed.append((chosen, _renamed(at, name, wanted, owner, chosen)))
                return chosen
            if wanted not in self._made_up:
                self._classes.add(wanted)
                self._owner[wanted] = at
                return wanted
        chosen = class_name(name, self._classes)
        self._made_up.add(chosen)
        return chosen

    def union_function(self, union_class: str) -> str:
        """`parse_<union>`, never a runtime function's name nor another union's."""
        return function_name("parse_" + snake_case(union_class), self._functions)

    def pollers(self, stem: str) -> tuple[str, str]:
        """The sync and asyncio poller class names for `stem` (a model or an operation)."""
        name = class_name(stem + "Poller", self._classes)
        return name, class_name("Async" + name, self._classes)


def _renamed(at: Location, name: str, wanted: str, owner: Location, chosen: str) -> SpecError:
    where = owner.pointer
    if owner.file != at.file:
        where = display_path(owner.file) + where
    message = (
        f"schema {str(name)!r} would become class {wanted!r}, as does the different schema "
        f"at {where}: it is named {chosen!r}"
    )
    return replace(at.error(message), severity=WARNING)


_NAMED = frozenset({"schemas", "definitions", "parameters", "responses"})
"""Containers of named things: a place name starts at the key under the last of them."""
_STRUCTURE = frozenset(
    {"properties", "items", "additionalProperties", "allOf", "oneOf", "anyOf", "schema"}
)


def place_name(at: Location) -> str | None:
    """The name a schema's place gives it: `TaskState/properties/status` -> `TaskStateStatus`
    (None outside a container of named things). The walk that first reaches a schema does not
    change it, so two schemas renamed apart keep their names whatever else the spec holds."""
    starts = [i for i, token in enumerate(at.tokens[:-1]) if token in _NAMED]
    if not starts:
        return None
    tokens = at.tokens[starts[-1] + 1 :]
    return "".join(pascal_case(t) for t in tokens if t not in _STRUCTURE and not t.isdigit())
