"""The one error type every stage raises for bad input (in `errors.SpecErrors`), and the
warnings printed the same way. Kept apart from `errors` so that a no-op run, which only
reports, never imports dataclasses (a fifth of a no-op `--check`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import ERROR, WARNING


@dataclass(frozen=True, order=True)
class SpecError:
    file: str
    pointer: str
    message: str
    severity: str = ERROR
    """`WARNING`: a finding in a part of the spec the generator does not use."""
    line: int = 0
    """1-based line of the node in `file`; 0 while not known (a file that is not a spec)."""
    column: int = 0
    source: str = field(default="", compare=False, repr=False)
    """The file's absolute path where known: `file` is only its name when it lies outside
    the working directory, which is not enough to find its lines."""

    def __str__(self) -> str:
        message = " ".join(self.message.split())
        if self.severity == WARNING:
            message = "warning: " + message
        return f"{self.where}: {self.pointer}: {message}"

    @property
    def where(self) -> str:
        """`FILE:LINE:COL`, or just `FILE` while the position is unknown."""
        return f"{self.file}:{self.line}:{self.column}" if self.line else self.file

    @property
    def is_warning(self) -> bool:
        return self.severity == WARNING
