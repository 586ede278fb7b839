"""Long-running operations by protocol: the pollers a package gets for them."""

from __future__ import annotations

from dataclasses import dataclass

from ..kinds import NullableType, TypeRef
from .endpoints import PollerClass
from .fields import Source
from .models import status_constant


@dataclass(frozen=True)
class LroPollerSpec:
    """A sync and an asyncio poller for one long-running operation (DESIGN.md §4b)."""

    name: str
    async_name: str
    token_name: str
    operation_id: str
    method: str
    path: str
    description: str | None
    source: Source
    result_type: TypeRef | None
    """The success schema's type; None when the operation declares no body."""
    result_optional: bool
    """A declared success without a body: `wait()` may return None."""
    final_state_via: str | None
    monitor_header: str | None
    status_model: str | None = None
    """The status model of the spec the operation answers with (polled until terminal)."""
    status_path: str | None = None

    @property
    def classes(self) -> tuple[PollerClass, PollerClass]:
        return (
            PollerClass(self.name, "LroPoller", "Poller", "Client"),
            PollerClass(self.async_name, "AsyncLroPoller", "Asyncio poller", "AsyncClient"),
        )

    @property
    def result(self) -> TypeRef | None:
        """What `wait()` returns, None included where the spec allows no body."""
        if self.result_type is None or not self.result_optional:
            return self.result_type
        return NullableType(self.result_type)

    @property
    def returns(self) -> str:
        """What the docstring says `wait()` returns."""
        if self.result_type is None:
            return "None once the operation succeeded"
        if self.result_optional:
            return "its result once it succeeded (None when the answer has no body)"
        return "its result once it succeeded"

    @property
    def operation(self) -> tuple[tuple[str, str | bool], ...]:
        """The keyword arguments of the runtime's `Operation` that differ from its defaults."""
        found: list[tuple[str, str | bool]] = [
            ("method", self.method),
            ("path", self.path),
            ("name", self.token_name),
        ]
        if self.final_state_via is not None:
            found.append(("final_state_via", self.final_state_via))
        if self.monitor_header is not None:
            found.append(("monitor_header", self.monitor_header))
        if self.result_type is None:
            found.append(("has_result", False))
        elif self.result_optional:
            found.append(("result_optional", True))
        if self.status_path is not None:
            found.append(("status_path", self.status_path))
        return tuple(found)

    @property
    def rule_constant(self) -> str | None:
        """The status model's `StatusRule` in models.py, which the operation reads."""
        return status_constant(self.status_model) if self.status_model else None
