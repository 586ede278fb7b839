"""What a status model's fields mean: the rule every status model and poller shares, and the
base of the enums that hold a status."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any, ClassVar

from ._base import OpenEnum, Unset


def _get_path(obj: object, path: tuple[str, ...]) -> Any:
    """Walk attribute names from a model; an absent or null step gives None."""
    for name in path:
        obj = getattr(obj, name, None)
        if obj is None or isinstance(obj, Unset):
            return None
    return obj


def _state_text(value: object) -> str | None:
    if isinstance(value, str):
        return str.__str__(value)
    return None


@dataclasses.dataclass(frozen=True)
class StatusRule:
    """What a status model's fields mean, as the generator decided from the spec.

    The rule is data, so every status model and every poller shares this one implementation.
    Unknown state values are in progress: servers add states.
    """

    state: tuple[str, ...]
    success: frozenset[str]
    failure: frozenset[str]
    canceled: frozenset[str] = frozenset()
    qualified: frozenset[str] = frozenset()
    state_is_bool: bool = False
    outcome: tuple[str, ...] | None = None
    outcome_failure_min: float | None = None
    outcome_failure_if_present: bool = False
    outcome_success: frozenset[str] = frozenset()
    outcome_failure: frozenset[str] = frozenset()
    progress_current: tuple[str, ...] | None = None
    progress_total: tuple[str, ...] | None = None
    progress_message: tuple[str, ...] | None = None
    progress_scale: float | None = None
    """What `progress_current` counts to when no total field does (a 0-100 percentage)."""
    error: tuple[str, ...] | None = None
    result: tuple[str, ...] | None = None

    def state_of(self, model: object) -> Any:
        return _get_path(model, self.state)

    def is_terminal(self, model: object) -> bool:
        state = self.state_of(model)
        if self.state_is_bool:
            return state is True
        text = _state_text(state)
        return text is not None and (
            text in self.success
            or text in self.failure
            or text in self.canceled
            or text in self.qualified
        )

    def _outcome_failed(self, model: object) -> bool:
        if self.outcome is None:
            return False
        value = _get_path(model, self.outcome)
        if self.outcome_failure_min is not None:
            return (
                isinstance(value, (int, float))
                and not isinstance(value, bool)
                and value >= self.outcome_failure_min
            )
        if self.outcome_failure_if_present:
            return value is not None
        text = _state_text(value)
        return text is None or text not in self.outcome_success

    def is_success(self, model: object) -> bool:
        if not self.is_terminal(model):
            return False
        text = _state_text(self.state_of(model))
        if text is not None and text in self.success:
            return True
        if self.state_is_bool or (text is not None and text in self.qualified):
            return not self._outcome_failed(model)
        return False

    def is_failure(self, model: object) -> bool:
        return self.is_terminal(model) and not self.is_success(model)

    def is_canceled(self, model: object) -> bool:
        text = _state_text(self.state_of(model))
        return text is not None and text in self.canceled

    def progress(self, model: object) -> float | None:
        """current / total clamped to [0, 1]; 1.0 once successful; None when unknown."""
        if self.progress_current is not None and (
            self.progress_total is not None or self.progress_scale is not None
        ):
            current = _get_path(model, self.progress_current)
            total = (
                _get_path(model, self.progress_total)
                if self.progress_total is not None
                else self.progress_scale
            )
            numbers = (int, float)
            if (
                isinstance(current, numbers)
                and isinstance(total, numbers)
                and not isinstance(current, bool)
                and not isinstance(total, bool)
                and total > 0
            ):
                return min(max(current / total, 0.0), 1.0)
        if self.is_success(model):
            return 1.0
        return None

    def progress_text(self, model: object) -> str | None:
        if self.progress_message is None:
            return None
        value = _get_path(model, self.progress_message)
        return value if isinstance(value, str) else None

    def failure_message(self, model: object) -> str | None:
        if self.error is None:
            return None
        value = _get_path(model, self.error)
        if value is None:
            return None
        return value if isinstance(value, str) else str(value)

    def result_location(self, model: object) -> str | None:
        if self.result is None:
            return None
        value = _get_path(model, self.result)
        return value if isinstance(value, str) else None


class StatusEnum(OpenEnum):
    """An open enum that holds an operation's state. Each generated enum names its words in
    its class statement, `class JobState(StatusEnum, success=("done",), failure=(...))`, and
    inherits the checks: the words are data, the behaviour is written once here.

    Unknown values are in progress: servers add states.
    """

    _success_words: ClassVar[frozenset[str]]
    _failure_words: ClassVar[frozenset[str]]
    _terminal_words: ClassVar[frozenset[str]]

    def __init_subclass__(
        cls,
        *,
        success: Iterable[str] = (),
        failure: Iterable[str] = (),
        canceled: Iterable[str] = (),
        qualified: Iterable[str] = (),
        **kwargs: Any,
    ) -> None:
        """`qualified`: terminal words whose outcome another field of the model decides,
        neither success nor failure here."""
        super().__init_subclass__(**kwargs)
        cls._success_words = frozenset(success)
        cls._failure_words = frozenset(failure) | frozenset(canceled)
        cls._terminal_words = (
            cls._success_words | cls._failure_words | frozenset(qualified)
        )

    @property
    def is_terminal(self) -> bool:
        """True for a state the operation does not leave; unknown values are in progress."""
        return str.__str__(self) in type(self)._terminal_words

    @property
    def is_success(self) -> bool:
        """True for a state the operation ends successfully in."""
        return str.__str__(self) in type(self)._success_words

    @property
    def is_failure(self) -> bool:
        """True for a state the operation ends in without success (canceled included)."""
        return str.__str__(self) in type(self)._failure_words
