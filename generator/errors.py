"""The one error type every stage raises for bad input: `FILE: POINTER: message`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MAX_REPORTED = 50
"""Errors past this many are summarised in one line, so a broken spec does not flood."""


def display_path(path: Path) -> str:
    """How a file is named in messages and headers: relative to the working directory when
    inside it, else just its name — never an absolute path, so output is the same anywhere."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.name


@dataclass(frozen=True, order=True)
class SpecError:
    file: str
    pointer: str
    message: str

    def __str__(self) -> str:
        message = " ".join(self.message.split())
        return f"{self.file}: {self.pointer}: {message}"


class SpecErrors(Exception):
    """One or more problems in the input; the CLI prints them one per line and exits 2."""

    def __init__(self, errors: list[SpecError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors

    def lines(self) -> list[str]:
        shown = [str(e) for e in self.errors[:MAX_REPORTED]]
        if len(self.errors) > MAX_REPORTED:
            last = self.errors[MAX_REPORTED]
            hidden = len(self.errors) - MAX_REPORTED
            shown.append(f"{last.file}: {last.pointer}: ... and {hidden} more errors not shown")
        return shown
