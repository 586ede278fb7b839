"""A CI check's exit status holds whatever happens to its stdout.

`statusgen generate --check | head -1` closes the pipe after one line; the check must still
exit 1 on stale output, in every format, without a traceback or Python's complaints at
exit. The reader is gone before the process starts (a pipe whose reading end is closed),
so every write fails, whatever the timing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import GENERATED, ROOT, SPECS
from installs import child_env

pytestmark = pytest.mark.slow  # real processes writing to a closed pipe


@pytest.fixture(scope="module")
def stale(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository whose generated/ is out of date (a description edited since)."""
    root = tmp_path_factory.mktemp("stale")
    (root / "specs").mkdir()
    shutil.copy2(SPECS / "visma.yaml", root / "specs")
    # What `statusgen generate` makes of it (test_fast_path pins the committed tree).
    pycache = shutil.ignore_patterns("__pycache__")
    shutil.copytree(GENERATED / "visma", root / "generated" / "visma", ignore=pycache)
    spec = root / "specs" / "visma.yaml"
    old = "Identifies a started background API operation"
    text = spec.read_text(encoding="utf-8")
    assert old in text
    spec.write_text(text.replace(old, old + ", edited"), "utf-8")
    return root


def into_closed_pipe(
    args: list[str], cwd: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """`statusgen ARGS | head -1` where head has already gone."""
    reading, writing = os.pipe()
    os.close(reading)
    try:
        return subprocess.run(
            [sys.executable, "-m", "statusgen", *args],
            cwd=cwd,
            env=env,
            stdout=writing,
            stderr=subprocess.PIPE,
            text=True,
            timeout=300,
        )
    finally:
        os.close(writing)


@pytest.fixture(scope="module")
def env() -> dict[str, str]:
    """This checkout's statusgen; byte code cached for the session (`installs.child_env`)."""
    return child_env(PYTHONPATH=str(ROOT))


@pytest.mark.parametrize("output", ["text", "github", "json"])
def test_a_stale_check_exits_1_into_a_closed_pipe(
    stale: Path, env: dict[str, str], output: str
) -> None:
    run = into_closed_pipe(["generate", "--check", "--output-format", output], stale, env)
    assert run.returncode == 1, run.stderr
    assert run.stderr == ""  # no traceback, no "Exception ignored", no "lost sys.stderr"


@pytest.mark.parametrize("args", [["generate", "--help"], ["ir", "specs/visma.yaml"]])
def test_what_succeeds_into_a_closed_pipe_exits_0(
    stale: Path, env: dict[str, str], args: list[str]
) -> None:
    run = into_closed_pipe(args, stale, env)
    assert (run.returncode, run.stderr) == (0, "")
