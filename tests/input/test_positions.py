"""Where a pointer is in its file: keys, items, escapes, merges, JSON, and the fallbacks."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli, spec_with_schemas, write_files
from statusgen.input.positions import locate, tokens
from statusgen.spec_error import SpecError


def at(tmp_path: Path, name: str, text: str, pointer: str) -> tuple[int, int]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    (found,) = locate([SpecError(name, pointer, "m", source=str(path))])
    return found.line, found.column


YAML = """\
a:
  b/c: 1
  "d e": [x, {y: 2}]
  '%': 3
base: &base {k: 1}
merged:
  <<: *base
  own: 2
"""


@pytest.mark.parametrize(
    ("pointer", "where"),
    [
        ("#", (1, 1)),
        ("#/a", (1, 1)),
        ("#/a/b~1c", (2, 3)),  # RFC 6901: ~1 is /
        ("#/a/d%20e", (3, 3)),  # a space is shown as %20
        ("#/a/d%20e/1", (3, 14)),  # an item: where it starts
        ("#/a/d%20e/1/y", (3, 15)),
        ("#/a/%25", (4, 3)),
        ("#/merged/k", (5, 14)),  # a merged key: where the anchor's mapping has it
        ("#/merged/own", (8, 3)),
        ("#/a/d%20e/7", (3, 3)),  # no such item: its array's key
        ("#/a/nothing/deeper", (1, 1)),  # no such key: its nearest ancestor
    ],
)
def test_yaml_positions(tmp_path: Path, pointer: str, where: tuple[int, int]) -> None:
    assert at(tmp_path, "doc.yaml", YAML, pointer) == where


def test_json_positions_tabs_included(tmp_path: Path) -> None:
    text = '{\n\t"paths": {\n\t\t"/x": {"get": {"summary": "a\\tb"}}\n\t}\n}\n'
    assert at(tmp_path, "doc.json", text, "#/paths/~1x/get/summary") == (3, 18)


def test_the_root_is_where_its_first_node_starts_however_deep_the_file(tmp_path: Path) -> None:
    """A pointer to the root reads the file only up to the root's first token: 100,000
    nested arrays would take YAML's scanner minutes to compose, and leading comments and a
    document marker still count."""
    text = "# a comment\n\n---\n  " + "[" * 100_000 + "]" * 100_000 + "\n"
    assert at(tmp_path, "deep.yaml", text, "#") == (4, 3)


def test_the_root_and_deeper_pointers_of_one_file(tmp_path: Path) -> None:
    path = tmp_path / "doc.yaml"
    path.write_text("# head\n" + YAML, encoding="utf-8")
    pointers = ["#", "#/a/b~1c", "#", "#/merged/own"]
    found = locate([SpecError("doc.yaml", p, "m", source=str(path)) for p in pointers])
    assert [(e.line, e.column) for e in found] == [(2, 1), (3, 3), (2, 1), (9, 3)]


def test_tokens_undo_the_pointer_escapes() -> None:
    assert tokens("#/a~1b/c~0d/e%20f/%25") == ["a/b", "c~d", "e f", "%"]
    assert tokens("#") == []


def test_a_known_position_and_a_file_that_is_not_a_spec_are_kept(tmp_path: Path) -> None:
    (tmp_path / "x.py").write_text("a = 1\n", encoding="utf-8")
    given = [
        SpecError("doc.yaml", "#", "m", line=3, column=4),
        SpecError(str(tmp_path / "x.py"), "#", "m"),
        SpecError(str(tmp_path / "missing.yaml"), "#", "m"),
    ]
    assert [(e.line, e.column) for e in locate(given)] == [(3, 4), (0, 0), (0, 0)]
    assert str(locate(given)[1]).startswith(f"{tmp_path / 'x.py'}: #: ")


def test_an_entry_outside_the_working_directory_is_found_by_its_path(tmp_path: Path) -> None:
    """Named `main.yaml` only, it is not confused with a `main.yaml` in the working directory."""
    write_files(
        tmp_path,
        {
            "main.yaml": spec_with_schemas("Job: {type: object}\nBad: {type: strng}"),
            "sub/main.yaml": "unrelated: true\n",
        },
    )
    result = run_cli(["validate", "../main.yaml"], tmp_path / "sub")
    assert result.returncode == 2
    line = (
        spec_with_schemas("Job: {type: object}\nBad: {type: strng}")
        .splitlines()
        .index("    Bad: {type: strng}")
    )
    assert (
        result.stderr == f"main.yaml:{line + 1}:5: #/components/schemas/Bad: unknown type 'strng'\n"
    )


def test_an_anchor_that_merges_itself_ends_at_its_key(tmp_path: Path) -> None:
    """The reader refuses such a file; finding a position in it must still end."""
    assert at(tmp_path, "loop.yaml", "a: &a\n  <<: *a\n  b: 1\n", "#/a/nope") == (1, 1)
    assert at(tmp_path, "loop.yaml", "a: &a\n  <<: *a\n  b: 1\n", "#/a/b") == (3, 3)
    assert at(tmp_path, "long.yaml", "a: [x]\n", "#/a/" + "9" * 5000) == (1, 1)


def test_a_json_file_with_characters_yaml_forbids_keeps_no_position(tmp_path: Path) -> None:
    """JSON allows a raw C1 control character in a string where YAML's reader refuses it
    before parsing: the diagnostic is still printed, at the file's start (found by the
    fuzzer, where it was an internal error)."""
    spec = tmp_path / "spec.json"
    spec.write_text('{"openapi": "3.0.3", "info": {"title": "\\u009c"}}'.replace("\\u009c", "\x9c"))
    (located,) = locate([SpecError(str(spec), "#/info/title", "a problem")])
    assert (located.line, located.column) == (1, 1)
