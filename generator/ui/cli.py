"""Command line: `statusgen generate | validate | ir` (DESIGN.md §2).

Exit status: 0 done or up to date, 1 `--check` found differences, 2 invalid input or usage,
3 an internal error (a bug: run with -v for the traceback).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import signal
import sys
from pathlib import Path

from ..errors import SpecErrors
from ..options import RunOptions, SpecChoice
from . import progress
from .arguments import parser as _parser
from .choices import UsageError, refuse_missing_names, run_options
from .config import load_config
from .report import FORMATS, Reporter, default_format, flush_streams, say, silence

TYPE_CHECKING = False  # see statusgen/__init__.py
if TYPE_CHECKING:
    from typing import Any, NoReturn

EXIT_OK, EXIT_DIFFERS, EXIT_INVALID, EXIT_BUG, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


GC_THRESHOLDS = (50_000, 20, 100)
"""The cyclic collector's thresholds for a run (Python's: 700, 10, 10). A run builds a large
graph it keeps to the end (the loaded specs, the IR), which the default thresholds walk again
and again for next to no garbage: 287 ms of a 2.3 s one-schema edit of `make bench`'s
status-heavy 2,000-schema spec went to 570 collections; with these, 54 ms in 5. Forked
children (black's workers, the validator) inherit them. Young cycles are still collected."""

EARLY_WORKERS_BYTES = 512 * 1024
"""Specs this large start black's workers early even when earlier output may hold every
piece: the few pieces of an edit would otherwise wait for black's import, a large share of a
one-schema edit of a big spec. Below it, the workers' fork and import cost more CPU than the
run they would shorten."""


def _large(specs: list[SpecChoice], limit: int = EARLY_WORKERS_BYTES) -> bool:
    """Whether the entry specs together reach `limit` bytes."""
    total = 0
    for spec in specs:
        with contextlib.suppress(OSError):
            total += spec.path.stat().st_size
    return total >= limit


def _generate(options: RunOptions, report: Reporter) -> int:
    """Generate (or check) every spec into its output directory; the worst exit status."""
    if not options.specs:
        raise UsageError("no entry documents (files with an 'openapi' or 'swagger' key) found")
    groups = options.groups()
    reused_any = False
    code = EXIT_OK
    for out, specs in groups.items():
        one, reused = _generate_into(out, specs, options, report)
        code, reused_any = max(code, one), reused_any or reused
    if len(groups) > 1:  # one output directory is checked before anything is written
        refuse_missing_names(options.shared, reused_any)
    return code


def _generate_into(
    out: Path, specs: tuple[SpecChoice, ...], options: RunOptions, report: Reporter
) -> tuple[int, bool]:
    """One output directory, and whether its packages were all up to date. Every generated
    file in it belongs to this run when it is the default one of the whole configured set."""
    from ..errors import display_path
    from ..output.header import strays
    from ..output.manifest import Fresh, Known, Manifests

    whole = options.whole and out == options.out
    manifests = Manifests(out)  # read once: freshness, known pieces and items come from it
    reused: dict[Path, Fresh] = {}
    if not (options.force or options.verbose):
        # Fast path: packages whose manifest matches their inputs and files are not rebuilt.
        keys = {display_path(s.path): (s.path, options.options_key(s)) for s in specs}
        reused = manifests.fresh(keys)
        known = {name for fresh in reused.values() for name in fresh.names}
        if len(reused) == len(specs) and not (whole and strays(out, known)):
            report.wrote(out, None)
            return EXIT_OK, True
        if options.shared is not None:
            reused = {}  # every spec parsed: a name is refused only if none of them has it
    from ..output import write
    from ..output.cache import PieceCache
    from ..output.cache_dir import cache_root
    from ..output.formatter import Formatter
    from ..output.mode import format_key
    from ..output.servers import Validator, Workers
    from ..validation.cache import ValidationCache
    from ..validation.process import SEPARATE_BYTES, validator_loaded

    key = format_key()
    earlier = Known() if options.force else manifests.known(key)
    root = cache_root(enabled=options.cache)
    store = None if root is None else PieceCache(root, key, read=not options.force)
    checked = None if root is None else ValidationCache(root, read=not options.force)
    todo = [s for s in specs if s.path not in reused]
    formatting = (not earlier.pieces and (store is None or store.empty())) or _large(todo)
    # Small entries are validated in this process once it holds the validator, unless what
    # they reach is large (`validation.process.separately`): no process started early then.
    separate = not validator_loaded() or _large(todo, SEPARATE_BYTES)
    validating = (checked is None or checked.empty()) and separate
    # Started before the pipeline's imports, which their own imports overlap.
    with (
        Workers() if formatting else contextlib.nullcontext() as workers,
        Validator() if validating else contextlib.nullcontext() as validator,
    ):
        from .. import pipeline
        from ..render.env import use_cache_dir

        use_cache_dir(root)
        result = pipeline.generate(
            options,
            todo,
            output=Formatter(earlier, store, workers),
            checked=checked,
            validator=validator,
        )
    if len(options.groups()) == 1:
        refuse_missing_names(options.shared)
    report.findings(list(result.warnings))
    if options.verbose:
        for package in result.packages:
            for model in package.status_models:
                assert model.status is not None
                report.note(f"{package.name}.{model.name}: {model.status.describe()}")
    files = dict(result.files)
    for fresh in reused.values():
        files.update(fresh.files)
    packages = {p.name for p in result.packages} | {fresh.package for fresh in reused.values()}
    scope = None if whole else sorted(packages)
    progress.stage("write", display_path(out))
    with write.locked(out, exclusive=not options.check):
        the_plan = write.plan(out, files, scope)
        if options.check:
            stale = the_plan.generated_only()
            if stale.is_empty:
                report.wrote(out, None)
                return EXIT_OK, False
            report.differences(stale)
            return EXIT_DIFFERS, False
        write.apply(the_plan)
    report.wrote(out, the_plan)
    if options.verbose:
        report.note(
            f"{len(the_plan.added)} added, {len(the_plan.changed)} changed, "
            f"{len(the_plan.removed)} removed, {len(the_plan.unchanged)} unchanged"
        )
    return EXIT_OK, False


def _validate(options: RunOptions, report: Reporter) -> int:
    from .. import pipeline

    built = pipeline.build_packages(options)
    refuse_missing_names(options.shared)
    report.findings([w for one in built for w in one.warnings])
    report.validated(len(built))
    return EXIT_OK


def _ir(options: RunOptions, report: Reporter) -> int:
    import dataclasses  # late, as the pipeline: the no-op fast path must not import it

    from .. import pipeline

    built = pipeline.build_packages(options)[0]
    report.findings(list(built.warnings))
    package = built.package

    def encode(value: Any) -> Any:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            data = {"kind": type(value).__name__}
            data.update({f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)})
            return data
        if isinstance(value, (list, tuple)):
            return [encode(v) for v in value]
        return value

    say(json.dumps(encode(package), indent=2, ensure_ascii=False), sys.stdout)
    return EXIT_OK


def _format_in(argv: list[str]) -> str:
    """The output format `argv` asks for, found without argparse (which may have refused
    `argv`: its error must still come out in that format)."""
    for index, arg in enumerate(argv):
        value = None
        if arg.startswith("--output-format="):
            value = arg.partition("=")[2]
        elif arg == "--output-format" and index + 1 < len(argv):
            value = argv[index + 1]
        if value in FORMATS:
            return value
    return default_format()


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    given = sys.argv[1:] if argv is None else argv
    try:
        args = parser.parse_args(given)
        if args.command is None and not args.version:
            parser.error("a command is required (generate, validate, ir)")
    except UsageError as exc:
        report = Reporter(_format_in(given))
        report.usage(str(exc), exc.usage)
        report.summary(EXIT_INVALID, False)
        return EXIT_INVALID
    except BrokenPipeError:  # `statusgen --help | head -1`: argparse printed, then exits 0
        silence(sys.stdout)
        return EXIT_OK
    if args.version:
        from .. import __version__

        say(f"statusgen {__version__}", sys.stdout)
        return EXIT_OK
    quiet = getattr(args, "quiet", False)
    args.report = Reporter(getattr(args, "output_format", None) or default_format(), quiet)
    live = not quiet and args.report.format == "text" and progress.wanted(sys.stderr)
    code = _run(args, sys.stderr.fileno() if live else None)
    args.report.summary(code, live)
    return code


def _run(args: argparse.Namespace, progress_fd: int | None) -> int:
    """The command, with a progress line on `progress_fd` (None: none); its exit status."""
    verbose = getattr(args, "verbose", False)
    try:
        config = load_config()
        with progress.shown(progress_fd):
            options = run_options(args, config, args.report)
            if args.command == "generate":
                return _generate(options, args.report)
            if args.command == "validate":
                return _validate(options, args.report)
            return _ir(options, args.report)
    except SpecErrors as exc:
        args.report.problems(exc.errors)
        return EXIT_INVALID
    except UsageError as exc:
        args.report.usage(str(exc))
        return EXIT_INVALID
    except KeyboardInterrupt:
        return _interrupted()
    except Exception as exc:  # a bug: one line unless -v
        if _from_interrupt(exc):
            return _interrupted()
        if verbose:
            import traceback  # late: only a bug shown in full needs it

            traceback.print_exc()
        say(f"statusgen: internal error: {type(exc).__name__}: {exc} (run with -v)", sys.stderr)
        return EXIT_BUG


def _interrupted() -> int:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl+C must not kill the exit
    say("statusgen: interrupted", sys.stderr)
    return EXIT_INTERRUPTED


def _from_interrupt(exc: BaseException) -> bool:
    """Whether a Ctrl+C is what `exc` wraps: Python 3.11 turns a KeyboardInterrupt raised in
    `__set_name__` (a dataclass made while a module is imported) into a RuntimeError."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False


def run() -> NoReturn:
    """The console entry point: `main`, then exit with its status.

    Once `main` returns, everything is written, every child process is stopped and both
    streams are flushed, so the process ends at once, without the interpreter's teardown
    (freeing every module and object: ~30 ms once the pipeline's modules are loaded, 257 ms
    against 225 ms for such a process, medians of 15). That also settles two problems of a
    teardown: a Ctrl+C landing in it (when Python's own handler is gone) would kill a
    finished run by SIGINT, and CPython marks a KeyboardInterrupt raised inside `exec()`
    (dataclasses and black do that while importing) as unhandled even though `main` caught
    it, and would end the process by SIGINT instead of with status 130. Under a profiler or
    a tracer (`python -m cProfile`, coverage) the process exits normally, so they can write
    what they gathered.
    """
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        code = main()
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except KeyboardInterrupt:  # landed after main's own handler
        code = EXIT_INTERRUPTED
    flush_streams()  # a reader gone (`| head -1`) must not change the exit status
    if code == EXIT_INTERRUPTED or (sys.getprofile() is None and sys.gettrace() is None):
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    run()
