"""The seven real API descriptions load: every `$ref` they follow resolves inside
their folder tree, within the reader's limits, and the validator finds no error in what is
generated (its other findings are warnings). Generating them is the parser's part.

Five are vendored in tests/fixtures/upstream/ (provenance in its README); GitHub's (3.7 MB)
and DigitalOcean's (2,850 files) are read from ../shared/realworld/ when it exists.

The validator's findings come as `statusgen generate` gets them: through the validation
cache of the test session (conftest's STATUSGEN_CACHE_DIR), keyed by every byte of the
spec's files, its overlays' paths and the validator's version. The packages the session
generates from the same files (`real_packages`) validate each once, whichever asks first.
"""

from __future__ import annotations

import functools
import importlib
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from conftest import REALWORLD, UPSTREAM, working_directory
from github_workflow_run import readme_overlay, workflow_run_get
from real_packages import RealPackages
from statusgen.input.load import Spec, load, resolve_all_refs
from statusgen.output.cache_dir import cache_root
from statusgen.spec_error import SpecError
from statusgen.ui.cli import main
from statusgen.validation.cache import ValidationCache
from statusgen.validation.process import Validation

SHARED = REALWORLD

# entry file -> the validator's warnings expected (pointer prefixes); none may be an error
VENDORED = {
    "azure-face-v1.0/Face/stable/v1.0/Face.json": [],
    "azure-textanalytics-v3.1/TextAnalytics.json": [],
    "openai-openapi-2024-05.yaml": [],
    "replicate-openapi.json": ["#/paths/~1models"],
    "google-speech-v1-apisguru.yaml": [],
}
LARGE = {
    "github-api.github.com.json": [],
    "digitalocean/DigitalOcean-public.v2.yaml": [],
}


@functools.cache
def loaded(folder: Path, entry: str) -> tuple[Spec, tuple[str, ...]]:
    """`entry` read from `folder` once for the module (two tests read DigitalOcean's 2,850
    files), every `$ref` followed: the spec and the refs that did not resolve."""
    with working_directory(folder):
        spec = load(Path(entry))
        return spec, tuple(resolve_all_refs(spec))


def findings(spec: Spec, overlays: Sequence[Path] = ()) -> list[SpecError]:
    """The validator's findings on `spec` (read from the working directory), from the
    session's validation cache or, on a miss, validated now and kept there."""
    validation = Validation([(spec, overlays)], ValidationCache(cache_root()))
    try:
        (found,) = validation.errors()
    finally:
        validation.stop()
    assert isinstance(found, list), found  # a str: the validator broke
    return found


def check_loads(
    folder: Path, entry: str, warnings: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(folder)
    spec, unresolved = loaded(folder, entry)
    assert unresolved == ()
    found = findings(spec)
    assert [f for f in found if not f.is_warning] == []
    assert [f.pointer for f in found] == warnings, [str(f) for f in found]


@pytest.mark.parametrize("entry", sorted(VENDORED))
def test_vendored_real_spec_loads_and_validates(
    entry: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    check_loads(UPSTREAM, entry, VENDORED[entry], monkeypatch)


def need_shared() -> None:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent: the large real specs are not vendored")


@pytest.mark.parametrize("entry", sorted(LARGE))
def test_large_real_spec_loads_and_validates(entry: str, monkeypatch: pytest.MonkeyPatch) -> None:
    need_shared()
    started = time.monotonic()
    check_loads(SHARED, entry, LARGE[entry], monkeypatch)
    assert time.monotonic() - started < 60


def test_digitalocean_operations_by_ref_are_reached_each_file_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    need_shared()
    monkeypatch.chdir(SHARED)
    spec, unresolved = loaded(SHARED, "digitalocean/DigitalOcean-public.v2.yaml")
    assert unresolved == ()
    at, operation = spec.follow(
        spec.entry.child("paths", "/v2/actions/{action_id}", "get"),
        spec.root["paths"]["/v2/actions/{action_id}"]["get"],
    )
    assert operation["operationId"] == "actions_get"
    assert at.file.name == "actions_get.yml"
    assert len(spec.documents) > 1000  # and each of them was read once: a dict keyed by file


def test_the_readme_overlay_applies_to_githubs_workflow_run(
    real_packages: RealPackages, monkeypatch: pytest.MonkeyPatch
) -> None:
    need_shared()
    overlay = real_packages.overlay_file(readme_overlay())  # the generated package's
    monkeypatch.chdir(SHARED)
    spec = load(Path("github-api.github.com.json"), [overlay])
    run = spec.root["components"]["schemas"]["workflow-run"]
    assert "in_progress" in run["properties"]["status"]["enum"]
    assert run["properties"]["status"]["nullable"] is True  # merged, not replaced
    assert run["x-statusgen"]["terminal"] == ["completed"]
    assert [f for f in findings(spec, [overlay]) if not f.is_warning] == []


def test_the_readme_overlay_makes_a_workflow_run_poller(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """End to end on GitHub's own workflow-run status fields and endpoint, cut down."""
    nullable = {"type": "string", "nullable": True}
    run = {
        "type": "object",
        "required": ["id", "status", "conclusion"],
        "properties": {"id": {"type": "integer"}, "status": nullable, "conclusion": nullable},
    }
    get = workflow_run_get()
    spec = {
        "openapi": "3.0.3",
        "info": {"title": "GitHub v3 REST API", "version": "1.1.4"},
        "paths": {"/repos/{owner}/{repo}/actions/runs/{run_id}": {"get": get}},
        "components": {"schemas": {"workflow-run": run}},
    }
    monkeypatch.chdir(tmp_path)
    (tmp_path / "github_runs.json").write_text(json.dumps(spec), encoding="utf-8")
    (tmp_path / "overlay.yaml").write_text(readme_overlay(), encoding="utf-8")
    args = ["generate", "github_runs.json", "--out", "out", "--overlay", "overlay.yaml"]
    assert main(args) == 0, capsys.readouterr().err
    monkeypatch.syspath_prepend(str(tmp_path / "out"))
    package = importlib.import_module("github_runs")
    try:
        assert hasattr(package, "WorkflowRunPoller") and hasattr(package, "AsyncWorkflowRunPoller")
        model = package.WorkflowRun
        running = model.from_dict({"id": 1, "status": "in_progress", "conclusion": None})
        failed = model.from_dict({"id": 1, "status": "completed", "conclusion": "failure"})
        passed = model.from_dict({"id": 1, "status": "completed", "conclusion": "success"})
        assert not running.is_terminal
        assert failed.is_terminal and failed.is_failure
        assert passed.is_terminal and passed.is_success
    finally:
        for name in [m for m in sys.modules if m.split(".")[0] == "github_runs"]:
            del sys.modules[name]
