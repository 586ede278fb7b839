"""A broad corpus of published Swagger 2.0 descriptions: every one generates and its
package imports; a sample passes `mypy --strict`.

`../shared/corpus/apisguru-2017/` holds 131 files as their owners published them (provenance in
its README); CI lays `shared/` beside the clone, and the test is skipped, saying why, where it
is absent (`STATUSGEN_CORPUS` points elsewhere). A spec may be refused only when it is truly
broken, named in `BROKEN` with the reason.

Cost: the whole pipeline runs once, in this process, over all 131 specs (the validator in its
forked child meanwhile, as `statusgen generate` runs it), up to black: formatting 15 MB of
source would add minutes and decides nothing here (tests/output/ holds black's part).
Packages are named as a user names them in `[tool.statusgen.packages]` (many files are named
by their version, `1.0.yaml`).
"""

from __future__ import annotations

import contextlib
import importlib
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from importlib.machinery import SourceFileLoader
from pathlib import Path
from types import CodeType
from typing import Any

import pytest
from conftest import HEADER, ROOT, import_generated, restore_modules, working_directory
from statusgen.errors import SpecErrors, display_path
from statusgen.options import SpecChoice
from statusgen.parser import naming
from statusgen.pipeline import _Build
from statusgen.render import Reuse, render_package

CORPUS = Path(os.environ.get("STATUSGEN_CORPUS", ROOT.parent / "shared" / "corpus"))
SWAGGER = CORPUS / "apisguru-2017"

BROKEN: dict[str, str] = {}
"""Specs refused because they are truly broken (invalid YAML, a `$ref` to nothing), with why.
None of the 131 is."""

MYPY_EVERY = 45
"""Every so many packages (in sorted order), and Azure Batch's (pollers), go to one mypy run."""
BATCH = "c_windows_net_batch_2017_01_01_4_0"


@contextlib.contextmanager
def runtime_compiled_once() -> Iterator[None]:
    """Every package holds its own copy of the runtime modules, the same text but for the
    header line naming its spec: each text is compiled once and its code shared (the code
    names the first copy's file), instead of 131 times. Nothing else about importing changes:
    each package's modules are still found, executed and bound as its own."""
    original = SourceFileLoader.source_to_code
    compiled: dict[bytes, CodeType] = {}

    def source_to_code(self: Any, data: Any, path: Any, *, _optimize: int = -1) -> CodeType:
        head, _, body = bytes(data).partition(b"\n")
        if not head.startswith(HEADER.encode()):
            return original(self, data, path, _optimize=_optimize)
        if body not in compiled:  # the header's line kept empty: line numbers stay true
            compiled[body] = original(self, b"\n" + body, path, _optimize=_optimize)
        return compiled[body]

    SourceFileLoader.source_to_code = source_to_code  # type: ignore[assignment]
    writing, sys.dont_write_bytecode = sys.dont_write_bytecode, True
    try:
        yield
    finally:
        SourceFileLoader.source_to_code = original  # type: ignore[method-assign]
        sys.dont_write_bytecode = writing


def package_name(spec: Path) -> str:
    return "c_" + re.sub(r"\W", "_", naming.snake_case(spec.with_suffix("").as_posix()))


@pytest.mark.slow
def test_every_published_spec_generates_imports_and_a_sample_type_checks(
    tmp_path: Path,
) -> None:
    if not SWAGGER.is_dir():
        pytest.skip(f"{SWAGGER} is absent: the published corpus is not vendored")
    specs = sorted(p.relative_to(SWAGGER) for p in SWAGGER.rglob("*.yaml"))
    assert len(specs) == 131
    names = {spec: package_name(spec) for spec in specs}
    refused: dict[str, str] = {}
    files: dict[str, str] = {}
    choices = [SpecChoice(spec, names[spec]) for spec in specs]
    with working_directory(SWAGGER), _Build(choices) as build:
        for package in build.packages.values():
            reuse = Reuse("corpus")
            files.update((k, v.text) for k, v in render_package(package, reuse).items())
        try:
            build.finish()
        except SpecErrors as exc:
            for error in exc.errors:
                refused.setdefault(error.file, str(error))
    assert refused.keys() == BROKEN.keys(), refused
    assert "internal error" not in "".join(refused.values())
    out = tmp_path / "out"
    for path, text in files.items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_text(text, encoding="utf-8")
    generated = [names[s] for s in specs if display_path(s) not in refused]
    with_pollers = {p for p in generated if (out / p / "pollers.py").is_file()}
    assert BATCH in with_pollers  # Azure Batch's jobs
    sample = sorted(set(generated[::MYPY_EVERY]) | {BATCH})
    mypy = subprocess.Popen(  # type-checks while this process imports every package
        [sys.executable, "-m", "mypy", "--strict", *sample],
        cwd=out,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    saved = dict(sys.modules)
    compiled = 0
    try:
        with runtime_compiled_once():
            for package in generated:
                module = import_generated(out, package)
                assert module.__all__, package
                compiled += compile_every_model(package)
    finally:
        restore_modules(saved)
        report, _ = mypy.communicate()
    assert mypy.returncode == 0, report[-3000:]
    assert compiled > 1_000


def compile_every_model(package: str) -> int:
    """Each model's `_from_dict` and `to_dict` compiled from its declarations, as its first
    use would (the runtime reads every annotation the generator wrote); how many models."""
    models = sys.modules.get(f"{package}.models")
    if models is None:
        return 0
    codec = importlib.import_module(f"{package}._codec")
    found = [c for c in vars(models).values() if isinstance(c, type) and "_wire" in vars(c)]
    for cls in found:
        assert codec.compile_model(cls) is cls
    return len(found)
