"""The pre-commit hooks, run for real by pre-commit on a throwaway git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# Real git repositories and pre-commit.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not PRE_COMMIT.exists():
        pytest.fail("pre-commit is not installed (it is in the test extra)")
    work = tmp_path_factory.mktemp("consumer")
    shutil.copytree(ROOT / "specs", work / "specs")
    subprocess.run(
        [sys.executable, "-m", "statusgen", "generate"],
        cwd=work,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=True,
    )
    git(work, "init", "-q")
    git(work, "config", "user.email", "t@example.com")
    git(work, "config", "user.name", "t")
    git(work, "add", "-A")
    git(work, "commit", "-qm", "specs and generated code")
    return work


def try_repo(work: Path, hook: str) -> subprocess.CompletedProcess[str]:
    """`pre-commit try-repo` installs this repository (working tree included) as the hook."""
    env = {**os.environ, "PRE_COMMIT_HOME": str(work.parent / "pre-commit-home")}
    env.pop("PYTHONPATH", None)
    return subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(ROOT), hook, "--all-files"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_check_hook_passes_on_a_current_tree_and_fails_on_a_stale_one(repo: Path) -> None:
    result = try_repo(repo, "statusgen-check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "statusgen generated/ is up to date" in result.stdout
    face = repo / "specs" / "face.yaml"
    face.write_text(
        face.read_text(encoding="utf-8").replace("title: Face Client", "title: Faces"),
        encoding="utf-8",
    )
    git(repo, "commit", "-qam", "retitle Face")
    result = try_repo(repo, "statusgen-check")
    assert result.returncode == 1, result.stdout
    assert "would change generated/face/__init__.py" in result.stdout


def test_generate_hook_regenerates_and_fails_the_commit_until_added(repo: Path) -> None:
    result = try_repo(repo, "statusgen-generate")
    assert result.returncode == 1, result.stdout  # pre-commit: files were modified by this hook
    assert "files were modified by this hook" in result.stdout
    assert "Faces" in (repo / "generated" / "face" / "__init__.py").read_text(encoding="utf-8")
    git(repo, "add", "-A")
    assert try_repo(repo, "statusgen-check").returncode == 0
