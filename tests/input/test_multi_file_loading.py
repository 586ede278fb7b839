"""Loading what real multi-file specs are written for, in-process on tiny
specs in tmp_path: `$ref` wherever it stands, data that only looks like a `$ref`, refs kept in
the run's folder tree, redefined YAML anchors, fragments without `info` or `paths`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from statusgen.errors import SpecErrors
from statusgen.input import documents
from statusgen.input.load import load, resolve_all_refs
from statusgen.ui.cli import main

STATUS_SCHEMA = {
    "type": "object",
    "required": ["status"],
    "properties": {
        "status": {"type": "string", "enum": ["running", "succeeded", "failed"]},
        "id": {"type": "string"},
    },
}


def write(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = data if isinstance(data, str) else json.dumps(data)
    path.write_text(text, encoding="utf-8")
    return path


def spec_with(paths: object, **extra: object) -> dict[str, object]:
    return {"openapi": "3.0.3", "info": {"title": "Jobs", "version": "1"}, "paths": paths, **extra}


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def generate(*args: str) -> int:
    return main(["generate", *args, "--out", "out"])


def test_an_operation_given_by_ref_into_another_folder_generates_its_poller(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """DigitalOcean's layout: path item -> operation file -> `../../shared` responses, a
    header by fragment, examples by `.//` paths, a tag description in another file."""
    write(work / "api" / "shared" / "headers.yml", "ratelimit-limit:\n  schema: {type: integer}\n")
    write(work / "api" / "shared" / "job.yml", json.dumps(STATUS_SCHEMA))
    write(work / "api" / "examples" / "job.json", {"status": "running", "id": "1"})
    write(
        work / "api" / "resources" / "jobs" / "jobs_get.yml",
        """
operationId: jobs_get
description: {$ref: '../../descriptions.yml#/jobs_get'}
parameters:
  - {name: job_id, in: path, required: true, schema: {type: string}}
responses:
  '200':
    description: the job
    headers:
      ratelimit-limit: {$ref: '../..//shared/headers.yml#/ratelimit-limit'}
    content:
      application/json:
        schema: {$ref: '../../shared//job.yml'}
        examples:
          running: {$ref: '../../examples/../examples/job.json'}
""",
    )
    write(work / "api" / "descriptions.yml", "jobs_get: Retrieve a job\ntags: All jobs\n")
    entry = spec_with(
        {"/jobs/{job_id}": {"get": {"$ref": "resources/jobs/jobs_get.yml"}}},
        tags=[{"name": "Jobs", "description": {"$ref": "descriptions.yml#/tags"}}],
    )
    write(work / "api" / "jobs.yaml", json.dumps(entry))

    assert generate("api/jobs.yaml") == 0, capsys.readouterr().err
    assert capsys.readouterr().err == ""
    source = (work / "out" / "jobs" / "__init__.py").read_text() + "".join(
        p.read_text() for p in (work / "out" / "jobs").glob("*.py")
    )
    assert "class JobPoller" in source and "class AsyncJobPoller" in source
    manifest = (work / "out" / "jobs" / ".statusgen-manifest").read_text()
    for name in ("api/resources/jobs/jobs_get.yml", "api/shared/job.yml", "api/shared/headers.yml"):
        assert f" {name}\n" in manifest


def test_each_reached_file_is_read_once(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(work / "shared.yml", json.dumps({"Job": STATUS_SCHEMA, "Other": {"type": "string"}}))
    refs = {f"J{i}": {"$ref": "shared.yml#/Job"} for i in range(20)}
    refs["O"] = {"$ref": "./shared.yml#/Other"}
    write(work / "spec.json", spec_with({}, components={"schemas": refs}))
    reads: list[Path] = []
    original = documents.read_document

    def counting(path: Path) -> object:
        reads.append(path)
        return original(path)

    monkeypatch.setattr("statusgen.input.load.read_document", counting)
    spec = load(work / "spec.json")
    assert resolve_all_refs(spec) == []
    assert [p.name for p in reads] == ["spec.json", "shared.yml"]


def test_dollar_ref_keys_that_are_data_are_left_alone(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """GitHub's description: a schema property named `$ref`, and example payloads holding
    `{"$ref": "https://..."}`; neither is followed (the remote one would be refused)."""
    remote = {"$ref": "https://api.github.com/scim/v2/Users/1"}
    schemas = {
        "group": {
            "type": "object",
            "properties": {
                "members": {
                    "type": "array",
                    "items": {"type": "object", "properties": {"$ref": {"type": "string"}}},
                },
            },
            "example": {"members": [remote]},
            "x-sample": remote,
        },
    }
    examples = {"group": {"value": {"members": [remote]}}}
    write(work / "spec.json", spec_with({}, components={"schemas": schemas, "examples": examples}))
    assert generate("spec.json") == 0, capsys.readouterr().err


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("https://example.com/job.yaml", "remote references are not supported"),
        (
            "../outside/job.yaml",
            "reaches ../outside/job.yaml, outside the folder tree of this run (the working "
            'directory): to allow it, set the tree with --root DIR (or root = "DIR" in '
            "[tool.statusgen])",
        ),
    ],
)
def test_remote_and_out_of_tree_refs_are_refused(
    work: Path, capsys: pytest.CaptureFixture[str], ref: str, message: str
) -> None:
    project = work / "project"
    write(work / "outside" / "job.yaml", json.dumps(STATUS_SCHEMA))
    write(project / "spec.json", spec_with({}, components={"schemas": {"Job": {"$ref": ref}}}))
    (project / "out").mkdir()
    import os

    os.chdir(project)
    assert generate("spec.json") == 2
    assert capsys.readouterr().err == (
        f"spec.json:1:105: #/components/schemas/Job: $ref {ref!r}"
        f"{':' if 'remote' in message else ''}"
        f" {message}\n"
    )
    assert list((project / "out").iterdir()) == []


def test_a_symlink_out_of_the_tree_is_refused(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(work.parent / f"{work.name}-secret.yaml", json.dumps(STATUS_SCHEMA))
    (work / "job.yaml").symlink_to(work.parent / f"{work.name}-secret.yaml")
    write(work / "spec.json", spec_with({}, components={"schemas": {"Job": {"$ref": "job.yaml"}}}))
    assert generate("spec.json") == 2
    assert "outside the folder tree of this run" in capsys.readouterr().err


def test_every_reached_file_is_read_within_the_limits(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bomb = "a: &a [" + ", ".join(["x"] * 999) + "]\nb: [" + ", ".join(["*a"] * 1002) + "]\n"
    write(work / "deep" / "bomb.yaml", bomb)
    write(work / "op.yaml", "responses: {'200': {$ref: 'deep/bomb.yaml#/a'}}\n")
    write(work / "spec.json", spec_with({"/x": {"get": {"$ref": "op.yaml"}}}))
    assert generate("spec.json") == 2
    assert capsys.readouterr().err == (
        "deep/bomb.yaml:1:1: #: YAML aliases expand to more than 1000000 extra nodes\n"
    )


def test_a_redefined_yaml_anchor_loads_and_the_later_definition_wins(tmp_path: Path) -> None:
    text = "a: &d first\nb: *d\nc: &d [second]\nd: *d\n"
    data = documents.read_document(write(tmp_path / "anchors.yaml", text))
    assert data == {"a": "first", "b": "first", "c": ["second"], "d": ["second"]}


def test_a_redefined_anchor_keeps_the_alias_limits(tmp_path: Path) -> None:
    items = ", ".join(["x"] * 999)
    text = f"z: &a x\na: &a [{items}]\nb: [" + ", ".join(["*a"] * 1002) + "]\n"
    with pytest.raises(SpecErrors) as caught:
        documents.read_document(write(tmp_path / "bomb.yaml", text))
    assert [e.message for e in caught.value.errors] == [
        f"YAML aliases expand to more than {documents.MAX_ALIAS_NODES} extra nodes"
    ]


def test_a_fragment_without_info_or_paths_generates(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fragment = {"openapi": "3.0.3", "components": {"schemas": {"Job": STATUS_SCHEMA}}}
    write(work / "job_status.yaml", json.dumps(fragment))
    assert generate("job_status.yaml") == 0, capsys.readouterr().err
    assert capsys.readouterr().err == ""
    assert (work / "out" / "job_status" / "__init__.py").is_file()


def test_yaml_booleans_are_yaml_1_2s(tmp_path: Path) -> None:
    """DigitalOcean's droplet status enum is `[new, active, off, archive]`: `off` is text."""
    text = "enum: [new, active, off, archive, yes, no, on, y]\nflags: [true, false, True, FALSE]\n"
    assert documents.read_document(write(tmp_path / "droplet.yml", text)) == {
        "enum": ["new", "active", "off", "archive", "yes", "no", "on", "y"],
        "flags": [True, False, True, False],
    }


def test_properties_given_by_ref_into_another_file(
    work: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """DigitalOcean's load balancer: `properties: {$ref: 'attributes.yml#/droplet_ids'}`."""
    write(
        work / "attributes.yml",
        "droplet_ids:\n  droplet_ids: {type: array, items: {type: integer}}\n",
    )
    model = {"type": "object", "properties": {"$ref": "attributes.yml#/droplet_ids"}}
    write(work / "spec.json", spec_with({}, components={"schemas": {"Balancer": model}}))
    assert generate("spec.json") == 0, capsys.readouterr().err
    assert "droplet_ids: " in (work / "out" / "spec" / "models.py").read_text()


def test_an_entry_outside_the_working_directory_keeps_to_its_own_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    write(tmp_path / "api" / "models" / "job.yaml", json.dumps(STATUS_SCHEMA))
    write(tmp_path / "secret.yaml", json.dumps(STATUS_SCHEMA))
    inside = {"Job": {"$ref": "models/job.yaml"}}
    write(tmp_path / "api" / "spec.json", spec_with({}, components={"schemas": inside}))
    assert main(["generate", str(tmp_path / "api" / "spec.json"), "--out", "out"]) == 0
    outside = {"Job": {"$ref": "../secret.yaml"}}
    write(tmp_path / "api" / "spec.json", spec_with({}, components={"schemas": outside}))
    capsys.readouterr()
    assert main(["generate", str(tmp_path / "api" / "spec.json"), "--out", "out"]) == 2
    err = capsys.readouterr().err
    assert "$ref '../secret.yaml' in ../api/spec.json reaches ../secret.yaml" in err
    assert "outside the folder tree of this run (../api/)" in err and "--root DIR" in err
    # --root widens the tree; remote references stay refused whatever it says.
    capsys.readouterr()
    spec = str(tmp_path / "api" / "spec.json")
    assert main(["generate", spec, "--out", "out", "--root", ".."]) == 0, capsys.readouterr().err
