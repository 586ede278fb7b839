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
    """Real processes: a run compiles the templates into the cache directory, the next ones
    read them back, and a cache directory that cannot be made is no cache. Synapse alone uses
    12 of the templates (models, pollers, the runtime's and the kinds' macros)."""
    shutil.copytree(ROOT / "specs" / "synapse", tmp_path / "specs" / "synapse")
    for cache, out in (("cache", "first"), ("cache", "second"), ("a-file", "third")):
        (tmp_path / "a-file").touch()
        env = {"STATUSGEN_CACHE_DIR": str(tmp_path / cache)}
        done = run_process(["generate", "specs/synapse/openapi.yaml", "--out", out], tmp_path, env)
        assert done.returncode == 0, done.stderr
        assert tree(tmp_path / out) == {
            f"synapse/{name}": data for name, data in tree(ROOT / "generated" / "synapse").items()
        }, out
    assert len(list((tmp_path / "cache" / "jinja").iterdir())) >= 7


def test_compiled_templates_go_to_the_cache_directory_or_nowhere(tmp_path: Path) -> None:
    from statusgen.render import env

    cache = env._bytecode_cache(tmp_path / "root")
    assert cache is not None and Path(cache.directory) == tmp_path / "root" / "jinja"
    assert env._bytecode_cache(None) is None  # --no-cache
    (tmp_path / "a-file").touch()
    assert env._bytecode_cache(tmp_path / "a-file") is None  # cannot be made: no cache
