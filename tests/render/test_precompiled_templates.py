"""The templates compiled ahead (`render.precompile`): current with the templates, used while
they match, left for the templates' own compilation the moment one is edited, and printing
exactly what the templates print."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest
from conftest import ROOT
from statusgen import pipeline
from statusgen.options import RunOptions
from statusgen.output.tool import template_dir
from statusgen.render import env, precompile


def _modules(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.py"))}


def test_the_committed_modules_are_what_the_templates_compile_to(tmp_path: Path) -> None:
    """Fails after a template edit until `make generate` writes them again."""
    templates = template_dir()
    precompile.write(env.fresh_environment(templates), templates, tmp_path)
    assert _modules(tmp_path) == _modules(precompile.FOLDER)
    assert precompile.recorded_key() == precompile.source_key(templates)


def test_an_edited_template_is_compiled_from_its_file_again(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(template_dir(), templates)
    assert isinstance(precompile.loader(templates), jinja2.ModuleLoader)
    kind = templates / "kinds" / "date.jinja"
    kind.write_text(kind.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert precompile.loader(templates) is None
    (templates / "kinds" / "extra.jinja").write_text("{# a new kind #}\n", encoding="utf-8")
    kind.write_text(kind.read_text(encoding="utf-8")[:-1], encoding="utf-8")
    assert precompile.loader(templates) is None  # a template the modules do not hold
    assert precompile.loader(templates, tmp_path / "nowhere") is None


@pytest.fixture
def from_files(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The run's environment compiling the templates from their files."""
    monkeypatch.setattr(precompile, "loader", lambda templates: None)
    env.environment.cache_clear()
    yield
    env.environment.cache_clear()


def test_both_print_the_same_packages(from_files: None) -> None:
    assert isinstance(env.environment().loader, jinja2.FileSystemLoader)
    specs = [*sorted((ROOT / "specs").glob("*.yaml")), ROOT / "specs" / "synapse" / "openapi.yaml"]
    files = pipeline.generate(RunOptions.of(specs)).files
    committed = {
        p.relative_to(ROOT / "generated").as_posix(): p.read_text(encoding="utf-8")
        for p in sorted((ROOT / "generated").rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }
    shown = {k: v for k, v in files.items() if not k.endswith(".statusgen-manifest")}
    assert shown == {k: v for k, v in committed.items() if not k.endswith(".statusgen-manifest")}


def test_the_run_uses_the_compiled_modules() -> None:
    env.environment.cache_clear()
    assert isinstance(env.environment().loader, jinja2.ModuleLoader)
