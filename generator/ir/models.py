"""Models and enums as the package defines them."""

from __future__ import annotations

from dataclasses import dataclass

from .fields import ExtraProperties, Field, Source
from .status import StatusSemantics


@dataclass(frozen=True)
class Model:
    """An object schema as a dataclass: its fields, what it does with keys the spec does not
    declare, and its status semantics when it is a status resource."""

    name: str
    description: str | None
    fields: tuple[Field, ...]
    extra: ExtraProperties
    source: Source
    status: StatusSemantics | None = None

    @property
    def summary(self) -> str | None:
        """The first line of the description, for lists such as a generated README."""
        return self.description.split("\n", 1)[0].strip() if self.description else None

    @property
    def base(self) -> str:
        """The runtime class it derives from: a status model whose own field is named
        `progress` keeps it, so it gets the base without the `progress` property."""
        if self.status is None:
            return "Model"
        if any(f.py_name == "progress" for f in self.fields):
            return "PlainStatusModel"
        return "StatusModel"

    @property
    def status_constant(self) -> str:
        """Module-level name of the model's `StatusRule` (long-running operations read it)."""
        return status_constant(self.name)


def status_constant(model: str) -> str:
    return f"_{model}_STATUS"


@dataclass(frozen=True)
class EnumMember:
    py_name: str
    value: str
    description: str | None = None


@dataclass(frozen=True)
class EnumType:
    """An open string enum; the members that end a poll when it holds a status."""

    name: str
    description: str | None
    members: tuple[EnumMember, ...]
    source: Source
    success_members: tuple[str, ...] = ()
    failure_members: tuple[str, ...] = ()
    canceled_members: tuple[str, ...] = ()
    qualified_members: tuple[str, ...] = ()
    """Terminal members whose outcome another field decides (neither success nor failure)."""

    @property
    def is_status(self) -> bool:
        return bool(self.terminal_members)

    @property
    def terminal_members(self) -> tuple[str, ...]:
        return (
            self.success_members
            + self.failure_members
            + self.canceled_members
            + self.qualified_members
        )


# --- endpoints -----------------------------------------------------------------------------
