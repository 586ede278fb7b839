"""Status semantics as a function, in-process: hand-built models and enums in, `Decision` and
poller plans out — no spec file, no parser."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from statusgen import ir, status
from statusgen.input.load import Location
from statusgen.parser.names import NameRegistry

AT = Location(Path("api.yaml"), ("components", "schemas", "Job"))
EXT = AT.child("x-statusgen")
SOURCE = ir.Source("api.yaml", "#")


def fld(wire: str, type_: ir.TypeRef, py: str | None = None, required: bool = True) -> ir.Field:
    return ir.Field(
        py_name=py or wire,
        wire_name=wire,
        type=type_,
        required=required,
        description=None,
        read_only=False,
        path_segment="." + wire,
    )


def model(name: str, *fields: ir.Field) -> ir.Model:
    return ir.Model(name, None, fields, ir.ExtraProperties("keep"), SOURCE)


def enum(name: str, *values: str) -> ir.EnumType:
    members = tuple(ir.EnumMember(v.upper().replace(" ", "_"), v) for v in values)
    return ir.EnumType(name, None, members, SOURCE)


STR = ir.PrimitiveType("str")
STATE = enum("JobState", "queued", "running", "Succeeded", "TIMED_OUT", "cancelled")
KIND = enum("JobKind", "done", "failed")  # state words, but not named like a state


def schemas(*models: ir.Model, unions: dict[str, list[str]] | None = None) -> status.Schemas:
    return status.Schemas(
        models={m.name: m for m in models},
        enums={e.name: e for e in (STATE, KIND)},
        union_variants=unions or {},
    )


def job(*extra: ir.Field) -> ir.Model:
    return model(
        "Job",
        fld("kind", ir.EnumRef("JobKind")),
        fld("jobState", ir.EnumRef("JobState"), py="job_state"),
        fld("message", STR, required=False),
        *extra,
    )


def decide(node: Any, *models: ir.Model, **kwargs: Any) -> status.Decision:
    extensions = {} if node is None else {"Job": (EXT, node)}
    return status.decide(schemas(*models, **kwargs), extensions)


def errors(node: Any, *models: ir.Model) -> list[str]:
    decision = decide(node, *models)
    assert "Job" not in decision.semantics
    return [f"{e.pointer}: {e.message}" for e in decision.errors]


# --- inference -----------------------------------------------------------------------------


def test_inference_prefers_a_field_named_like_a_state_and_sorts_its_words() -> None:
    decision = decide(None, job())
    semantics = decision.semantics["Job"]
    assert semantics.origin == "inferred"
    assert semantics.state == ("job_state",) and semantics.state_enum == "JobState"
    assert semantics.success_values == ("Succeeded",)
    assert semantics.failure_values == ("TIMED_OUT",)
    assert semantics.canceled_values == ("cancelled",)
    assert semantics.error == ("message",)
    assert decision.errors == ()


def test_inference_needs_a_success_and_a_failure_word() -> None:
    only_success = enum("JobKind", "done", "running")
    decision = status.decide(
        status.Schemas({"Job": job()}, {"JobKind": only_success, "JobState": enum("JobState")}, {}),
        {},
    )
    assert decision.semantics == {} and decision.errors == ()


def test_state_members_come_from_the_first_model_whose_state_the_enum_holds() -> None:
    decision = decide(None, job())
    members = decision.state_members(STATE)
    assert members == status.StateMembers(
        success=("SUCCEEDED",), failure=("TIMED_OUT",), canceled=("CANCELLED",)
    )
    assert decision.state_members(KIND) == status.StateMembers()


# --- the extension -------------------------------------------------------------------------


def test_extension_paths_accept_wire_or_attribute_names_through_models_and_unions() -> None:
    error = model("Error", fld("detail", STR))
    outer = job(fld("result", ir.UnionRef("Outcome", "parse_outcome"), required=False))
    node = {
        "state": "jobState",
        "success": ["Succeeded"],
        "error": "result.detail",
        "progress": {"message": "message"},
    }
    semantics = decide(node, outer, error, unions={"Outcome": ["Error"]}).semantics["Job"]
    assert semantics.origin == "extension"
    assert semantics.state == ("job_state",)
    assert semantics.success_values == ("Succeeded",) and semantics.failure_values == ()
    assert semantics.error == ("result", "detail")
    assert semantics.progress.message == ("message",)


def test_a_wire_name_wins_over_an_attribute_name() -> None:
    flags = model("Job", fld("A", ir.PrimitiveType("bool"), py="a"), fld("a", STR, py="a_2"))
    node = {"state": "a", "terminal": ["x"], "outcome": {"path": "A", "failure_if_present": True}}
    semantics = decide(node, flags).semantics["Job"]
    assert semantics.state == ("a_2",) and semantics.outcome == ir.StatusOutcome(
        ("a",), failure_if_present=True
    )


def test_extension_without_state_takes_the_inferred_one() -> None:
    semantics = decide({"result": "message"}, job()).semantics["Job"]
    assert semantics.state == ("job_state",) and semantics.success_values == ("Succeeded",)
    assert semantics.result == ("message",)


def test_boolean_state_with_an_outcome_threshold() -> None:
    done = model("Job", fld("done", ir.PrimitiveType("bool")), fld("code", ir.PrimitiveType("int")))
    node = {"state": "done", "outcome": {"path": "code", "failure_min": 400}}
    semantics = decide(node, done).semantics["Job"]
    assert semantics.state_is_bool and semantics.state_enum is None
    assert semantics.outcome == ir.StatusOutcome(("code",), failure_min=400.0)


def test_terminal_values_qualified_by_an_enum_outcome() -> None:
    node = {
        "state": "jobState",
        "terminal": ["Succeeded"],
        "outcome": {"path": "kind", "success": ["done"], "failure": ["failed"]},
    }
    semantics = decide(node, job()).semantics["Job"]
    assert semantics.qualified_values == ("Succeeded",)
    assert semantics.outcome == ir.StatusOutcome(
        ("kind",), success_values=("done",), failure_values=("failed",)
    )


# --- errors --------------------------------------------------------------------------------


def test_unknown_keys_and_dangling_paths_are_reported_together() -> None:
    node = {"stat": "x", "error": "nope", "progress": {"now": "message", "total": "gone"}}
    assert errors(node, job()) == [
        "#/components/schemas/Job/x-statusgen/stat: unknown key 'stat'",
        "#/components/schemas/Job/x-statusgen/progress/now: unknown key 'now'",
        "#/components/schemas/Job/x-statusgen/error: path 'nope' does not exist in Job",
        "#/components/schemas/Job/x-statusgen/progress/total: path 'gone' does not exist in Job",
    ]


@pytest.mark.parametrize(
    ("node", "expected"),
    [
        ([], "x-statusgen: x-statusgen must be a mapping"),
        ({"state": "message", "success": [1]}, "x-statusgen/success: must be a list of strings"),
        (
            {"state": "jobState", "success": ["finished"]},
            "x-statusgen/success/0: 'finished' is not one of the state's enum values",
        ),
        (
            {"state": "jobState", "terminal": ["Succeeded"]},
            "x-statusgen/terminal: 'terminal' values need an 'outcome'",
        ),
        (
            {"state": "jobState", "success": ["Succeeded"], "outcome": {"path": "kind"}},
            "x-statusgen/outcome: outcome needs exactly one of failure_min, "
            "failure_if_present, or success/failure lists",
        ),
        (
            {
                "state": "jobState",
                "success": ["Succeeded"],
                "outcome": {"path": "kind", "failure_if_present": True},
            },
            "x-statusgen/outcome: 'outcome' needs 'terminal' values it decides",
        ),
        (
            {"state": "jobState", "terminal": ["x"], "outcome": {"path": "kind", "failure_min": 1}},
            "x-statusgen/terminal/0: 'x' is not one of the state's enum values",
        ),
        (
            {
                "state": "jobState",
                "terminal": ["Succeeded"],
                "outcome": {"path": "kind", "failure_min": 1},
            },
            "x-statusgen/outcome/path: failure_min needs a numeric field",
        ),
        (
            {"state": "message", "failure": ["bad"]},
            "x-statusgen: no terminal state: give 'success' or 'terminal' values",
        ),
        (
            {"state": "kind", "success": ["done"], "progress": []},
            "x-statusgen/progress: progress must be a mapping",
        ),
    ],
)
def test_a_wrong_extension_is_one_error_at_its_pointer(node: Any, expected: str) -> None:
    assert errors(node, job()) == ["#/components/schemas/Job/" + expected]


def test_a_boolean_state_takes_no_value_lists() -> None:
    done = model("Job", fld("done", ir.PrimitiveType("bool")))
    assert errors({"state": "done", "success": ["true"]}, done) == [
        "#/components/schemas/Job/x-statusgen/success: "
        "a boolean state takes no value lists; use 'outcome'"
    ]


def test_a_state_must_be_a_string_enum_or_boolean() -> None:
    listed = model("Job", fld("steps", ir.ArrayType(STR)))
    assert errors({"state": "steps", "success": ["x"]}, listed) == [
        "#/components/schemas/Job/x-statusgen/state: the state must be a string, enum or boolean"
    ]


def test_no_state_to_infer() -> None:
    plain = model("Job", fld("message", STR))
    assert errors({"success": ["x"]}, plain) == [
        "#/components/schemas/Job/x-statusgen: no state property could be inferred: give 'state'"
    ]


# --- the poller plan -----------------------------------------------------------------------


def endpoint(operation_id: str, path: str, *responses: tuple[str, str | None]) -> ir.Endpoint:
    return ir.Endpoint(
        operation_id=operation_id,
        py_name=operation_id,
        method="GET",
        path=path,
        parameters=(),
        responses=tuple(
            ir.Response(code, name, None, ir.ModelRef(name) if name else None)
            for code, name in responses
        ),
        role="get",
        status_model=None,
        description=None,
        source=SOURCE,
    )


def test_roles_and_plan_give_each_status_model_one_poller_with_names_from_the_registry() -> None:
    endpoints = [
        endpoint("getJob", "/jobs/{id}", ("200", "Job")),
        endpoint("getJobAgain", "/v2/jobs/{id}", ("200", "Job")),
        endpoint("cancelJob", "/jobs/{id}/cancel", ("200", None)),
        endpoint("getReport", "/reports/{id}", ("202", "Job"), ("200", "Report")),
        endpoint("listJobs", "/jobs", ("200", "JobList")),
    ]
    roles = status.roles(endpoints, {"Job"})
    assert [(r.name, r.status_model) for r in roles] == [
        ("status", "Job"),
        ("status", "Job"),
        ("cancel", None),
        ("result", "Job"),
        ("get", None),
    ]
    names = NameRegistry()
    names.reserve(["Job", "JobPoller"])
    planned = status.plan(endpoints, roles, names.pollers)
    assert planned == (
        status.PlannedPoller(
            "JobPoller2", "AsyncJobPoller2", "Job", 0, None, "/cancel", cancel_method="GET"
        ),
        status.PlannedPoller(
            "GetReportPoller", "AsyncGetReportPoller", "Job", 3, ir.ModelRef("Report"), None
        ),
    )


@pytest.mark.parametrize(
    ("cancels", "expected"),
    [
        ([("POST", "/predictions/{prediction_id}/cancel")], ("/cancel", "POST")),
        ([("PUT", "/jobs/{other}:cancel")], (":cancel", "PUT")),
        ([("DELETE", "/jobs/{jobId}")], ("", "DELETE")),
        ([("DELETE", "/jobs/{jobId}"), ("POST", "/jobs/{id}/cancel")], ("/cancel", "POST")),
        ([("POST", "/jobs/{id}/children/cancel")], (None, "POST")),
        ([("DELETE", "/jobs")], (None, "POST")),
    ],
)
def test_a_cancel_operation_beside_the_status_resource_gives_the_poller_cancel(
    cancels: list[tuple[str, str]], expected: tuple[str | None, str]
) -> None:
    """POST|PUT `.../cancel` or `:cancel` beside the status path (whatever its parameters are
    called), else a DELETE of the status path itself; the suffix is what `cancel()` adds."""
    status_path = "/jobs/{id}" if "jobs" in cancels[0][1] else "/predictions/{id}"
    assert status.pollers.cancel_of(status_path, cancels) == expected


def test_describe_says_every_decision_in_one_line() -> None:
    """What `generate -v` prints for Visma's and Synapse's status models (the labels, the
    outcome rule and the dotted paths)."""
    from statusgen import pipeline

    visma = pipeline.build_package(ROOT / "specs" / "visma.yaml").package
    (model,) = visma.status_models
    assert model.status is not None
    assert model.status.describe() == (
        "state=status (extension) failure=Failed outcome-decided=Finished "
        "outcome=status_code >= 400 fails error=error_message result=content_location"
    )
    synapse = pipeline.build_package(ROOT / "specs" / "synapse" / "openapi.yaml").package
    (model,) = synapse.status_models
    assert model.status is not None
    assert model.status.describe() == (
        "state=job_state (extension) success=COMPLETE failure=FAILED progress=progress_current "
        "total=progress_total message=progress_message error=error_message"
    )
