"""How fast a one-schema edit of a status-heavy spec could be if loading, parsing and
validating were free.

Issue 21 asks for a one-schema edit of status_2000 in a tenth of its cold run. This measures
the edit four more ways, each handed part of its work ready-made from a run of the same text:
the spec's data (as if a cache made reading the YAML free), the IR (as if a cache made parsing
free), both, and both with the validator's answer too. Rendering (which keys every item by its
IR), formatting the edited piece, writing and the manifest still run, as any edit must; the
rows are checked to write the same output. The "all" row is the most an incremental design
can win while it still builds and keys the IR of every schema.

`.venv/bin/python bench/edit_floor.py [COUNT] [--repeat N]`: COUNT schemas (2000), N rounds
(3), the rows alternating in each round. Internal names are patched (the child mode below):
this is a measuring tool, not an interface.
"""

from __future__ import annotations

# What only the measuring parent needs is imported where it is used: the child then starts
# as `statusgen` does, with nothing more to import than this module's few.
import marshal
import pickle
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
MARKER, EDIT = "Synthetic status schema number 7.", "Synthetic status schema 7, {}."
MODES = ("plain", "data", "ir", "both", "all")
"""What each edit is handed ready-made: nothing, the spec's data, its IR, both, or both and
the validator's answer (none: the prepared run's spec is valid)."""


def child(mode: str, ready: Path, arguments: list[str]) -> None:
    """Run `statusgen ARGUMENTS` as the command does (`cli.run`), its spec's data and IR taken
    from `ready` (or, for mode "prepare", written there from what the run reads and parses).
    The plain edit runs here too, so every edit row pays for this script's start alike."""
    from statusgen import pipeline
    from statusgen.input import load
    from statusgen.parser import parse
    from statusgen.ui import cli

    read, parse_selected = load.read_document, pipeline.parse_selected
    data_file, ir_file = ready / "data.marshal", ready / "ir.pickle"

    def read_document(path: Path) -> Any:
        if path.suffix != ".yaml":
            return read(path)
        if mode == "prepare":
            data = read(path)
            data_file.write_bytes(marshal.dumps(data))
            return data
        return marshal.loads(data_file.read_bytes())

    def parsed(*args: Any) -> Any:
        if mode == "prepare":
            made = parse_selected(*args)
            ir_file.write_bytes(pickle.dumps(made.package, protocol=5))
            return made
        return parse.Parsed(pickle.loads(ir_file.read_bytes()), lambda _: True)

    if mode in ("prepare", "data", "both", "all"):
        load.read_document = read_document
    if mode in ("prepare", "ir", "both", "all"):
        pipeline.parse_selected = parsed
    if mode == "all":  # patched before the validating process forks, so it sees it too
        from statusgen.validation import process

        process.validate_each = lambda specs: [[] for _ in specs]
    sys.argv = ["statusgen", *arguments]
    cli.run()


def run(work: Path, spec: Path, out: Path, mode: str | None) -> float:
    """Seconds of one `statusgen generate`: the command itself, cold (mode None: empty caches,
    templates included), or this script's child in `mode` with the templates compiled before
    and an empty piece cache, as `make bench`'s edit row runs it."""
    import os
    import subprocess
    import tempfile
    import time

    fresh = tempfile.mkdtemp(dir=work)
    env = {**os.environ, "STATUSGEN_CACHE_DIR": fresh, "XDG_CACHE_HOME": fresh}
    command = [sys.executable, "-m", "statusgen"]
    if mode is not None:
        command = [sys.executable, __file__, "--child", mode, str(work / "ready"), "--"]
        env["XDG_CACHE_HOME"] = str(work / "templates")
    command += ["generate", str(spec), "--out", str(out), "--models", "all"]
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def digest(folder: Path) -> str:
    import hashlib

    found = hashlib.blake2b()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            found.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return found.hexdigest()


def main() -> None:
    import argparse
    import shutil
    import statistics
    import subprocess
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", nargs="?", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="edit-floor-"))
    spec, out = work / "spec.yaml", work / "out"
    subprocess.run(
        [sys.executable, str(HERE / "synth_status.py"), str(options.count), str(spec)], check=True
    )
    text = spec.read_text(encoding="utf-8")
    before, after = (text.replace(MARKER, EDIT.format(word), 1) for word in ("A", "B"))
    spec.write_text(after, encoding="utf-8")
    (work / "ready").mkdir()
    run(work, spec, work / "prepared", "prepare")
    times: dict[str, list[float]] = {"cold": [], **{mode: [] for mode in MODES}}
    outputs: dict[str, str] = {}
    for _ in range(options.repeat):
        shutil.rmtree(out, ignore_errors=True)
        spec.write_text(text, encoding="utf-8")
        times["cold"].append(run(work, spec, out, None))
        for mode in MODES:
            spec.write_text(before, encoding="utf-8")
            run(work, spec, out, "plain")  # the output of the text before the edit
            spec.write_text(after, encoding="utf-8")
            times[mode].append(run(work, spec, out, mode))
            outputs[mode] = digest(out)
    if len(set(outputs.values())) != 1:
        raise SystemExit(f"the edits wrote different output: {outputs}")
    cold = statistics.median(times["cold"])
    print(f"status_{options.count}, medians of {options.repeat} rounds, seconds:")
    for name, samples in times.items():
        median = statistics.median(samples)
        shown = ", ".join(f"{s:.2f}" for s in samples)
        print(f"  {name:6} {median:6.2f}  / cold {median / cold:.3f}   ({shown})")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], Path(sys.argv[3]), sys.argv[5:])
    main()
