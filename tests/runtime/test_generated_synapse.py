"""The generated `synapse` package (AsynchronousJobStatus of the Synapse REST API).

Covers `runtimeMS` -> `runtime_ms` (and that integers stay integers), the polymorphic request and
response bodies chosen by `concreteType` (unknown types kept as plain dicts), status semantics and
progress, validation errors with their JSON paths and the package contract.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from synapse import (
    UNSET,
    AddFileToDownloadListRequest,
    AddFileToDownloadListResponse,
    AddFileToDownloadListResponseDownloadList,
    AddFileToDownloadListResponseDownloadListFilesToDownload,
    AsynchJobState,
    AsynchronousJobStatus,
    Doi,
    DoiRequest,
    DoiResponse,
    Query,
    QueryBundleRequest,
    QueryResultBundle,
    ValidationError,
)

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ROOT / "generated"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "payloads" / "synapse"

ALL_FIXTURES = sorted(p.stem for p in FIXTURES.glob("*.json"))

UTC = datetime.timezone.utc
DOI_REQUEST = "org.sagebionetworks.repo.model.doi.v2.DoiRequest"
DOI_RESPONSE = "org.sagebionetworks.repo.model.doi.v2.DoiResponse"
QUERY_BUNDLE_REQUEST = "org.sagebionetworks.repo.model.table.QueryBundleRequest"
QUERY_RESULT_BUNDLE = "org.sagebionetworks.repo.model.table.QueryResultBundle"
ADD_REQUEST = "org.sagebionetworks.repo.model.file.AddFileToDownloadListRequest"
ADD_RESPONSE = "org.sagebionetworks.repo.model.file.AddFileToDownloadListResponse"
UNKNOWN_TYPE = "org.sagebionetworks.repo.model.table.DownloadFromTableRequest"


def load(name: str) -> Any:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def strict(value: Any) -> str:
    """JSON text that tells 1, 1.0 and True apart and ignores key order."""
    return json.dumps(value, sort_keys=True)


def assert_same_json(got: Any, expected: Any) -> None:
    assert got == expected
    assert strict(got) == strict(expected)


def parse(data: Any) -> AsynchronousJobStatus:
    return AsynchronousJobStatus.from_dict(data)


def error_of(data: Any) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        AsynchronousJobStatus.from_dict(data)
    err = info.value
    assert isinstance(err, ValueError)
    return err


# --- fixtures: parse and round trip -----------------------------------------------------------


def test_fixture_set_is_the_documented_one() -> None:
    assert set(ALL_FIXTURES) == {
        "cancel_requested_download_list",
        "complete_doi",
        "complete_download_list",
        "failed",
        "processing_progress",
        "unknown_concrete_type",
    }


@pytest.mark.parametrize("name", ALL_FIXTURES)
def test_fixture_fields(name: str) -> None:
    body = load(name)
    model = parse(body)
    assert isinstance(model.job_state, AsynchJobState)
    assert model.job_state == body["jobState"]
    assert model.job_id == body["jobId"]
    assert isinstance(model.started_on, datetime.datetime)
    assert model.started_on.utcoffset() == datetime.timedelta(0)


@pytest.mark.parametrize("name", ALL_FIXTURES)
def test_round_trip_keeps_the_body_classes(name: str) -> None:
    model = parse(load(name))
    again = parse(model.to_dict())
    assert type(again.request_body) is type(model.request_body)
    assert type(again.response_body) is type(model.response_body)


def test_absent_fields_stay_absent_and_nulls_stay_null() -> None:
    model = parse(load("processing_progress"))
    assert model.response_body is UNSET
    assert model.error_message is UNSET
    assert "responseBody" not in model.to_dict()
    body = {"jobState": "PROCESSING", "responseBody": None, "errorMessage": None, "runtimeMS": None}
    model = parse(body)
    assert model.response_body is None
    assert model.error_message is None
    assert model.runtime_ms is None
    assert_same_json(model.to_dict(), body)


# --- runtimeMS ---------------------------------------------------------------------------------


def test_runtime_ms_attribute_name_and_integer_value() -> None:
    model = parse(load("processing_progress"))
    assert model.runtime_ms == 2512
    assert type(model.runtime_ms) is int
    assert not hasattr(model, "runtime_m_s")
    assert not hasattr(model, "runtimeMS")
    assert model.to_dict()["runtimeMS"] == 2512
    assert type(model.to_dict()["runtimeMS"]) is int
    assert '"runtimeMS": 2512' in model.to_json()
    assert "2512.0" not in model.to_json()


@pytest.mark.parametrize("value", [0, 1, 2512, 2**53 + 1, 0.5, 2512.25, 1e-3])
def test_runtime_ms_number_round_trip(value: float) -> None:
    model = parse({"runtimeMS": value})
    assert model.runtime_ms == value
    assert type(model.runtime_ms) is type(value)
    assert_same_json(model.to_dict(), {"runtimeMS": value})
    assert_same_json(json.loads(model.to_json()), {"runtimeMS": value})


def test_runtime_ms_built_in_code() -> None:
    model = AsynchronousJobStatus(runtime_ms=17.5, job_state=AsynchJobState.COMPLETE)
    assert_same_json(model.to_dict(), {"runtimeMS": 17.5, "jobState": "COMPLETE"})


# --- polymorphic bodies ------------------------------------------------------------------------


def test_query_bundle_request() -> None:
    model = parse(load("processing_progress"))
    request = model.request_body
    assert isinstance(request, QueryBundleRequest)
    assert request.concrete_type == QUERY_BUNDLE_REQUEST
    assert request.entity_id == "syn51234567"
    assert request.part_mask == 21
    assert isinstance(request.query, Query)
    assert request.query.sql == "SELECT * FROM syn51234567 WHERE \"assay\" = 'rnaSeq'"
    assert request.query.offset == 0
    assert request.query.limit == 25
    assert model.changed_on == datetime.datetime(2024, 5, 10, 17, 23, 47, 512000, tzinfo=UTC)


def test_doi_request_and_response() -> None:
    model = parse(load("complete_doi"))
    request = model.request_body
    response = model.response_body
    assert isinstance(request, DoiRequest)
    assert request.concrete_type == DOI_REQUEST
    assert isinstance(request.doi, Doi)
    assert request.doi.object_id == "syn26543210"
    assert request.doi.object_version == 3
    assert request.doi.doi_uri is UNSET
    assert isinstance(response, DoiResponse)
    assert response.concrete_type == DOI_RESPONSE
    assert isinstance(response.doi, Doi)
    assert response.doi.object_type == "ENTITY"
    assert response.doi.etag == "c0d7a8e2-54b1-4f6e-9a3d-2e81f7b6c409"
    assert response.doi.doi_uri == "10.7303/syn26543210.3"
    assert response.doi.doi_url == "https://doi.org/10.7303/syn26543210.3"


def test_download_list_request_and_response() -> None:
    model = parse(load("complete_download_list"))
    request = model.request_body
    response = model.response_body
    assert isinstance(request, AddFileToDownloadListRequest)
    assert request.folder_id is UNSET
    assert isinstance(request.query, Query)
    assert request.query.limit == 2
    assert isinstance(response, AddFileToDownloadListResponse)
    assert response.concrete_type == ADD_RESPONSE
    download_list = response.download_list
    assert isinstance(download_list, AddFileToDownloadListResponseDownloadList)
    assert download_list.owner_id == "3456789"
    assert download_list.updated_on == datetime.datetime(2024, 5, 10, 18, 12, 9, tzinfo=UTC)
    files = download_list.files_to_download
    assert isinstance(files, list)
    assert all(
        isinstance(f, AddFileToDownloadListResponseDownloadListFilesToDownload) for f in files
    )
    assert [(f.file_entity_id, f.version_number) for f in files] == [
        ("syn40112301", 1),
        ("syn40112302", 4),
    ]


def test_download_list_request_with_folder() -> None:
    model = parse(load("cancel_requested_download_list"))
    request = model.request_body
    assert isinstance(request, AddFileToDownloadListRequest)
    assert request.concrete_type == ADD_REQUEST
    assert request.folder_id == "syn30987654"
    assert request.query is UNSET


def test_query_result_bundle_response() -> None:
    body = {
        "jobState": "COMPLETE",
        "responseBody": {
            "concreteType": QUERY_RESULT_BUNDLE,
            "queryCount": 1412,
            "maxRowsPerPage": 500,
            "lastUpdatedOn": "2024-05-10T17:20:00.250000Z",
            "combinedSql": "SELECT * FROM syn51234567",
            "selectColumns": [{"name": "assay", "columnType": "STRING"}],
        },
    }
    model = parse(body)
    response = model.response_body
    assert isinstance(response, QueryResultBundle)
    assert response.query_count == 1412
    assert response.max_rows_per_page == 500
    assert response.last_updated_on == datetime.datetime(2024, 5, 10, 17, 20, 0, 250000, tzinfo=UTC)
    assert response.extra_properties == {
        "selectColumns": [{"name": "assay", "columnType": "STRING"}]
    }
    assert_same_json(model.to_dict(), body)


def test_unknown_concrete_type_is_kept_as_a_plain_dict() -> None:
    body = load("unknown_concrete_type")
    model = parse(body)
    request = model.request_body
    assert type(request) is dict
    assert request == body["requestBody"]
    assert request["concreteType"] == UNKNOWN_TYPE
    assert request["csvTableDescriptor"]["escapeCharacter"] == "\\"
    assert_same_json(model.to_dict()["requestBody"], body["requestBody"])
    assert_same_json(model.to_dict(), body)


def test_unknown_concrete_type_in_response_body_is_kept() -> None:
    response = {
        "concreteType": "org.sagebionetworks.repo.model.table.DownloadFromTableResult",
        "resultsFileHandleId": "112233",
        "headerColumns": [{"name": "ROW_ID"}, {"name": "assay"}],
        "etag": None,
    }
    body = {"jobState": "COMPLETE", "responseBody": response}
    model = parse(body)
    assert type(model.response_body) is dict
    assert model.response_body == response
    assert_same_json(model.to_dict(), body)
    assert parse(model.to_dict()) == model


def test_kept_unknown_body_is_not_shared_with_the_input() -> None:
    body = load("unknown_concrete_type")
    model = parse(body)
    body["requestBody"]["sql"] = "changed"
    assert isinstance(model.request_body, dict)
    assert model.request_body["sql"] == "SELECT * FROM syn51234567"


def test_response_type_in_request_slot_is_not_parsed_as_the_response_class() -> None:
    body = {"requestBody": {"concreteType": DOI_RESPONSE, "doi": {"objectId": "syn1"}}}
    model = parse(body)
    assert not isinstance(model.request_body, DoiResponse)
    assert_same_json(model.to_dict(), body)


def test_unknown_keys_in_known_bodies_are_kept() -> None:
    body = {
        "requestBody": {
            "concreteType": DOI_REQUEST,
            "doi": {"objectId": "syn1", "objectType": "ENTITY", "status": "READY"},
            "extra": [1, 2, 3],
        }
    }
    model = parse(body)
    assert isinstance(model.request_body, DoiRequest)
    assert model.request_body.extra_properties == {"extra": [1, 2, 3]}
    assert isinstance(model.request_body.doi, Doi)
    assert model.request_body.doi.extra_properties == {"status": "READY"}
    assert_same_json(model.to_dict(), body)


# --- status semantics and progress ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "terminal", "success", "failure", "message", "progress"),
    [
        ("processing_progress", False, False, False, None, 0.35),
        ("cancel_requested_download_list", False, False, False, None, 0.24),
        ("complete_doi", True, True, False, None, 1.0),
        ("complete_download_list", True, True, False, None, 1.0),
        ("failed", True, False, True, "Column does not exist: nosuchcolumn", 0.0),
        ("unknown_concrete_type", False, False, False, None, 12000 / 48213),
    ],
)
def test_status_semantics_of_fixtures(
    name: str,
    terminal: bool,
    success: bool,
    failure: bool,
    message: str | None,
    progress: float,
) -> None:
    model = parse(load(name))
    assert model.is_terminal is terminal
    assert model.is_success is success
    assert model.is_failure is failure
    assert model.failure_message == message
    assert model.progress == pytest.approx(progress)


def test_cancel_requested_is_not_terminal() -> None:
    model = parse(load("cancel_requested_download_list"))
    assert model.job_canceling is True
    assert model.job_state is AsynchJobState.PROCESSING
    assert model.is_terminal is False


@pytest.mark.parametrize(
    ("body", "progress"),
    [
        ({"jobState": "PROCESSING"}, None),
        ({"jobState": "PROCESSING", "progressCurrent": 5}, None),
        ({"jobState": "PROCESSING", "progressCurrent": 5, "progressTotal": 0}, None),
        ({"jobState": "PROCESSING", "progressCurrent": 5, "progressTotal": None}, None),
        ({"jobState": "PROCESSING", "progressCurrent": 150, "progressTotal": 100}, 1.0),
        ({"jobState": "PROCESSING", "progressCurrent": -5, "progressTotal": 100}, 0.0),
        ({"jobState": "PROCESSING", "progressCurrent": 1, "progressTotal": 4}, 0.25),
        ({"jobState": "COMPLETE"}, 1.0),
        ({"jobState": "FAILED"}, None),
    ],
)
def test_progress(body: dict[str, Any], progress: float | None) -> None:
    assert parse(body).progress == progress


@pytest.mark.parametrize(
    ("state", "terminal", "success", "failure"),
    [
        ("PROCESSING", False, False, False),
        ("COMPLETE", True, True, False),
        ("FAILED", True, False, True),
        ("CANCELED", False, False, False),
        ("complete", False, False, False),
        (None, False, False, False),
    ],
)
def test_status_semantics_by_value(
    state: str | None, terminal: bool, success: bool, failure: bool
) -> None:
    model = parse({"jobState": state})
    assert model.is_terminal is terminal
    assert model.is_success is success
    assert model.is_failure is failure


def test_unknown_job_state() -> None:
    model = parse({"jobState": "CANCELED", "errorMessage": "x"})
    assert isinstance(model.job_state, AsynchJobState)
    assert model.job_state == "CANCELED"
    assert model.job_state.is_unknown is True
    assert model.job_state.is_terminal is False
    assert_same_json(model.to_dict(), {"jobState": "CANCELED", "errorMessage": "x"})


@pytest.mark.parametrize(
    ("member", "terminal", "success", "failure"),
    [
        (AsynchJobState.PROCESSING, False, False, False),
        (AsynchJobState.COMPLETE, True, True, False),
        (AsynchJobState.FAILED, True, False, True),
    ],
)
def test_enum_status_semantics(
    member: AsynchJobState, terminal: bool, success: bool, failure: bool
) -> None:
    assert member.is_unknown is False
    assert member.is_terminal is terminal
    assert member.is_success is success
    assert member.is_failure is failure


def test_enum_members() -> None:
    assert [(m.name, m.value) for m in AsynchJobState] == [
        ("PROCESSING", "PROCESSING"),
        ("FAILED", "FAILED"),
        ("COMPLETE", "COMPLETE"),
    ]


# --- validation errors ------------------------------------------------------------------------


def with_request(request: Any) -> dict[str, Any]:
    body = load("processing_progress")
    body["requestBody"] = request
    return body


def with_download_list(change: dict[str, Any]) -> dict[str, Any]:
    body = load("complete_download_list")
    body["responseBody"]["downloadList"].update(change)
    return body


@pytest.mark.parametrize(
    ("body", "path", "message"),
    [
        ({"jobCanceling": "true"}, "$.jobCanceling", "expected a boolean, got a string"),
        ({"jobCanceling": 1}, "$.jobCanceling", "expected a boolean, got an integer"),
        ({"progressCurrent": True}, "$.progressCurrent", "expected an integer, got a boolean"),
        ({"progressTotal": "100"}, "$.progressTotal", "expected an integer, got a string"),
        ({"progressCurrent": 1.5}, "$.progressCurrent", "expected an integer, got a number"),
        ({"startedByUserId": "3456789"}, "$.startedByUserId", "expected an integer, got a string"),
        ({"runtimeMS": "2512"}, "$.runtimeMS", "expected a number, got a string"),
        ({"runtimeMS": True}, "$.runtimeMS", "expected a number, got a boolean"),
        ({"jobState": 3}, "$.jobState", "expected a string, got an integer"),
        ({"jobId": 8412503}, "$.jobId", "expected a string, got an integer"),
        ({"errorDetails": ["a", "b"]}, "$.errorDetails", "expected a string, got an array"),
        ({"changedOn": 1715361827}, "$.changedOn", "expected a date-time string, got an integer"),
        (
            with_request({"concreteType": QUERY_BUNDLE_REQUEST, "query": {"limit": 5}}),
            "$.requestBody.query.sql",
            "is required",
        ),
        (
            with_request(
                {"concreteType": QUERY_BUNDLE_REQUEST, "query": {"sql": "x", "limit": "5"}}
            ),
            "$.requestBody.query.limit",
            "expected an integer, got a string",
        ),
        (
            with_request({"concreteType": QUERY_BUNDLE_REQUEST, "query": []}),
            "$.requestBody.query",
            "expected an object, got an array",
        ),
        (
            with_request({"concreteType": DOI_REQUEST, "doi": {"objectVersion": "3"}}),
            "$.requestBody.doi.objectVersion",
            "expected an integer, got a string",
        ),
        (
            with_download_list(
                {"filesToDownload": [{"versionNumber": 1}, {"versionNumber": True}]}
            ),
            "$.responseBody.downloadList.filesToDownload[1].versionNumber",
            "expected an integer, got a boolean",
        ),
        (
            with_download_list({"filesToDownload": {"fileEntityId": "syn1"}}),
            "$.responseBody.downloadList.filesToDownload",
            "expected an array, got an object",
        ),
        (
            with_download_list({"ownerId": 3456789}),
            "$.responseBody.downloadList.ownerId",
            "expected a string, got an integer",
        ),
    ],
)
def test_wrong_types_name_the_field(body: dict[str, Any], path: str, message: str) -> None:
    err = error_of(body)
    assert err.path == path
    assert err.message == message
    assert str(err) == f"{path}: {message}"


@pytest.mark.parametrize(
    ("field", "value", "path"),
    [
        ("changedOn", "2024-05-10", "$.changedOn"),
        ("startedOn", "2024-05-10T17:23:45", "$.startedOn"),
        ("startedOn", "yesterday", "$.startedOn"),
    ],
)
def test_bad_date_times(field: str, value: str, path: str) -> None:
    body = load("processing_progress")
    body[field] = value
    err = error_of(body)
    assert err.path == path
    assert err.message.startswith("invalid date-time")


def test_bad_date_time_deep_inside() -> None:
    err = error_of(with_download_list({"updatedOn": "2024-05-10T18:12:09+5:00"}))
    assert err.path == "$.responseBody.downloadList.updatedOn"
    assert err.message.startswith("invalid date-time")


@pytest.mark.parametrize("slot", ["requestBody", "responseBody"])
@pytest.mark.parametrize(
    ("value", "kind"), [([], "an array"), ("x", "a string"), (1, "an integer")]
)
def test_body_that_is_not_an_object(slot: str, value: Any, kind: str) -> None:
    err = error_of({slot: value})
    assert err.path == f"$.{slot}"
    assert err.message.endswith(f"got {kind}")


def test_known_body_type_checks_the_fields_its_class_declares() -> None:
    err = error_of({"requestBody": {"concreteType": DOI_REQUEST, "doi": "10.7303/syn1"}})
    assert err.path == "$.requestBody.doi"
    assert err.message == "expected an object, got a string"


def test_nested_models_validate_on_their_own() -> None:
    with pytest.raises(ValidationError) as info:
        Query.from_dict({"limit": 1})
    assert info.value.path == "$.sql"
    with pytest.raises(ValidationError) as info:
        DoiResponse.from_dict({"doi": {}})
    assert info.value.path == "$.concreteType"
    doi = Doi.from_json('{"objectId": "syn1", "objectVersion": 2}')
    assert (doi.object_id, doi.object_version) == ("syn1", 2)
