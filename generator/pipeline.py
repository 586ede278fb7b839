"""The whole pipeline for a set of entry specs: load -> parse -> validate -> render -> format.

Everything happens in memory; nothing touches the output directory until every spec has
passed every stage, so a failed run leaves the previous output exactly as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import ir
from .errors import SpecError, SpecErrors
from .format import format_files
from .load import display_path, load, validate
from .parse import parse
from .render import render_package


@dataclass(frozen=True)
class Result:
    packages: tuple[ir.Package, ...]
    files: dict[str, str]


def build_package(spec_path: Path) -> ir.Package:
    """The IR of one entry spec, validated; SpecErrors on bad input."""
    spec = load(spec_path)
    package = parse(spec)
    validate(spec)
    return package


def build_packages(spec_paths: list[Path]) -> list[ir.Package]:
    """The IR of every spec; all specs' errors (and package-name clashes) raised together."""
    errors: list[SpecError] = []
    packages: list[ir.Package] = []
    owners: dict[str, Path] = {}
    for path in spec_paths:
        try:
            package = build_package(path)
        except SpecErrors as exc:
            errors.extend(exc.errors)
            continue
        if package.name in owners:
            errors.append(
                SpecError(
                    display_path(path),
                    "#/info",
                    f"package {package.name!r} is also "
                    f"generated from {display_path(owners[package.name])}",
                )
            )
            continue
        owners[package.name] = path
        packages.append(package)
    if errors:
        raise SpecErrors(errors)
    return packages


def generate(spec_paths: list[Path]) -> Result:
    """Every package and its formatted files, all in memory."""
    packages = build_packages(spec_paths)
    files: dict[str, str] = {}
    for package in packages:
        files.update(render_package(package))
    return Result(tuple(packages), format_files(files))
