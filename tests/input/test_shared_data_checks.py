"""The reader's depth and Unicode checks of data whose containers are shared (YAML aliases):
a container is walked again only where it sits deeper than before, so a document of many
aliases to one large list is checked in one walk, and every refusal is still the one, at the
place, that walking each occurrence would give."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from statusgen.errors import SpecErrors
from statusgen.input import documents


def nested(levels: int) -> list[Any]:
    """`levels` lists, each the only item of the one around it."""
    value: Any = "leaf"
    for _ in range(levels):
        value = [value]
    return value  # type: ignore[no-any-return]


def refusals(data: Any) -> list[tuple[str, str]]:
    with pytest.raises(SpecErrors) as caught:
        documents.check_data(data, "spec.yaml")
    return [(e.pointer, e.message) for e in caught.value.errors]


TOO_DEEP = ("#", f"nested deeper than {documents.MAX_DEPTH} levels")


def test_a_shared_container_fits_where_it_is_shallow() -> None:
    shared = nested(documents.MAX_DEPTH - 1)  # its innermost list at depth MAX_DEPTH - 1
    documents.check_data({"a": shared, "b": shared}, "spec.yaml")


@pytest.mark.parametrize("deep_first", [True, False])
def test_a_shared_container_met_deeper_than_it_was_walked_is_refused(deep_first: bool) -> None:
    """Walked first where it fits (or first where it does not): one level deeper, it is too
    deep either way."""
    shared = nested(documents.MAX_DEPTH - 1)
    parts = [("deep", [shared]), ("shallow", shared)]
    data = dict(parts if deep_first else reversed(parts))
    assert refusals(data) == [TOO_DEEP]


def test_a_shared_container_that_contains_itself_is_refused() -> None:
    loop: list[Any] = []
    loop.append(loop)
    assert refusals({"a": loop, "b": loop}) == [TOO_DEEP]


def test_text_that_is_not_unicode_is_named_where_it_was_named_before() -> None:
    """The last key is walked first (the walk is a stack): its occurrence is the one named."""
    shared = {"k": "\ud800"}
    assert refusals({"a": shared, "b": shared}) == [("#/b/k", "text is not valid Unicode")]


def test_many_aliases_to_one_list_are_read_whole_and_checked_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = tmp_path / "aliases.yaml"
    spec.write_text(
        "a: &a [" + ", ".join(["é"] * 999) + "]\nb: [" + ", ".join(["*a"] * 1000) + "]\n",
        encoding="utf-8",
    )
    checked: list[str] = []
    real = documents._encodable

    def counting(text: str) -> bool:
        checked.append(text)
        return real(text)

    data = documents.read_document(spec)  # the event builder checks as it reads
    assert data == {"a": ["é"] * 999, "b": [["é"] * 999] * 1000}
    monkeypatch.setattr(documents, "_encodable", counting)
    documents.check_data(data, "aliases.yaml")  # what the full loader's data goes through
    assert len(checked) == 999


@pytest.mark.parametrize("flow", [True, False])
def test_yaml_read_by_the_event_builder_meets_the_same_limits(tmp_path: Path, flow: bool) -> None:
    """The builder's data skips `check_data`: at the depth limit the file is refused as
    before, one level less is read."""
    for levels, refused in ((documents.MAX_DEPTH, True), (documents.MAX_DEPTH - 1, False)):
        if flow:
            text = "a: " + "[" * levels + "]" * levels + "\n"
        else:  # block style, one list per level
            text = "a:\n" + "".join("  " * i + "-\n" for i in range(levels - 1))
            text += "  " * (levels - 1) + "- leaf\n"
        spec = tmp_path / "deep.yaml"
        spec.write_text(text, encoding="utf-8")
        if refused:
            with pytest.raises(SpecErrors) as caught:
                documents.read_document(spec)
            assert [(e.pointer, e.message) for e in caught.value.errors] == [TOO_DEEP]
        else:
            assert documents.read_document(spec) is not None
