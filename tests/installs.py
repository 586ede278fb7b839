"""statusgen as users install it, made once per test session for every module that needs it.

`statusgen_wheel` is the wheel built from this checkout (what the build printed with it);
`statusgen_venv` is a fresh virtual environment holding that wheel and the dependencies it
declares, nothing of this test venv. test_wheel reads and runs them; test_precommit_hooks
puts the venv's `bin/` first on PATH, as pre-commit's python hook environment does.

Whichever module and xdist worker asks first makes it; the other waits on a file lock and
uses what was made (a stamp file marks it finished, so a half-made one is made again).
`uv` (this venv's own, which the Makefile installs with) builds and installs: each build
still runs setuptools in an isolated environment with the project's declared
`build-system.requires`, and the install resolves the declared dependencies.

`child_env` is the environment for the Python processes the tests start: byte code goes to
one folder of this session (PYTHONPYCACHEPREFIX) instead of being compiled again by every
process (PYTHONDONTWRITEBYTECODE). Nothing is written beside any source file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, shared_folder
from real_packages import locked

UV = Path(sys.executable).parent / "uv"


def _once(
    tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]
) -> Path:
    """`shared/NAME`, made by `make(folder)` unless a process of this session made it. Made in
    place (a venv's scripts name their own path, so it cannot be renamed into place)."""
    folder = shared_folder(tmp_path_factory) / name
    stamp = folder / ".made"
    with locked(folder.with_suffix(".lock")):
        if not stamp.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            stamp.touch()
    return folder


def child_env(**changes: str) -> dict[str, str]:
    """os.environ for a child Python process (with the session's shared bytecode folder:
    conftest's `_shared_bytecode`); `changes` on top (PYTHONPATH="" removes it)."""
    env = dict(os.environ)
    env.update(changes)
    return {k: v for k, v in env.items() if v != ""}


def build_wheel(project: Path, into: Path) -> subprocess.CompletedProcess[str]:
    """`uv build --wheel PROJECT`: PEP 517 in an isolated environment holding the project's
    `build-system.requires`; uv passes the backend's own output through."""
    return subprocess.run(
        [str(UV), "build", "--wheel", "--out-dir", str(into), str(project)],
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )


def statusgen_wheel(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """statusgen's wheel built from this checkout, and everything the build printed."""

    def make(into: Path) -> None:
        build = build_wheel(ROOT, into)
        assert build.returncode == 0, build.stdout + build.stderr
        (into / "build-output.txt").write_text(build.stdout + build.stderr, encoding="utf-8")

    folder = _once(tmp_path_factory, "statusgen-wheel", make)
    (wheel,) = folder.glob("statusgen-*.whl")
    return wheel, (folder / "build-output.txt").read_text(encoding="utf-8")


def statusgen_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtual environment (no system site-packages) where `pip install statusgen.whl`
    would leave it: the wheel and the dependencies it declares, resolved from the index."""
    wheel, _ = statusgen_wheel(tmp_path_factory)
    return _once(tmp_path_factory, "statusgen-venv", lambda venv: make_venv(venv, str(wheel)))


def make_venv(venv: Path, *install: str) -> None:
    """A fresh virtual environment at `venv` (this Python, no system site-packages), then
    `pip install INSTALL...` into it (uv's pip)."""
    for command in (
        ["venv", "--quiet", "--python", sys.executable, str(venv)],
        ["pip", "install", "--quiet", "--python", str(venv / "bin" / "python"), *install],
    ):
        made = subprocess.run([str(UV), *command], capture_output=True, text=True, timeout=300)
        assert made.returncode == 0, made.stderr
