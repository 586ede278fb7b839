"""The documentation stays true: every Python example of README.md and of the docs site runs
as written, the site builds with `mkdocs build --strict` (a broken link or anchor fails it), and
what README and the command-line page promise matches the tool."""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)

EXAMPLE = re.compile(r"```python\n(.*?)```", re.S)
README = (ROOT / "README.md").read_text(encoding="utf-8")
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
"""README and every page of the site (docs/benchmarks.md is bench/RESULTS.md: figures, no code)."""


def _examples() -> dict[str, list[str]]:
    """Each distinct Python example, with the pages that show it: README's model and poller
    examples are shown again on the site, and one run answers for every copy."""
    examples: dict[str, list[str]] = {}
    for page in PAGES:
        for block in EXAMPLE.findall(page.read_text(encoding="utf-8")):
            examples.setdefault(block, []).append(page.relative_to(ROOT).as_posix())
    return examples


EXAMPLES = _examples()


def test_readme_has_examples() -> None:
    """A model example and a poller example, at least."""
    assert len(BLOCKS) >= 2


def test_readme_starts_with_the_two_commands_and_stays_short() -> None:
    """A newcomer reads `make generate` and `make test` first; the rest lives in docs/."""
    first = re.search(r"```sh\n(.*?)```", README, re.S)
    assert first is not None and README.index(first.group(0)) < README.index("\n## ")
    commands = [line.split("#")[0].split() for line in first.group(1).splitlines()]
    assert commands == [["make", "generate"], ["make", "test"]]
    targets = re.findall(r"^([a-z]+):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    assert {"generate", "test"} <= set(targets)
    assert len(README.splitlines()) <= 200


@pytest.mark.parametrize(
    "block", list(EXAMPLES), ids=[f"{pages[0]}-{n}" for n, pages in enumerate(EXAMPLES.values())]
)
def test_documented_example_runs(block: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", block],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, f"{EXAMPLES[block]}:\n{result.stderr}"


def test_site_builds_without_a_warning(tmp_path: Path) -> None:
    """The real `mkdocs build --strict`, as a reader's `mkdocs serve` builds it: mkdocs.yml makes
    a broken link, a missing anchor or a page left out of the navigation a warning, and strict
    makes any warning fail."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "index.html").is_file()


def test_readme_links_lead_to_files() -> None:
    """README's links into docs/ and bench/ are not checked by mkdocs: they must exist."""
    targets = re.findall(r"\]\(([^)#\s]+)[^)]*\)", README)
    local = [target for target in targets if "://" not in target]
    assert any(target.startswith("docs/") for target in local)
    assert [target for target in local if not (ROOT / target).exists()] == []


def test_every_install_of_statusgen_is_pinned() -> None:
    """A CI recipe that follows a branch turns every user's check red when the branch moves:
    every `pip install` of statusgen and pre-commit's `rev` name a release."""
    ci = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    (install,) = re.findall(r"- run: pip install (.*statusgen.*)", ci)
    assert re.search(r"@v\d+\.\d+\.\d+\"?$", install), install
    (rev,) = re.findall(r"^\s+rev: (\S+)", ci, re.M)
    assert re.fullmatch(r"v\d+\.\d+\.\d+", rev), rev
    sources = [s for page in PAGES for s in re.findall(r"statusgen @ (\S+?)\"", page.read_text())]
    assert len(sources) >= 3
    assert [s for s in sources if not re.search(r"@v\d+\.\d+\.\d+$", s)] == []


def _options() -> set[str]:
    from statusgen.ui.arguments import parser

    sub = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    return {
        option
        for command in sub.choices.values()
        for action in command._actions
        for option in action.option_strings
        if option not in ("-h", "--help")
    }


def test_readme_command_line_names_every_option() -> None:
    synopsis = README[README.index("## Command line") : README.index("- With no SPEC")]
    long = {o for o in _options() if o.startswith("--") and o not in ("--quiet", "--verbose")}
    assert sorted(o for o in long if o not in synopsis) == []


def test_command_line_page_names_every_option() -> None:
    """Each option in the synopsis and in the table of docs/cli.md, short forms included."""
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    table = text.index("| Option |")
    synopsis, table = text[:table], text[table : text.index("## Which specs")]
    assert sorted(o for o in _options() if f"`{o}" not in table) == []
    long = {o for o in _options() if o.startswith("--") and o not in ("--quiet", "--verbose")}
    assert sorted(o for o in long if o not in synopsis) == []
