"""What a run tells its reader, in the form the place it runs in reads (`--output-format`).

- `text`, for people: `FILE:LINE:COL: POINTER: message` on stderr, `--check`'s report and
  diffs on stdout, a summary line at the end;
- `json`, for tools: one object a line on stdout — a `diagnostic` (file, line, column,
  pointer, severity, message), a `difference` per stale file under `--check`, and a final
  `summary` (counts, stale files, exit status);
- `github`, for GitHub Actions: workflow commands on stdout (`::error file=…,line=…,col=…::`),
  which put errors, warnings and stale files on the pull request's lines.

Positions are found here (`positions.locate`), only for what is shown: a run with nothing
to show does not even import the YAML reader for them.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from ..errors import MAX_REPORTED, SpecErrors, display_path, warning_lines
from . import progress

TYPE_CHECKING = False  # see statusgen/__init__.py
if TYPE_CHECKING:
    from typing import Any, TextIO

    from ..output.write import Plan
    from ..spec_error import SpecError

FORMATS = ("text", "json", "github")


def default_format() -> str:
    """`github` inside GitHub Actions (which sets GITHUB_ACTIONS=true), else `text`."""
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def escape_data(text: str) -> str:
    """A workflow command's message: `%`, CR and LF escaped (GitHub's own toolkit rules)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: as a message, and `:` and `,` too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(severity: str, message: str, **properties: object) -> str:
    """`::error file=F,line=L::message`; properties whose value is None or 0 are left out."""
    given = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items() if v)
    return f"::{severity}{' ' + given if given else ''}::{escape_data(message)}"


def first_difference(old: str, new: str) -> int:
    """1-based line of `old` where `new` first differs from it; its last line when `new` only
    adds lines at its end (an annotation must stand on a line the committed file has)."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    for index, (was, now) in enumerate(zip(old_lines, new_lines, strict=False)):
        if was != now:
            return index + 1
    return max(1, min(len(old_lines), len(new_lines) + 1))


class Reporter:
    """Everything a run shows, in one format; counts what it showed for the summary."""

    def __init__(self, format: str = "text", quiet: bool = False) -> None:
        self.format = format
        self.quiet = quiet
        self.errors = 0
        self.warnings = 0
        self.stale: list[str] = []
        self.done: list[str] = []
        """What the run did, per output directory, for the summary line."""
        self.started = time.monotonic()
        self.reason = ""
        """Why a run stopped on a usage error (the json summary carries it)."""

    def problems(self, found: list[SpecError]) -> None:
        """Errors that stopped the run (at most `MAX_REPORTED` in text)."""
        from ..input.positions import locate

        progress.clear()
        self.errors += len(found)
        if self.format == "text":
            shown = locate(found[: MAX_REPORTED + 1]) + found[MAX_REPORTED + 1 :]
            for line in SpecErrors(shown).lines():
                self._err(line)
            return
        for error in locate(found):
            self._diagnostic(error)

    def findings(self, warnings: list[SpecError]) -> None:
        """Warnings of a run that went on; in text their count ends the run (`summary`)."""
        if not warnings:
            return
        from ..input.positions import locate

        progress.clear()
        self.warnings += len(warnings)
        if self.format == "text":
            lines = warning_lines(locate(warnings[:MAX_REPORTED]) + warnings[MAX_REPORTED:])
            for line in lines[:-1]:  # their count comes once, in the summary
                self._err(line)
            return
        for warning in locate(warnings):
            self._diagnostic(warning)

    def differences(self, plan: Plan) -> None:
        """`--check`: each file that would be added, changed or removed."""
        from ..output.write import describe

        changes = [(r, "added", "", t) for r, t in plan.added.items()]
        changes += [(r, "changed", old, new) for r, (old, new) in plan.changed.items()]
        changes += [(r, "removed", "", "") for r in plan.removed]
        self.stale += [display_path(plan.out / r) for r, *_ in changes]
        if self.format == "text":
            for line in describe(plan):
                self._out(line)
            return
        for relative, change, old, new in changes:
            file = display_path(plan.out / relative)  # as the repository names it
            at = first_difference(old, new) if change == "changed" else 1
            if self.format == "json":
                self._json(type="difference", file=file, line=at, change=change)
            else:
                message = f"{file} {_WOULD[change]}: run `statusgen generate` and commit the result"
                self._out(workflow_command("error", message, file=file, line=at))

    def wrote(self, out: Path, plan: Plan | None) -> None:
        """`out` was brought up to date by `plan` (None: it already was)."""
        where = display_path(out)
        if plan is None or plan.is_empty:
            self.done.append(f"{where}: up to date")
            return
        counts = {
            "added": len(plan.added),
            "changed": len(plan.changed),
            "removed": len(plan.removed),
            "unchanged": len(plan.unchanged),
        }
        self.done.append(f"{where}: " + ", ".join(f"{n} {what}" for what, n in counts.items() if n))

    def validated(self, specs: int) -> None:
        self.done.append(f"{specs} spec{'s' if specs != 1 else ''} valid")

    def summary(self, status: int, terminal: bool) -> None:
        """The run's last word: an object in json; on a terminal, unless quiet, one line
        saying what a successful run did and how long it took (elsewhere a successful run
        is silent, as make and CI logs want it; warnings end with their own count)."""
        progress.clear()
        if self.format == "text" and self.warnings and not self.quiet:
            count = self.warnings
            self._err(f"statusgen: {count} warning{'s' if count != 1 else ''}")
        if terminal and status == 0 and self.done and not self.quiet:
            took = time.monotonic() - self.started
            self._err(f"statusgen: {'; '.join(self.done)} ({took:.1f} s)")
        if self.format == "json":
            fields: dict[str, Any] = {}
            if self.reason:
                fields["reason"] = self.reason
            self._json(
                type="summary",
                errors=self.errors,
                warnings=self.warnings,
                stale_files=self.stale,
                exit_status=status,
                **fields,
            )

    def _diagnostic(self, error: SpecError) -> None:
        message = " ".join(error.message.split())
        if self.format == "json":
            self._json(
                type="diagnostic",
                file=error.file,
                line=error.line or None,
                column=error.column or None,
                pointer=error.pointer,
                severity=error.severity,
                message=message,
            )
            return
        self._out(
            workflow_command(
                error.severity,
                f"{error.pointer}: {message}",
                file=error.file,
                line=error.line,
                col=error.column,
                title="statusgen",
            )
        )

    def usage(self, message: str, usage: str = "") -> None:
        """A usage error (no spec found, a bad option): in text `usage` and `statusgen:
        message` on stderr; in json a diagnostic without a file, and the summary's `reason`;
        in github an `::error` (GitHub shows it on the run)."""
        progress.clear()
        self.errors += 1
        self.reason = message
        if self.format == "text":
            if usage:  # argparse's, as it prints it
                self._err(usage.rstrip("\n"))
            self._err(f"statusgen: {message}")
        elif self.format == "json":
            self._json(
                type="diagnostic",
                file=None,
                line=None,
                column=None,
                pointer=None,
                severity="error",
                message=message,
            )
        else:
            self._out(workflow_command("error", message, title="statusgen"))

    def note(self, text: str) -> None:
        """A line for people (`-v`): on stderr, whatever the format."""
        self._err(text)

    def _json(self, **fields: Any) -> None:
        self._out(json.dumps(fields, ensure_ascii=False))

    def _out(self, line: str) -> None:
        say(line, sys.stdout)

    def _err(self, line: str) -> None:
        say(line, sys.stderr)


def say(line: str, stream: TextIO) -> None:
    """Print a line; if its reader has gone (`| head -1`), the rest of the run's output goes
    to /dev/null instead, so the run goes on to its real exit status, and Python's final
    flush finds nothing to complain about."""
    try:
        print(line, file=stream)
    except BrokenPipeError:
        silence(stream)


def silence(stream: TextIO) -> None:
    """Point the file descriptor under `stream` at /dev/null (what is still buffered goes
    there too). A stream without one (a test's StringIO) cannot break."""
    try:
        fd = stream.fileno()
    except (OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


def flush_streams() -> None:
    """Flush stdout and stderr before exiting, silencing a stream whose reader has gone."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:
            silence(stream)
            try:
                stream.flush()
            except OSError:
                pass
        except (OSError, ValueError):
            pass


_WOULD = {"added": "would be added", "changed": "is out of date", "removed": "would be removed"}
