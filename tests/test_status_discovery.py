"""Status discovery on the shapes real APIs publish, and which schemas a package holds.

In-process: small inline specs written to tmp_path, parsed with the real loader and parser or
generated with `statusgen.ui.cli.main`. The pollers themselves run over HTTP in
test_status_pollers_http.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from statusgen import ir
from statusgen.errors import SpecErrors
from statusgen.input.load import load
from statusgen.options import Selection
from statusgen.parser.parse import parse
from statusgen.status import words
from statusgen.ui.cli import main


def write(tmp_path: Path, document: dict[str, Any], name: str = "api.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


def build(tmp_path: Path, document: dict[str, Any], models: Selection = "status") -> ir.Package:
    return parse(load(write(tmp_path, document)), models=models)


def spec(schemas: dict[str, Any], paths: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {"title": "T", "version": "1"},
        "paths": paths or {},
        "components": {"schemas": schemas},
    }


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def get(schema: dict[str, Any], op: str = "getJob", media: str = "application/json") -> Any:
    return {
        "get": {
            "operationId": op,
            "parameters": [
                {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
            ],
            "responses": {"200": {"description": "ok", "content": {media: {"schema": schema}}}},
        }
    }


def status_of(package: ir.Package, name: str) -> ir.StatusSemantics:
    found = next(m for m in package.models if m.name == name).status
    assert found is not None, f"{name} is not a status model"
    return found


def state(values: list[str], prop: str = "status", **extra: Any) -> dict[str, Any]:
    return {"type": "object", "properties": {prop: {"type": "string", "enum": values}, **extra}}


# --- words -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "split", "meaning"),
    [
        ("ValidationFailed", ("validation", "failed"), "failure"),  # Azure Translator
        ("DeleteFailed", ("delete", "failed"), "failure"),
        ("TIMED_OUT", ("timed", "out"), "failure"),
        ("timed-out", ("timed", "out"), "failure"),
        ("errored", ("errored",), "failure"),  # DigitalOcean
        ("expired", ("expired",), "failure"),  # OpenAI Batch
        ("Cancelled", ("cancelled",), "canceled"),
        ("canceled", ("canceled",), "canceled"),
        ("cancelling", ("cancelling",), "progress"),
        ("canceling", ("canceling",), "progress"),
        ("CANCELLATION_REQUESTED", ("cancellation", "requested"), "progress"),
        ("notStarted", ("not", "started"), "progress"),
        ("in-progress", ("in", "progress"), "progress"),
        ("InProgress", ("in", "progress"), "progress"),
        ("finalizing", ("finalizing",), "progress"),
        ("completed", ("completed",), "success"),
        ("JobCompleted", ("job", "completed"), "success"),
        ("SUCCEEDED", ("succeeded",), "success"),
        ("partiallySucceeded", ("partially", "succeeded"), "success"),
        ("PartiallyCompleted", ("partially", "completed"), "success"),
        ("PartiallyFailed", ("partially", "failed"), "success"),
        ("succeededWithErrors", ("succeeded", "with", "errors"), "success"),
        ("Queued", ("queued",), "progress"),
    ],
)
def test_state_words_in_every_case_style(value: str, split: tuple[str, ...], meaning: str) -> None:
    assert words.split_words(value) == split
    assert words.meaning(value) == meaning


# --- discovery -------------------------------------------------------------------------------


def test_validation_failed_is_a_terminal_failure(tmp_path: Path) -> None:
    document = spec({"Batch": state(["NotStarted", "Running", "Succeeded", "ValidationFailed"])})
    semantics = status_of(build(tmp_path, document, "all"), "Batch")
    assert semantics.failure_values == ("ValidationFailed",)
    assert semantics.success_values == ("Succeeded",)


def test_mixed_outcomes_succeed_and_cancelling_keeps_polling(tmp_path: Path) -> None:
    values = ["notStarted", "running", "partiallySucceeded", "succeededWithErrors", "failed"]
    values += ["cancelling", "CANCELLATION_REQUESTED", "cancelled"]
    semantics = status_of(build(tmp_path, spec({"Job": state(values)}), "all"), "Job")
    assert semantics.success_values == ("partiallySucceeded", "succeededWithErrors")
    assert semantics.failure_values == ("failed",)
    assert semantics.canceled_values == ("cancelled",)


@pytest.mark.parametrize("prop", ["status", "state", "jobState", "provisioningState", "job_state"])
def test_job_and_resource_state_names(tmp_path: Path, prop: str) -> None:
    document = spec(
        {
            "Job": state(
                ["queued", "in-progress", "completed", "errored"],
                prop,
                kind={"type": "string", "enum": ["done", "failed"]},
            )
        }
    )
    semantics = status_of(build(tmp_path, document, "all"), "Job")
    assert semantics.state != ("kind",)  # a field named like a state wins
    assert semantics.success_values == ("completed",)
    assert semantics.failure_values == ("errored",)


def test_status_found_through_nested_all_of(tmp_path: Path) -> None:
    """Text Analytics: AnalyzeJobState = allOf[AnalyzeJobMetadata = allOf[JobMetadata, ...]]."""
    statuses = ["notStarted", "running", "succeeded", "failed", "cancelled", "cancelling"]
    document = spec(
        {
            "JobMetadata": {
                "type": "object",
                "required": ["jobId", "status"],
                "properties": {
                    "jobId": {"type": "string"},
                    "status": {"type": "string", "enum": statuses},
                },
            },
            "AnalyzeJobMetadata": {
                "allOf": [ref("JobMetadata"), {"properties": {"displayName": {"type": "string"}}}]
            },
            "AnalyzeJobState": {
                "allOf": [
                    ref("AnalyzeJobMetadata"),
                    {"properties": {"tasks": {"type": "object"}}},
                ]
            },
        },
        {"/analyze/jobs/{id}": get(ref("AnalyzeJobState"), "AnalyzeStatus")},
    )
    package = build(tmp_path, document)
    semantics = status_of(package, "AnalyzeJobState")
    assert semantics.state == ("status",) and semantics.canceled_values == ("cancelled",)
    assert [p.model for p in package.pollers] == ["AnalyzeJobState"]


def test_google_longrunning_done_and_error(tmp_path: Path) -> None:
    document = spec(
        {
            "Status": {
                "type": "object",
                "properties": {"code": {"type": "integer"}, "message": {"type": "string"}},
            },
            "Operation": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "done": {"type": "boolean"},
                    "error": {**ref("Status"), "description": "the error, if any"},
                    "response": {"type": "object", "additionalProperties": {}},
                },
            },
        },
        {"/v1/operations/{name}": get(ref("Operation"), "operations.get", "*/*")},
    )
    package = build(tmp_path, document)
    semantics = status_of(package, "Operation")
    assert semantics.state == ("done",) and semantics.state_is_bool
    assert semantics.outcome == ir.StatusOutcome(("error",), failure_if_present=True)
    assert semantics.error == ("error", "message")
    assert [p.model for p in package.pollers] == ["Operation"]


def test_a_state_without_enum_is_not_inferred(tmp_path: Path) -> None:
    """GitHub's workflow-run: `status` is a plain string; an overlay adds the enum."""
    document = spec(
        {"workflow-run": {"type": "object", "properties": {"status": {"type": "string"}}}},
        {"/runs/{id}": get(ref("workflow-run"))},
    )
    package = build(tmp_path, document)
    assert package.pollers == () and all(m.status is None for m in package.models)


def test_wrapped_status_gets_a_poller_that_unwraps(tmp_path: Path) -> None:
    """DigitalOcean answers `{"action": {...}}`, with `properties` but no `type: object`."""
    action = state(["in-progress", "completed", "errored"], id={"type": "integer"})
    document = spec(
        {"action": action},
        {"/v2/actions/{id}": get({"properties": {"action": ref("action")}}, "actions_get")},
    )
    package = build(tmp_path, document)
    (poller,) = package.pollers
    assert poller.model == "Action" and poller.unwrap == "action"
    assert poller.endpoint.path == "/v2/actions/{id}"


# --- Azure long-running operations -------------------------------------------------------------


def azure(headers: list[str], via: str | None = None) -> dict[str, Any]:
    options = {"x-ms-long-running-operation-options": {"final-state-via": via}} if via else {}
    start = {
        "post": {
            "operationId": "start",
            "x-ms-long-running-operation": True,
            **options,
            "responses": {
                "202": {
                    "description": "accepted",
                    "headers": {h: {"schema": {"type": "string"}} for h in headers},
                }
            },
        }
    }
    return spec(
        {"Op": state(["running", "succeeded", "failed"])},
        {"/jobs": start, "/operations/{id}": get(ref("Op"))},
    )


@pytest.mark.parametrize(
    ("headers", "via", "expected"),
    [
        (["Azure-AsyncOperation", "Location"], None, "Azure-AsyncOperation"),
        (["Location"], None, "Location"),
        (["Operation-Location"], None, None),  # the runtime reads it first anyway
        ([], "azure-async-operation", "Azure-AsyncOperation"),
        ([], None, None),
    ],
)
def test_azure_lro_status_header(
    tmp_path: Path, headers: list[str], via: str | None, expected: str | None
) -> None:
    (poller,) = build(tmp_path, azure(headers, via)).pollers
    assert poller.status_header == expected


# --- transport ---------------------------------------------------------------------------------


@pytest.mark.parametrize("media", ["*/*", "application/problem+json", "application/json"])
def test_json_like_content_types(tmp_path: Path, media: str) -> None:
    document = spec({"Op": state(["running", "done", "failed"])}, {"/ops/{id}": get(ref("Op"))})
    document["paths"]["/ops/{id}"]["get"]["responses"]["200"]["content"] = {
        media: {"schema": ref("Op")}
    }
    assert [p.model for p in build(tmp_path, document).pollers] == ["Op"]


def test_reserved_expansion_and_colon_paths(tmp_path: Path) -> None:
    document = spec(
        {"Op": state(["running", "done", "failed"])},
        {"/v1/{id}:wait": get(ref("Op"))},
    )
    parameter = document["paths"]["/v1/{id}:wait"]["get"]["parameters"][0]
    parameter["x-reservedExpansion"] = True
    (poller,) = build(tmp_path, document).pollers
    assert poller.endpoint.path == "/v1/{id}:wait" and poller.keep_slashes == ("id",)


@pytest.mark.parametrize(
    ("path", "keeps"),
    [
        ("/v1/{id}", ("id",)),
        ("/v1beta2/{id}:wait", ("id",)),
        ("/v1/jobs/{id}", ()),
        ("/api/{id}", ()),
    ],
)
def test_a_version_then_one_parameter_is_a_resource_name(
    tmp_path: Path, path: str, keeps: tuple[str, ...]
) -> None:
    document = spec({"Op": state(["running", "done", "failed"])}, {path: get(ref("Op"))})
    (poller,) = build(tmp_path, document).pollers
    assert poller.keep_slashes == keeps


def test_x_ms_paths_with_a_query_string(tmp_path: Path) -> None:
    document = {
        "swagger": "2.0",
        "info": {"title": "T", "version": "1"},
        "paths": {},
        "x-ms-paths": {
            "/ops/{id}?view=full": {
                "get": {
                    "operationId": "GetOp",
                    "parameters": [
                        {"name": "id", "in": "path", "required": True, "type": "string"}
                    ],
                    "responses": {
                        "200": {"description": "ok", "schema": {"$ref": "#/definitions/Op"}}
                    },
                }
            }
        },
        "definitions": {"Op": state(["running", "succeeded", "failed"])},
    }
    (poller,) = build(tmp_path, document).pollers
    assert poller.endpoint.path == "/ops/{id}?view=full"


# --- selection ---------------------------------------------------------------------------------


def selection_spec() -> dict[str, Any]:
    schemas = {
        "Job": state(
            ["running", "succeeded", "failed"],
            detail=ref("Detail"),
            kind=ref("Kind"),
            items={"type": "array", "items": ref("Item")},
        ),
        "Detail": {"type": "object", "properties": {"note": {"type": "string"}}},
        "Kind": {"type": "string", "enum": ["a", "b"]},
        "Item": {"oneOf": [ref("Detail"), ref("Other")]},
        "Other": {"type": "object", "properties": {"x": {"type": "integer"}}},
        "Result": {"type": "object", "properties": {"url": {"type": "string"}}},
        "Cancelled": {"type": "object", "properties": {"ok": {"type": "boolean"}}},
        "Region": {"type": "string", "enum": ["eu", "us"]},
        "Unrelated": {"type": "object", "properties": {"y": {"type": "string"}}},
        "Accepted": {"type": "object", "properties": {"statusLocation": {"type": "string"}}},
        "Broken": {"type": "object", "properties": {"z": {"type": "strin"}}},
    }
    job = get(ref("Job"))
    job["get"]["parameters"].append({"name": "region", "in": "query", "schema": ref("Region")})
    result = get(ref("Result"), "getResult")
    result["get"]["responses"]["202"] = {
        "description": "running",
        "content": {"application/json": {"schema": ref("Job")}},
    }
    return spec(
        schemas,
        {
            "/jobs/{id}": job,
            "/jobs/{id}/cancel": get(ref("Cancelled"), "cancelJob"),
            "/results/{id}": result,
            "/things/{id}": get(ref("Unrelated"), "getThing"),
        },
    )


def names(package: ir.Package) -> set[str]:
    return (
        {m.name for m in package.models}
        | {e.name for e in package.enums}
        | {u.name for u in package.unions}
    )


def test_status_selection_is_the_closure_of_status_result_and_cancel(tmp_path: Path) -> None:
    document = selection_spec()
    del document["components"]["schemas"]["Broken"]
    package = build(tmp_path, document)
    assert names(package) == {
        "Job", "JobStatus", "Detail", "Kind", "Item", "Other", "Result", "Cancelled", "Region",
        "Accepted",
    }  # fmt: skip
    assert [p.name for p in package.pollers] == ["JobPoller", "GetResultPoller"]
    assert {e.operation_id for e in package.endpoints} == {"getJob", "cancelJob", "getResult"}
    everything = build(tmp_path, document, "all")
    assert names(everything) == names(package) | {"Unrelated"}


def test_errors_in_unselected_schemas_do_not_block(tmp_path: Path) -> None:
    package = build(tmp_path, selection_spec())
    assert "Broken" not in names(package)
    with pytest.raises(SpecErrors, match="unknown type 'strin'"):
        build(tmp_path, selection_spec(), "all")
    with pytest.raises(SpecErrors, match="unknown type 'strin'"):
        build(tmp_path, selection_spec(), ("Broken",))


def test_validator_findings_in_unselected_schemas_are_warnings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    """The validator's findings and the parser's errors are judged by one rule: a problem
    inside a schema the package does not hold does not stop the run (the validator's is
    shown as a warning); once the schema is selected, it does."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path, selection_spec(), "jobs.yaml")
    assert main(["generate", "jobs.yaml", "--out", "a"]) == 0
    warned = capsys.readouterr().err
    assert "#/components/schemas/Broken/properties/z/type: warning: 'strin' is not one" in warned
    assert "class Job(" in generated_classes(tmp_path / "a", "jobs")
    assert main(["generate", "jobs.yaml", "--out", "b", "--models", "Broken"]) == 2
    assert "Broken/properties/z: unknown type 'strin'" in capsys.readouterr().err
    assert main(["generate", "jobs.yaml", "--out", "c", "--strict"]) == 2
    assert "#/components/schemas/Broken/properties/z/type: 'strin'" in capsys.readouterr().err
    assert not (tmp_path / "b").exists() and not (tmp_path / "c").exists()


def test_a_list_selects_those_schemas_and_their_references(tmp_path: Path) -> None:
    document = selection_spec()
    assert names(build(tmp_path, document, ("Item",))) == {"Item", "Detail", "Other"}
    package = build(tmp_path, document, ("Job", "Unrelated"))
    assert "Unrelated" in names(package) and "Result" in names(package)
    assert "Cancelled" in names(package)
    with pytest.raises(SpecErrors, match="'Nope', which is not a schema of this spec"):
        build(tmp_path, document, ("Nope",))


def test_a_spec_without_status_models_keeps_every_schema(tmp_path: Path) -> None:
    document = spec(
        {"A": {"type": "object", "properties": {"b": ref("B")}}, "B": {"type": "string"}}
    )
    document["components"]["schemas"]["C"] = {
        "type": "object",
        "properties": {"c": {"type": "string"}},
    }
    assert names(build(tmp_path, document)) == {"A", "C"}


def generated_classes(out: Path, package: str) -> str:
    return (out / package / "models.py").read_text(encoding="utf-8")


def test_models_option_and_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    document = selection_spec()
    del document["components"]["schemas"]["Broken"]
    write(tmp_path, document, "jobs.yaml")
    assert main(["generate", "jobs.yaml", "--out", "a"]) == 0
    assert "class Unrelated" not in generated_classes(tmp_path / "a", "jobs")
    assert main(["generate", "jobs.yaml", "--out", "b", "--models", "all"]) == 0
    assert "class Unrelated" in generated_classes(tmp_path / "b", "jobs")
    assert main(["generate", "jobs.yaml", "--out", "c", "--models", "Other"]) == 0
    models = generated_classes(tmp_path / "c", "jobs")
    assert "class Other" in models and "class Job" not in models
    (tmp_path / "pyproject.toml").write_text(
        '[tool.statusgen]\nmodels = ["Unrelated"]\n', encoding="utf-8"
    )
    assert main(["generate", "jobs.yaml", "--out", "d"]) == 0
    assert "class Unrelated" in generated_classes(tmp_path / "d", "jobs")
    # the manifest records the selection: switching back regenerates
    assert main(["generate", "jobs.yaml", "--out", "d", "--models", "status"]) == 0
    assert "class Unrelated" not in generated_classes(tmp_path / "d", "jobs")


def test_bad_models_values(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, selection_spec(), "jobs.yaml")
    assert main(["generate", "jobs.yaml", "--models", ","]) == 2
    assert "--models takes" in capsys.readouterr().err
    (tmp_path / "pyproject.toml").write_text("[tool.statusgen]\nmodels = 3\n", encoding="utf-8")
    assert main(["generate", "jobs.yaml"]) == 2
    assert "pyproject.toml:2:1: tool.statusgen.models: must be" in capsys.readouterr().err
    assert not (tmp_path / "generated").exists()


def test_a_wrong_extension_is_an_error_even_on_an_unselected_schema(tmp_path: Path) -> None:
    document = selection_spec()
    del document["components"]["schemas"]["Broken"]
    document["components"]["schemas"]["Unrelated"]["x-statusgen"] = {"state": "nope"}
    with pytest.raises(SpecErrors, match="x-statusgen/state: path 'nope' does not exist"):
        build(tmp_path, document)


def test_a_listed_name_is_a_component_key_not_an_inline_property(tmp_path: Path) -> None:
    document = selection_spec()
    inline = {"type": "object", "properties": {"deep": {"type": "string"}}}
    document["components"]["schemas"]["Unrelated"]["properties"]["Other"] = inline
    assert names(build(tmp_path, document, ("Other",))) == {"Other"}
    assert names(build(tmp_path, document, ("UnrelatedOther",))) == {"UnrelatedOther"}
