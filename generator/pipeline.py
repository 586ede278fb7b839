"""The whole pipeline for a set of entry specs: load -> parse -> validate -> render -> format.

Everything happens in memory; nothing touches the output directory until every spec has
passed every stage, so a failed run leaves the previous output exactly as it was.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from . import ir
from .errors import ERROR, SpecError, SpecErrors, display_path
from .input.load import Spec, load, resolve_all_refs
from .options import STATUS, Selection, selection_text
from .output.formatter import Formatter, Piece
from .output.manifest import MANIFEST, ItemRecord, manifest_text
from .output.mode import format_key
from .output.options_key import options_key
from .output.servers import Validator
from .output.tool import tool_fingerprint
from .parser.context import unreadable
from .parser.parse import parse
from .render import Reuse, Source, header, render_package, render_project
from .ui import progress
from .validation.cache import ValidationCache
from .validation.findings import validator_failed
from .validation.process import Validation


@dataclass(frozen=True)
class Built:
    """One spec's IR, the files it was read from, overlays included (for the package's
    manifest), and the validator's warnings."""

    path: Path
    package: ir.Package
    inputs: tuple[tuple[str, bytes], ...]
    warnings: tuple[SpecError, ...] = ()


@dataclass(frozen=True)
class Result:
    packages: tuple[ir.Package, ...]
    files: dict[str, str]
    warnings: tuple[SpecError, ...] = ()


Overlays = Mapping[Path, Sequence[Path]]
"""Per entry spec, the overlay files applied to it, in order."""
Models = Selection | Mapping[Path, Selection]
"""The schemas every package holds, or per entry spec (a spec not listed: `status`)."""


def selection_of(models: Models, path: Path) -> Selection:
    return models.get(path, STATUS) if isinstance(models, Mapping) else models


def build_package(
    spec_path: Path,
    package_name: str | None = None,
    overlays: Sequence[Path] = (),
    strict: bool = False,
) -> Built:
    """The IR of one entry spec, validated; SpecErrors on bad input."""
    names = {spec_path: package_name} if package_name else {}
    (built,) = build_packages([spec_path], names, {spec_path: overlays}, strict)
    return built


def build_packages(
    spec_paths: list[Path],
    package_names: dict[Path, str] | None = None,
    overlays: Overlays | None = None,
    strict: bool = False,
    models: Models = STATUS,
    root: Path | None = None,
) -> list[Built]:
    """The IR of every spec, validated; all specs' errors (and package-name clashes) raised
    together. With `strict`, the validator's warnings are errors too; `models` selects the
    schemas each package holds; `root` is the folder tree `$ref`s may reach (`load.load`)."""
    with _Build(spec_paths, package_names or {}, overlays or {}, models, root=root) as build:
        return build.finish(strict)


class _Build:
    """Specs loaded and parsed in this process while a forked child validates them.

    OpenAPI validation (the validator's import included) is as slow as parsing and rendering
    together, and needs nothing from them, so on two cores it costs no time. The errors are
    what a sequential load -> parse -> validate would report: per spec, its load or parse
    errors, else its validation errors, then package-name clashes."""

    def __init__(
        self,
        spec_paths: list[Path],
        names: dict[Path, str],
        overlays: Overlays,
        models: Models = STATUS,
        checked: ValidationCache | None = None,
        validator: Validator | None = None,
        root: Path | None = None,
    ) -> None:
        self.paths = spec_paths
        self.overlays = overlays
        self.specs: dict[Path, Spec] = {}
        self.errors: dict[Path, list[SpecError]] = {}
        for path in spec_paths:
            progress.stage("load", display_path(path))
            try:
                spec = load(path, overlays.get(path, ()), root)
            except SpecErrors as exc:
                self.errors[path] = exc.errors
                continue
            except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
                self.errors[path] = [SpecError(display_path(path), "#", unreadable(exc))]
                continue
            resolve_all_refs(spec)  # every document is read now: the child sees them all
            self.specs[path] = spec
        self.validation = Validation(
            [(spec, overlays.get(path, ())) for path, spec in self.specs.items()],
            checked,
            validator,
        )
        self.packages: dict[Path, ir.Package] = {}
        for path, spec in self.specs.items():
            progress.stage("parse", f"{display_path(path)}, {_schema_count(spec)} schemas")
            try:
                self.packages[path] = parse(spec, names.get(path), selection_of(models, path))
            except SpecErrors as exc:
                self.errors[path] = spec.blame(exc.errors)
            except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
                self.errors[path] = [spec.entry.error(unreadable(exc))]  # never exit 3

    def __enter__(self) -> _Build:
        return self

    def __exit__(self, *_: object) -> None:
        self.validation.stop()

    def finish(self, strict: bool = False) -> list[Built]:
        """Every spec's IR once validation has answered; SpecErrors if any spec failed."""
        invalid = dict(zip(self.specs, self.validation.errors(), strict=True))
        errors: list[SpecError] = []
        built: list[Built] = []
        owners: dict[str, Path] = {}
        for path in self.paths:
            own = self.errors.get(path)
            if own:  # load and parse errors come first; the validator's are not looked at
                errors.extend(own)
                continue
            found = invalid[path]
            if isinstance(found, str):  # the validator broke outside its own guard
                found = [validator_failed(self.specs[path], found)]
            found = [*found, *self.packages[path].warnings]
            if strict:
                found = [replace(f, severity=ERROR) for f in found]
            failed = [f for f in found if not f.is_warning]
            if failed:
                errors.extend(self.specs[path].blame(failed))
                continue
            package = self.packages[path]
            if package.name in owners:
                errors.append(
                    SpecError(
                        display_path(path),
                        "#/info",
                        f"package {package.name!r} is also generated from "
                        f"{display_path(owners[package.name])}",
                    )
                )
                continue
            owners[package.name] = path
            documents = sorted(self.specs[path].documents) + list(self.overlays.get(path, ()))
            inputs = tuple((display_path(d), d.read_bytes()) for d in documents)
            built.append(Built(path, package, inputs, tuple(found)))
        if errors:
            raise SpecErrors(errors)
        return built


def _schema_count(spec: Spec) -> int:
    """How many named schemas the entry document holds (what the progress line counts)."""
    components = spec.root.get("components")
    schemas = components.get("schemas") if isinstance(components, dict) else None
    if spec.is_swagger2:
        schemas = spec.root.get("definitions")
    return len(schemas) if isinstance(schemas, dict) else 0


def generate(
    spec_paths: list[Path],
    project: bool = False,
    package_names: dict[Path, str] | None = None,
    output: Formatter | None = None,
    overlays: Overlays | None = None,
    strict: bool = False,
    models: Models = STATUS,
    checked: ValidationCache | None = None,
    validator: Validator | None = None,
    root: Path | None = None,
) -> Result:
    """Every package's formatted files, plus its manifest, all in memory. With `project`,
    each package also gets a pyproject.toml and a README.md, so it installs on its own;
    `package_names` are configured names that override the specs' own; `output` formats,
    reusing what earlier output and the piece cache offer (`output.formatter`); `overlays`
    are applied to their specs before anything else; `strict` makes the validator's warnings
    errors; `models` selects the schemas each package holds; `checked` holds the findings of
    specs validated before (`validation.cache`); `validator` (`output.servers.Validator`) is
    the process the caller started early; `root` is the folder tree `$ref`s may reach."""
    names = package_names or {}
    overlays = overlays or {}
    output = output or Formatter()

    tools: dict[str, str] = {}

    def tool(path: Path) -> str:
        """The tool fingerprint of a spec's options, read once per run: it digests every
        source file of statusgen."""
        chosen = selection_text(selection_of(models, path))
        options = options_key(project, names.get(path), overlays.get(path, ()), strict, chosen)
        if options not in tools:
            tools[options] = tool_fingerprint(options)
        return tools[options]

    with _Build(spec_paths, names, overlays, models, checked, validator, root) as build:
        if build.errors:
            build.finish(strict)
        try:
            rendered: dict[str, Source] = {}
            for path, package in build.packages.items():
                progress.stage("render", package.name)
                rendered.update(render_package(package, Reuse(tool(path), output)))
                if project:
                    rendered.update(render_project(package))
            formatted = output.format(rendered)
        except Exception:
            build.finish(strict)  # a spec the validator refuses is reported as that, not a bug
            raise
        built = build.finish(strict)
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
            tool(one.path),
            (key, {k: v for k, v in formatted.pieces.items() if k.startswith(prefix)}),
            _item_records(rendered, formatted.pieces, prefix),
        )
    warnings = tuple(w for one in built for w in one.warnings)
    return Result(tuple(one.package for one in built), files, warnings)


def _item_records(
    rendered: Mapping[str, Source], pieces: Mapping[str, tuple[Piece, ...]], prefix: str
) -> list[ItemRecord]:
    """The items of one package's modules with the digest of the piece each formed alone."""
    return [
        (key, pieces[path][index].digest, names, path)
        for path, source in rendered.items()
        if path.startswith(prefix)
        for key, index, names in source.items
    ]
