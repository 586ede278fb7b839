"""Folding the runs of lines black cannot change never changes black's output: each case is
formatted folded (`mode.black`) and whole (`mode.format_source`), and the two must agree."""

from __future__ import annotations

import keyword
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from statusgen.output.fold import PREFIX, fold, unfold
from statusgen.output.mode import black, format_source

CASES = {
    "declarations": '''\
@dataclasses.dataclass(kw_only=True)
class Job(Model):
    """A job.

    Attributes:
        a: x.
    """

    status: JobStatus
    name: str
    error_message: str | None | Unset = UNSET
    items: list[dict[str, list[Item | None]]] | None | Unset = UNSET
    colour: Colour = Colour.RED
    count: int = -3
    ratio: float = 0.5
    label: str = "it's"
    _wire = {
        "status": "status",
        "name": "name",
        "error_message": "errorMessage",
    }
''',
    "docstring lines that look like declarations": '''\
class Job(Model):
    """A job.

    a: int
    b: int
    c: int
    """

    a: int
''',
    "a collection without its magic trailing comma": """\
x = [
    a,
    b,
    c,
    d
]
y = frozenset(
    (
        "one",
        "two",
        "three",
    )
)
""",
    "a one-tuple and keywords": """\
RULE = StatusRule(
    state=("status",),
    success=frozenset(("done", "ok")),
    failure=frozenset(("failed",)),
    progress_scale=100.0,
)
""",
    "statements black respaces": """\
def f():
    a=1
    b = 2
    c = 3
    d = 4
    e  = 5
""",
    "lines too long to fit": "class A:\n" + "".join(
        f"    field_{i}: {'VeryLongTypeName' * 5}_{i}\n" for i in range(4)
    ),
}


@pytest.mark.parametrize("text", CASES.values(), ids=list(CASES))
def test_folded_black_is_black(text: str) -> None:
    assert black("m.py", text) == format_source("m.py", text)


def test_runs_of_three_fold_into_two_placeholders_outside_strings_only() -> None:
    folded, runs = fold(CASES["declarations"])
    assert folded.count(PREFIX) == 4 and len(runs) == 2, folded
    first, (second, run) = next(iter(runs.items()))
    assert first == f"    {PREFIX}0a: int" and second == f"    {PREFIX}0b: int"
    assert run[0] == "    status: JobStatus" and run[-1] == '    label: str = "it\'s"'
    assert fold(CASES["docstring lines that look like declarations"])[1] == {}
    assert fold(f"x = 1\n    {PREFIX}: int\n")[1] == {}


def test_a_placeholder_black_moved_is_refused() -> None:
    folded, runs = fold(CASES["a collection without its magic trailing comma"])
    assert runs
    assert unfold(format_source("m.py", folded), runs) is None


NAMES = st.text(string.ascii_lowercase + "_", min_size=1, max_size=12).filter(
    lambda n: n.isidentifier() and not keyword.iskeyword(n) and not keyword.issoftkeyword(n)
)
ANNOTATIONS = st.recursive(
    st.sampled_from(["int", "str", "Any", "datetime.datetime", "Job", "None", "Unset"]),
    lambda inner: st.one_of(
        st.builds("list[{}]".format, inner),
        st.builds("dict[str, {}]".format, inner),
        st.builds("{} | {}".format, inner, inner),
    ),
    max_leaves=4,
)
VALUES = st.one_of(
    st.sampled_from(["UNSET", "None", "True", "Colour.RED", "0", "-12", "3.25"]),
    st.text(string.ascii_letters + " '-", max_size=30).map('"{}"'.format),
)


@st.composite
def modules(draw: st.DrawFn) -> str:
    """A class body of declarations and a dict of entries, some too long to fit."""
    lines = ["class A(Model):", '    """Doc."""', ""]
    for name in draw(st.lists(NAMES, min_size=1, max_size=8)):
        line = f"    {name}: {draw(ANNOTATIONS)}"
        if draw(st.booleans()):
            line += f" = {draw(VALUES)}"
        lines.append(line)
    lines.append("    _wire = {")
    for key in draw(st.lists(VALUES, min_size=1, max_size=6)):
        lines.append(f"        {key}: {draw(VALUES)},")
    lines.append("    }")
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None)
@given(modules())
def test_folded_black_is_black_on_generated_shapes(text: str) -> None:
    assert black("m.py", text) == format_source("m.py", text)
