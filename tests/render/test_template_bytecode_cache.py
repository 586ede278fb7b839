"""Compiled templates: written once beside the templates (else to the user's cache) and read back
by later runs; a cache that cannot be written is no cache, and the output stays the same."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_process


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.mark.slow
def test_compiled_templates_are_cached_and_a_broken_cache_is_no_cache(tmp_path: Path) -> None:
    """Real processes: a run compiles the templates into `__pycache__` beside them, the next
    ones read them back, and a cache directory that cannot be made is no cache."""
    from statusgen.output.fingerprint import template_dir

    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    for cache, out in (("cache", "first"), ("cache", "second"), ("a-file", "third")):
        (tmp_path / "a-file").touch()
        env = {"XDG_CACHE_HOME": str(tmp_path / cache)}
        done = run_process(["generate", "--out", out], tmp_path, env)
        assert done.returncode == 0, done.stderr
        assert tree(tmp_path / out) == tree(ROOT / "generated")
    assert len(list((template_dir() / "__pycache__").iterdir())) >= 7


def test_compiled_templates_go_beside_the_templates_else_to_the_user_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from statusgen.render import env

    templates = tmp_path / "templates"
    templates.mkdir()
    monkeypatch.setattr(env, "template_dir", lambda: templates)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user"))
    beside = env._bytecode_cache()
    assert beside is not None and Path(beside.directory) == templates / "__pycache__"
    (templates / "__pycache__").rmdir()
    (templates / "__pycache__").touch()  # a file where the folder would be: not writable there
    elsewhere = env._bytecode_cache()
    assert elsewhere is not None
    assert Path(elsewhere.directory) == tmp_path / "user" / "statusgen" / "jinja"
    (tmp_path / "user2").touch()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user2"))
    assert env._bytecode_cache() is None
