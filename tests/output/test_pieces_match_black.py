"""Formatting in pieces gives what black gives the whole file, for every spec and for a large
synthetic one, alone or in parallel, and a one-schema edit formats only the pieces it changed."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT


def whole_file_black(spec: Path, models: str = "status") -> dict[str, str]:
    """The reference slow path: every rendered module through black as one whole file."""
    from statusgen import render
    from statusgen.input import load
    from statusgen.output.mode import format_source
    from statusgen.parser import parse

    package = parse.parse(load.load(spec), models=models)
    rendered = render.render_package(package)
    return {path: format_source(path, source.text) for path, source in rendered.items()}


ALL = "all"  # the synthetic spec measures many schemas, most of them no status resource's
SPECS = ["face.yaml", "postman.yaml", "synapse/openapi.yaml", "visma.yaml"]


@pytest.mark.parametrize("name", SPECS)
def test_pieces_add_up_to_whole_file_black_for_every_spec(name: str) -> None:
    for path, text in whole_file_black(ROOT / "specs" / name).items():
        assert (ROOT / "generated" / path).read_text(encoding="utf-8") == text, path


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import synth
    finally:
        sys.path.remove(str(ROOT / "bench"))
    spec = tmp_path_factory.mktemp("synthetic") / "large_40.yaml"
    return synth.write_spec(40, spec)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def synthetic_alone(synthetic: Path) -> dict[str, str]:
    """The synthetic spec's files formatted in this process only (no pool): made once, the
    reference of the tests below."""
    from statusgen import pipeline
    from statusgen.options import RunOptions
    from statusgen.output import servers

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(servers, "worker_count", lambda: 1)
        return pipeline.generate(RunOptions.of([synthetic], models=ALL)).files


@pytest.mark.slow  # black over a 3,000-line module
def test_pieces_add_up_to_whole_file_black_for_a_large_synthetic_spec(
    synthetic: Path, synthetic_alone: dict[str, str]
) -> None:
    pieces = synthetic_alone
    reference = whole_file_black(synthetic, ALL)
    assert reference["large_40/models.py"].count("\n") > 3_000
    for path, text in reference.items():
        assert pieces[path] == text, path


@pytest.mark.slow  # black over a 3,000-line module
def test_parallel_formatting_gives_the_same_files(
    synthetic: Path, synthetic_alone: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from statusgen import pipeline
    from statusgen.options import RunOptions
    from statusgen.output import formatter, servers

    alone = synthetic_alone
    monkeypatch.setattr(servers, "worker_count", lambda: 2)
    monkeypatch.setattr(formatter, "PARALLEL_MIN_LINES", 0)
    calls: list[int] = []
    real_pool = servers.pool

    def counting_pool(workers: int) -> object:
        calls.append(1)
        return real_pool(workers)

    monkeypatch.setattr(servers, "pool", counting_pool)
    assert pipeline.generate(RunOptions.of([synthetic], models=ALL)).files == alone
    assert calls == [1]


@pytest.mark.slow  # black over a 3,000-line module
def test_a_one_schema_edit_formats_only_the_pieces_it_changed(
    tmp_path: Path,
    synthetic: Path,
    synthetic_alone: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from statusgen import pipeline
    from statusgen.options import RunOptions
    from statusgen.output import servers
    from statusgen.output.formatter import Formatter
    from statusgen.output.manifest import Known, Manifests
    from statusgen.output.mode import format_key

    spec = tmp_path / synthetic.name
    shutil.copy(synthetic, spec)
    out = tmp_path / "out"
    for path, text in synthetic_alone.items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_text(text, encoding="utf-8")
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace("A field0Name.", "An edited field0Name.", 1), encoding="utf-8")
    expected = pipeline.generate(RunOptions.of([spec], models=ALL)).files
    formatted: list[str] = []
    real_black = servers.black

    def counting_black(path: str, text: str) -> str:
        formatted.append(path)
        return real_black(path, text)

    monkeypatch.setattr(servers, "black", counting_black)
    known = Manifests(out).known(format_key()).pieces
    assert len(known) > 75
    output = Formatter(Known(known))
    assert pipeline.generate(RunOptions.of([spec], models=ALL), output=output).files == expected
    assert formatted == ["large_40/models.py"]  # the one class whose docstring changed
