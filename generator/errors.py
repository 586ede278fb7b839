"""The one error type every stage raises for bad input: `FILE:LINE:COL: POINTER: message`,
and the warnings printed the same way (`FILE:LINE:COL: POINTER: warning: message`) for findings
that do not stop a run. Line and column are found only when a diagnostic is shown
(`positions.locate`), so runs without one never pay for them."""

from __future__ import annotations

import functools
import os
from pathlib import Path

TYPE_CHECKING = False  # see statusgen/__init__.py
if TYPE_CHECKING:
    from .spec_error import SpecError

MAX_REPORTED = 50
"""Errors past this many are summarised in one line, so a broken spec does not flood."""


def display_path(path: Path) -> str:
    """How a file is named in messages and headers: relative to the working directory when
    inside it, else just its name — never an absolute path, so output is the same anywhere."""
    return _display_path(path, os.getcwd())


@functools.lru_cache(maxsize=256)
def _display_path(path: Path, cwd: str) -> str:
    """Remembered: the parser names the file of every model it reads, and resolving symlinks
    for each of thousands of models showed in a big spec's profile."""
    try:
        return path.resolve().relative_to(Path(cwd).resolve()).as_posix()
    except ValueError:
        return path.name


def user_path(path: Path) -> str:
    """A path as the user sees it from the working directory: relative when inside it, else
    as given (`--out ../elsewhere`, an absolute path). For messages only, never output."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def message_path(path: Path) -> str:
    """A spec file as diagnostics name it: relative to the working directory, with `..` when
    outside it (`../azure/face/Face.json`), so the user can find it; for messages only (the
    output names files with `display_path`, the same wherever the run starts)."""
    cwd = Path.cwd()
    try:
        return path.resolve().relative_to(cwd.resolve()).as_posix()
    except ValueError:
        return Path(os.path.relpath(path.absolute(), cwd)).as_posix()


ERROR, WARNING = "error", "warning"
SEVERITIES = (ERROR, WARNING)


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
            shown.append(f"{last.where}: {last.pointer}: ... and {hidden} more errors not shown")
        return shown


def warning_lines(warnings: list[SpecError]) -> list[str]:
    """Warnings as the CLI prints them on stderr: one a line (at most `MAX_REPORTED`), then
    their count, so a run that succeeded with warnings says so at its end."""
    if not warnings:
        return []
    lines = [str(w) for w in warnings[:MAX_REPORTED]]
    if len(warnings) > MAX_REPORTED:
        lines.append(f"statusgen: ... {len(warnings) - MAX_REPORTED} more warnings not shown")
    count = len(warnings)
    lines.append(f"statusgen: {count} warning{'s' if count != 1 else ''}")
    return lines
