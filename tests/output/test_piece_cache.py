"""The formatted-piece cache in the user's cache directory (`statusgen.output.cache`): reused across
output directories, controlled by `--no-cache` and `STATUSGEN_CACHE_DIR`, bounded, safe under
concurrent runs, and unable to put anything but the rendered program into a file."""

from __future__ import annotations

import multiprocessing
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import black
import pytest
from statusgen.output import servers
from statusgen.output.cache import MAGIC, PieceCache, same_program
from statusgen.output.cache_dir import cache_root
from statusgen.output.mode import mode
from statusgen.ui.cli import main

REPO = Path(__file__).resolve().parents[2]
MODE = mode()


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of face.yaml as the working directory, with its own cache directory."""
    (tmp_path / "specs").mkdir()
    shutil.copy(REPO / "specs" / "face.yaml", tmp_path / "specs" / "face.yaml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("STATUSGEN_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


def tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def entries(root: Path) -> list[Path]:
    return sorted(p for p in (root / "pieces").rglob("*") if p.is_file())


@pytest.fixture
def no_black(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Records every piece handed to black (the calls still happen, in this process)."""
    calls: list[str] = []
    real = servers.black

    def counting(path: str, text: str) -> str:
        calls.append(text)
        return real(path, text)

    monkeypatch.setattr(servers, "black", counting)
    monkeypatch.setattr(servers, "worker_count", lambda: 1)  # keep black in this process
    yield calls


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What started formatting processes in this process: "early" for the workers started
    before the specs are read (`servers.Workers`), "pool" for a pool started on demand."""
    started: list[str] = []
    real_workers, real_pool = servers.Workers.__init__, servers.pool

    def early(self: servers.Workers) -> None:
        started.append("early")
        real_workers(self)

    def on_demand(workers: int) -> object:
        started.append("pool")
        return real_pool(workers)

    monkeypatch.setattr(servers.Workers, "__init__", early)
    monkeypatch.setattr(servers, "pool", on_demand)
    monkeypatch.setattr(servers, "worker_count", lambda: 2)
    return started


def test_a_cold_run_starts_blacks_workers_before_reading_and_a_warm_one_does_not(
    work: Path, pools: list[str]
) -> None:
    assert main(["generate", "--out", "first"]) == 0
    assert pools == ["early"]  # and used: no pool of the parent's own
    assert main(["generate", "--out", "second"]) == 0  # every piece in the cache
    assert pools == ["early"]
    assert tree(work / "first")["face/models.py"] == (REPO / "generated/face/models.py").read_text(
        encoding="utf-8"
    )
    assert tree(work / "second") == tree(work / "first")


def test_a_new_out_reuses_every_piece_and_matches_black(work: Path, no_black: list[str]) -> None:
    assert main(["generate", "--out", "first"]) == 0
    formatted = len(no_black)
    assert formatted > 0 and len(entries(work / "cache")) == formatted
    assert main(["generate", "--out", "second"]) == 0
    assert len(no_black) == formatted  # nothing formatted again
    assert tree(work / "second") == tree(work / "first")
    assert tree(work / "first")["face/models.py"] == (REPO / "generated/face/models.py").read_text(
        encoding="utf-8"
    )


def test_no_cache_neither_reads_nor_writes(work: Path, no_black: list[str]) -> None:
    assert main(["generate", "--out", "first"]) == 0
    formatted = len(no_black)
    shutil.rmtree(work / "cache")
    assert main(["generate", "--out", "second", "--no-cache"]) == 0
    assert len(no_black) == 2 * formatted
    assert not (work / "cache").exists()


def test_force_writes_but_does_not_read(work: Path, no_black: list[str]) -> None:
    assert main(["generate", "--out", "first"]) == 0
    formatted = len(no_black)
    for entry in entries(work / "cache"):
        entry.unlink()
    assert main(["generate", "--out", "second", "--force"]) == 0
    assert len(no_black) == 2 * formatted
    assert len(entries(work / "cache")) == formatted


def test_cache_location(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("STATUSGEN_CACHE_DIR", str(tmp_path / "explicit"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_root() == tmp_path / "explicit"
    monkeypatch.delenv("STATUSGEN_CACHE_DIR")
    assert cache_root() == tmp_path / "xdg" / "statusgen"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_root() == tmp_path / "home" / ".cache" / "statusgen"


INJECTED = "import os\nos.system('echo pwned')\n"


def _tamperings(text: str) -> list[str]:
    """Ways a hostile or broken entry may differ from what black made."""
    lines = text.split("\n")
    return [
        text + INJECTED,
        INJECTED + text,
        text.replace("\n\n", "\n\n" + INJECTED, 1),
        text + "if False:\n    import os\n",
        text + "# an added comment\n",
        text.replace('"', "'", 2),
        text[: len(text) // 2],
        text.replace("(", "(\t", 1),
        "\n".join(lines[:3] + [lines[3] + "  "] + lines[4:]),
        text.replace(" = ", " = not ", 1),
        "",
    ]


def test_tampered_entries_never_reach_output(work: Path, no_black: list[str]) -> None:
    assert main(["generate", "--out", "clean", "--no-cache"]) == 0
    clean = tree(work / "clean")
    assert main(["generate", "--out", "seed"]) == 0
    stored = {p: p.read_text(encoding="utf-8") for p in entries(work / "cache")}
    biggest = max(stored, key=lambda p: len(stored[p]))
    header, _, body = stored[biggest].partition("\n")
    assert header.startswith(MAGIC)
    for number, bad in enumerate(_tamperings(body)):
        assert bad != body
        biggest.write_text(header + "\n" + bad, encoding="utf-8")
        before = len(no_black)
        out = f"out{number}"
        assert main(["generate", "--out", out]) == 0
        assert tree(work / out) == clean, bad
        assert len(no_black) == before + 1  # only the refused piece is formatted again
        assert biggest.read_text(encoding="utf-8") == stored[biggest]  # and its entry rewritten


def test_entries_under_a_wrong_name_or_not_regular_files_are_refused(
    work: Path, no_black: list[str]
) -> None:
    assert main(["generate", "--out", "seed"]) == 0
    first, second = entries(work / "cache")[:2]
    formatted = len(no_black)
    shutil.copy(second, first)  # an intact entry of another piece
    second.unlink()
    second.symlink_to(first)
    assert main(["generate", "--out", "again"]) == 0
    assert len(no_black) == formatted + 2
    assert tree(work / "again") == tree(work / "seed")


SAMPLE = '''\
class Job:
    """A job.
    """

    # keep
    def wait(self, data: dict, path: str = "$", timeout: float = 1.0) -> list[tuple[str, int]]:
        return [(key, int(value)) for key, value in data.items() if key.startswith(path) and value]
'''


def test_black_output_is_accepted() -> None:
    formatted = black.format_str(SAMPLE, mode=MODE)
    assert formatted != SAMPLE
    assert same_program(SAMPLE, formatted)
    # what an entry does decide: layout, including parentheses that change nothing
    assert same_program(SAMPLE, formatted.replace("int(value)", "(int)(value)"))


@pytest.mark.parametrize(
    "change",
    [
        ("    # keep\n", "    # keep it\n"),  # a comment
        ("key.startswith", "ｋey.startswith"),  # the same name under NFKC, spelled otherwise
        ('"$"', '"\\x24"'),  # the same string, spelled otherwise
        ("startswith(path) and value", "startswith(path and value)"),  # moved parentheses
        ("(key, int(value))", "(key, (int(value),))"),  # a comma that makes a tuple
        ('"""A job."""', '"""A job!"""'),  # a docstring's words
        ("return", "import os; return"),
    ],
)
def test_anything_but_layout_is_refused(change: tuple[str, str]) -> None:
    formatted = black.format_str(SAMPLE, mode=MODE)
    old, new = change
    assert old in formatted
    assert not same_program(SAMPLE, formatted.replace(old, new, 1))


def test_eviction_keeps_the_recently_used_and_nothing_else_is_touched(tmp_path: Path) -> None:
    store = PieceCache(tmp_path, "k" * 32, max_bytes=4000)
    text = "x = 1\n" * 100  # 600 bytes an entry
    store.put({f"{i:032x}": text for i in range(5)})
    foreign = store.directory / "notes.txt"
    foreign.write_text("mine" * 1000, encoding="utf-8")
    for i, path in enumerate(sorted(store.directory.glob("0" * 8 + "*"))):
        os.utime(path, (1000 + i, 1000 + i))
    assert store.get({f"{0:032x}": text}) == {f"{0:032x}": text}  # refreshes the oldest
    store.put({f"{i:032x}": text for i in range(5, 8)})
    left = {p.name for p in store.directory.iterdir()}
    assert "notes.txt" in left and f"{0:032x}" in left
    assert f"{1:032x}" not in left and f"{2:032x}" not in left
    assert sum(p.stat().st_size for p in entries(tmp_path) if p != foreign) <= 3000


def _hammer(root: str, seed: int) -> list[str]:
    """Writes and reads the same entries as other processes; what it read, wrong or right."""
    store = PieceCache(Path(root), "c" * 32)
    texts = {f"{i:032x}": f"value_{i} = {i}\n" * (1 + i % 50) for i in range(40)}
    seen = []
    for round_ in range(15):
        keys = sorted(texts)[(seed + round_) % 7 :: 3]
        store.put({k: texts[k] for k in keys})
        found = store.get({k: texts[k] for k in texts})
        seen += [k for k, v in found.items() if v != texts[k]]
    return seen


def test_concurrent_runs_never_read_a_partial_entry(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    with context.Pool(4) as pool:
        results = pool.starmap(_hammer, [(str(tmp_path), seed) for seed in range(4)])
    assert results == [[], [], [], []]
    assert not list(tmp_path.rglob(".tmp-*"))


def test_a_cache_that_cannot_be_used_is_no_cache(
    work: Path, no_black: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (work / "a-file").write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("STATUSGEN_CACHE_DIR", str(work / "a-file"))
    assert main(["generate", "--out", "first"]) == 0
    assert main(["generate", "--out", "second"]) == 0
    assert tree(work / "second") == tree(work / "first")
    assert (work / "a-file").read_text(encoding="utf-8") == "not a directory"


def test_an_oversized_entry_is_not_read(tmp_path: Path) -> None:
    store = PieceCache(tmp_path, "k" * 32)
    source = "x = 1\n"
    store.put({"a" * 32: source})
    assert store.get({"a" * 32: source}) == {"a" * 32: source}
    padded = "x =" + " " * 200_000 + "1\n"
    assert same_program(source, padded)  # only the size bound refuses it
    entry = store.directory / ("a" * 32)
    entry.write_text(entry.read_text(encoding="utf-8").replace(source, padded), encoding="utf-8")
    assert store.get({"a" * 32: source}) == {}


@pytest.mark.parametrize(
    "layout", ["\nx = 1\ny = 2\n", "x = 1\ny = 2\n\n", "x = 1\n\n\n\ny = 2\n", "x = 1 \ny = 2\n"]
)
def test_layout_black_never_writes_is_refused(layout: str) -> None:
    assert same_program("x=1\ny=2\n", "x = 1\ny = 2\n")
    assert not same_program("x=1\ny=2\n", layout)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")
def test_a_fifo_in_place_of_an_entry_does_not_block(tmp_path: Path) -> None:
    store = PieceCache(tmp_path, "k" * 32)
    store.directory.mkdir(parents=True)
    os.mkfifo(store.directory / ("b" * 32))
    assert store.get({"b" * 32: "x = 1\n"}) == {}


def test_only_empty_lines_outside_strings_are_layout() -> None:
    source = 'def f():\n    x = 1\n\n\n    return """a\n\nb"""\n'
    formatted = black.format_str(source, mode=MODE)
    assert formatted == 'def f():\n    x = 1\n\n    return """a\n\nb"""\n'
    assert same_program(source, formatted)
    assert not same_program(source, formatted.replace('"""a\n\nb', '"""a\nb'))
