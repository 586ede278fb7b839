"""What a run takes, as the user chose it: the entry specs (found under folders or named), and
per spec its overlays, package name and schema selection, and the folder tree `$ref`s may
reach — from the command line, else `[tool.statusgen]` (command-line arguments win)."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path
from typing import Any

from ..errors import SpecError, SpecErrors, display_path
from ..options import STATUS, WhereFound, parse_selection
from .config import Config
from .report import Reporter


class UsageError(Exception):
    """A usage problem (no spec found, a bad option): one line through the output format."""

    def __init__(self, message: str, usage: str = "") -> None:
        super().__init__(message)
        self.usage = usage


def spec_paths(
    given: list[str], config: Config, report: Reporter | None = None, strict: bool = False
) -> tuple[list[Path], bool]:
    """The entry specs to use, and whether they are the whole configured set. What discovery
    has to say about files it passed over goes to `report` (errors under `strict`)."""
    from ..input.discover import discover

    whole = not given
    paths = []
    noted: list[SpecError] = []
    for raw in given or list(config.specs):
        path = Path(raw)
        if path.is_dir():
            found = discover(path)
            paths.extend(found.entries)
            noted.extend(found.warnings)
        elif path.is_file():
            paths.append(path)
        elif whole:
            raise UsageError(f"no SPEC given and no {raw}/ directory")
        else:
            raise SpecErrors([SpecError(raw, "#", "no such file or directory")])
    if noted and strict:
        raise SpecErrors([dataclasses.replace(n, severity="error") for n in noted])
    if noted and report is not None:
        report.findings(noted)
    return paths, whole


def overlays_of(paths: list[Path], args: argparse.Namespace, config: Config) -> dict[Path, Any]:
    """Per spec, its overlays: the configured ones, then those given by `--overlay`."""
    given = [Path(o) for o in getattr(args, "overlay", None) or []]
    if given and len(paths) != 1:
        raise UsageError("--overlay needs exactly one SPEC")
    found = {}
    for path in paths:
        configured = [Path(o) for o in config.options_for(display_path(path)).overlays]
        if configured or given:
            found[path] = tuple(configured + given)
    return found


def package_names(paths: list[Path], args: argparse.Namespace, config: Config) -> dict[Path, str]:
    """Per spec, the package name the user chose: `--package` (one spec), else `package` of
    its table in pyproject.toml."""
    from ..parser.naming import package_name_problem

    chosen = getattr(args, "package", None)
    if chosen:
        problem = package_name_problem(chosen)
        if problem is not None:
            raise UsageError(f"--package {chosen!r} {problem}")
        return {paths[0]: chosen}
    return {p: n for p in paths if (n := config.options_for(display_path(p)).package)}


def shared_names(text: str | None, specs: int) -> WhereFound | None:
    """Schema names given once for several specs (`--models`, or `models` of the table),
    which each spec keeps where it has them; None when that is not the case."""
    if text is None or specs < 2:
        return None
    try:
        selection = parse_selection(text)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    return WhereFound(selection) if isinstance(selection, tuple) else None


def selections(paths: list[Path], args: argparse.Namespace, config: Config) -> dict[Path, Any]:
    """Per spec, the schemas its package holds: `--models`, else the spec's own `models` in
    pyproject.toml, else the table's; names given for several specs apply where they exist."""
    found = {}
    for path in paths:
        own = config.options_for(display_path(path)).models
        text = args.models or own or config.models or STATUS
        if args.shared is not None and (args.models or not own):
            found[path] = args.shared
            continue
        try:
            found[path] = parse_selection(text)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    return found


def refuse_missing_names(args: argparse.Namespace) -> None:
    """Schema names given for several specs that none of them has: a usage error (unless a
    package was reused unparsed, which an earlier run made with these names)."""
    missing = args.shared.missing() if args.shared is not None and not args.reused_any else []
    if missing:
        listed = ", ".join(repr(name) for name in missing)
        raise UsageError(f"--models names {listed}, which no spec of this run has")


def root_of(args: argparse.Namespace, config: Config) -> Path | None:
    """The folder tree `$ref`s may reach: `--root`, else `root` of the table, else None (the
    working directory, or the entry's own folder when the entry lies outside it)."""
    chosen = getattr(args, "root", None) or config.root
    if chosen is None:
        return None
    if not Path(chosen).is_dir():
        raise UsageError(f"--root {chosen}: no such folder")
    return Path(chosen)
