"""Status semantics: which models are status resources, what their states mean, and which
pollers the package gets.

Decided once, from the parsed schemas and before the IR exists: from the `x-statusgen`
extension or by inference from the state values (DESIGN.md §4). The parser assembles the IR
from the decision, so templates and pollers only read it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from .. import ir
from ..input.load import Location
from ..spec_error import SpecError
from .extension import from_extension
from .infer import infer
from .pollers import PlannedPoller, Role, plan, roles, wrappers
from .schemas import EnumShape, Invalid, ModelShape, Schemas, normalise

__all__ = [
    "Decision",
    "EnumShape",
    "ModelShape",
    "PlannedPoller",
    "Role",
    "Schemas",
    "StateMembers",
    "decide",
    "normalise",
    "plan",
    "roles",
    "wrappers",
]


@dataclass(frozen=True)
class StateMembers:
    """The members of a state enum that end a poll, by outcome (attribute names)."""

    success: tuple[str, ...] = ()
    failure: tuple[str, ...] = ()
    canceled: tuple[str, ...] = ()
    qualified: tuple[str, ...] = ()


@dataclass(frozen=True)
class Decision:
    """The status semantics of every status model (by class name), and the problems found."""

    semantics: Mapping[str, ir.StatusSemantics]
    errors: tuple[SpecError, ...]

    @cached_property
    def _by_state_enum(self) -> dict[str, ir.StatusSemantics]:
        """The first status model's semantics for each enum that holds a state."""
        found: dict[str, ir.StatusSemantics] = {}
        for status in self.semantics.values():
            if status.state_enum is not None:
                found.setdefault(status.state_enum, status)
        return found

    def state_members(self, enum: EnumShape) -> StateMembers:
        """How the first status model whose state `enum` holds reads its members."""
        status = self._by_state_enum.get(enum.name)
        if status is None:
            return StateMembers()

        def members(values: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(m.py_name for m in enum.members if m.value in values)

        return StateMembers(
            success=members(status.success_values),
            failure=members(status.failure_values),
            canceled=members(status.canceled_values),
            qualified=members(status.qualified_values),
        )


def decide(schemas: Schemas, extensions: Mapping[str, tuple[Location, Any]]) -> Decision:
    """The status semantics of each model in `schemas`, from its `x-statusgen` extension
    (model name -> where the extension is, and its node) or else by inference. A model whose
    extension is wrong gets none, and its errors are in the decision."""
    semantics: dict[str, ir.StatusSemantics] = {}
    errors: list[SpecError] = []
    for name, model in schemas.models.items():
        status: ir.StatusSemantics | None
        try:
            if name in extensions:
                at, node = extensions[name]
                status = from_extension(schemas, at, node, model)
            else:
                status = infer(schemas, model)
        except Invalid as exc:
            errors.extend(exc.errors)
            continue
        if status is not None:
            semantics[name] = _with_percentage(status, model)
    return Decision(semantics, tuple(errors))


PERCENT_NAMES = frozenset(
    {"progress", "percentcomplete", "percentdone", "percentage", "progresspercent", "percent"}
)
"""Wire names (lower case, no separators) of a field holding the percentage done."""


def _with_percentage(status: ir.StatusSemantics, model: ModelShape) -> ir.StatusSemantics:
    """A status that says nothing of progress reads it from a numeric field named like a
    percentage (`progress`, `percentComplete`), as a fraction of 100."""
    if status.progress.current is not None:
        return status
    for f in model.fields:
        key = "".join(c for c in f.wire_name.lower() if c.isalnum())
        kind = f.value_type
        numeric = isinstance(kind, ir.PrimitiveType) and kind.python in ("int", "float")
        if key in PERCENT_NAMES and numeric:
            progress = replace(status.progress, current=(f.py_name,), scale=100.0)
            return replace(status, progress=progress)
    return status
