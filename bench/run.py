"""`make bench`: statusgen against its peers, whole-process, plus runtime and poller costs.

Prints a markdown table and writes it to bench/RESULTS.md. Generators are timed as separate
processes (wall time and peak RSS from wait4), alternating statusgen with each peer inside one
loop so the ratios hold on a noisy machine. Medians of --repeat runs (big specs: fewer).

"Cold" statusgen runs start with empty caches (formatted pieces and compiled templates, as on a
fresh CI runner); "warm piece cache" runs write a fresh output directory from a cache an earlier
run filled. Peers run with the venv's bin on PATH, so openapi-python-client's post-hooks
(`ruff check --fix`, `ruff format`) run as they do for its users.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "generated"))

from status_lines import count as count_status_lines  # noqa: E402

PEER_ENV = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
"""Every tool as its users run it, openapi-python-client with its ruff on PATH."""


INSTALLED = ROOT / ".venv" / "bench-statusgen"
"""statusgen installed from this checkout as a user installs it: a wheel in a venv of its
own, byte-compiled. The checkout's editable install would add its import hook to every
process's start, which no user pays."""


def compile_like_pip() -> None:
    """Install statusgen (`INSTALLED`) and byte-compile every installed peer's modules, as
    pip does when it installs a package: under PYTHONDONTWRITEBYTECODE (this machine sets it)
    an uncompiled module is compiled again on every run, a cost no user of either tool pays.
    uv, which installs .venv, does not byte-compile, so the peers need it as much."""
    import sysconfig

    if not (INSTALLED / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(INSTALLED)],
                       check=True)
    # setuptools builds in the checkout's build/ and packs whatever its build/lib holds: a
    # module removed since an earlier build would ship again in this wheel (and did)
    shutil.rmtree(ROOT / "build", ignore_errors=True)
    subprocess.run([str(BIN / "uv"), "pip", "install", "--quiet", "--reinstall-package",
                    "statusgen", "--compile-bytecode", "--python",
                    str(INSTALLED / "bin" / "python"), str(ROOT)], check=True)
    # in a process of its own: compiling here would grow this process, and every peer forked
    # from it would start with that much resident, reported as its own peak RSS
    subprocess.run([sys.executable, "-m", "compileall", "-q", "-j", "0",
                    sysconfig.get_paths()["purelib"]], check=True)


ALL = ("--models", "all")



def measure(
    command: list[str],
    cwd: Path,
    env: dict[str, str] | None = None,
    allowed: tuple[int, ...] = (0, 1),
) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one process; a failure (an exit status not in
    `allowed`: 1 is `--check` finding differences) stops the benchmark."""
    # stderr to a file, not a pipe: a peer's pages of warnings (openapi-python-client's on
    # GitHub's file) would fill a pipe nobody reads until the process ends, and it would hang
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors, env=env or PEER_ENV,
        )
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        errors.seek(0)
        stderr = errors.read().decode(errors="replace")
    code = os.waitstatus_to_exitcode(status)
    if code not in allowed:
        raise SystemExit(f"{' '.join(command)} failed ({code}):\n{stderr[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


class Row:
    def __init__(self, name: str) -> None:
        self.name = name
        self.times: list[float] = []
        self.rss: list[float] = []

    def add(self, sample: tuple[float, float]) -> None:
        self.times.append(sample[0])
        self.rss.append(sample[1])

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def statusgen(*args: str) -> list[str]:
    return [str(INSTALLED / "bin" / "statusgen"), *args]


def peer(name: str) -> str | None:
    path = BIN / name
    return str(path) if path.exists() else None


def require_ruff_for_opc() -> None:
    """openapi-python-client formats its output with ruff found on PATH, and only warns when
    there is none: without it the peer would skip its formatting and look faster than it is."""
    found = shutil.which("ruff", path=PEER_ENV["PATH"])
    if found is None:
        raise SystemExit("bench: openapi-python-client is installed but ruff is not on PATH")
    probe = subprocess.run([found, "--version"], env=PEER_ENV, capture_output=True, text=True)
    if probe.returncode != 0:
        raise SystemExit(f"bench: {found} does not run: {probe.stderr.strip()}")


def cold_env(work: Path, templates: str = "") -> dict[str, str]:
    """Empty caches for one statusgen run: formatted pieces, and compiled templates unless
    `templates` names a cache folder to keep them in."""
    root = tempfile.mkdtemp(prefix="cache-", dir=work)
    return {**PEER_ENV, "STATUSGEN_CACHE_DIR": root, "XDG_CACHE_HOME": templates or root}


def warm_env(work: Path) -> dict[str, str]:
    """Caches shared by the runs that use this environment."""
    root = str(work / "warm-cache")
    return {**PEER_ENV, "STATUSGEN_CACHE_DIR": root, "XDG_CACHE_HOME": root}


def cache_rows(work: Path, repeat: int) -> list[Row]:
    """The four specs into a fresh output directory: cold caches, then a warm piece cache."""
    if not (work / "specs").exists():
        shutil.copytree(ROOT / "specs", work / "specs")
    cold = Row("statusgen cold generate, specs/ (4 specs), fresh out, cold caches")
    warm = Row("statusgen generate, specs/ (4 specs), fresh out, warm piece cache")
    measure(statusgen("generate", "--out", "warm-out"), work, warm_env(work))  # fills it
    for _ in range(repeat):
        for row, env in ((cold, cold_env(work)), (warm, warm_env(work))):
            shutil.rmtree(work / "out", ignore_errors=True)
            row.add(measure(statusgen("generate", "--out", "out"), work, env))
    return [cold, warm]


def opc(spec: Path, out: Path) -> list[str]:
    return [str(BIN / "openapi-python-client"), "generate", "--path", str(spec),
            "--output-path", str(out), "--overwrite"]


def dcg(spec: Path, out: Path) -> list[str]:
    return [str(BIN / "datamodel-codegen"), "--input", str(spec), "--input-file-type", "openapi",
            "--output-model-type", "dataclasses.dataclass", "--output", str(out)]


NOTES: list[str] = []
"""Sentences the generator rows add below their tables."""
SEEDS_COLD = "statusgen cold, specs/ (4 specs), in the loop with the peers on face.yaml"


def generator_rows(work: Path, repeat: int, big_repeat: int) -> list[Row]:
    rows: list[Row] = []
    specs = work / "specs"
    shutil.copytree(ROOT / "specs", specs)
    have_opc, have_dcg = peer("openapi-python-client"), peer("datamodel-codegen")
    if have_opc:
        require_ruff_for_opc()
    rows += cache_rows(work, repeat)

    noop, check = Row("statusgen no-op generate, specs/"), Row(
        "statusgen --check up to date, specs/")
    face_sg, face_opc, face_dcg = (Row("statusgen cold, face.yaml alone"),
                                   Row("openapi-python-client, face.yaml"),
                                   Row("datamodel-code-generator, face.yaml"))
    seeds = Row(SEEDS_COLD)
    for _ in range(repeat):
        shutil.rmtree(work / "seeds-out", ignore_errors=True)
        seeds.add(measure(statusgen("generate", "--out", "seeds-out"), work, cold_env(work)))
        noop.add(measure(statusgen("generate", "--out", "out"), work))
        check.add(measure(statusgen("generate", "--check", "--out", "out"), work))
        shutil.rmtree(work / "face-out", ignore_errors=True)
        face_sg.add(measure(statusgen("generate", "specs/face.yaml", "--out", "face-out"), work,
                            cold_env(work)))
        if have_opc:
            face_opc.add(measure(opc(specs / "face.yaml", work / "opc-face"), work, allowed=(0,)))
        if have_dcg:
            face_dcg.add(measure(dcg(specs / "face.yaml", work / "dcg-face.py"), work,
                                 allowed=(0,)))
    rows += [noop, check, seeds, face_sg] + [r for r in (face_opc, face_dcg) if r.times]

    for count in (500, 2000):
        rows += large_rows(work, count, big_repeat, have_opc is not None, have_dcg is not None)
    for count in (500, 2000):
        rows += large_rows(work, count, big_repeat, have_opc is not None, False, family="status")
    lines, status, _ = count_status_lines(work / "out-status_500" / "status_500")
    NOTES.append(f"Lines per status resource (models.py + pollers.py of status_500, "
                 f"`bench/status_lines.py`): {lines / status:.1f}.")
    return rows


FAMILIES: dict[str, tuple[str, str, str]] = {
    "large": ("synth.py", "Synthetic schema number 7.", "Synthetic schema 7, {run}."),
    "status": ("synth_status.py", "Synthetic status schema number 7.",
               "Synthetic status schema 7, {run}."),
}
"""Synthetic spec families: the script that writes each, `bench/synth.py` (mixed schemas, a
status resource in seven) or `bench/synth_status.py` (every schema a status resource, a GET
and a cancel per ten), the description its one-schema edit rewrites, and the new text."""


def large_rows(
    work: Path, count: int, repeat: int, with_opc: bool, with_dcg: bool, only: str = "",
    family: str = "large",
) -> list[Row]:
    """A synthetic spec of `count` schemas: statusgen cold, no-op --check and after a
    one-schema edit, alternating with the peers. `only` ("cold" or "edit") runs just that
    statusgen row (and, for "cold", the peers), for measuring one change at a time."""
    writer, marker, replacement = FAMILIES[family]
    name = f"{family}_{count}"
    spec = work / name / f"{name}.yaml"
    # written by a process of its own: building a big spec here would grow this process, and
    # every process forked from it after would report that much as its own peak RSS
    subprocess.run([sys.executable, str(ROOT / "bench" / writer), str(count),
                    str(spec)], check=True)
    sg_cold, sg_noop, sg_edit = (Row(f"statusgen cold, {name}"),
                                 Row(f"statusgen no-op --check, {name}"),
                                 Row(f"statusgen after a one-schema edit, {name}"))
    p_opc, p_dcg = Row(f"openapi-python-client, {name}"), Row(
        f"datamodel-code-generator, {name}")
    out = work / f"out-{name}"
    for run in range(repeat):
        if only != "edit" or not out.exists():
            shutil.rmtree(out, ignore_errors=True)
            env = cold_env(work, str(work / "warm-cache")) if only == "edit" else cold_env(work)
            # --models all: every synthetic schema, as the other generators make them all
            cold = measure(statusgen("generate", str(spec), "--out", str(out), *ALL), work, env)
            if only != "edit":
                sg_cold.add(cold)
        if not only:
            sg_noop.add(measure(statusgen("generate", "--check", str(spec), "--out", str(out),
                                          *ALL), work))
        if only != "cold":
            # a new text each run: with `only`, the output still holds the previous run's edit
            text = spec.read_text(encoding="utf-8")
            edited = text.replace(marker, replacement.format(run=run), 1)
            spec.write_text(edited, encoding="utf-8")
            # a developer's loop: templates compiled before, no piece cache (the manifest's
            # pieces are what this row measures)
            sg_edit.add(measure(statusgen("generate", str(spec), "--out", str(out), *ALL), work,
                                cold_env(work, str(work / "warm-cache"))))
            spec.write_text(text, encoding="utf-8")
        if with_opc and only != "edit":
            p_opc.add(measure(opc(spec, work / f"opc-{name}"), work, allowed=(0,)))
        if with_dcg and not only:
            p_dcg.add(measure(dcg(spec, work / f"dcg-{name}.py"), work, allowed=(0,)))
    return [r for r in (sg_cold, sg_noop, sg_edit, p_opc, p_dcg) if r.times]


REALWORLD = Path(os.environ.get("STATUSGEN_REALWORLD", ROOT.parent / "shared" / "realworld"))
"""Published API descriptions (issue 10), beside the checkout as CI lays them out."""
REAL_SPECS = {"GitHub": "github-api.github.com.json", "OpenAI": "openai-openapi-2024-05.yaml"}
OPC_LITERAL_ENUMS = "literal_enums: true\n"
"""openapi-python-client stops on GitHub's file with `Duplicate key ADD in enum ...;
consider setting literal_enums in your config`: with that setting it writes the whole client
and runs its post-hooks, then exits 1 over the parts it skipped."""


def realworld_rows(work: Path, repeat: int) -> list[Row]:
    """Cold generate of GitHub's and OpenAI's published files, statusgen with its default
    selection (the status resources) against openapi-python-client, alternating."""
    if not REALWORLD.is_dir():
        raise SystemExit(f"bench: {REALWORLD} is absent (set STATUSGEN_REALWORLD)")
    have_opc = peer("openapi-python-client")
    if have_opc:
        require_ruff_for_opc()
    config = work / "opc-config.yaml"
    config.write_text(OPC_LITERAL_ENUMS, encoding="utf-8")
    rows: list[Row] = []
    for api, file in REAL_SPECS.items():
        ours = Row(f"statusgen cold, {api} ({file}), default selection")
        theirs = Row(f"openapi-python-client, {api} ({file})")
        for _ in range(repeat):
            out = work / f"real-{api}"
            shutil.rmtree(out, ignore_errors=True)
            ours.add(measure(statusgen("generate", file, "--out", str(out)), REALWORLD,
                             cold_env(work)))
            if have_opc:
                extra = ["--config", str(config)] if api == "GitHub" else []
                theirs.add(measure(opc(REALWORLD / file, work / f"opc-{api}") + extra,
                                   REALWORLD, allowed=(0, 1)))
        rows += [ours] + ([theirs] if theirs.times else [])
    return rows


def realworld_lines(rows: list[Row]) -> list[str]:
    lines = ["| scenario | median s | peak RSS MiB | runs |", "|---|---:|---:|---|"]
    lines += [f"| {r.name} | {r.median:.3f} | {max(r.rss):.0f} | "
              f"{' '.join(f'{t:.2f}' for t in r.times)} |" for r in rows]
    by_api: dict[str, list[float]] = {}
    for row in rows:
        by_api.setdefault(row.name.split(", ")[1].split(" ")[0], []).append(row.median)
    lines += ["", "| ratio (cold) | value |", "|---|---:|"]
    lines += [f"| {api}: statusgen / openapi-python-client | {t[0] / t[1]:.2f} |"
              for api, t in by_api.items() if len(t) == 2]
    return lines


def interleaved_ns(functions: list[Callable[[], Any]], rounds: int = 9,
                   budget: float = 0.3) -> list[float]:
    """Median ns per call of each function, measured in turns: each of `rounds` rounds times
    every function once (about budget/rounds seconds each). A noisy neighbour's burst then
    slows one round of every library alike, not one library's whole measurement (timed one
    library after the other, pydantic's to_dict of synapse/complete_doi read 10,354 ns in one
    run and 5,527 ns in the next while statusgen's moved the other way)."""
    counts = []
    for function in functions:
        calls = 1
        while True:
            start = time.perf_counter_ns()
            for _ in range(calls):
                function()
            if time.perf_counter_ns() - start > budget * 1e9 / rounds:
                break
            calls *= 2
        counts.append(calls)
    times: list[list[float]] = [[] for _ in functions]
    for _ in range(rounds):
        for function, calls, spent in zip(functions, counts, times, strict=True):
            start = time.perf_counter_ns()
            for _ in range(calls):
                function()
            spent.append((time.perf_counter_ns() - start) / calls)
    return [statistics.median(spent) for spent in times]


FROM_DICT_BEFORE = {
    "face/running_7_digit_fraction": 1412,
    "face/succeeded": 1366,
    "postman/completed_resources": 4740,
    "synapse/complete_doi": 5558,
    "visma/finished_ok": 2941,
}
"""`from_dict` ns per payload of the generated code at bd1302b, before issue 11 reshaped the
models (medians of 6 alternated rounds, 2026-12-01, this machine)."""


def runtime_ratios(runtime: list[tuple[str, str, str, str]]) -> list[str]:
    """statusgen's time over pydantic's, per payload, both ways."""
    ns = {(payload, library): (float(a.replace(",", "")), float(b.replace(",", "")))
          for payload, library, a, b in runtime}
    lines = []
    for (payload, library), (parse, dump) in ns.items():
        theirs = ns.get((payload, "pydantic"))
        if library == "statusgen" and theirs:
            lines.append(f"| {payload} | {dump / theirs[1]:.2f} | {parse / theirs[0]:.2f} |")
    return lines


def runtime_rows() -> list[tuple[str, str, str, str]]:
    """(payload, library, from_dict ns, to_dict ns) for the four APIs' realistic payloads."""
    import face
    import postman
    import synapse
    import visma

    payloads = ROOT / "tests" / "fixtures" / "payloads"
    cases = [
        ("face", face.OperationStatus, "running_7_digit_fraction"),
        ("face", face.OperationStatus, "succeeded"),
        ("postman", postman.GetStatusOfAnAsyncTask, "completed_resources"),
        ("synapse", synapse.AsynchronousJobStatus, "complete_doi"),
        ("visma", visma.BackgroundRequestStateDto, "finished_ok"),
    ]
    peers: dict[str, Any] = {}
    try:
        import peer_models

        peers = peer_models.MODELS
    except ImportError:
        pass
    rows = []
    for api, model, name in cases:
        data = json.loads((payloads / api / f"{name}.json").read_text(encoding="utf-8"))
        libraries: list[tuple[str, Callable[[], Any], Callable[[], Any]]] = [
            ("statusgen", lambda m=model, d=data: m.from_dict(d), model.from_dict(data).to_dict)
        ]
        for library, (load, dump_fn) in peers.get(api, {}).items():
            obj = load(data)
            libraries.append((library, lambda d=data, f=load: f(d),
                              lambda o=obj, f=dump_fn: f(o)))
        ns = interleaved_ns([f for _, parse, dump in libraries for f in (parse, dump)])
        for index, (library, _, _) in enumerate(libraries):
            parse_ns, dump_ns = ns[2 * index], ns[2 * index + 1]
            rows.append((f"{api}/{name}", library, f"{parse_ns:,.0f}", f"{dump_ns:,.0f}"))
    return rows


def poll_cpu_us() -> float:
    """CPU per poll of the sync poller, network excluded (a fetch returning a response)."""
    import face
    from face import HttpResponse

    body = json.dumps({"createdTime": "2018-12-25T11:41:02.2331413Z", "status": "running",
                       "lastActionTime": "2018-12-25T11:51:27.8705696Z"}).encode()
    response = HttpResponse(200, {"Retry-After": "0"}, body, "https://x/operations/1")
    poller = face.OperationStatusPoller(lambda timeout: response, sleep=lambda s: None,
                                        timeout=1e9)
    polls = 20000
    start = time.process_time()
    for _ in range(polls):
        poller.poll()
    return (time.process_time() - start) / polls * 1e6


def import_ms() -> float:
    command = [sys.executable, "-c", "import face, postman, synapse, visma"]
    bare = [sys.executable, "-c", "pass"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "generated")}

    def run(cmd: list[str]) -> float:
        start = time.perf_counter()
        subprocess.run(cmd, env=env, check=True)
        return time.perf_counter() - start

    samples = [run(command) - run(bare) for _ in range(7)]
    return statistics.median(samples) / 4 * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--big-repeat", type=int, default=1)
    parser.add_argument("--skip-generators", action="store_true")
    parser.add_argument("--cache-rows-only", action="store_true",
                        help="print only the cold/warm cache rows of the four specs")
    parser.add_argument("--large-only", metavar="COUNT:ROW", default="",
                        help="print only one large spec's row: e.g. 2000:edit (one-schema "
                             "edit) or 500:cold (cold, beside openapi-python-client); 500: "
                             "for all its rows (--family picks the spec)")
    parser.add_argument("--family", choices=sorted(FAMILIES), default="large",
                        help="the synthetic spec --large-only runs: large (bench/synth.py) or "
                             "status (bench/synth_status.py, every schema a status resource)")
    parser.add_argument("--runtime-only", action="store_true",
                        help="print only the from_dict/to_dict rows")
    parser.add_argument("--realworld-only", action="store_true",
                        help="print only the cold rows on GitHub's and OpenAI's published files")
    args = parser.parse_args()
    compile_like_pip()
    if args.realworld_only:
        with tempfile.TemporaryDirectory() as temp:
            print("\n".join(realworld_lines(realworld_rows(Path(temp), args.repeat))))
        return 0
    if args.cache_rows_only or args.large_only:
        with tempfile.TemporaryDirectory() as temp:
            if args.cache_rows_only:
                rows = cache_rows(Path(temp), args.repeat)
            else:
                count, _, only = args.large_only.partition(":")
                if peer("openapi-python-client") and only in ("cold", ""):
                    require_ruff_for_opc()
                rows = large_rows(Path(temp), int(count), args.repeat,
                                  peer("openapi-python-client") is not None, False, only,
                                  args.family)
            for row in rows:
                print(f"| {row.name} | {row.median:.3f} | {max(row.rss):.0f} |"
                      f"  runs: {' '.join(f'{t:.3f}' for t in row.times)}")
        return 0
    if args.runtime_only:
        for row in runtime_rows():
            print("| " + " | ".join(row) + " |")
        return 0
    lines = [
        "# statusgen benchmark",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; medians of {args.repeat} runs "
        f"({args.big_repeat} for large specs). Regenerate with `make bench`.",
        "",
    ]
    if not args.skip_generators:
        with tempfile.TemporaryDirectory() as temp:
            rows = generator_rows(Path(temp), args.repeat, args.big_repeat)
        lines += ["## Generators (whole process)", "",
                  "| scenario | median s | peak RSS MiB |", "|---|---:|---:|"]
        lines += [f"| {r.name} | {r.median:.3f} | {max(r.rss):.0f} |" for r in rows]
        by_name = {r.name: r.median for r in rows}
        ratios = []
        for size in ("large_500", "large_2000", "status_500", "status_2000"):
            ours = by_name.get(f"statusgen cold, {size}")
            for peer_name in ("openapi-python-client", "datamodel-code-generator"):
                theirs = by_name.get(f"{peer_name}, {size}")
                if ours and theirs:
                    ratios.append(f"| {size}: statusgen / {peer_name} | {ours / theirs:.2f} |")
            edit = by_name.get(f"statusgen after a one-schema edit, {size}")
            if ours and edit:
                ratios.append(f"| {size}: one-schema edit / statusgen cold | {edit / ours:.2f} |")
        seeds = by_name.get(SEEDS_COLD)
        face_dcg = by_name.get("datamodel-code-generator, face.yaml")
        if seeds and face_dcg:
            ratios.append(f"| four seed specs / datamodel-code-generator on face.yaml | "
                          f"{seeds / face_dcg:.2f} |")
        if ratios:
            lines += ["", "| ratio (cold) | value |", "|---|---:|"] + ratios
        lines += [""] + NOTES
        if REALWORLD.is_dir():
            with tempfile.TemporaryDirectory() as temp:
                real = realworld_rows(Path(temp), args.repeat)
            lines += ["", "## Published API descriptions (cold generate)", ""]
            lines += realworld_lines(real)
        lines.append("")
    runtime = runtime_rows()
    lines += ["## Runtime (ns per object)", "", "| payload | library | from_dict | to_dict |",
              "|---|---|---:|---:|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in runtime]
    lines += ["", "| payload | to_dict / pydantic | from_dict / pydantic |", "|---|---:|---:|"]
    lines += runtime_ratios(runtime)
    lines += ["", "statusgen's `from_dict` against the generated code before issue 11 (bd1302b, "
              "the same payloads; the issue allows 10% slower):", "",
              "| payload | before ns | now ns | change |", "|---|---:|---:|---:|"]
    for payload, library, parse, _ in runtime:
        if library == "statusgen" and payload in FROM_DICT_BEFORE:
            now, before = float(parse.replace(",", "")), FROM_DICT_BEFORE[payload]
            lines.append(f"| {payload} | {before:,} | {now:,.0f} | {now / before - 1:+.0%} |")
    lines += ["", f"CPU per poll (sync poller, no network): {poll_cpu_us():.1f} µs",
              f"Import time of one generated package: {import_ms():.1f} ms", ""]
    text = "\n".join(lines)
    print(text)
    (ROOT / "bench" / "RESULTS.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
