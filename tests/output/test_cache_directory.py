"""Everything statusgen keeps between runs (formatted pieces, findings, compiled templates) goes
to one cache directory, `--no-cache` uses none, and nothing is ever written into the
installed package. Real processes, on a copy of statusgen laid out as a wheel installs it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from statusgen.output import tool


def listing(root: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(root).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
    }


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """site/statusgen: the package with its templates inside, nothing compiled yet."""
    site = tmp_path_factory.mktemp("site")
    pycache = shutil.ignore_patterns("__pycache__")
    shutil.copytree(tool.SOURCE, site / "statusgen", ignore=pycache)
    shutil.copytree(tool.template_dir(), site / "statusgen" / "templates", ignore=pycache)
    return site


def generate(site: Path, cwd: Path, cache: Path, *args: str) -> subprocess.CompletedProcess[str]:
    probe = (
        "import sys, statusgen\n"
        "from statusgen.ui.cli import main\n"
        "print(statusgen.__file__)\n"
        f"sys.exit(main(['generate', '--out', 'out', *{list(args)!r}]))\n"
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(site),
        "PYTHONDONTWRITEBYTECODE": "1",  # Python's own bytecode is not statusgen's doing
        "STATUSGEN_CACHE_DIR": str(cache),
    }
    return subprocess.run(
        [sys.executable, "-c", probe], cwd=cwd, env=env, capture_output=True, text=True
    )


@pytest.mark.parametrize("flags", [(), ("--no-cache",)])
def test_a_run_writes_nothing_into_the_installed_package(
    installed: Path, tmp_path: Path, flags: tuple[str, ...]
) -> None:
    shutil.copytree(ROOT / "specs" / "synapse", tmp_path / "specs" / "synapse")
    shutil.copy(ROOT / "specs" / "face.yaml", tmp_path / "specs" / "face.yaml")
    before = listing(installed)
    done = generate(installed, tmp_path, tmp_path / "cache", *flags)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(str(installed / "statusgen")), done.stdout
    assert (tmp_path / "out" / "face" / "models.py").read_text(encoding="utf-8") == (
        ROOT / "generated" / "face" / "models.py"
    ).read_text(encoding="utf-8")
    assert listing(installed) == before
    kept = sorted(p.name for p in (tmp_path / "cache").iterdir()) if not flags else []
    assert kept == ([] if flags else ["jinja", "pieces", "validation"])
    assert (tmp_path / "cache").exists() == (not flags)
