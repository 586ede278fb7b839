"""The whole pipeline for a set of entry specs: load -> parse -> validate -> render -> format.

Everything happens in memory; nothing touches the output directory until every spec has
passed every stage, so a failed run leaves the previous output exactly as it was.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from . import ir
from .errors import ERROR, WARNING, SpecErrors, display_path
from .input.load import Spec, load, resolve_all_refs
from .options import RunOptions, SpecChoice
from .output.formatter import Formatter, Piece
from .output.manifest import MANIFEST, ItemRecord, manifest_text
from .output.mode import format_key
from .output.servers import Validator
from .output.tool import tool_fingerprint
from .parser.context import unreadable
from .parser.package import component_schemas
from .parser.parse import parse_selected
from .render import Reuse, Source, header, render_package, render_project
from .spec_error import SpecError
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


def build_package(spec_path: Path) -> Built:
    """The IR of one entry spec under the default options, validated; SpecErrors on bad
    input."""
    (built,) = build_packages(RunOptions.of([spec_path]))
    return built


def build_packages(options: RunOptions) -> list[Built]:
    """The IR of every spec of `options`, validated; all specs' errors (and package-name
    clashes) raised together. With `strict`, the validator's warnings are errors too."""
    with _Build(options.specs, options.root) as build:
        return build.finish(options.strict)


class _Build:
    """Specs loaded and parsed in this process while a forked child validates them.

    OpenAPI validation (the validator's import included) is as slow as parsing and rendering
    together, and needs nothing from them, so on two cores it costs no time. The errors are
    what a sequential load -> parse -> validate would report: per spec, its load or parse
    errors, else its validation errors, then package-name clashes. `root` is the folder tree
    `$ref`s may reach (`load.load`)."""

    def __init__(
        self,
        specs: Sequence[SpecChoice],
        root: Path | None = None,
        checked: ValidationCache | None = None,
        validator: Validator | None = None,
    ) -> None:
        self.paths = [spec.path for spec in specs]
        self.overlays = {spec.path: spec.overlays for spec in specs}
        self.specs: dict[Path, Spec] = {}
        self.errors: dict[Path, list[SpecError]] = {}
        for path in self.paths:
            progress.stage("load", display_path(path))
            try:
                spec = load(path, self.overlays[path], root)
            except SpecErrors as exc:
                self.errors[path] = exc.errors
                continue
            except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
                self.errors[path] = [SpecError(display_path(path), "#", unreadable(exc))]
                continue
            resolve_all_refs(spec)  # every document is read now: the child sees them all
            self.specs[path] = spec
        self.validation = Validation(
            [(spec, self.overlays[path]) for path, spec in self.specs.items()],
            checked,
            validator,
        )
        chosen = {spec.path: spec for spec in specs}
        self.packages: dict[Path, ir.Package] = {}
        self.holds: dict[Path, Callable[[SpecError], bool]] = {}
        for path, spec in self.specs.items():
            count = len(component_schemas(spec, spec.entry))
            progress.stage("parse", f"{display_path(path)}, {count} schemas")
            try:
                parsed = parse_selected(spec, chosen[path].package, chosen[path].models)
                self.packages[path], self.holds[path] = parsed.package, parsed.holds
            except SpecErrors as exc:
                self.errors[path] = spec.blame(exc.errors)
            except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
                self.errors[path] = [spec.entry.error(unreadable(exc))]  # never exit 3

    def __enter__(self) -> _Build:
        return self

    def __exit__(self, *_: object) -> None:
        self.validation.stop()

    def finish(self, strict: bool = False) -> list[Built]:
        """Every spec's IR once validation has answered; SpecErrors if any spec failed. When
        every spec failed to load or parse, the validator is not waited for: its findings
        would not be shown (a broken 10,000-schema spec is refused seconds sooner)."""
        waited = any(not self.errors.get(path) for path in self.specs)
        invalid = dict(zip(self.specs, self.validation.errors(), strict=True)) if waited else {}
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
            found = [*self._generated(path, found), *self.packages[path].warnings]
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
            documents = sorted(self.specs[path].documents) + list(self.overlays[path])
            inputs = tuple((display_path(d), d.read_bytes()) for d in documents)
            built.append(Built(path, package, inputs, tuple(found)))
        if errors:
            raise SpecErrors(errors)
        return built

    def _generated(self, path: Path, findings: list[SpecError]) -> list[SpecError]:
        """The validator's findings, those outside what the package holds (in a schema the
        selection leaves out) made warnings: the parser's own errors there are not errors
        either, by the same rule (`selection.holding`)."""
        holds = self.holds[path]
        return [f if f.is_warning or holds(f) else replace(f, severity=WARNING) for f in findings]


def generate(
    options: RunOptions,
    specs: Sequence[SpecChoice] | None = None,
    *,
    output: Formatter | None = None,
    checked: ValidationCache | None = None,
    validator: Validator | None = None,
) -> Result:
    """Every package's formatted files, plus its manifest, all in memory, for `specs` (by
    default every spec of `options`) as `options` ask. With `project`, each package also gets
    a pyproject.toml and a README.md, so it installs on its own. `output` formats, reusing
    what earlier output and the piece cache offer (`output.formatter`); `checked` holds the
    findings of specs validated before (`validation.cache`); `validator`
    (`output.servers.Validator`) is the process the caller started early."""
    specs = options.specs if specs is None else specs
    output = output or Formatter()
    chosen = {spec.path: spec for spec in specs}
    tools: dict[str, str] = {}

    def tool(path: Path) -> str:
        """The tool fingerprint of a spec's options, read once per run: it digests every
        module that can change output."""
        key = options.options_key(chosen[path])
        if key not in tools:
            tools[key] = tool_fingerprint(key)
        return tools[key]

    with _Build(specs, options.root, checked, validator) as build:
        if build.errors:
            build.finish(options.strict)
        try:
            rendered: dict[str, Source] = {}
            for path, package in build.packages.items():
                progress.stage("render", package.name)
                rendered.update(render_package(package, Reuse(tool(path), output)))
                if options.project:
                    rendered.update(render_project(package))
            formatted = output.format(rendered)
        except Exception:
            build.finish(options.strict)  # a spec the validator refuses is reported as that
            raise
        built = build.finish(options.strict)
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
