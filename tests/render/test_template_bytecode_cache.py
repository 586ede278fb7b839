"""Templates compiled from their files (when the precompiled modules do not match them, see
`render.precompile`): written to the user's cache and read back by later runs; a cache that
cannot be written is no cache, and the output stays the same."""

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
def test_precompiled_runs_need_no_template_cache_and_a_broken_one_is_none(tmp_path: Path) -> None:
    """Real processes, the templates precompiled: no run compiles one into the cache
    directory, and a cache directory that cannot be made changes nothing."""
    shutil.copytree(ROOT / "specs" / "synapse", tmp_path / "specs" / "synapse")
    for cache, out in (("cache", "first"), ("cache", "second"), ("a-file", "third")):
        (tmp_path / "a-file").touch()
        env = {"STATUSGEN_CACHE_DIR": str(tmp_path / cache)}
        done = run_process(["generate", "specs/synapse/openapi.yaml", "--out", out], tmp_path, env)
        assert done.returncode == 0, done.stderr
        assert tree(tmp_path / out) == {
            f"synapse/{name}": data for name, data in tree(ROOT / "generated" / "synapse").items()
        }, out
    assert not any((tmp_path / "cache" / "jinja").iterdir())


def test_templates_compiled_from_files_are_cached_and_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Synapse alone uses 12 of the templates (models, pollers, the kinds' macros)."""
    from statusgen import pipeline
    from statusgen.options import RunOptions
    from statusgen.render import env, precompile

    monkeypatch.setattr(precompile, "loader", lambda templates: None)
    spec = ROOT / "specs" / "synapse" / "openapi.yaml"
    written: dict[str, int] = {}
    try:
        for _ in range(2):
            env.environment.cache_clear()
            env.use_cache_dir(tmp_path)
            files = pipeline.generate(RunOptions.of([spec])).files
            assert files["synapse/models.py"] == (ROOT / "generated/synapse/models.py").read_text()
            found = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "jinja").iterdir()}
            assert len(found) >= 7 and written in ({}, found)  # the second run rewrote none
            written = found
    finally:
        env.environment.cache_clear()


def test_compiled_templates_go_to_the_cache_directory_or_nowhere(tmp_path: Path) -> None:
    from statusgen.render import env

    cache = env._bytecode_cache(tmp_path / "root")
    assert cache is not None and Path(cache.directory) == tmp_path / "root" / "jinja"
    assert env._bytecode_cache(None) is None  # --no-cache
    (tmp_path / "a-file").touch()
    assert env._bytecode_cache(tmp_path / "a-file") is None  # cannot be made: no cache
