"""The generated `postman` package (GetStatusOfAnAsyncTask, Postman v10 API Builder tasks).

Covers both shapes of the `details` oneOf (told apart by key, no discriminator), the enum member
for `api-version`, status semantics with the failure message at `details.error.message`,
validation errors with their JSON paths and the package contract.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from postman import (
    UNSET,
    GetStatusOfAnAsyncTask,
    GetStatusOfAnAsyncTaskDetails1,
    GetStatusOfAnAsyncTaskDetails1Resources,
    GetStatusOfAnAsyncTaskDetails2,
    GetStatusOfAnAsyncTaskDetails2Error,
    GetStatusOfAnAsyncTaskMeta,
    GetStatusOfAnAsyncTaskMetaAction,
    GetStatusOfAnAsyncTaskMetaModel,
    GetStatusOfAnAsyncTaskStatus,
    ValidationError,
)

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ROOT / "generated"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "payloads" / "postman"

ALL_FIXTURES = sorted(p.stem for p in FIXTURES.glob("*.json"))

FAILED_MESSAGE = (
    "Unable to sync the collection with the schema: the schema is not valid OpenAPI 3.0."
)


def load(name: str) -> Any:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def strict(value: Any) -> str:
    """JSON text that tells 1, 1.0 and True apart and ignores key order."""
    return json.dumps(value, sort_keys=True)


def assert_same_json(got: Any, expected: Any) -> None:
    assert got == expected
    assert strict(got) == strict(expected)


def parse(data: Any) -> GetStatusOfAnAsyncTask:
    return GetStatusOfAnAsyncTask.from_dict(data)


def error_of(data: Any) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        GetStatusOfAnAsyncTask.from_dict(data)
    err = info.value
    assert isinstance(err, ValueError)
    return err


# --- fixtures: parse and round trip -----------------------------------------------------------


def test_fixture_set_is_the_documented_one() -> None:
    assert set(ALL_FIXTURES) == {
        "completed_empty_resources",
        "completed_resources",
        "failed_error",
        "pending",
    }


@pytest.mark.parametrize("name", ALL_FIXTURES)
def test_fixture_fields(name: str) -> None:
    body = load(name)
    model = parse(body)
    assert model.id == body["id"]
    assert model.status == body["status"]
    assert isinstance(model.status, GetStatusOfAnAsyncTaskStatus)
    assert isinstance(model.meta, GetStatusOfAnAsyncTaskMeta)


@pytest.mark.parametrize("name", ALL_FIXTURES)
def test_round_trip_keeps_the_details_shape(name: str) -> None:
    model = parse(load(name))
    again = GetStatusOfAnAsyncTask.from_dict(model.to_dict())
    assert type(again.details) is type(model.details)


def test_pending_has_no_details_and_writes_none() -> None:
    model = parse(load("pending"))
    assert model.details is UNSET
    assert "details" not in model.to_dict()


def test_created_and_updated_at_are_plain_strings() -> None:
    model = parse(load("pending"))
    assert model.created_at == "2024-02-12T09:31:55Z"
    assert type(model.created_at) is str
    assert model.updated_at == "2024-02-12T09:31:55Z"
    # Not date-times: any string is kept as is.
    odd = parse({"createdAt": "12 Feb 2024, 09:31", "updatedAt": ""})
    assert odd.created_at == "12 Feb 2024, 09:31"
    assert odd.updated_at == ""
    assert_same_json(odd.to_dict(), {"createdAt": "12 Feb 2024, 09:31", "updatedAt": ""})


def test_empty_object_is_a_valid_task() -> None:
    model = parse({})
    assert model.id is UNSET
    assert model.status is UNSET
    assert model.to_dict() == {}
    assert model.is_terminal is False


def test_explicit_nulls_are_kept() -> None:
    body = {
        "id": None,
        "meta": None,
        "status": None,
        "details": None,
        "createdAt": None,
        "updatedAt": None,
    }
    model = parse(body)
    assert model.details is None
    assert model.meta is None
    assert model.status is None
    assert_same_json(model.to_dict(), body)


# --- details: both shapes of the oneOf ----------------------------------------------------------


def test_details_with_resources_is_details1() -> None:
    model = parse(load("completed_resources"))
    details = model.details
    assert isinstance(details, GetStatusOfAnAsyncTaskDetails1)
    assert isinstance(details.resources, list)
    assert len(details.resources) == 3
    assert all(isinstance(r, GetStatusOfAnAsyncTaskDetails1Resources) for r in details.resources)
    assert [r.id for r in details.resources] == [
        "3563dc4e-0ad1-4e1c-aa43-2a4a1a3c3f5e",
        "b4bbd6a6-3c4e-4a77-8d17-6f6a9c9b5e21",
        "12345678-2f1e8c4a-7d0b-4e3f-9a6c-5b8d1e2f3a4b",
    ]
    assert details.resources[1].url == (
        "/apis/90ca9f5a-c4c4-11ed-afa1-0242ac120002/schemas/b4bbd6a6-3c4e-4a77-8d17-6f6a9c9b5e21"
    )


def test_empty_resources_is_still_details1() -> None:
    model = parse(load("completed_empty_resources"))
    assert isinstance(model.details, GetStatusOfAnAsyncTaskDetails1)
    assert model.details.resources == []
    assert model.to_dict()["details"] == {"resources": []}


def test_details_with_error_is_details2() -> None:
    model = parse(load("failed_error"))
    details = model.details
    assert isinstance(details, GetStatusOfAnAsyncTaskDetails2)
    assert isinstance(details.error, GetStatusOfAnAsyncTaskDetails2Error)
    assert details.error.message == FAILED_MESSAGE
    assert_same_json(model.to_dict()["details"], {"error": {"message": FAILED_MESSAGE}})


@pytest.mark.parametrize(
    ("details", "cls"),
    [
        ({"resources": None}, GetStatusOfAnAsyncTaskDetails1),
        ({"resources": [{}]}, GetStatusOfAnAsyncTaskDetails1),
        ({"resources": [], "note": "kept"}, GetStatusOfAnAsyncTaskDetails1),
        ({"error": None}, GetStatusOfAnAsyncTaskDetails2),
        ({"error": {}}, GetStatusOfAnAsyncTaskDetails2),
        ({"error": {"message": None, "code": 7}}, GetStatusOfAnAsyncTaskDetails2),
        ({"note": "kept", "error": {"message": "x"}}, GetStatusOfAnAsyncTaskDetails2),
    ],
)
def test_details_shape_is_chosen_by_its_key(details: dict[str, Any], cls: type) -> None:
    body = {"status": "completed", "details": details}
    model = parse(body)
    assert type(model.details) is cls
    assert_same_json(model.to_dict(), body)
    assert parse(model.to_dict()) == model


def test_unknown_keys_inside_nested_objects_are_kept() -> None:
    body = {
        "meta": {"url": "/x", "model": "collection", "action": "create", "workspace": "w1"},
        "details": {"resources": [{"id": "r", "url": "/r", "type": "schema"}]},
        "links": {"self": "/apis/a/tasks/t"},
    }
    model = parse(body)
    assert model.extra_properties == {"links": {"self": "/apis/a/tasks/t"}}
    assert isinstance(model.meta, GetStatusOfAnAsyncTaskMeta)
    assert model.meta.extra_properties == {"workspace": "w1"}
    assert isinstance(model.details, GetStatusOfAnAsyncTaskDetails1)
    assert isinstance(model.details.resources, list)
    assert model.details.resources[0].extra_properties == {"type": "schema"}
    assert_same_json(model.to_dict(), body)


# --- enums ------------------------------------------------------------------------------------


def test_meta_model_enum_member_for_api_version() -> None:
    assert GetStatusOfAnAsyncTaskMetaModel.API_VERSION.value == "api-version"
    assert GetStatusOfAnAsyncTaskMetaModel.API_VERSION == "api-version"
    assert [(m.name, m.value) for m in GetStatusOfAnAsyncTaskMetaModel] == [
        ("COLLECTION", "collection"),
        ("API_VERSION", "api-version"),
    ]
    model = parse(load("completed_resources"))
    assert isinstance(model.meta, GetStatusOfAnAsyncTaskMeta)
    assert model.meta.model is GetStatusOfAnAsyncTaskMetaModel.API_VERSION
    assert model.meta.action is GetStatusOfAnAsyncTaskMetaAction.CREATE
    assert model.meta.model.is_unknown is False


def test_other_enums() -> None:
    assert [(m.name, m.value) for m in GetStatusOfAnAsyncTaskMetaAction] == [
        ("UPDATE", "update"),
        ("CREATE", "create"),
    ]
    assert [(m.name, m.value) for m in GetStatusOfAnAsyncTaskStatus] == [
        ("PENDING", "pending"),
        ("FAILED", "failed"),
        ("COMPLETED", "completed"),
    ]
    model = parse(load("pending"))
    assert model.status is GetStatusOfAnAsyncTaskStatus.PENDING
    assert isinstance(model.meta, GetStatusOfAnAsyncTaskMeta)
    assert model.meta.action is GetStatusOfAnAsyncTaskMetaAction.CREATE


def test_unknown_enum_values_everywhere_parse_and_round_trip() -> None:
    body = {
        "status": "queued",
        "meta": {"model": "workspace", "action": "delete"},
    }
    model = parse(body)
    assert isinstance(model.status, GetStatusOfAnAsyncTaskStatus)
    assert model.status == "queued"
    assert model.status.is_unknown is True
    assert isinstance(model.meta, GetStatusOfAnAsyncTaskMeta)
    assert isinstance(model.meta.model, GetStatusOfAnAsyncTaskMetaModel)
    assert model.meta.model == "workspace"
    assert model.meta.model.is_unknown is True
    assert model.meta.action == "delete"
    assert isinstance(model.meta.action, GetStatusOfAnAsyncTaskMetaAction)
    assert model.meta.action.is_unknown is True
    assert_same_json(model.to_dict(), body)
    assert parse(model.to_dict()) == model


# --- status semantics -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "terminal", "success", "failure"),
    [
        ("pending", False, False, False),
        ("completed_resources", True, True, False),
        ("completed_empty_resources", True, True, False),
        ("failed_error", True, False, True),
    ],
)
def test_status_semantics_of_fixtures(
    name: str, terminal: bool, success: bool, failure: bool
) -> None:
    model = parse(load(name))
    assert model.is_terminal is terminal
    assert model.is_success is success
    assert model.is_failure is failure


def test_failure_message_comes_from_details_error_message() -> None:
    # specs/postman.yaml: x-statusgen error: details.error.message
    model = parse(load("failed_error"))
    assert model.failure_message == FAILED_MESSAGE


@pytest.mark.parametrize(
    "body",
    [
        load("pending"),
        load("completed_resources"),
        {"status": "failed"},
        {"status": "failed", "details": None},
        {"status": "failed", "details": {"error": None}},
        {"status": "failed", "details": {"error": {}}},
        {"status": "failed", "details": {"error": {"message": None}}},
        {"status": "failed", "details": {"resources": []}},
    ],
)
def test_failure_message_is_none_without_an_error_message(body: dict[str, Any]) -> None:
    assert parse(body).failure_message is None


@pytest.mark.parametrize(
    ("status", "terminal", "success", "failure"),
    [
        ("pending", False, False, False),
        ("completed", True, True, False),
        ("failed", True, False, True),
        ("queued", False, False, False),
        ("COMPLETED", False, False, False),
        (None, False, False, False),
    ],
)
def test_status_semantics_by_value(
    status: str | None, terminal: bool, success: bool, failure: bool
) -> None:
    model = parse({"status": status})
    assert model.is_terminal is terminal
    assert model.is_success is success
    assert model.is_failure is failure


def test_status_semantics_without_status() -> None:
    model = parse({"id": "t"})
    assert (model.is_terminal, model.is_success, model.is_failure) == (False, False, False)


@pytest.mark.parametrize(
    ("member", "terminal", "success", "failure"),
    [
        (GetStatusOfAnAsyncTaskStatus.PENDING, False, False, False),
        (GetStatusOfAnAsyncTaskStatus.COMPLETED, True, True, False),
        (GetStatusOfAnAsyncTaskStatus.FAILED, True, False, True),
        (GetStatusOfAnAsyncTaskStatus("queued"), False, False, False),
    ],
)
def test_enum_status_semantics(
    member: GetStatusOfAnAsyncTaskStatus, terminal: bool, success: bool, failure: bool
) -> None:
    assert member.is_terminal is terminal
    assert member.is_success is success
    assert member.is_failure is failure


def test_progress_is_one_on_success_only() -> None:
    assert parse(load("completed_resources")).progress == 1.0
    assert parse(load("pending")).progress is None
    assert parse(load("failed_error")).progress is None


# --- validation errors ------------------------------------------------------------------------


def with_resources(resources: Any) -> dict[str, Any]:
    body = load("completed_resources")
    body["details"]["resources"] = resources
    return body


def test_wrong_type_deep_inside_names_the_exact_path() -> None:
    body = load("completed_resources")
    body["details"]["resources"][2]["url"] = 42
    err = error_of(body)
    assert err.path == "$.details.resources[2].url"
    assert err.message == "expected a string, got an integer"
    assert str(err) == "$.details.resources[2].url: expected a string, got an integer"


@pytest.mark.parametrize(
    ("body", "path", "message"),
    [
        (
            with_resources([{"id": "a"}, "b"]),
            "$.details.resources[1]",
            "expected an object, got a string",
        ),
        (
            with_resources([{"id": "a"}, {"id": 2}]),
            "$.details.resources[1].id",
            "expected a string, got an integer",
        ),
        (
            with_resources({"id": "a"}),
            "$.details.resources",
            "expected an array, got an object",
        ),
        (
            with_resources("a,b"),
            "$.details.resources",
            "expected an array, got a string",
        ),
        (
            {"details": {"error": "boom"}},
            "$.details.error",
            "expected an object, got a string",
        ),
        (
            {"details": {"error": []}},
            "$.details.error",
            "expected an object, got an array",
        ),
        (
            {"details": {"error": {"message": 500}}},
            "$.details.error.message",
            "expected a string, got an integer",
        ),
        ({"meta": []}, "$.meta", "expected an object, got an array"),
        ({"meta": "collection"}, "$.meta", "expected an object, got a string"),
        ({"meta": {"model": 1}}, "$.meta.model", "expected a string, got an integer"),
        ({"meta": {"action": False}}, "$.meta.action", "expected a string, got a boolean"),
        ({"meta": {"url": ["/x"]}}, "$.meta.url", "expected a string, got an array"),
        ({"status": True}, "$.status", "expected a string, got a boolean"),
        ({"status": {"value": "failed"}}, "$.status", "expected a string, got an object"),
        ({"id": 12}, "$.id", "expected a string, got an integer"),
        ({"createdAt": 1707730315}, "$.createdAt", "expected a string, got an integer"),
        ({"updatedAt": 1.5}, "$.updatedAt", "expected a string, got a number"),
    ],
)
def test_wrong_types_name_the_field(body: dict[str, Any], path: str, message: str) -> None:
    err = error_of(body)
    assert err.path == path
    assert err.message == message


@pytest.mark.parametrize(
    ("details", "kind"),
    [([], "an array"), ("resources", "a string"), (3, "an integer"), (True, "a boolean")],
)
def test_details_that_is_not_an_object(details: Any, kind: str) -> None:
    err = error_of({"status": "completed", "details": details})
    assert err.path == "$.details"
    assert err.message.endswith(f"got {kind}")


def test_nested_models_validate_on_their_own() -> None:
    with pytest.raises(ValidationError) as info:
        GetStatusOfAnAsyncTaskDetails1.from_dict({"resources": [{"url": 1}]})
    assert info.value.path == "$.resources[0].url"
    resource = GetStatusOfAnAsyncTaskDetails1Resources.from_json('{"id": "r", "url": "/r"}')
    assert resource.id == "r"
    assert resource.url == "/r"
    assert_same_json(resource.to_dict(), {"id": "r", "url": "/r"})
