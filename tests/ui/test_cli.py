"""The command-line contract (DESIGN.md §2), run through `cli.main` in-process on copies of
specs/.

`base` is a copy of specs/ plus the tree `statusgen generate` made from it, once per module.
The expensive scenarios (each a full generation) are prepared on copies of `base` (made with
`shutil.copytree`, which keeps mtimes) and run once, in `runs`; each test then asserts one
thing about one of them. Only the hash-seed check needs a process of its own.
"""

from __future__ import annotations

import json
import os
import pstats
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import (
    HEADER,
    PACKAGES,
    ROOT,
    CliResult,
    Snapshot,
    age,
    run_cli,
    run_process,
    snapshot,
)

REPO = ROOT
ENTRY_SPECS = ("specs/face.yaml", "specs/postman.yaml", "specs/synapse/openapi.yaml",
               "specs/visma.yaml")
KNOWN_STATUS_MODELS = {
    # package.Model -> its state attribute, as the seed documents describe them
    "face.OperationStatus": "status",
    "synapse.AsynchronousJobStatus": "job_state",
}
MARKER = "Zanzibar marker text."
HAND_WRITTEN = {
    "README.md": "# My notes about generated/\n",
    "face/notes.py": "# hand written\nNOTE = 1\n",
    "postman/notes.py": "NOTE = 2\n",
    "synapse/models_backup.py": f"\n{HEADER} only on line 2\n",
}


def ok(result: CliResult) -> CliResult:
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0, (result.returncode, result.stdout, result.stderr)
    return result


def contents(root: Path) -> dict[str, bytes]:
    """Relative path -> bytes of every file under `root`."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def edit_yaml(path: Path, edit: Callable[[dict[str, Any]], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def set_face_description(data: dict[str, Any]) -> None:
    data["components"]["schemas"]["OperationStatus"]["description"] = MARKER


def break_visma(data: dict[str, Any]) -> None:
    data["components"]["schemas"]["ZzBroken"] = {"type": "strng"}


def generated_files(root: Path, package: str) -> list[str]:
    """The files statusgen wrote for one package under root/generated (header on line 1)."""
    return sorted(
        p.relative_to(root / "generated").as_posix()
        for p in (root / "generated" / package).iterdir()
        if p.read_text(encoding="utf-8").startswith(HEADER)
    )


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sgbase_qz")
    shutil.copytree(REPO / "specs", root / "specs")
    result = ok(run_cli(["generate"], root))
    assert result.stdout == "" and result.stderr == ""
    return root


@dataclass
class Run:
    """One CLI run: where, the watched tree before and after, and what it printed."""

    root: Path
    before: Snapshot
    after: Snapshot
    result: CliResult

    @property
    def lines(self) -> list[str]:
        return self.result.stdout.splitlines()

    @property
    def errors(self) -> list[str]:
        return self.result.stderr.splitlines()


@dataclass
class Job:
    root: Path
    args: list[str]
    watch: str = "generated"


def _prepare(base: Path, factory: pytest.TempPathFactory) -> dict[str, Job]:
    def clone() -> Path:
        root = factory.mktemp("clone") / "work"
        shutil.copytree(base, root, symlinks=True)
        return root

    jobs: dict[str, Job] = {}
    jobs["check_clean"] = Job(base, ["generate", "--check"], watch=".")

    root = clone()  # --check: one change, one addition, one removed package
    edit_yaml(root / "specs" / "face.yaml", set_face_description)
    (root / "generated" / "face" / "py.typed").unlink()
    (root / "specs" / "postman.yaml").unlink()
    jobs["check_dirty"] = Job(root, ["generate", "--check"])

    root = clone()  # --check where only a manifest is stale (made by another tool version)
    manifest = root / "generated" / "visma" / ".statusgen-manifest"
    manifest.write_text(
        re.sub(r"(?m)^tool \w+$", "tool " + "0" * 32, manifest.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    jobs["check_manifest"] = Job(root, ["generate", "--check"])

    root = clone()  # a second `generate -v` over an up-to-date tree with old mtimes
    age(root / "generated")
    jobs["rerun"] = Job(root, ["generate", "-v"])

    root = clone()  # specs removed and changed, hand-written and stale files around
    generated = root / "generated"
    for name, text in HAND_WRITTEN.items():
        (generated / name).write_text(text, encoding="utf-8")
    (generated / "face" / "old_module.py").write_text(
        f"{HEADER} from specs/face.yaml. Do not edit.\nX = 1\n", encoding="utf-8"
    )
    age(generated)
    (root / "specs" / "postman.yaml").unlink()  # its folder holds notes.py: stays
    (root / "specs" / "visma.yaml").unlink()  # its folder holds nothing else: goes
    edit_yaml(root / "specs" / "face.yaml", set_face_description)
    jobs["removal"] = Job(root, ["generate"])

    root = clone()  # a headerless file where statusgen wants to write
    (root / "generated" / "face" / "models.py").write_text("# my own models\n", "utf-8")
    (root / "generated" / "visma" / "py.typed").unlink()
    edit_yaml(root / "specs" / "visma.yaml", lambda d: d["info"].update(title="Renamed"))
    jobs["clobber"] = Job(root, ["generate", "specs/face.yaml", "specs/visma.yaml"])

    root = clone()  # one SPEC given: other packages are out of scope
    for package in ("face", "visma"):
        (root / "generated" / package / "old_module.py").write_text(
            f"{HEADER} from specs/{package}.yaml. Do not edit.\n", encoding="utf-8"
        )
    jobs["one_spec"] = Job(root, ["generate", "specs/face.yaml"])

    root = clone()  # one broken spec among good ones: nothing may be written
    edit_yaml(root / "specs" / "face.yaml", set_face_description)
    edit_yaml(root / "specs" / "visma.yaml", break_visma)
    age(root / "generated")
    jobs["broken"] = Job(root, ["generate"])
    jobs["validate_broken"] = Job(root, ["validate"], watch=".")

    # another cwd depth, --out, starting from specs/ only
    deep = factory.mktemp("other") / "a" / "much" / "deeper" / "checkout"
    shutil.copytree(base / "specs", deep / "specs")
    jobs["elsewhere"] = Job(deep, ["generate", "--out", "build/pkgs"], watch=".")

    configured = {  # [tool.statusgen] in pyproject.toml
        "config_generate": ["generate"],
        "config_validate": ["validate"],
        "config_out": ["generate", "--out", "cli"],
    }
    for name, args in configured.items():
        root = factory.mktemp("config")
        (root / "api").mkdir()
        shutil.copy2(base / "specs" / "face.yaml", root / "api" / "face.yaml")
        (root / "pyproject.toml").write_text(
            '[project]\nname = "x"\n\n[tool.statusgen]\nspecs = "api"\nout = "build/gen"\n',
            encoding="utf-8",
        )
        jobs[name] = Job(root, args, watch=".")

    jobs["validate_all"] = Job(base, ["validate"], watch=".")
    jobs["validate_one"] = Job(base, ["validate", "specs/face.yaml"], watch=".")
    for spec in ENTRY_SPECS:
        jobs[f"ir {spec}"] = Job(base, ["ir", spec], watch=".")
    return jobs


@pytest.fixture(scope="module")
def runs(base: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """Every scenario, run once (the read-only ones share `base`; they all run after every
    snapshot is taken, and the jobs that share a directory only read it)."""
    jobs = _prepare(base, tmp_path_factory)
    before = {name: snapshot(job.root / job.watch) for name, job in jobs.items()}
    results = {name: run_cli(job.args, job.root) for name, job in jobs.items()}
    found = {}
    for name, job in jobs.items():
        result = results[name]
        assert "Traceback" not in result.stderr, (name, result.stderr)
        found[name] = Run(job.root, before[name], snapshot(job.root / job.watch), result)
    return found


# --- generate / --check -----------------------------------------------------------------------


def test_generate_makes_a_package_per_spec(base: Path) -> None:
    generated = base / "generated"
    assert sorted(p.name for p in generated.iterdir()) == PACKAGES
    for package in PACKAGES:
        for name in ("__init__.py", "models.py", "py.typed"):
            text = (generated / package / name).read_text(encoding="utf-8")
            assert text.startswith(HEADER), f"{package}/{name} lacks the header"


def test_check_after_generate_is_silent(runs: dict[str, Run]) -> None:
    run = runs["check_clean"]
    assert run.result.returncode == 0
    assert run.result.stdout == ""
    assert run.result.stderr == ""
    assert run.after == run.before


def test_check_reports_a_changed_description(runs: dict[str, Run]) -> None:
    run = runs["check_dirty"]
    assert run.result.returncode == 1, run.result.stderr
    assert "would change generated/face/models.py" in run.lines
    assert any(line.startswith("+") and MARKER in line for line in run.lines), run.lines
    assert any(line.startswith("-") and "Operation status object" in line for line in run.lines)
    changed = [line for line in run.lines if line.startswith("would change ")]
    assert all(line.startswith("would change generated/face/") for line in changed), changed


def test_check_is_green_when_only_a_manifest_is_stale(runs: dict[str, Run]) -> None:
    """A manifest records how the output was made (fingerprints, cached pieces): one made by
    another statusgen, over the same generated files, is no reason to fail CI."""
    run = runs["check_manifest"]
    assert run.result.returncode == 0, run.result.stdout + run.result.stderr
    assert run.result.stdout == "" and run.result.stderr == ""
    assert run.after == run.before


def test_check_names_changed_code_with_a_diff_and_never_a_manifest(
    runs: dict[str, Run],
) -> None:
    run = runs["check_dirty"]
    assert not [line for line in run.lines if ".statusgen-manifest" in line]
    assert not any(re.match(r"^[-+](tool|input|output) ", line) for line in run.lines)
    # Diff headers name the file as the user sees it from the repository, as git does.
    assert "--- a/generated/face/models.py" in run.lines
    assert "+++ b/generated/face/models.py" in run.lines


def test_check_names_added_and_removed_files(base: Path, runs: dict[str, Run]) -> None:
    run = runs["check_dirty"]
    assert run.result.returncode == 1
    assert "would add generated/face/py.typed" in run.lines
    postman = [n for n in generated_files(base, "postman") if not n.endswith("-manifest")]
    assert len(postman) >= 4
    for name in postman:
        assert f"would remove generated/{name}" in run.lines
    others = [line for line in run.lines if line.startswith(("would add ", "would remove "))]
    assert sorted(others) == sorted(
        ["would add generated/face/py.typed", *(f"would remove generated/{n}" for n in postman)]
    )


def test_check_writes_nothing(runs: dict[str, Run]) -> None:
    assert runs["check_dirty"].after == runs["check_dirty"].before


def test_second_generate_rewrites_nothing(runs: dict[str, Run]) -> None:
    run = runs["rerun"]
    assert run.result.returncode == 0
    assert run.result.stdout == ""
    assert run.after == run.before


def test_removed_spec_removes_its_generated_files(base: Path, runs: dict[str, Run]) -> None:
    run = runs["removal"]
    assert run.result.returncode == 0, run.result.stderr
    gone = sorted(set(run.before) - set(run.after))
    expected = ["face/old_module.py", "visma", *generated_files(base, "postman"),
                *generated_files(base, "visma")]
    assert gone == sorted(expected)
    assert sorted(set(run.after) - set(run.before)) == []


def test_stale_package_directory_is_removed(runs: dict[str, Run]) -> None:
    assert not (runs["removal"].root / "generated" / "visma").exists()


def test_headerless_files_are_never_touched(runs: dict[str, Run]) -> None:
    run = runs["removal"]
    for name in HAND_WRITTEN:
        assert run.after.get(name) == run.before[name], f"{name} was touched"
    postman = run.root / "generated" / "postman"
    assert sorted(p.name for p in postman.iterdir()) == ["notes.py"]


def test_only_changed_files_are_rewritten(runs: dict[str, Run]) -> None:
    run = runs["removal"]
    changed = sorted(
        k for k in run.after if run.after[k] != run.before[k] and run.after[k][0] == "file"
    )
    assert "face/models.py" in changed
    assert all(k.startswith("face/") for k in changed), changed
    models = run.root / "generated" / "face" / "models.py"
    assert MARKER in models.read_text(encoding="utf-8")


def test_headerless_file_where_statusgen_writes_is_refused(runs: dict[str, Run]) -> None:
    run = runs["clobber"]
    assert run.result.returncode == 2, (run.result.stdout, run.result.stderr)
    assert run.errors == [
        "generated/face/models.py: #: exists and was not generated by statusgen; "
        "refusing to overwrite it"
    ]
    assert run.after == run.before


def test_failed_run_leaves_output_as_it_was(runs: dict[str, Run]) -> None:
    run = runs["broken"]
    assert run.result.returncode == 2
    assert run.errors == [
        "specs/visma.yaml:136:5: #/components/schemas/ZzBroken: unknown type 'strng'"
    ]
    assert run.after == run.before


def test_generate_one_spec_leaves_other_packages_alone(runs: dict[str, Run]) -> None:
    run = runs["one_spec"]
    assert run.result.returncode == 0, run.result.stderr
    assert "face/old_module.py" not in run.after
    assert {k: v for k, v in run.after.items() if not k.startswith("face/")} == {
        k: v for k, v in run.before.items() if not k.startswith("face/")
    }


def test_out_writes_only_under_out(runs: dict[str, Run]) -> None:
    run = runs["elsewhere"]
    assert run.result.returncode == 0
    outside = {k: v for k, v in run.after.items() if k != "build" and not k.startswith("build/")}
    assert outside == run.before
    assert sorted(p.name for p in (run.root / "build").iterdir()) == ["pkgs"]
    assert sorted(p.name for p in (run.root / "build" / "pkgs").iterdir()) == PACKAGES


def test_output_is_the_same_for_any_cwd(base: Path, runs: dict[str, Run]) -> None:
    first = contents(base / "generated")
    second = contents(runs["elsewhere"].root / "build" / "pkgs")
    assert sorted(second) == sorted(first)
    for name in first:
        assert second[name] == first[name], f"{name} differs between runs"


@pytest.mark.slow
def test_output_is_the_same_for_any_hash_seed(base: Path, tmp_path: Path) -> None:
    """A process of its own: the hash seed is fixed when the interpreter starts. `base` was
    generated in this process, under another seed (a random one, unless PYTHONHASHSEED is
    set: then the child's seed is a different one)."""
    seed = "1" if os.environ.get("PYTHONHASHSEED") == "0" else "0"
    shutil.copytree(base / "specs", tmp_path / "specs")
    done = run_process(["generate", "--out", "out"], tmp_path, {"PYTHONHASHSEED": seed})
    assert done.returncode == 0, done.stderr
    assert contents(tmp_path / "out") == contents(base / "generated")


def test_no_absolute_path_in_generated_files(base: Path) -> None:
    forbidden = {str(base), base.name, str(REPO), str(Path.home()), "pytest-of-"}
    absolute = re.compile(r"(?<![\w.:/])/(?:tmp|home|root|work|Users|var|private)/")
    for name, data in contents(base / "generated").items():
        text = data.decode("utf-8")
        for needle in forbidden:
            assert needle not in text, f"{needle!r} appears in {name}"
        assert not absolute.search(text), f"an absolute path appears in {name}"


# --- configuration ----------------------------------------------------------------------------


def test_pyproject_sets_specs_and_out(runs: dict[str, Run]) -> None:
    run = runs["config_generate"]
    assert run.result.returncode == 0, run.result.stderr
    assert not (run.root / "generated").exists()
    assert sorted(p.name for p in (run.root / "build" / "gen").iterdir()) == ["face"]
    models = run.root / "build" / "gen" / "face" / "models.py"
    assert models.read_text(encoding="utf-8").startswith(
        f"{HEADER} from api/face.yaml. Do not edit."
    )


def test_pyproject_out_is_overridden_by_the_command_line(runs: dict[str, Run]) -> None:
    run = runs["config_out"]
    assert run.result.returncode == 0, run.result.stderr
    assert (run.root / "cli" / "face" / "models.py").is_file()
    assert not (run.root / "build").exists()


def test_pyproject_specs_is_used_by_validate(runs: dict[str, Run]) -> None:
    run = runs["config_validate"]
    assert run.result.returncode == 0, run.result.stderr
    assert run.result.stderr == ""
    assert run.after == run.before


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ('specs = "specs"\noutput = "x"\n',
         "pyproject.toml:3:1: tool.statusgen.output: unknown key 'output'"),
        ("out = 3\n", "pyproject.toml:2:1: tool.statusgen.out: must be a non-empty string"),
    ],
    ids=["unknown-key", "not-a-string"],
)
def test_pyproject_bad_config_is_exit_2(tmp_path: Path, table: str, expected: str) -> None:
    (tmp_path / "specs").mkdir()
    shutil.copy2(REPO / "specs" / "face.yaml", tmp_path / "specs" / "face.yaml")
    (tmp_path / "pyproject.toml").write_text(f"[tool.statusgen]\n{table}", encoding="utf-8")
    for command in (["generate"], ["validate"]):
        result = run_cli(command, tmp_path)
        assert "Traceback" not in result.stderr
        assert result.returncode == 2, result.stderr
        assert result.stderr.splitlines() == [expected]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pyproject.toml", "specs"]


# --- ir / validate / help ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def irs(runs: dict[str, Run]) -> dict[str, dict[str, Any]]:
    """`statusgen ir SPEC` of every entry spec, decoded."""
    found = {}
    for spec in ENTRY_SPECS:
        found[spec] = json.loads(ok(runs[f"ir {spec}"].result).stdout)
    return found


def test_ir_prints_json_with_model_names(irs: dict[str, dict[str, Any]]) -> None:
    data = irs["specs/face.yaml"]
    assert data["kind"] == "Package"
    assert data["name"] == "face"
    assert data["spec_path"] == "specs/face.yaml"
    models = {m["name"]: m for m in data["models"]}
    assert "OperationStatus" in models
    assert models["OperationStatus"]["status"]["state"] == ["status"]
    assert "OperationStatusType" in [e["name"] for e in data["enums"]]
    synapse = irs["specs/synapse/openapi.yaml"]
    assert synapse["name"] == "synapse"
    assert "AsynchronousJobStatus" in [m["name"] for m in synapse["models"]]


def test_ir_of_a_bad_spec_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("- not a mapping\n", encoding="utf-8")
    result = run_cli(["ir", "bad.yaml"], tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == ["bad.yaml:1:1: #: top level must be a mapping"]


def test_validate_good_specs(runs: dict[str, Run]) -> None:
    for name in ("validate_all", "validate_one"):
        run = runs[name]
        assert run.result.returncode == 0, (name, run.result.stderr)
        assert run.result.stdout == "" and run.result.stderr == ""
        assert run.after == run.before


def test_validate_bad_specs(runs: dict[str, Run]) -> None:
    run = runs["validate_broken"]
    assert run.result.returncode == 2
    assert run.errors == [
        "specs/visma.yaml:136:5: #/components/schemas/ZzBroken: unknown type 'strng'"
    ]


def test_help(tmp_path: Path) -> None:
    result = ok(run_cli(["--help"], tmp_path))
    assert result.stdout.startswith("usage: statusgen")
    for command in ("generate", "validate", "ir"):
        assert command in result.stdout
    generate_help = ok(run_cli(["generate", "--help"], tmp_path)).stdout
    for option in ("--out", "--check", "-v"):
        assert option in generate_help


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], None),
        (["frobnicate"], None),
        (["generate"], "statusgen: no SPEC given and no specs/ directory"),
        (["validate"], "statusgen: no SPEC given and no specs/ directory"),
    ],
    ids=["no-command", "unknown-command", "generate-no-specs", "validate-no-specs"],
)
def test_usage_errors_are_exit_2(tmp_path: Path, args: list[str], expected: str | None) -> None:
    result = run_cli(args, tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    if expected is not None:
        assert result.stderr.splitlines() == [expected]
    assert list(tmp_path.iterdir()) == []


# --- -v ---------------------------------------------------------------------------------------


def test_verbose_names_each_status_model_and_its_state(
    runs: dict[str, Run], irs: dict[str, dict[str, Any]]
) -> None:
    run = runs["rerun"]
    assert run.result.returncode == 0
    expected = set()
    for package in irs.values():
        for model in package["models"]:
            if model["status"] is not None:
                state = ".".join(model["status"]["state"])
                expected.add(f"{package['name']}.{model['name']}: state={state}")
    for name, state in KNOWN_STATUS_MODELS.items():
        assert f"{name}: state={state}" in expected
    status_lines = [line for line in run.errors if re.match(r"^\w+\.\w+: ", line)]
    assert len(status_lines) == len(expected), run.errors
    for prefix in expected:
        assert any(line.startswith(prefix + " ") for line in status_lines), (prefix, run.errors)
    assert re.fullmatch(r"0 added, 0 changed, 0 removed, \d+ unchanged", run.errors[-1])


def test_an_interrupt_while_a_class_is_made_exits_130(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Ctrl+C that lands while a module being imported makes a dataclass reaches `main` as
    a RuntimeError on Python 3.11 (`__set_name__` wraps it): it is still an interruption,
    exit 130, never an internal error."""
    from statusgen.ui import cli

    class Interrupting:
        def __set_name__(self, owner: type, name: str) -> None:
            raise KeyboardInterrupt

    def generate(*_: object) -> int:
        type("Made", (), {"field": Interrupting()})
        return 0

    monkeypatch.setattr(cli, "_generate", generate)
    shutil.copytree(REPO / "specs", tmp_path / "specs")
    result = run_cli(["generate"], tmp_path)
    assert (result.returncode, result.stderr) == (130, "statusgen: interrupted\n")


def test_a_profiled_run_still_writes_its_profile(tmp_path: Path) -> None:
    """The entry point ends a finished process without the interpreter's teardown, except
    under a profiler or tracer, which write what they gathered as the interpreter exits. A
    process of its own: that is where the exit happens."""
    done = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", "run.prof", "-m", "statusgen", "--version"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("statusgen ")
    assert pstats.Stats(str(tmp_path / "run.prof")).total_calls > 0
