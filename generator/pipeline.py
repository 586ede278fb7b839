"""The whole pipeline for a set of entry specs: load -> parse -> validate -> render -> format.

Everything happens in memory; nothing touches the output directory until every spec has
passed every stage, so a failed run leaves the previous output exactly as it was.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import ir, progress
from .cache import PieceCache
from .errors import ERROR, SpecError, SpecErrors, display_path
from .fingerprint import MANIFEST, manifest_text, options_key
from .format import Workers, fork_available, format_files, format_key
from .load import Spec, load, resolve_all_refs
from .models_option import STATUS, Selection, selection_text
from .parse import parse
from .render import Source, header, render_package, render_project
from .validation import validate
from .validation_cache import ValidationCache


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
    models: Selection = STATUS,
) -> list[Built]:
    """The IR of every spec, validated; all specs' errors (and package-name clashes) raised
    together. With `strict`, the validator's warnings are errors too; `models` selects the
    schemas each package holds."""
    with _Build(spec_paths, package_names or {}, overlays or {}, models) as build:
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
        models: Selection = STATUS,
        checked: ValidationCache | None = None,
    ) -> None:
        self.paths = spec_paths
        self.overlays = overlays
        self.specs: dict[Path, Spec] = {}
        self.errors: dict[Path, list[SpecError]] = {}
        for path in spec_paths:
            progress.stage("load", display_path(path))
            try:
                spec = load(path, overlays.get(path, ()))
            except SpecErrors as exc:
                self.errors[path] = exc.errors
                continue
            resolve_all_refs(spec)  # every document is read now: the child sees them all
            self.specs[path] = spec
        self.validation = _Validation(
            [(spec, overlays.get(path, ())) for path, spec in self.specs.items()], checked
        )
        self.packages: dict[Path, ir.Package] = {}
        for path, spec in self.specs.items():
            progress.stage("parse", f"{display_path(path)}, {_schema_count(spec)} schemas")
            try:
                self.packages[path] = parse(spec, names.get(path), models)
            except SpecErrors as exc:
                self.errors[path] = spec.blame(exc.errors)

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
            if isinstance(found, str):
                raise RuntimeError(f"validating {display_path(path)} failed: {found}")
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


class _Validation:
    """`validation.validate` of each spec not in the cache of findings (`checked`), in a
    forked child where fork is available.

    One child: with the schema pass checked by jsonschema-rs (validation.surely_valid) the
    keyword pass is nearly all the work, and a second child (one per pass, as before) cost
    more in the validator's import and CPU contention than it saved: OpenAI's published file
    0.92 -> 0.88 s, the four specs 0.62 -> 0.58 s cold (`make bench`)."""

    def __init__(
        self,
        specs: list[tuple[Spec, Sequence[Path]]],
        checked: ValidationCache | None = None,
    ) -> None:
        self.specs = [spec for spec, _ in specs]
        self.checked = checked
        self.keys = [checked.key(*one) if checked else None for one in specs]
        self.known: dict[int, list[SpecError]] = {}
        for index, key in enumerate(self.keys):
            found = checked.get(key) if checked and key else None
            if found is not None:
                self.known[index] = found
        self.todo = [s for i, s in enumerate(self.specs) if i not in self.known]
        self.results: list[list[SpecError] | str] | None = None
        self.child: tuple[Any, Any] | None = None
        if self.todo and fork_available():
            import multiprocessing

            context = multiprocessing.get_context("fork")
            receive, send = context.Pipe(duplex=False)
            process = context.Process(target=_validate_in_child, args=(self.todo, send))
            process.start()
            send.close()
            self.child = (process, receive)

    def errors(self) -> list[list[SpecError] | str]:
        """Per spec, its validation errors, or what broke while validating it."""
        if self.results is None:
            if not self.todo:
                fresh = []
            elif self.child is None:
                fresh = _validate_each(self.todo)
            else:
                progress.stage("validate", ", ".join(s.display for s in self.todo))
                fresh = self._answer(*self.child)
            answers = iter(fresh)
            self.results = [
                self.known[i] if i in self.known else next(answers) for i in range(len(self.specs))
            ]
            for index, key in enumerate(self.keys):
                found = self.results[index]
                if self.checked and key and index not in self.known and isinstance(found, list):
                    self.checked.put(key, found)
        return self.results

    @staticmethod
    def _answer(process: Any, receive: Any) -> list[list[SpecError] | str]:
        try:
            kind, answer = receive.recv()
        except EOFError:
            raise RuntimeError("the validating process ended without an answer") from None
        process.join()
        if kind != "ok":
            raise RuntimeError(f"validation failed: {answer}")
        return answer  # type: ignore[no-any-return]

    def stop(self) -> None:
        if self.child is not None:
            process, receive = self.child
            if process.is_alive():
                process.terminate()
            process.join()
            receive.close()
            self.child = None


def _schema_count(spec: Spec) -> int:
    """How many named schemas the entry document holds (what the progress line counts)."""
    components = spec.root.get("components")
    schemas = components.get("schemas") if isinstance(components, dict) else None
    if spec.is_swagger2:
        schemas = spec.root.get("definitions")
    return len(schemas) if isinstance(schemas, dict) else 0


def _validate_each(specs: list[Spec]) -> list[list[SpecError] | str]:
    """Each spec's validation findings; a bug in one spec's validation
    (reported only if that spec has no parse errors to report first) does not hide the
    others' results."""
    results: list[list[SpecError] | str] = []
    for spec in specs:
        try:
            results.append(validate(spec))
        except SpecErrors as exc:
            results.append(exc.errors)
        except Exception as exc:
            results.append(f"{type(exc).__name__}: {exc}")
    return results


def _validate_in_child(specs: list[Spec], send: Any) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle
    # The validator's Rust parts print a panic's backtrace before raising it; what went
    # wrong reaches the parent through `send`, and the user sees one line, not a dump.
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 2)
    try:
        answer: tuple[str, object] = ("ok", _validate_each(specs))
    except BaseException as exc:  # reported by the parent as an internal error
        answer = ("bug", f"{type(exc).__name__}: {exc}")
    send.send(answer)
    send.close()


def generate(
    spec_paths: list[Path],
    project: bool = False,
    package_names: dict[Path, str] | None = None,
    known: Mapping[str, str] | None = None,
    store: PieceCache | None = None,
    overlays: Overlays | None = None,
    strict: bool = False,
    models: Selection = STATUS,
    workers: Workers | None = None,
    checked: ValidationCache | None = None,
) -> Result:
    """Every package's formatted files, plus its manifest, all in memory. With `project`,
    each package also gets a pyproject.toml and a README.md, so it installs on its own;
    `package_names` are configured names that override the specs' own; `known` are pieces
    whose formatted text an earlier run recorded (`fingerprint.known_pieces`); `store` is the
    user's piece cache (`cache.PieceCache`), if any; `overlays` are applied to their specs
    before anything else; `strict` makes the validator's warnings errors; `models` selects
    the schemas each package holds; `workers` are black's, started early by the caller
    (see `format.Workers`); `checked` holds the findings of
    specs validated before (`validation_cache`)."""
    names = package_names or {}
    overlays = overlays or {}
    with _Build(spec_paths, names, overlays, models, checked) as build:
        if build.errors:
            build.finish(strict)
        try:
            rendered: dict[str, Source] = {}
            for package in build.packages.values():
                progress.stage("render", package.name)
                rendered.update(render_package(package))
                if project:
                    rendered.update(render_project(package))
            formatted = format_files(rendered, known, store, workers)
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
            options_key(
                project,
                names.get(one.path),
                overlays.get(one.path, ()),
                strict,
                selection_text(models),
            ),
            (key, {k: v for k, v in formatted.pieces.items() if k.startswith(prefix)}),
        )
    warnings = tuple(w for one in built for w in one.warnings)
    return Result(tuple(one.package for one in built), files, warnings)
