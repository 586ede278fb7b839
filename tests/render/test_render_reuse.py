"""Items reused from an earlier run (generator/render/items.py): after any edit, the output
directory holds byte for byte what a run from nothing writes, manifest included, while the
items that did not change are not rendered again.

Every test starts from one run from nothing of the same synthetic spec (`earlier`, made once
and copied in), and each edited spec's run from nothing (`--force`, so neither earlier output
nor the piece cache takes part) is made once however many tests compare with it
(`from_nothing`): a run's output depends only on the spec and the options."""

from __future__ import annotations

import copy
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, run_cli, snapshot
from statusgen import render
from statusgen.output.manifest import MANIFEST
from statusgen.render import items as render_items_module

sys.path.insert(0, str(ROOT / "bench"))
import synth  # noqa: E402

Spec = dict[str, Any]


def spy_on_render(
    patch: pytest.MonkeyPatch, stem: str = "models"
) -> list[list[render_items_module.Item]]:
    """The items of every `stem` module (models.py, pollers.py) rendered from now on (until
    `patch` is undone), per module."""
    seen: list[list[render_items_module.Item]] = []
    real = render.render_items

    def spy(package: Any, reuse: Any, module: str = "models") -> list[render_items_module.Item]:
        items = real(package, reuse, module)
        if module == stem:
            seen.append(items)
        return items

    patch.setattr(render, "render_items", spy)
    return seen


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[list[render_items_module.Item]]]:
    """The items of every models.py rendered while the test runs, per module."""
    yield spy_on_render(monkeypatch)


SCHEMAS = 12
"""The synthetic spec's size: status and plain models, references between them, every kind
of property (bench/synth.py)."""


def generate(spec: Spec, root: Path, out: str, *extra: str) -> dict[str, bytes]:
    path = root / "large.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    result = run_cli(["generate", "large.yaml", "--out", out, "--models", "all", *extra], root)
    assert result.returncode == 0, result.stderr
    return {name: data for name, (_, data, _) in snapshot(root / out).items() if data}


def reused(seen: list[list[render_items_module.Item]]) -> int:
    return sum(item.reused is not None for item in seen[-1])


def unreferenced(spec: Spec) -> str:
    """A schema no other refers to (so no other model's IR changes with it), past the first."""
    text = yaml.safe_dump(spec)
    names = list(spec["components"]["schemas"])[1:]
    return next(n for n in names if f"#/components/schemas/{n}'" not in text)


def describe(spec: Spec) -> None:
    spec["components"]["schemas"][unreferenced(spec)]["description"] = "Edited."


def insert_first(spec: Spec) -> None:
    schemas = spec["components"]["schemas"]
    spec["components"]["schemas"] = {"Aardvark": {"type": "object"}, **schemas}


def remove(spec: Spec) -> None:
    del spec["components"]["schemas"][unreferenced(spec)]


def retype(spec: Spec) -> None:
    properties = spec["components"]["schemas"]["Resource0005"]["properties"]
    properties[next(iter(properties))] = {"type": "string", "format": "date-time"}


def add_state(spec: Spec) -> None:
    properties = spec["components"]["schemas"]["Resource0000"]["properties"]
    properties["status"] = {**properties["status"], "enum": [*synth.STATES, "paused"]}


@pytest.fixture(scope="module")
def earlier(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], Spec]:
    """`earlier(root)`: root given the synthetic spec and its run from nothing into `out`
    (made once, in which nothing was reused, then copied with its mtimes); the spec."""
    base = tmp_path_factory.mktemp("earlier")
    with pytest.MonkeyPatch.context() as patch:
        seen = spy_on_render(patch)
        generate(synth.make_spec(SCHEMAS), base, "out")
    assert len(seen) == 1 and reused(seen) == 0 and seen[0]

    def lay_out(root: Path) -> Spec:
        shutil.copytree(base, root, dirs_exist_ok=True)
        return synth.make_spec(SCHEMAS)

    return lay_out


@pytest.fixture(scope="module")
def from_nothing(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., dict[str, bytes]]:
    """`from_nothing(spec, seen)`: what `generate --force` writes for the spec into a fresh
    folder, run once per spec (checking, in `seen`, that it reused nothing)."""
    done: dict[str, dict[str, bytes]] = {}

    def run(spec: Spec, seen: list[list[render_items_module.Item]]) -> dict[str, bytes]:
        key = yaml.safe_dump(spec, sort_keys=False)
        if key not in done:
            root = tmp_path_factory.mktemp("from-nothing")
            done[key] = generate(spec, root, "fresh", "--force")
            assert reused(seen) == 0
        return done[key]

    return run


@pytest.mark.parametrize("edit", [describe, insert_first, remove, retype, add_state])
def test_an_edit_writes_what_a_run_from_nothing_writes(
    edit: Callable[[Spec], None],
    tmp_path: Path,
    rendered: list[list[render_items_module.Item]],
    earlier: Callable[[Path], Spec],
    from_nothing: Callable[..., dict[str, bytes]],
) -> None:
    spec = earlier(tmp_path)
    edited = copy.deepcopy(spec)
    edit(edited)
    assert edited != spec
    again = generate(edited, tmp_path, "out")
    assert reused(rendered) > len(rendered[-1]) // 2
    assert again == from_nothing(edited, rendered)


def test_only_the_edited_model_and_the_first_item_are_rendered(
    tmp_path: Path, rendered: list[list[render_items_module.Item]], earlier: Callable[[Path], Spec]
) -> None:
    """The first item shares its piece with the imports, so it is always rendered."""
    spec = earlier(tmp_path)
    describe(spec)
    generate(spec, tmp_path, "out")
    assert reused(rendered) == len(rendered[-1]) - 2


def test_poller_classes_are_items_reused_like_models(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, earlier: Callable[[Path], Spec]
) -> None:
    """Each poller class of pollers.py is an item: a model's edit renders only the first
    (which shares its piece with the imports)."""
    spec = earlier(tmp_path)
    pollers = spy_on_render(monkeypatch, "pollers")
    describe(spec)
    generate(spec, tmp_path, "out")
    assert len(pollers) == 1 and len(pollers[0]) >= 2  # a poller: its sync and async class
    assert reused(pollers) == len(pollers[0]) - 1


def test_an_edited_long_running_operation_renders_only_its_own_poller_classes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Long-running operations' poller classes are items too: after one operation's
    description changes, the other operation's classes are reused and the files are what a
    run from nothing writes."""
    spec = yaml.safe_load((ROOT / "tests" / "fixtures" / "lro" / "lro_plain.yaml").read_text())
    generate(spec, tmp_path, "out")
    pollers = spy_on_render(monkeypatch, "pollers")
    spec["paths"]["/projects/{name}/reports"]["post"]["description"] = "Edited."
    again = generate(spec, tmp_path, "out")
    assert [len(pollers[0]), reused(pollers)] == [4, 2]  # deleteProject's sync and async
    assert again == generate(spec, tmp_path, "fresh", "--force")


def test_other_options_reuse_nothing(
    tmp_path: Path, rendered: list[list[render_items_module.Item]], earlier: Callable[[Path], Spec]
) -> None:
    """The key holds the tool fingerprint, which holds the options."""
    spec = earlier(tmp_path)
    generate(spec, tmp_path, "out", "--project")
    assert reused(rendered) == 0


def test_a_manifest_naming_pieces_the_module_lacks_reuses_nothing_wrongly(
    tmp_path: Path,
    rendered: list[list[render_items_module.Item]],
    earlier: Callable[[Path], Spec],
    from_nothing: Callable[..., dict[str, bytes]],
) -> None:
    """Item records pointing at pieces that are not in the written module, or that do not
    parse, are passed over: the items are rendered."""
    spec = earlier(tmp_path)
    manifest = next((tmp_path / "out").glob(f"*/{MANIFEST}"))
    lines = manifest.read_text(encoding="utf-8").splitlines()
    broken = []
    for line in lines:
        if line.startswith("item "):
            key, _, rest = line[5:].partition(":")
            line = f"item {key}:{'0' * 32}:{rest.partition(':')[2]}"
        elif line.startswith("names 1 "):
            line = "names 1 not-a-name"
        broken.append(line)
    manifest.write_text("\n".join(broken) + "\n", encoding="utf-8")
    describe(spec)
    assert generate(spec, tmp_path, "out") == from_nothing(spec, rendered)
    assert reused(rendered) == 0


def test_the_manifest_records_each_item_that_formed_one_piece(
    tmp_path: Path, earlier: Callable[[Path], Spec]
) -> None:
    earlier(tmp_path)  # a run from nothing of that spec
    files = {name: data for name, (_, data, _) in snapshot(tmp_path / "out").items() if data}
    manifest = next(v for k, v in files.items() if k.endswith(MANIFEST)).decode()
    items = [line for line in manifest.splitlines() if line.startswith("item ")]
    names = [line for line in manifest.splitlines() if line.startswith("names ")]
    assert len(items) >= 12 and names
    modules = {line.rpartition("/")[2] for line in items}
    assert modules == {"models.py", "pollers.py"}


def test_a_placeholder_not_cut_alone_is_never_written(
    tmp_path: Path,
    rendered: list[list[render_items_module.Item]],
    monkeypatch: pytest.MonkeyPatch,
    earlier: Callable[[Path], Spec],
    from_nothing: Callable[..., dict[str, bytes]],
) -> None:
    """Were a reused item's placeholder ever glued to another piece, its recorded piece could
    not take its place: then that item is rendered, and no placeholder reaches a file."""
    spec = earlier(tmp_path)
    real = render.single_pieces

    def glued(items: list[render_items_module.Item], start: int, breaks: Any) -> list[int]:
        found = real(items, start, breaks)
        return [-1] * len(found) if any(i.reused for i in items) else found

    monkeypatch.setattr(render, "single_pieces", glued)
    describe(spec)
    files = generate(spec, tmp_path, "out")
    assert [reused(rendered[-2:-1]), reused(rendered)] == [len(rendered[-2]) - 2, 0]
    assert not any(b"_statusgen_reused_" in data for data in files.values())
    assert files == from_nothing(spec, rendered)


def test_only_the_item_whose_placeholder_is_not_cut_alone_renders_again(
    tmp_path: Path,
    rendered: list[list[render_items_module.Item]],
    monkeypatch: pytest.MonkeyPatch,
    earlier: Callable[[Path], Spec],
    from_nothing: Callable[..., dict[str, bytes]],
) -> None:
    """One glued placeholder costs one item, rendered on a second pass; the others stay
    reused and the files are what a full run makes."""
    spec = earlier(tmp_path)
    real = render.single_pieces
    glued_key: list[str] = []

    def glued(items: list[render_items_module.Item], start: int, breaks: Any) -> list[int]:
        found = real(items, start, breaks)
        if not glued_key:
            glued_key.extend(i.key for i in items if i.reused)
            del glued_key[1:]
        pairs = zip(items, found, strict=True)
        return [-1 if i.reused and i.key in glued_key else p for i, p in pairs]

    monkeypatch.setattr(render, "single_pieces", glued)
    describe(spec)
    files = generate(spec, tmp_path, "out")
    first, second = rendered[-2:]
    assert reused([first]) == len(first) - 2  # all but the first item and the edited one
    assert reused([second]) == reused([first]) - 1
    assert not any(i.reused for i in second if i.key in glued_key)
    assert not any(b"_statusgen_reused_" in data for data in files.values())
    assert files == from_nothing(spec, rendered)


def test_a_package_without_models_has_no_items() -> None:
    assert render_items_module.single_pieces([], 12, (14,)) == []


KEYS_SCRIPT = """
import sys
from pathlib import Path
from statusgen.input.load import load
from statusgen.parser.parse import parse
from statusgen.render.items import Reuse, render_items
package = parse(load(Path(sys.argv[1])), None, "all")
print(" ".join(item.key for item in render_items(package, Reuse("salt"))))
"""


def test_item_keys_do_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    """The run that records an item and the run that reuses it are different processes, with
    different string hashes: a key built from anything hash-ordered would never match. This
    process computes the keys too, and a child under another hash seed than this one."""
    import subprocess

    spec = tmp_path / "large.yaml"
    spec.write_text(yaml.safe_dump(synth.make_spec(12), sort_keys=False), encoding="utf-8")
    # Unset, this process's seed is random; set, the child's is another.
    ours = os.environ.get("PYTHONHASHSEED", "random")
    seed = "2" if ours == "1" else "1"
    assert ours == "random" or int(ours) != int(seed)
    child = subprocess.run(
        [sys.executable, "-c", KEYS_SCRIPT, str(spec)],
        env={"PYTHONHASHSEED": seed, "PATH": "", "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    from statusgen.input.load import load
    from statusgen.parser.parse import parse
    from statusgen.render.items import Reuse

    package = parse(load(spec), None, "all")
    here = [item.key for item in render_items_module.render_items(package, Reuse("salt"))]
    assert here == child and len(here) > 12
