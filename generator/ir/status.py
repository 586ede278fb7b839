"""Status semantics of a model: which states end a poll, and how success is decided."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StatusOutcome:
    """How the outcome of a `qualified` terminal state is decided by another field.

    Exactly one rule applies: `failure_min` (failure when the number at `path` is >= it: Visma's
    `Finished` with `statusCode >= 400`), `failure_if_present` (failure when the field at `path`
    is present and not null: a `done` flag plus an `error` field), or `success_values` /
    `failure_values` (a state qualified by a separate conclusion enum).
    """

    path: tuple[str, ...]
    failure_min: float | None = None
    failure_if_present: bool = False
    success_values: tuple[str, ...] = ()
    failure_values: tuple[str, ...] = ()


@dataclass(frozen=True)
class StatusProgress:
    """Where a status says how far it got: `current` of `total`, or of `scale` when no field
    holds the total (100: a percentage), and what it is doing (`message`)."""

    current: tuple[str, ...] | None = None
    total: tuple[str, ...] | None = None
    message: tuple[str, ...] | None = None
    scale: float | None = None


@dataclass(frozen=True)
class StatusSemantics:
    """Which values of which property mean done, success and failure — decided in the parser.

    Paths are tuples of Python attribute names, walked from the model.
    """

    origin: str  # "extension" or "inferred"
    state: tuple[str, ...]
    state_is_bool: bool
    success_values: tuple[str, ...]
    failure_values: tuple[str, ...]
    canceled_values: tuple[str, ...]
    qualified_values: tuple[str, ...] = ()
    outcome: StatusOutcome | None = None
    progress: StatusProgress = StatusProgress()
    error: tuple[str, ...] | None = None
    result: tuple[str, ...] | None = None
    state_enum: str | None = None

    @property
    def rule_paths(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """The optional paths a `StatusRule` takes, by keyword, for those that are set."""
        paths = (
            ("progress_current", self.progress.current),
            ("progress_total", self.progress.total),
            ("progress_message", self.progress.message),
            ("error", self.error),
            ("result", self.result),
        )
        return tuple((key, path) for key, path in paths if path)

    @property
    def terminal_values(self) -> tuple[str, ...]:
        return (
            self.success_values + self.failure_values + self.canceled_values + self.qualified_values
        )

    def describe(self) -> str:
        """One line for `statusgen generate -v`."""
        parts = [f"state={'.'.join(self.state)} ({self.origin})"]
        if self.state_is_bool:
            parts.append("done when true")
        parts += _labelled(
            ",",
            success=self.success_values,
            failure=self.failure_values,
            canceled=self.canceled_values,
            outcome_decided=self.qualified_values,
        )
        if self.outcome is not None:
            rule = (
                f">= {self.outcome.failure_min:g} fails"
                if self.outcome.failure_min is not None
                else (
                    "present fails"
                    if self.outcome.failure_if_present
                    else f"success={','.join(self.outcome.success_values)} "
                    f"failure={','.join(self.outcome.failure_values)}"
                )
            )
            parts.append(f"outcome={'.'.join(self.outcome.path)} {rule}")
        if not (self.failure_values or self.canceled_values or self.state_is_bool):
            if self.outcome is None and not self.qualified_values:
                parts.append("no failure value (add one with x-statusgen or an overlay)")
        paths = {
            "progress": self.progress.current,
            "total": self.progress.total,
            "message": self.progress.message,
            "error": self.error,
            "result": self.result,
        }
        parts += [f"{label}={'.'.join(path)}" for label, path in paths.items() if path]
        return " ".join(parts)


def _labelled(separator: str, **named: tuple[str, ...]) -> list[str]:
    """`label=a,b` for each non-empty one, in order; `_` in a label is written `-`."""
    return [f"{k.replace('_', '-')}={separator.join(v)}" for k, v in named.items() if v]
