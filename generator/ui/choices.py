"""What a run takes, as the user chose it (`run_options`): the entry specs (found under folders
or named), per spec its overlays, package name, schema selection and output directory, and the
run's flags and the folder tree `$ref`s may reach — from the command line, else
`[tool.statusgen]` (command-line arguments win)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import SpecErrors, display_path
from ..options import STATUS, RunOptions, Selection, SpecChoice, WhereFound, parse_selection
from .config import FLAGS, Config
from .report import Reporter

TYPE_CHECKING = False  # see statusgen/__init__.py
if TYPE_CHECKING:
    from ..spec_error import SpecError


class UsageError(Exception):
    """A usage problem (no spec found, a bad option): one line through the output format."""

    def __init__(self, message: str, usage: str = "") -> None:
        super().__init__(message)
        self.usage = usage


def _spec_paths(
    given: list[str], config: Config, report: Reporter | None = None, strict: bool = False
) -> tuple[list[Path], bool]:
    """The entry specs to use, and whether they are the whole configured set. What discovery
    has to say about files it passed over goes to `report` (errors under `strict`)."""
    whole = not given
    paths = []
    noted: list[SpecError] = []
    for raw in given or list(config.specs):
        path = Path(raw)
        if path.is_dir():
            from ..input.discover import discover  # late: a spec named by its file needs none

            found = discover(path)
            paths.extend(found.entries)
            noted.extend(found.warnings)
        elif path.is_file():
            paths.append(path)
        elif whole:
            raise UsageError(f"no SPEC given and no {raw}/ directory")
        else:
            from ..spec_error import SpecError

            raise SpecErrors([SpecError(raw, "#", "no such file or directory")])
    if noted and strict:
        from dataclasses import replace

        raise SpecErrors([replace(n, severity="error") for n in noted])
    if noted and report is not None:
        report.findings(noted)
    return paths, whole


def run_options(
    args: argparse.Namespace, config: Config, report: Reporter | None = None
) -> RunOptions:
    """The run's options, decided here once for every command: each from the command line,
    else `[tool.statusgen]`, else its default; per spec, `--package`, `--overlay` (after the
    configured overlays) and `--models` win over the spec's own table, which wins over the
    table's `models`. What discovery passes over goes to `report` (see `_spec_paths`)."""
    flags = {flag: bool(getattr(args, flag, False)) or flag in config.flags for flag in FLAGS}
    if args.command == "ir":
        paths, whole = [Path(args.spec)], False
    else:
        paths, whole = _spec_paths(args.specs, config, report, flags["strict"])
    out = Path(getattr(args, "out", None) or config.out)
    models = getattr(args, "models", None)
    shared = _shared_names(models or config.models, len(paths))
    package = _package(getattr(args, "package", None), paths)
    given = tuple(Path(o) for o in getattr(args, "overlay", None) or [])
    if given and len(paths) > 1:
        raise UsageError("--overlay needs exactly one SPEC")
    specs = []
    for path in paths:
        own = config.options_for(display_path(path))
        overlays = tuple(Path(o) for o in own.overlays) + given
        chosen = _models(models, own.models, config.models, shared)
        specs.append(
            SpecChoice(
                path, package or own.package, overlays, chosen, Path(own.out) if own.out else out
            )
        )
    cache = not getattr(args, "no_cache", False)
    return RunOptions(
        tuple(specs), whole, out, **flags, cache=cache, root=_root(args, config), shared=shared
    )


def _package(chosen: str | None, paths: list[Path]) -> str | None:
    """`--package`, which names the package of the one spec given."""
    from ..parser.naming import package_name_problem

    if not chosen:
        return None
    if len(paths) > 1:
        raise UsageError(
            "--package needs exactly one SPEC (for several, set `package =` under "
            '[tool.statusgen.packages."SPEC"] in pyproject.toml)'
        )
    problem = package_name_problem(chosen)
    if problem is not None:
        raise UsageError(f"--package {chosen!r} {problem}")
    return chosen


def _models(
    given: str | None, own: str | None, table: str | None, shared: WhereFound | None
) -> Selection:
    """The schemas a spec's package holds: `--models`, else the spec's own `models`, else the
    table's; names given for several specs apply where they exist."""
    if shared is not None and (given or not own):
        return shared
    return _selection(given or own or table or STATUS)


def _shared_names(text: str | None, specs: int) -> WhereFound | None:
    """Schema names given once for several specs (`--models`, or `models` of the table),
    which each spec keeps where it has them; None when that is not the case."""
    if text is None or specs < 2:
        return None
    selection = _selection(text)
    return WhereFound(selection) if isinstance(selection, tuple) else None


def _selection(text: str) -> Selection:
    try:
        return parse_selection(text)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def refuse_missing_names(shared: WhereFound | None, reused_any: bool = False) -> None:
    """Schema names given for several specs that none of them has: a usage error (unless a
    package was reused unparsed, which an earlier run made with these names)."""
    missing = shared.missing() if shared is not None and not reused_any else []
    if missing:
        listed = ", ".join(repr(name) for name in missing)
        raise UsageError(f"--models names {listed}, which no spec of this run has")


def _root(args: argparse.Namespace, config: Config) -> Path | None:
    """The folder tree `$ref`s may reach: `--root`, else `root` of the table, else None (the
    working directory, or the entry's own folder when the entry lies outside it)."""
    chosen = getattr(args, "root", None) or config.root
    if chosen is None:
        return None
    if not Path(chosen).is_dir():
        raise UsageError(f"--root {chosen}: no such folder")
    return Path(chosen)
