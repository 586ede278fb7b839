"""The pre-commit hooks, run for real by pre-commit on a throwaway git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from installs import child_env, statusgen_venv

# Real git repositories and pre-commit.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
PYCACHE = shutil.ignore_patterns("__pycache__")


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def snapshot(into: Path) -> str:
    """This repository's working tree (uncommitted changes too) committed into a throwaway
    repository, as `pre-commit try-repo` would; its commit is the `rev` the consumer pins."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, into / name)
    git(into, "init", "-q")
    git(into, "add", "-A")
    git(into, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "hooks")
    return subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=into, check=True, capture_output=True, text=True
    ).stdout.strip()


LANGUAGE = "unsupported"  # pre-commit's name for `system`: run `entry` as found on PATH


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A consumer repository whose `.pre-commit-config.yaml` pins this one, as users write it,
    with one change: each hook's `language`. Ours say `python`, for which pre-commit
    pip-installs the pinned repository into a fresh virtualenv and puts its `bin/` first on
    PATH (some 12 CPU seconds, mostly pip); `hook_env` does just that with this tree's wheel
    (`installs.statusgen_venv`, shared with test_wheel), so the config says `unsupported`.
    Everything else (name, entry, pass_filenames, always_run) pre-commit still reads from
    the `.pre-commit-hooks.yaml` of the pinned commit."""
    if not PRE_COMMIT.exists():
        pytest.fail("pre-commit is not installed (it is in the test extra)")
    hooks = tmp_path_factory.mktemp("statusgen-hooks")
    rev = snapshot(hooks)
    manifest = yaml.safe_load((hooks / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    languages = {hook["id"]: hook["language"] for hook in manifest}
    assert languages == {"statusgen-check": "python", "statusgen-generate": "python"}
    work = tmp_path_factory.mktemp("consumer")
    shutil.copytree(ROOT / "specs", work / "specs")
    # What `statusgen generate` makes from specs/ (test_fast_path pins the committed tree).
    shutil.copytree(ROOT / "generated", work / "generated", ignore=PYCACHE)
    (work / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {hooks}\n  rev: {rev}\n  hooks:\n"
        + "".join(f"  - id: {hook}\n    language: {LANGUAGE}\n" for hook in languages),
        encoding="utf-8",
    )
    git(work, "init", "-q")
    git(work, "config", "user.email", "t@example.com")
    git(work, "config", "user.name", "t")
    git(work, "add", "-A")
    git(work, "commit", "-qm", "specs and generated code")
    return work


@pytest.fixture(scope="module")
def hook_env(tmp_path_factory: pytest.TempPathFactory, repo: Path) -> dict[str, str]:
    """pre-commit's environment: its own store, and the venv where statusgen is installed
    first on PATH, as in a `language: python` hook's environment."""
    venv = statusgen_venv(tmp_path_factory)
    return child_env(
        PRE_COMMIT_HOME=str(repo.parent / "pre-commit-home"),
        PATH=f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}",
        PYTHONPATH="",
    )


def run_hook(work: Path, hook: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(PRE_COMMIT), "run", hook, "--all-files"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_check_hook_passes_on_a_current_tree_and_fails_on_a_stale_one(
    repo: Path, hook_env: dict[str, str]
) -> None:
    result = run_hook(repo, "statusgen-check", hook_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "statusgen generated/ is up to date" in result.stdout
    face = repo / "specs" / "face.yaml"
    face.write_text(
        face.read_text(encoding="utf-8").replace("title: Face Client", "title: Faces"),
        encoding="utf-8",
    )
    git(repo, "commit", "-qam", "retitle Face")
    result = run_hook(repo, "statusgen-check", hook_env)
    assert result.returncode == 1, result.stdout
    assert "would change generated/face/__init__.py" in result.stdout


def test_generate_hook_regenerates_and_fails_the_commit_until_added(
    repo: Path, hook_env: dict[str, str]
) -> None:
    result = run_hook(repo, "statusgen-generate", hook_env)
    assert result.returncode == 1, result.stdout  # pre-commit: files were modified by this hook
    assert "files were modified by this hook" in result.stdout
    assert "Faces" in (repo / "generated" / "face" / "__init__.py").read_text(encoding="utf-8")
    git(repo, "add", "-A")
    assert run_hook(repo, "statusgen-check", hook_env).returncode == 0
