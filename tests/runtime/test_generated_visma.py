"""The generated `visma` package (BackgroundRequestStateDto of Visma.net ERP background operations).

Covers the `responseHeaders` map, the read-only `contentLocation`, `webhookAddress` "none", the
202 `BackgroundOperationAccepted` body, validation errors with their JSON paths and the package
contract. Visma's status semantics (Finished qualified by statusCode) are tested elsewhere.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from visma import UNSET, BackgroundOperationAccepted, BackgroundRequestStateDto, ValidationError

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ROOT / "generated"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "payloads" / "visma"

ALL_FIXTURES = sorted(p.stem for p in FIXTURES.glob("*.json"))
ACCEPTED = "accepted_state_location"

UTC = datetime.timezone.utc


def load(name: str) -> Any:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def strict(value: Any) -> str:
    """JSON text that tells 1, 1.0 and True apart and ignores key order."""
    return json.dumps(value, sort_keys=True)


def assert_same_json(got: Any, expected: Any) -> None:
    assert got == expected
    assert strict(got) == strict(expected)


def parse(data: Any) -> BackgroundRequestStateDto:
    return BackgroundRequestStateDto.from_dict(data)


def error_of(data: Any) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        BackgroundRequestStateDto.from_dict(data)
    err = info.value
    assert isinstance(err, ValueError)
    return err


# --- fixtures: parse and round trip -----------------------------------------------------------


def test_fixture_set_is_the_documented_one() -> None:
    assert set(ALL_FIXTURES) == {
        "accepted_state_location",
        "failed",
        "finished_http_500",
        "finished_ok",
        "started",
    }


def test_started_fields() -> None:
    model = parse(load("started"))
    assert model.id == "4f1c8a2e-6b3d-4e9a-9c71-2d5e8f0a3b61"
    assert model.status == "Started"
    assert type(model.status) is str
    assert model.status_code == 0
    assert model.received_utc == datetime.datetime(2024, 3, 14, 9, 26, 53, tzinfo=UTC)
    assert model.started_utc == datetime.datetime(2024, 3, 14, 9, 26, 54, 118204, tzinfo=UTC)
    assert model.finished_utc is UNSET
    assert model.has_response_content is False
    assert model.has_request_content is True
    assert model.reference == "order-import-2024-03-14"
    assert model.error_message is UNSET
    assert model.response_headers is UNSET
    wire = model.to_dict()
    assert "finishedUtc" not in wire
    assert "responseHeaders" not in wire
    assert "errorMessage" not in wire


def test_failed_fields() -> None:
    model = parse(load("failed"))
    assert model.status == "Failed"
    assert model.status_code == 0
    assert isinstance(model.error_message, str)
    assert model.error_message.startswith("The background operation was aborted")
    assert model.finished_utc == datetime.datetime(2024, 3, 14, 11, 50, 31, tzinfo=UTC)


def test_status_is_a_plain_string_and_any_value_is_kept() -> None:
    model = parse({"status": "Queued"})
    assert model.status == "Queued"
    assert type(model.status) is str
    assert_same_json(model.to_dict(), {"status": "Queued"})


def test_explicit_nulls_are_kept() -> None:
    body = {
        "status": None,
        "statusCode": None,
        "finishedUtc": None,
        "webhookAddress": None,
        "contentLocation": None,
        "responseHeaders": None,
        "hasResponseContent": None,
    }
    model = parse(body)
    assert model.status is None
    assert model.response_headers is None
    assert model.finished_utc is None
    assert model.content_location is None
    assert_same_json(model.to_dict(), body)


def test_empty_object_is_a_valid_state() -> None:
    model = parse({})
    assert model.to_dict() == {}
    assert model == BackgroundRequestStateDto()


def test_unknown_keys_are_kept() -> None:
    body = load("finished_ok")
    body["correlationId"] = "abc"
    body["retries"] = [{"at": "2024-03-14T09:27:00Z", "status": 503}]
    model = parse(body)
    assert model.extra_properties == {
        "correlationId": "abc",
        "retries": [{"at": "2024-03-14T09:27:00Z", "status": 503}],
    }
    assert_same_json(model.to_dict(), body)


# --- responseHeaders map ------------------------------------------------------------------------


def test_response_headers_map() -> None:
    model = parse(load("finished_ok"))
    assert model.response_headers == {
        "Content-Type": "application/json; charset=utf-8",
        "Location": "https://integration.visma.net/API/controller/api/v1/salesorder/SO/001274",
        "ipp-request-id": "a3d9e6f2-51c0-4b7e-8f14-0c6b2e9d7a58",
    }
    assert type(model.response_headers) is dict
    assert list(model.response_headers) == ["Content-Type", "Location", "ipp-request-id"]


def test_response_headers_written_back_are_a_copy() -> None:
    model = parse(load("finished_ok"))
    wire = model.to_dict()
    wire["responseHeaders"]["X-Added"] = "1"
    assert isinstance(model.response_headers, dict)
    assert "X-Added" not in model.response_headers


@pytest.mark.parametrize(
    "headers",
    [{}, {"a": ""}, {"": "empty name"}, {"X-Ünïcode": "välue", "Retry-After": "120"}],
)
def test_response_headers_round_trip(headers: dict[str, str]) -> None:
    body = {"status": "Finished", "statusCode": 204, "responseHeaders": headers}
    model = parse(body)
    assert model.response_headers == headers
    assert_same_json(model.to_dict(), body)


@pytest.mark.parametrize(
    ("headers", "path", "message"),
    [
        (
            {"Content-Type": 5},
            '$.responseHeaders["Content-Type"]',
            "expected a string, got an integer",
        ),
        ({"Location": None}, "$.responseHeaders.Location", "expected a string, got null"),
        ({"ok": "1", "Age": ["1"]}, "$.responseHeaders.Age", "expected a string, got an array"),
        ({"a b": True}, '$.responseHeaders["a b"]', "expected a string, got a boolean"),
        (["Content-Type"], "$.responseHeaders", "expected an object, got an array"),
        ("Content-Type: x", "$.responseHeaders", "expected an object, got a string"),
    ],
)
def test_bad_response_headers(headers: Any, path: str, message: str) -> None:
    err = error_of({"responseHeaders": headers})
    assert err.path == path
    assert err.message == message


# --- readOnly contentLocation, webhookAddress "none" -------------------------------------------


def test_read_only_content_location_is_parsed_and_written_back() -> None:
    body = load("finished_ok")
    model = parse(body)
    assert model.content_location == (
        "https://integration.visma.net/API/v1/background/4f1c8a2e-6b3d-4e9a-9c71-2d5e8f0a3b61/content"
    )
    assert model.to_dict()["contentLocation"] == body["contentLocation"]
    field = {f.name: f for f in dataclasses.fields(BackgroundRequestStateDto)}["content_location"]
    assert field.default is UNSET


def test_webhook_address_none_is_the_string_none() -> None:
    model = parse(load("started"))
    assert model.webhook_address == "none"
    assert model.webhook_address is not None
    assert model.to_dict()["webhookAddress"] == "none"
    assert '"webhookAddress": "none"' in model.to_json()


def test_real_webhook_address() -> None:
    model = parse(load("finished_http_500"))
    assert model.webhook_address == "https://hooks.example.com/visma/background"
    assert model.status_code == 500
    assert model.finished_utc == datetime.datetime(2024, 3, 14, 10, 2, 19, 480066, tzinfo=UTC)


# --- the 202 body ---------------------------------------------------------------------------------


def test_background_operation_accepted() -> None:
    body = load(ACCEPTED)
    model = BackgroundOperationAccepted.from_dict(body)
    assert model.state_location == (
        "https://integration.visma.net/API/v1/background/4f1c8a2e-6b3d-4e9a-9c71-2d5e8f0a3b61"
    )
    assert model.extra_properties == {}
    assert_same_json(model.to_dict(), body)


def test_background_operation_accepted_errors() -> None:
    with pytest.raises(ValidationError) as info:
        BackgroundOperationAccepted.from_dict({"stateLocation": 7})
    assert info.value.path == "$.stateLocation"
    assert info.value.message == "expected a string, got an integer"
    with pytest.raises(ValidationError) as info:
        BackgroundOperationAccepted.from_json("[]")
    assert info.value.path == "$"
    with pytest.raises(ValidationError) as info:
        BackgroundOperationAccepted.from_json("{stateLocation}")
    assert info.value.path == "$"
    assert info.value.message.startswith("invalid JSON")


# --- validation errors ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "path", "message"),
    [
        ({"statusCode": True}, "$.statusCode", "expected an integer, got a boolean"),
        ({"statusCode": False}, "$.statusCode", "expected an integer, got a boolean"),
        ({"statusCode": "200"}, "$.statusCode", "expected an integer, got a string"),
        ({"statusCode": 200.5}, "$.statusCode", "expected an integer, got a number"),
        ({"statusCode": [200]}, "$.statusCode", "expected an integer, got an array"),
        ({"status": 1}, "$.status", "expected a string, got an integer"),
        ({"id": {"value": "x"}}, "$.id", "expected a string, got an object"),
        ({"webhookAddress": False}, "$.webhookAddress", "expected a string, got a boolean"),
        (
            {"hasResponseContent": "true"},
            "$.hasResponseContent",
            "expected a boolean, got a string",
        ),
        ({"hasRequestContent": 0}, "$.hasRequestContent", "expected a boolean, got an integer"),
        ({"contentLocation": 12}, "$.contentLocation", "expected a string, got an integer"),
        (
            {"receivedUtc": 1710408413},
            "$.receivedUtc",
            "expected a date-time string, got an integer",
        ),
    ],
)
def test_wrong_types_name_the_field(body: dict[str, Any], path: str, message: str) -> None:
    err = error_of(body)
    assert err.path == path
    assert err.message == message
    assert str(err) == f"{path}: {message}"


def test_bool_status_code_in_a_full_payload() -> None:
    body = load("finished_ok")
    body["statusCode"] = True
    err = error_of(body)
    assert err.path == "$.statusCode"


@pytest.mark.parametrize("field", ["receivedUtc", "startedUtc", "finishedUtc"])
@pytest.mark.parametrize("value", ["2024-03-14T09:26:53", "2024-03-14", "14/03/2024 09:26:53"])
def test_bad_date_times(field: str, value: str) -> None:
    body = load("finished_ok")
    body[field] = value
    err = error_of(body)
    assert err.path == f"$.{field}"
    assert err.message.startswith("invalid date-time")


def test_seven_digit_fraction_and_offset_are_accepted() -> None:
    model = parse({"receivedUtc": "2024-03-14T10:26:53.1234567+01:00"})
    value = model.received_utc
    assert isinstance(value, datetime.datetime)
    assert value.microsecond == 123456
    assert value.utcoffset() == datetime.timedelta(hours=1)
    assert value == datetime.datetime(2024, 3, 14, 9, 26, 53, 123456, tzinfo=UTC)
    assert model.to_dict() == {"receivedUtc": "2024-03-14T10:26:53.123456+01:00"}


