"""The command line's grammar: `statusgen generate | validate | ir` and their options
(DESIGN.md §2), every argument with its help text. `cli` runs what it parses."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys

from .choices import UsageError
from .report import FORMATS

TYPE_CHECKING = False  # see statusgen/__init__.py
if TYPE_CHECKING:
    from typing import Any, NoReturn


def _columns() -> int:
    """The terminal's width as `shutil.get_terminal_size` finds it: $COLUMNS, else the
    terminal of stdout, else 80."""
    with contextlib.suppress(KeyError, ValueError):
        if (columns := int(os.environ["COLUMNS"])) > 0:
            return columns
    with contextlib.suppress(ValueError, OSError):
        stdout = sys.__stdout__
        if stdout is not None and (columns := os.get_terminal_size(stdout.fileno()).columns) > 0:
            return columns
    return 80


class _Help(argparse.HelpFormatter):
    """argparse's help layout, its width found without `shutil`: argparse makes a formatter
    for every argument it is given, and its own default imports shutil and the compression
    modules behind it (~4 ms of a no-op `--check`)."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_columns() - 2)


class Parser(argparse.ArgumentParser):
    """argparse whose errors go through the chosen output format (`main`), not straight to
    stderr: a tool reading json, or GitHub reading workflow commands, sees them too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Help)  # subcommands' parsers too
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        raise UsageError(message, self.format_usage())


SPEC_HELP = (
    "entry documents or folders of them (default: `specs` of [tool.statusgen] in "
    "pyproject.toml, else specs/)"
)
VERBOSE_HELP = "say more: the status semantics of each model, what was written, tracebacks"


def _add_input_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--overlay",
        action="append",
        metavar="FILE",
        help="apply this OpenAPI Overlay to the spec (repeatable, applied in order)",
    )
    command.add_argument(
        "--strict", action="store_true", help="every validator finding is an error, not a warning"
    )
    command.add_argument(
        "--root",
        metavar="DIR",
        help="the folder tree `$ref`s may reach (default: the working directory, or the entry's "
        "own folder when the entry lies outside it)",
    )


def _add_output_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--output-format",
        choices=FORMATS,
        help="how diagnostics are shown: text (FILE:LINE:COL: POINTER: message), json (an "
        "object a line) or github (workflow commands); default github when GITHUB_ACTIONS=true",
    )
    command.add_argument(
        "-q", "--quiet", action="store_true", help="no summary line and no progress line"
    )


def parser() -> argparse.ArgumentParser:
    """The whole grammar, subcommands included."""
    parser = Parser(
        prog="statusgen",
        description="Generate typed Python models and pollers from OpenAPI status resources.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", help="what to do (each has its own --help)")
    generate = sub.add_parser("generate", help="generate packages (or --check them)")
    generate.add_argument("specs", nargs="*", metavar="SPEC", help=SPEC_HELP)
    generate.add_argument("--out", help="output directory (default: generated/)")
    generate.add_argument("--check", action="store_true", help="compare instead of writing")
    generate.add_argument(
        "--project",
        action="store_true",
        help="also write a pyproject.toml and README.md per package, so each installs on its own",
    )
    generate.add_argument(
        "--force",
        action="store_true",
        help="rebuild everything, even what fingerprints say is current",
    )
    generate.add_argument(
        "--no-cache",
        action="store_true",
        help="neither read nor write the formatted-piece cache ($STATUSGEN_CACHE_DIR, else "
        "statusgen/ in the user's cache directory)",
    )
    generate.add_argument(
        "--models",
        metavar="status|all|NAME,...",
        help="which schemas a package holds: the status resources and what they reference "
        "(default), all, or the named schemas and what they reference",
    )
    generate.add_argument(
        "--package",
        metavar="NAME",
        help="the package's name (one SPEC; several: `package =` per spec in pyproject.toml)",
    )
    generate.add_argument("-v", "--verbose", action="store_true", help=VERBOSE_HELP)
    _add_input_options(generate)
    _add_output_options(generate)
    validate = sub.add_parser("validate", help="validate specs without generating")
    validate.add_argument("specs", nargs="*", metavar="SPEC", help=SPEC_HELP)
    validate.add_argument("-v", "--verbose", action="store_true", help=VERBOSE_HELP)
    _add_input_options(validate)
    _add_output_options(validate)
    ir_command = sub.add_parser("ir", help="print the IR of one spec as JSON")
    ir_command.add_argument("spec", metavar="SPEC", help="an OpenAPI or Swagger entry document")
    _add_input_options(ir_command)
    ir_command.add_argument("-v", "--verbose", action="store_true", help=VERBOSE_HELP)
    return parser
