"""The README's Python examples run as written, so the documentation stays true."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)


def test_readme_has_examples() -> None:
    assert len(BLOCKS) >= 2


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_readme_example_runs(index: int) -> None:
    result = subprocess.run(
        [sys.executable, "-c", BLOCKS[index]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def test_readme_ci_and_pre_commit_pin_statusgen() -> None:
    """A CI recipe that follows a branch reds every user's check when it moves."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    (install,) = re.findall(r"- run: pip install (.*statusgen.*)", text)
    assert re.search(r"@v\d+\.\d+\.\d+\"?$", install), install
    (rev,) = re.findall(r"^\s+rev: (\S+)", text, re.M)
    assert re.fullmatch(r"v\d+\.\d+\.\d+", rev), rev


def test_readme_command_line_names_every_option() -> None:
    import argparse

    from statusgen.ui import cli

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    synopsis = text[text.index("## Command line") : text.index("- With no SPEC")]
    parser = cli._parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    options = {
        option
        for command in sub.choices.values()
        for action in command._actions
        for option in action.option_strings
        if option.startswith("--") and option not in ("--help", "--quiet", "--verbose")
    }
    assert sorted(o for o in options if o not in synopsis) == []
