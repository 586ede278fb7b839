"""The validator's findings kept in the cache directory (`statusgen.validation.cache`): a spec
validated before is not validated again, any change to what validation reads is validated
anew, warnings are replayed as they were printed, and an entry that is not exactly what this
module writes is a miss."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import SPECS, run_cli
from statusgen.output import servers
from statusgen.spec_error import SpecError
from statusgen.validation import findings as validation
from statusgen.validation import process as validating

WARNED = """\
openapi: 3.0.3
info: {title: Warned, version: "1"}
tags: [{name: a}, {name: a}]
paths:
  /jobs/{id}:
    get:
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Job"}
components:
  schemas:
    Job:
      type: object
      required: [status]
      properties:
        status: {type: string, enum: [running, succeeded, failed]}
"""


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "warned.yaml").write_text(WARNED, encoding="utf-8")
    shutil.copy(SPECS / "face.yaml", tmp_path / "specs" / "face.yaml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("STATUSGEN_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


@pytest.fixture
def validated(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The specs handed to the validator, in this process (no child: calls are visible)."""
    calls: list[str] = []
    real = validation.validate

    def counting(spec: validation.Spec, *args: object) -> list[SpecError]:
        calls.append(spec.display)
        return real(spec, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(validating, "validate", counting)
    monkeypatch.setattr(servers, "fork_available", lambda: False)
    return calls


def entries(work: Path) -> list[Path]:
    return sorted(p for p in (work / "cache" / "validation").rglob("*") if p.is_file())


def test_a_spec_validated_before_is_not_validated_again(work: Path, validated: list[str]) -> None:
    first = run_cli(["generate", "--out", "first"], work)
    assert first.returncode == 0, first.stderr
    assert sorted(validated) == ["specs/face.yaml", "specs/warned.yaml"]
    assert len(entries(work)) == 2
    second = run_cli(["generate", "--out", "second"], work)
    assert second.returncode == 0
    assert sorted(validated) == ["specs/face.yaml", "specs/warned.yaml"]  # no new call
    assert "warning:" in first.stderr and second.stderr == first.stderr.replace("first", "second")


def test_an_edited_document_is_validated_again(work: Path, validated: list[str]) -> None:
    assert run_cli(["generate", "--out", "first"], work).returncode == 0
    spec = work / "specs" / "warned.yaml"
    spec.write_text(WARNED.replace('version: "1"', 'version: "2"'), encoding="utf-8")
    assert run_cli(["generate", "--out", "second"], work).returncode == 0
    assert sorted(validated) == ["specs/face.yaml", "specs/warned.yaml", "specs/warned.yaml"]


def test_a_cached_error_is_still_an_error(work: Path, validated: list[str]) -> None:
    spec = work / "specs" / "warned.yaml"
    spec.write_text(WARNED.replace("enum: [running", "default: 3, enum: [running"), "utf-8")
    first = run_cli(["generate", "--out", "out"], work)
    second = run_cli(["generate", "--out", "out"], work)
    assert first.returncode == second.returncode == 2
    assert second.stderr == first.stderr and "default" in first.stderr
    assert validated.count("specs/warned.yaml") == 1
    assert not (work / "out").exists()


def test_no_cache_neither_reads_nor_writes_and_force_only_writes(
    work: Path, validated: list[str]
) -> None:
    assert run_cli(["generate", "--out", "a", "--no-cache"], work).returncode == 0
    assert not (work / "cache" / "validation").exists() and len(validated) == 2
    assert run_cli(["generate", "--out", "b"], work).returncode == 0
    assert run_cli(["generate", "--out", "c", "--force"], work).returncode == 0
    assert len(validated) == 6 and len(entries(work)) == 2


@pytest.mark.parametrize(
    "tamper",
    [
        lambda e: {**e, "key": "0" * 32},
        lambda e: {**e, "format": "statusgen-findings 0"},
        lambda e: {**e, "findings": [["f", "#", "m", "fatal", 1, 1, ""]]},
        lambda e: {**e, "findings": [["f", "#", "m", "warning", -1, 1, ""]]},
        lambda e: {**e, "findings": "none"},
        lambda e: [],
    ],
    ids=["other-key", "other-format", "bad-severity", "bad-line", "bad-shape", "not-an-object"],
)
def test_an_entry_not_as_written_is_a_miss(
    work: Path, validated: list[str], tamper: object
) -> None:
    assert run_cli(["generate", "--out", "first"], work).returncode == 0
    for entry in entries(work):
        entry.write_text(json.dumps(tamper(json.loads(entry.read_text()))))  # type: ignore[operator]
    second = run_cli(["generate", "--out", "second"], work)
    assert second.returncode == 0 and len(validated) == 4


def test_what_broke_while_validating_is_not_kept(
    work: Path, validated: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object) -> list[SpecError]:
        raise RuntimeError("validator bug")

    with monkeypatch.context() as patch:
        patch.setattr(validating, "validate", broken)
        first = run_cli(["generate", "--out", "first"], work)
    # the run goes on, warned, on statusgen's own checks
    assert first.returncode == 0, first.stderr
    assert "warning: the OpenAPI validator failed: RuntimeError: validator bug; " in first.stderr
    assert "the spec was not validated" in first.stderr
    assert entries(work) == []
    assert run_cli(["generate", "--out", "second"], work).returncode == 0


def test_the_validating_process_starts_before_reading_only_when_nothing_is_cached(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Started with the run when no finding is cached (it imports the validator meanwhile);
    not at all when every spec's findings are; after loading, for the one edited spec, when
    others are cached. (These specs are small: here they count as large.)"""
    from statusgen import pipeline

    monkeypatch.setattr(validating, "SEPARATE_BYTES", 0)
    events: list[str] = []
    start, send, load = servers.Validator.__init__, servers.Validator.send, pipeline.load

    def starting(self: servers.Validator) -> None:
        events.append("start")
        start(self)

    def sending(self: servers.Validator, specs: list[validation.Spec]) -> None:
        events.append("send " + " ".join(spec.display for spec in specs))
        send(self, specs)

    def loading(path: Path, *args: object) -> validation.Spec:
        events.append("load")
        return load(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(servers.Validator, "__init__", starting)
    monkeypatch.setattr(servers.Validator, "send", sending)
    monkeypatch.setattr(pipeline, "load", loading)
    assert run_cli(["generate", "--out", "first"], work).returncode == 0
    assert events == ["start", "load", "load", "send specs/face.yaml specs/warned.yaml"]
    events.clear()
    assert run_cli(["generate", "--out", "second"], work).returncode == 0
    assert events == ["load", "load"]
    events.clear()
    spec = work / "specs" / "warned.yaml"
    spec.write_text(WARNED.replace('version: "1"', 'version: "2"'), encoding="utf-8")
    assert run_cli(["generate", "--out", "third"], work).returncode == 0
    assert events == ["load", "load", "start", "send specs/warned.yaml"]


def test_small_specs_are_validated_here_once_the_validator_is_loaded_with_the_same_findings(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Below `SEPARATE_BYTES`, a process that holds the validator already validates in itself:
    a fork would cost more than the validation. One that does not yet (a user's run) starts
    the validating process, whose import then overlaps the reading. Above it, the process
    starts either way. What is found is the same every way."""
    started: list[bool] = []
    start = servers.Validator.__init__

    def starting(self: servers.Validator) -> None:
        start(self)
        started.append(self.process is not None)

    monkeypatch.setattr(servers.Validator, "__init__", starting)
    monkeypatch.setattr(validating, "validator_loaded", lambda: True)
    here = run_cli(["generate", "--out", "here", "--no-cache"], work)
    assert here.returncode == 0 and started == []
    assert "warning" in here.stderr
    monkeypatch.setattr(validating, "validator_loaded", lambda: False)
    first = run_cli(["generate", "--out", "first", "--no-cache"], work)
    assert first.returncode == 0 and started == [True]
    monkeypatch.setattr(validating, "validator_loaded", lambda: True)
    monkeypatch.setattr(validating, "SEPARATE_BYTES", 0)
    beside = run_cli(["generate", "--out", "beside", "--no-cache"], work)
    assert beside.returncode == 0 and started == [True, True]
    assert first.stderr == beside.stderr == here.stderr
    assert validating.size_of([]) == 0


def test_a_validating_process_with_nothing_to_do_is_stopped_at_once() -> None:
    import time

    with servers.Validator() as validator:
        process = validator.process
    started = time.monotonic()
    process.join(timeout=5)
    assert not process.is_alive() and time.monotonic() - started < 1


def test_library_versions_are_what_importlib_metadata_says() -> None:
    """The cache's program key reads versions from dist-info folder names, sparing a cold run
    importlib.metadata; they must be the versions it would have given."""
    from importlib import metadata

    from statusgen.validation.cache import LIBRARIES
    from statusgen.validation.settings import installed_versions

    assert installed_versions(LIBRARIES) == {name: metadata.version(name) for name in LIBRARIES}


def test_a_spec_that_fails_to_parse_is_not_waited_for(work: Path, validated: list[str]) -> None:
    """Its parse errors are all a run shows of it, so the validator's answer is not awaited
    (a broken 10,000-schema spec is refused that much sooner); beside a spec that parses, it
    still answers, for both."""
    to = "#/components/schemas/M"
    chain = "".join(
        f"    M{i}: {{type: object, properties: {{next: {{$ref: '{to}{i + 1}'}}}}}}\n"
        for i in range(120)
    )
    broken = WARNED + chain + "    M120: {type: string}\n"
    (work / "specs" / "broken.yaml").write_text(broken, encoding="utf-8")
    result = run_cli(["generate", "specs/broken.yaml", "--out", "out", "--models", "all"], work)
    assert result.returncode == 2 and "nested more than 100 levels" in result.stderr
    assert "Duplicate tag" not in result.stderr and validated == [], result.stderr
    both = run_cli(
        ["generate", "specs/broken.yaml", "specs/warned.yaml", "--out", "out", "--models", "all"],
        work,
    )
    assert both.returncode == 2 and "nested more than 100 levels" in both.stderr
    assert validated == ["specs/broken.yaml", "specs/warned.yaml"]


def test_an_optional_library_that_changes_the_checks_is_another_program(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With rfc3987 importable, jsonschema checks uri formats it passed before: findings
    cached without it are not read back."""
    import importlib.util

    from statusgen.validation import cache

    before = cache._program.__wrapped__()  # type: ignore[attr-defined]
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: real("json") if name == "rfc3987" else real(name, *a),
    )
    assert cache._program.__wrapped__() != before  # type: ignore[attr-defined]
