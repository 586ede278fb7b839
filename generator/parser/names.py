"""The name registry: every class and parse-function name a package defines, decided once.

Schema names, inline `<Parent><Property>` names, `<Union><N>` names, union parse functions and
poller classes all claim their name here, in the order the spec is walked, so collision
suffixes are deterministic and no two generated classes (or functions) share a name.
"""

from __future__ import annotations

from .. import runtime
from ..errors import SpecErrors, display_path
from ..load import Location
from ..naming import class_name, function_name, snake_case

RUNTIME_FUNCTIONS = runtime.functions()
"""Module-level functions of a generated package's runtime: a union's parse function never
takes one of these names."""


class SpecName(str):
    """A name written in the spec — a component key, the key or file a `$ref` points at — as
    opposed to one statusgen makes up (`<Parent><Property>`, `<Union><N>`). Two spec names that
    become one class are an error; a made-up name that collides takes the next free suffix."""


class NameRegistry:
    """Claims class and function names for one package; the only holder of taken names."""

    def __init__(self) -> None:
        self._classes: set[str] = set()
        self._owner: dict[str, Location] = {}
        self._made_up: set[str] = set()
        self._functions: set[str] = set(RUNTIME_FUNCTIONS)

    def reserve(self, component_keys: list[str]) -> None:
        """Components' own class names first, so a made-up name never takes one of them."""
        self._classes.update(class_name(key, set()) for key in component_keys)

    def schema_class(self, at: Location, name: str) -> str:
        """The class name for the schema at `at`, claimed (see `SpecName` for collisions)."""
        if isinstance(name, SpecName):
            wanted = class_name(name, set())
            owner = self._owner.get(wanted)
            if owner is not None and owner != at:
                where = owner.pointer
                if owner.file != at.file:
                    where = display_path(owner.file) + where
                raise SpecErrors(
                    [
                        at.error(
                            f"schema {str(name)!r} becomes class {wanted!r}, as does the schema "
                            f"at {where}: rename one of them"
                        )
                    ]
                )
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
