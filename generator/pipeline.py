"""The whole pipeline for a set of entry specs: load -> parse -> validate -> render -> format.

Everything happens in memory; nothing touches the output directory until every spec has
passed every stage, so a failed run leaves the previous output exactly as it was.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from . import ir
from .errors import SpecError, SpecErrors, display_path
from .fingerprint import MANIFEST, manifest_text, options_key
from .format import format_files, format_key
from .load import load, validate
from .parse import parse
from .render import Source, header, render_package, render_project


@dataclass(frozen=True)
class Built:
    """One spec's IR and the files it was read from (for the package's manifest)."""

    path: Path
    package: ir.Package
    inputs: tuple[tuple[str, bytes], ...]


@dataclass(frozen=True)
class Result:
    packages: tuple[ir.Package, ...]
    files: dict[str, str]


def build_package(spec_path: Path, package_name: str | None = None) -> Built:
    """The IR of one entry spec, validated; SpecErrors on bad input."""
    spec = load(spec_path)
    package = parse(spec, package_name)
    validate(spec)
    inputs = tuple((display_path(path), path.read_bytes()) for path in sorted(spec.documents))
    return Built(spec_path, package, inputs)


def build_packages(
    spec_paths: list[Path], package_names: dict[Path, str] | None = None
) -> list[Built]:
    """The IR of every spec; all specs' errors (and package-name clashes) raised together."""
    names = package_names or {}
    errors: list[SpecError] = []
    built: list[Built] = []
    owners: dict[str, Path] = {}
    for path in spec_paths:
        try:
            one = build_package(path, names.get(path))
        except SpecErrors as exc:
            errors.extend(exc.errors)
            continue
        name = one.package.name
        if name in owners:
            errors.append(
                SpecError(
                    display_path(path),
                    "#/info",
                    f"package {name!r} is also generated from {display_path(owners[name])}",
                )
            )
            continue
        owners[name] = path
        built.append(one)
    if errors:
        raise SpecErrors(errors)
    return built


def generate(
    spec_paths: list[Path],
    project: bool = False,
    package_names: dict[Path, str] | None = None,
    known: Mapping[str, str] | None = None,
) -> Result:
    """Every package's formatted files, plus its manifest, all in memory. With `project`,
    each package also gets a pyproject.toml and a README.md, so it installs on its own;
    `package_names` are configured names that override the specs' own; `known` are pieces
    whose formatted text an earlier run recorded (`fingerprint.known_pieces`)."""
    names = package_names or {}
    built = build_packages(spec_paths, names)
    rendered: dict[str, Source] = {}
    for one in built:
        rendered.update(render_package(one.package))
        if project:
            rendered.update(render_project(one.package))
    formatted = format_files(rendered, known)
    key = format_key()
    files: dict[str, str] = {}
    for one in built:
        prefix = one.package.name + "/"
        outputs = {k: v for k, v in formatted.files.items() if k.startswith(prefix)}
        files.update(outputs)
        files[prefix + MANIFEST] = manifest_text(
            header(one.package),
            one.package.spec_path,
            one.inputs,
            outputs,
            options_key(project, names.get(one.path)),
            (key, {k: v for k, v in formatted.pieces.items() if k.startswith(prefix)}),
        )
    return Result(tuple(one.package for one in built), files)
