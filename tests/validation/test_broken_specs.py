"""The broken-spec corpus: every document in tests/fixtures/broken/ fails cleanly, with its
exact lines, and writes nothing. This is the one place a broken input and its messages live.

A case is `NAME.yaml` / `NAME.json` (or a folder `NAME/` of several entry specs, run as
`generate NAME`) with a sidecar `NAME.expected` holding the exact stderr lines; a
`NAME.overlay.yaml` beside a case is passed with `--overlay`. `fragments/`
holds files the corpus reaches through `$ref` (not cases themselves). Two cases are too big to
commit and are built at test time: a 50 MB file and a chain of 10,000 `$ref`s.

Every case runs `statusgen generate NAME --out generated` and `statusgen validate NAME`
in-process, in a directory of its own that already holds a generated package (laid out once
per case: each run must leave it exactly as it was, so the other command finds it unchanged),
and must:
- exit 2 with exactly the expected `FILE:LINE:COL: POINTER: message` lines, nothing on stdout,
  no traceback (each position is also checked against the source: see
  `test_every_position_is_where_its_pointer_ends`);
- leave the directory exactly as it was: the old package byte-identical (mtimes too), no new file.

A sample of the costliest cases also runs in a real child process limited by `setrlimit`
(address space `MEMORY_LIMIT`, CPU `CPU_SECONDS`), where it must finish within `WALL_SECONDS`
and peak under `PEAK_RSS_MB` (measured with wait4). For those, that run is their `generate`:
the same command and the same checks as in-process, and limits besides.

The limits the loader itself enforces (generator/documents.py, generator/parse.py) are tested
at their boundaries below the corpus.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import GENERATED, ROOT, Snapshot, run_cli, snapshot
from statusgen.errors import SpecErrors
from statusgen.input import documents, positions
from statusgen.parser import parse

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "broken"
OLD_PACKAGE = GENERATED / "face"

MEMORY_LIMIT = 1536 * 1024 * 1024
"""RLIMIT_AS of the child: 1.5 GiB of address space (the interpreter with black, jinja2 and
the validator loaded maps ~0.5 GiB); a case that needed more would die, not pass."""
CPU_SECONDS = 60
"""RLIMIT_CPU of the child."""
WALL_SECONDS = 20.0
"""What a case may take, start to exit, on a loaded CI machine (typical: 1-2 s)."""
PEAK_RSS_MB = 400
"""Peak resident memory a case may reach (typical: ~100 MB)."""
ERROR_LINE = re.compile(
    r"^(?P<file>[^\n]+?):(?P<line>\d+):(?P<column>\d+): (?P<pointer>#[^ \n]*): [^\n]+$"
)


def huge_file(path: Path) -> None:
    """50 MB: a valid header, then padding the size check must refuse without reading."""
    with path.open("w", encoding="utf-8") as handle:
        handle.write('openapi: 3.0.3\ninfo: {title: Broken, version: "1"}\npaths: {}\nx-pad: |\n')
        line = "  " + "x" * 98 + "\n"
        handle.write(line * (50 * 1024 * 1024 // len(line)))


def ref_chain(path: Path) -> None:
    """10,000 schemas, each one's only property a `$ref` to the next."""
    lines = ['openapi: 3.0.3\ninfo: {title: Broken, version: "1"}\npaths: {}\ncomponents:']
    lines.append("  schemas:")
    for index in range(10_000):
        lines.append(
            f"    M{index}: {{type: object, properties: {{next: "
            f"{{$ref: '#/components/schemas/M{index + 1}'}}}}}}"
        )
    lines.append("    M10000: {type: string}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


BUILT: dict[str, Callable[[Path], None]] = {
    "huge_50mb.yaml": huge_file,
    "ref_chain_10000.yaml": ref_chain,
}
CASES = sorted(
    [
        p.name
        for p in CORPUS.iterdir()
        if (p.suffix in {".yaml", ".json"} and not p.name.endswith(".overlay.yaml"))
        or (p.is_dir() and p.name != "fragments")
    ]
    + list(BUILT)
)
LIMITED = [
    "huge_50mb.yaml",
    "ref_chain_10000.yaml",
    "json_nesting_10000.json",
    "yaml_flow_nesting_10000.yaml",
    "yaml_alias_bomb.yaml",
    "dangling_ref.yaml",
]
"""The cases whose cost is the point (size, depth, expansion), plus an ordinary one."""


def lay_out(name: str, root: Path) -> list[str]:
    """The case, the fragments it may reach, and an earlier generated package under root;
    the options that pass the case's overlay, if it has one."""
    if name in BUILT:
        BUILT[name](root / name)
    elif (CORPUS / name).is_dir():
        shutil.copytree(CORPUS / name, root / name)
    else:
        shutil.copyfile(CORPUS / name, root / name)
    shutil.copytree(CORPUS / "fragments", root / "fragments")
    shutil.copytree(OLD_PACKAGE, root / "generated" / OLD_PACKAGE.name)
    overlay = Path(name).stem + ".overlay.yaml"
    if not (CORPUS / overlay).is_file():
        return []
    shutil.copyfile(CORPUS / overlay, root / overlay)
    return ["--overlay", overlay]


def expected_lines(name: str) -> list[str]:
    return (CORPUS / (Path(name).stem + ".expected")).read_text(encoding="utf-8").splitlines()


def assert_refused(name: str, returncode: int, stdout: str, stderr: str) -> None:
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    assert returncode == 2, stderr
    assert stdout == ""
    lines = stderr.splitlines()
    assert lines == expected_lines(name)
    assert all(ERROR_LINE.match(line) for line in lines), lines


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], LaidOut]:
    """Each case's directory, laid out on first use and shared by its two commands: a run
    must leave it exactly as `before` says (which each test asserts), so the second command
    meets what a fresh lay-out would give it."""
    done: dict[str, LaidOut] = {}

    def get(name: str) -> LaidOut:
        if name not in done:
            root = tmp_path_factory.mktemp("case")
            extra = lay_out(name, root)
            done[name] = LaidOut(root, extra, snapshot(root))
        return done[name]

    return get


@dataclass
class LaidOut:
    root: Path
    extra: list[str]
    before: Snapshot


@pytest.mark.parametrize(
    ("name", "command"),
    [
        (name, command)
        for name in CASES
        for command in ("generate", "validate")
        if not (name in LIMITED and (command == "generate" or name in BUILT))
    ],
)
def test_broken_spec_is_refused_cleanly(
    name: str, command: str, laid_out: Callable[[str], LaidOut]
) -> None:
    """Every case, by both commands; the `generate` of the LIMITED cases (seconds each for
    the deepest and longest) is the real, limited process of
    `test_broken_spec_is_refused_within_time_and_memory` instead, with the same arguments and
    the same checks. The two cases built at test time, whose size is their point, run only
    there: both commands read and refuse them by the same code (`pipeline._Build`)."""
    case = laid_out(name)
    args = [command, name, *case.extra]
    args += ["--out", "generated"] if command == "generate" else []
    result = run_cli(args, case.root)
    assert_refused(name, result.returncode, result.stdout, result.stderr)
    assert snapshot(case.root) == case.before, "a failed run changed the directory"


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_rss_mb: float


def limit_child() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def run_limited(args: list[str], cwd: Path) -> Run:
    """Run the CLI under the limits; wait4 gives this child's own peak RSS."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, "-m", "statusgen", *args],
            cwd=cwd,
            env=env,
            stdout=out,
            stderr=err,
            preexec_fn=limit_child,
        )
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > WALL_SECONDS * 3:
                process.kill()
                pytest.fail(f"statusgen {args} still running after {WALL_SECONDS * 3} s")
            time.sleep(0.02)
        seconds = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            process.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            seconds,
            usage.ru_maxrss / 1024,
        )


@pytest.mark.slow
@pytest.mark.parametrize("name", LIMITED)
def test_broken_spec_is_refused_within_time_and_memory(
    name: str, laid_out: Callable[[str], LaidOut]
) -> None:
    case = laid_out(name)
    run = run_limited(["generate", name, *case.extra, "--out", "generated"], case.root)
    assert_refused(name, run.returncode, run.stdout, run.stderr)
    assert snapshot(case.root) == case.before, "a failed run changed the directory"
    assert run.seconds < WALL_SECONDS, f"took {run.seconds:.1f} s"
    assert run.peak_rss_mb < PEAK_RSS_MB, f"peaked at {run.peak_rss_mb:.0f} MB"


def test_every_position_is_where_its_pointer_ends() -> None:
    """The line and column of each expected line, read in the source file itself: the key
    the pointer ends with (or an ancestor's, for a node the file does not hold), or the item
    for an array index. A refusal of the whole file (`#`) is where the parser stopped."""
    checked = 0
    for name in CASES:
        for text in expected_lines(name) if name not in BUILT else []:
            found = ERROR_LINE.match(text)
            assert found, text
            tokens = positions.tokens(found["pointer"])
            if not tokens:
                continue
            source = (CORPUS / found["file"]).read_text(encoding="utf-8").splitlines()
            at = source[int(found["line"]) - 1][int(found["column"]) - 1 :]
            if tokens[-1].isdigit():
                assert at[:1].strip() and at[:1] not in ",]", text
            else:
                assert any(at.lstrip("\"'").startswith(t) for t in tokens), (text, at)
            checked += 1
    assert checked >= 80


def test_the_corpus_is_big_and_every_case_has_its_lines() -> None:
    assert len(CASES) >= 80
    assert set(LIMITED) <= set(CASES)
    for name in CASES:
        assert (CORPUS / (Path(name).stem + ".expected")).is_file(), name
    sidecars = {p.stem for p in CORPUS.glob("*.expected")}
    assert sidecars == {Path(name).stem for name in CASES}, "a sidecar without its case"


def test_the_python_tag_ran_nothing(tmp_path: Path) -> None:
    """The YAML that asks the loader to run `echo pwned > pwned.txt` only gets refused."""
    shutil.copyfile(CORPUS / "yaml_python_tag.yaml", tmp_path / "spec.yaml")
    result = run_cli(["generate", "spec.yaml", "--out", "out"], tmp_path)
    assert result.returncode == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["spec.yaml"]


# --- the loader's own limits, at their boundaries ---------------------------------------------


def read(tmp_path: Path, name: str, text: str | bytes) -> object:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return documents.read_document(path)


def refusal(tmp_path: Path, name: str, text: str | bytes) -> list[str]:
    with pytest.raises(SpecErrors) as caught:
        read(tmp_path, name, text)
    return [f"{e.pointer}: {e.message}" for e in caught.value.errors]


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_nesting_up_to_the_limit_is_read_and_one_more_is_refused(
    tmp_path: Path, suffix: str
) -> None:
    depth = documents.MAX_DEPTH
    assert read(tmp_path, "ok" + suffix, "[" * depth + "]" * depth) is not None
    with pytest.raises(SpecErrors) as caught:
        read(tmp_path, "deep" + suffix, "[" * (depth + 1) + "]" * (depth + 1))
    (error,) = caught.value.errors
    assert (error.pointer, error.message) == ("#", f"nested deeper than {depth} levels")
    # YAML says where the container too deep starts; JSON's reader cannot (shown at 1:1)
    assert (error.line, error.column) == ((1, 201) if suffix == ".yaml" else (0, 0))


def test_aliases_may_add_up_to_the_limit(tmp_path: Path) -> None:
    # 1,000 aliases to a list of 999 strings (1,000 nodes): 999,000 extra nodes, allowed.
    base = "a: &a [" + ", ".join(["x"] * 999) + "]\n"
    fine = base + "b: [" + ", ".join(["*a"] * 1000) + "]\n"
    assert isinstance(read(tmp_path, "fine.yaml", fine), dict)
    bomb = base + "b: [" + ", ".join(["*a"] * 1002) + "]\n"
    assert refusal(tmp_path, "bomb.yaml", bomb) == [
        f"#: YAML aliases expand to more than {documents.MAX_ALIAS_NODES} extra nodes"
    ]


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.truncate(documents.MAX_FILE_BYTES + 1)  # sparse: no bytes to read
    started = time.monotonic()
    with pytest.raises(SpecErrors) as caught:
        documents.read_document(path)
    assert time.monotonic() - started < 0.5
    assert [e.message for e in caught.value.errors] == [
        f"file is larger than the {documents.MAX_FILE_BYTES} byte limit"
    ]


@pytest.mark.parametrize(
    ("text", "data"),
    [
        ("200: {a: 1}\ntrue: 2\n~: 3\n1.5: 4\n", {"200": {"a": 1}, "true": 2, "~": 3, "1.5": 4}),
        ("v: 2020-01-01\n", {"v": "2020-01-01"}),
        (
            "base: &b {x: 1, y: 2}\nd: {<<: *b, x: 3}\n",
            {"base": {"x": 1, "y": 2}, "d": {"x": 3, "y": 2}},
        ),
    ],
)
def test_yaml_is_read_as_json_data(tmp_path: Path, text: str, data: object) -> None:
    assert read(tmp_path, "doc.yaml", text) == data


def test_schema_nesting_through_refs_is_bounded(tmp_path: Path) -> None:
    depth = parse.MAX_SCHEMA_DEPTH
    lines = ['openapi: 3.0.3\ninfo: {title: T, version: "1"}\npaths: {}\ncomponents:\n  schemas:']
    for index in range(depth + 1):
        target = f"'#/components/schemas/M{index + 1}'"
        lines.append(f"    M{index}: {{properties: {{n: {{$ref: {target}}}}}}}")
    lines.append(f"    M{depth + 1}: {{type: string}}")
    spec = tmp_path / "chain.yaml"
    spec.write_text("\n".join(lines) + "\n", encoding="utf-8")
    from statusgen.input import load

    with pytest.raises(SpecErrors) as caught:
        parse.parse(load.load(spec))
    assert [(e.pointer, e.message) for e in caught.value.errors] == [
        (
            f"#/components/schemas/M{depth - 1}/properties/n",
            f"schemas nested more than {depth} levels deep",
        )
    ]
    # A component and 99 nested models are 100 levels: fine.
    short = "\n".join(lines[:depth] + [f"    M{depth - 1}: {{type: string}}"]) + "\n"
    spec.write_text(short, encoding="utf-8")
    assert len(parse.parse(load.load(spec)).models) == depth - 1
