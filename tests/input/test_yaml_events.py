"""The event builder (generator/yaml_events.py) against the full loader it stands in for.

Whatever text the builder decides, its data must be the full loader's, types and key order
included; whatever it leaves undecided, the full loader reads (or refuses) as before."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from statusgen.errors import SpecErrors
from statusgen.input import documents, yaml_events

ROOT = Path(__file__).resolve().parents[2]
REALWORLD = ROOT.parent / "shared" / "realworld"


def fast(text: str) -> Any:
    return yaml_events.build(
        text, documents._JsonYamlLoader, documents.MAX_DEPTH, documents.MAX_ALIAS_NODES
    )


def full(text: str) -> Any:
    """The full loader alone: the composing path `_read_yaml` took before the builder."""
    try:
        return documents._compose_and_build(documents._JsonYamlLoader, text, "spec.yaml")
    except documents._AnchorRedefined:
        return documents._compose_and_build(documents._RedefiningYamlLoader, text, "spec.yaml")


def same(a: Any, b: Any) -> bool:
    """Equal, with equal types all the way down (True is not 1) and equal key order."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


DECIDED = {
    "scalars": "a: text\nb: 12\nc: -3.5\nd: true\ne: False\nf: null\ng: ~\nh:\ni: 'quoted'\n",
    "yaml 1.1 words stay text": "state: [yes, no, on, off, y, n]\n",
    "numbers as YAML 1.1 writes them": "a: 0x1F\nb: 0o17\nc: 017\nd: 1_000\ne: 1:30\nf: 1e3\n"
    "g: .5\nh: +12\ni: -0\n",
    "quoted numbers are text": "a: '12'\nb: \"true\"\nc: 'null'\n",
    "timestamps stay their text": "a: 2024-05-01\nb: 2024-05-01T10:00:00Z\n",
    "keys are their text": "'200':\n  x: 1\n201: {y: 2}\nnull: 3\ntrue: 4\n~: 5\n",
    "block scalars": "a: |\n  line one\n  line two\nb: >-\n  folded\n  text\nc: |+\n  kept\n\n",
    "flow collections": "a: {b: [1, 2, {c: d}], e: []}\nf: [[], {}]\n",
    "unicode": 't\u00eftle: "caf\u00e9 \\u00e9 \\U0001F600"\n',
    "a scalar document": "just text\n",
    "a sequence document": "- 1\n- two\n",
    "an explicit document": "---\na: 1\n...\n",
    "aliases share their anchor": "a: &x {b: [1, 2]}\nc: *x\nd: &s word\ne: *s\nf: [*x, *s]\n",
    "an anchor defined again": "a: &x 1\nb: *x\nc: &x 2\nd: *x\n",
    "an anchor defined again inside itself": "a: &x [&x inner, *x]\nb: *x\n",
    "comments": "# head\na: 1 # one\n# between\nb: 2\n",
}


@pytest.mark.parametrize("text", DECIDED.values(), ids=DECIDED.keys())
def test_decided_texts_build_what_the_full_loader_builds(text: str) -> None:
    got = fast(text)
    assert got is not yaml_events.UNDECIDED
    assert same(got, full(text))


UNDECIDED = {
    "merge key": "base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2\n",
    "explicit tag": "a: !!str 12\n",
    "python tag": "a: !!python/name:os.system ''\n",
    "binary": "a: !!binary aGk=\n",
    "complex key": "? [a, b]\n: c\n",
    "duplicate key": "a: 1\na: 2\n",
    "alias as key": "a: &k key\n*k : 2\n",
    "undefined alias": "a: *nowhere\n",
    "alias to itself": "a: &x [1, *x]\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "directive": "%YAML 1.1\n---\na: 1\n",
    "empty stream": "",
    "not finite": "a: .nan\nb: .inf\n",
    "syntax error": "a: [1, 2\n",
    "tab indent": "a:\n\tb: 1\n",
    "lone surrogate": 'a: "\\ud800"\n',
    "deep nesting": "a: " + "[" * 250 + "]" * 250 + "\n",
    "value key": "a: =\n",
}


@pytest.mark.parametrize("text", UNDECIDED.values(), ids=UNDECIDED.keys())
def test_what_the_builder_leaves_is_left_to_the_full_loader(text: str) -> None:
    assert fast(text) is yaml_events.UNDECIDED


def test_alias_bombs_are_left_to_the_full_loader_which_refuses_them() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 8)]
    text = "\n".join(lines) + "\n"
    assert fast(text) is yaml_events.UNDECIDED
    with pytest.raises(SpecErrors, match="aliases expand"):
        documents._read_yaml(text, "spec.yaml")


def test_aliases_below_the_bound_are_decided() -> None:
    text = "a: &a [1, 2, 3]\n" + "".join(f"b{i}: *a\n" for i in range(1000))
    got = fast(text)
    assert got is not yaml_events.UNDECIDED and same(got, full(text))


def published_yaml() -> list[Path]:
    paths = [*ROOT.glob("specs/**/*.yaml"), *ROOT.glob("tests/fixtures/**/*.yaml")]
    return sorted(paths + sorted(REALWORLD.glob("*.yaml")))


def test_every_yaml_file_here_reads_the_same() -> None:
    """The specs, the corpus and the published files: decided ones as the full loader reads
    them. Every one outside the broken-spec corpus is decided, or this would say little.
    """
    decided = 0
    for path in published_yaml():
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
        got = fast(text)
        if got is yaml_events.UNDECIDED:
            assert "broken" in path.parts, path
            continue
        decided += 1
        assert same(got, full(text)), path
    assert decided > 100


def test_a_published_file_with_redefined_anchors_is_decided() -> None:
    """OpenAI's file defines `run_temperature_description` and others more than once."""
    path = ROOT / "tests" / "fixtures" / "upstream" / "openai-openapi-2024-05.yaml"
    text = path.read_text(encoding="utf-8")
    got = fast(text)
    assert got is not yaml_events.UNDECIDED and same(got, full(text))


json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.sampled_from(
        [
            "yes",
            "no",
            "on",
            "off",
            "~",
            "null",
            "1:30",
            "0x1F",
            "2024-05-01",
            "<<",
            "=",
            "true",
            "1_0",
            ".5",
            "-",
            "? x",
            "a: b",
            "#c",
            "&a",
            "*a",
            "!t",
        ]
    ),
)
json_data = st.recursive(
    json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(max_size=8), inner, max_size=4),
    ),
    max_leaves=25,
)


@settings(max_examples=150, deadline=None)
@given(data=json_data, flow=st.sampled_from([False, True, None]), shared=st.booleans())
def test_dumped_data_reads_the_same(data: Any, flow: bool | None, shared: bool) -> None:
    """Whatever PyYAML writes (with anchors when values are shared) reads the same both ways."""
    document = {"a": data, "b": data} if shared else data
    text = yaml.safe_dump(document, default_flow_style=flow, allow_unicode=True)
    got = fast(text)
    if got is not yaml_events.UNDECIDED:
        assert same(got, full(text))
        documents.check_data(got, "spec.yaml")  # read_document skips it for the builder's
