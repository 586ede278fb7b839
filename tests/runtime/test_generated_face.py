"""The generated `face` package (OperationStatus of the Azure Face API v1.0) against real payloads.

Covers the three quirks of the real service: 7 fractional digits, `"message": null` although the
field is not nullable, and the undeclared `location` key; plus unknown status values, status
semantics, validation errors with their JSON paths, the RFC 3339 date-time table, and the package
contract (py.typed, `__all__`, stdlib-only import).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import face
import face.models
import pytest
from face import UNSET, OperationStatus, OperationStatusType, ValidationError

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ROOT / "generated"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "payloads" / "face"

ALL_FIXTURES = sorted(p.stem for p in FIXTURES.glob("*.json"))

UTC = datetime.timezone.utc


def load(name: str) -> Any:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def strict(value: Any) -> str:
    """JSON text that tells 1, 1.0 and True apart and ignores key order."""
    return json.dumps(value, sort_keys=True)


def assert_same_json(got: Any, expected: Any) -> None:
    assert got == expected
    assert strict(got) == strict(expected)


def minimal(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"createdTime": "2018-12-25T11:41:02Z", "status": "running"}
    body.update(overrides)
    return body


def error_of(data: Any) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        OperationStatus.from_dict(data)
    err = info.value
    assert isinstance(err, ValueError)
    return err


# --- fixtures: parse and round trip -----------------------------------------------------------


def test_fixture_set_is_the_documented_one() -> None:
    assert set(ALL_FIXTURES) == {
        "failed_message",
        "failed_null_message",
        "running_7_digit_fraction",
        "succeeded",
        "undeclared_location_key",
        "unknown_status",
    }


def test_conftest_payload_loader(payload: Callable[[str, str], Any]) -> None:
    body = payload("face", "unknown_status")
    assert body == load("unknown_status")
    assert payload("face", "unknown_status.json") == body
    assert payload("face", "unknown_status") is not body


@pytest.mark.parametrize("name", ALL_FIXTURES)
def test_fixture_fields(name: str) -> None:
    body = load(name)
    from_dict = OperationStatus.from_dict(body)
    assert isinstance(from_dict.status, OperationStatusType)
    assert from_dict.status == body["status"]
    assert from_dict.created_time.tzinfo is not None


def test_absent_optional_fields_stay_absent() -> None:
    model = OperationStatus.from_dict(load("succeeded"))
    assert model.message is UNSET
    assert isinstance(model.message, face.Unset)
    assert "message" not in model.to_dict()
    assert model.extra_properties == {}


def test_model_built_in_code_writes_only_what_was_set() -> None:
    model = OperationStatus(
        created_time=datetime.datetime(2018, 12, 25, 11, 41, 2, tzinfo=UTC),
        status=OperationStatusType.NOTSTARTED,
    )
    assert_same_json(
        model.to_dict(), {"createdTime": "2018-12-25T11:41:02Z", "status": "notstarted"}
    )
    model.message = None
    assert_same_json(
        model.to_dict(),
        {"createdTime": "2018-12-25T11:41:02Z", "status": "notstarted", "message": None},
    )


# --- quirk: 7 fractional digits ---------------------------------------------------------------


def test_seven_fractional_digits_are_truncated_to_microseconds() -> None:
    model = OperationStatus.from_dict(load("running_7_digit_fraction"))
    # .2331413 -> 233141 us; .8705696 -> 870569 us (rounding would give 870570).
    assert model.created_time == datetime.datetime(2018, 12, 25, 11, 41, 2, 233141, tzinfo=UTC)
    assert model.created_time.microsecond == 233141
    assert model.created_time.utcoffset() == datetime.timedelta(0)
    assert isinstance(model.last_action_time, datetime.datetime)
    assert model.last_action_time.microsecond == 870569
    assert model.last_action_time.utcoffset() == datetime.timedelta(0)
    assert model.message is None
    assert model.resource_location is None


def test_seven_fractional_digits_are_written_back_canonically() -> None:
    model = OperationStatus.from_dict(load("running_7_digit_fraction"))
    assert_same_json(
        model.to_dict(),
        {
            "status": "running",
            "createdTime": "2018-12-25T11:41:02.233141Z",
            "lastActionTime": "2018-12-25T11:51:27.870569Z",
            "message": None,
            "resourceLocation": None,
        },
    )


# --- quirk: "message": null -------------------------------------------------------------------


def test_null_message_is_kept_as_none_and_written_back_as_null() -> None:
    body = load("failed_null_message")
    model = OperationStatus.from_dict(body)
    assert model.message is None
    wire = model.to_dict()
    assert "message" in wire
    assert wire["message"] is None
    assert '"message": null' in model.to_json()


def test_explicit_null_of_other_optional_fields_is_kept() -> None:
    model = OperationStatus.from_dict(minimal(lastActionTime=None, resourceLocation=None))
    assert model.last_action_time is None
    assert model.resource_location is None
    assert_same_json(model.to_dict(), minimal(lastActionTime=None, resourceLocation=None))


# --- quirk: undeclared `location` key ---------------------------------------------------------


def test_undeclared_location_key_is_kept_and_written_back() -> None:
    body = load("undeclared_location_key")
    model = OperationStatus.from_dict(body)
    assert model.extra_properties == {"location": "/persongroups/target-group-2019"}
    assert model.resource_location == "/persongroups/target-group-2019"
    assert model.to_dict()["location"] == "/persongroups/target-group-2019"
    assert_same_json(model.to_dict(), body)


def test_any_unknown_key_and_value_survive_the_round_trip() -> None:
    extra = {"odd key": [1, 2.5, None, {"x": True}], "Location": {"nested": {"deep": "v"}}}
    body = minimal(**extra)
    model = OperationStatus.from_dict(body)
    assert model.extra_properties == extra
    assert_same_json(model.to_dict(), body)


# --- quirk: unknown status value --------------------------------------------------------------


def test_unknown_status_parses_and_is_reported_unknown() -> None:
    body = load("unknown_status")
    model = OperationStatus.from_dict(body)
    status = model.status
    assert isinstance(status, OperationStatusType)
    assert isinstance(status, str)
    assert status == "cancelling"
    assert status.value == "cancelling"
    assert str(status) == "cancelling"
    assert f"{status}" == "cancelling"
    assert status.is_unknown is True
    assert status.is_terminal is False
    assert status.is_success is False
    assert status.is_failure is False
    assert model.is_terminal is False
    assert model.is_success is False
    assert model.is_failure is False
    assert_same_json(model.to_dict(), body)


def test_unknown_status_values_compare_by_value() -> None:
    first = OperationStatus.from_dict(load("unknown_status"))
    second = OperationStatus.from_dict(load("unknown_status"))
    assert first == second
    assert first.status == second.status
    assert hash(first.status) == hash("cancelling")
    assert first.status != OperationStatusType.RUNNING


def test_upper_case_spelling_of_a_known_value_is_unknown_not_that_member() -> None:
    status = OperationStatusType("SUCCEEDED")
    assert status.is_unknown is True
    assert status != OperationStatusType.SUCCEEDED
    assert status.is_terminal is False


@pytest.mark.parametrize("member", list(OperationStatusType))
def test_known_members_are_not_unknown(member: OperationStatusType) -> None:
    assert member.is_unknown is False
    assert OperationStatusType(member.value) is member


# --- status semantics -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "terminal", "success", "failure", "message"),
    [
        ("succeeded", True, True, False, None),
        ("undeclared_location_key", True, True, False, None),
        (
            "failed_message",
            True,
            False,
            True,
            "The source object was modified while the snapshot was being taken. "
            "Retry the operation.",
        ),
        ("failed_null_message", True, False, True, None),
        ("running_7_digit_fraction", False, False, False, None),
        ("unknown_status", False, False, False, None),
    ],
)
def test_status_semantics_of_fixtures(
    name: str, terminal: bool, success: bool, failure: bool, message: str | None
) -> None:
    model = OperationStatus.from_dict(load(name))
    assert model.is_terminal is terminal
    assert model.is_success is success
    assert model.is_failure is failure
    assert model.failure_message == message


@pytest.mark.parametrize(
    ("status", "terminal", "success", "failure"),
    [
        ("notstarted", False, False, False),
        ("running", False, False, False),
        ("succeeded", True, True, False),
        ("failed", True, False, True),
        ("cancelling", False, False, False),
        ("Succeeded", False, False, False),
        ("", False, False, False),
    ],
)
def test_status_semantics_by_value(
    status: str, terminal: bool, success: bool, failure: bool
) -> None:
    model = OperationStatus.from_dict(minimal(status=status))
    assert model.is_terminal is terminal
    assert model.is_success is success
    assert model.is_failure is failure


@pytest.mark.parametrize(
    ("member", "terminal", "success", "failure"),
    [
        (OperationStatusType.NOTSTARTED, False, False, False),
        (OperationStatusType.RUNNING, False, False, False),
        (OperationStatusType.SUCCEEDED, True, True, False),
        (OperationStatusType.FAILED, True, False, True),
    ],
)
def test_enum_status_semantics(
    member: OperationStatusType, terminal: bool, success: bool, failure: bool
) -> None:
    assert member.is_terminal is terminal
    assert member.is_success is success
    assert member.is_failure is failure


def test_enum_members_and_values() -> None:
    assert [(m.name, m.value) for m in OperationStatusType] == [
        ("NOTSTARTED", "notstarted"),
        ("RUNNING", "running"),
        ("SUCCEEDED", "succeeded"),
        ("FAILED", "failed"),
    ]
    assert issubclass(OperationStatusType, str)


def test_progress_is_one_on_success_and_unknown_otherwise() -> None:
    assert OperationStatus.from_dict(load("succeeded")).progress == 1.0
    assert OperationStatus.from_dict(load("running_7_digit_fraction")).progress is None
    assert OperationStatus.from_dict(load("failed_message")).progress is None


# --- validation errors ------------------------------------------------------------------------


def test_validation_error_is_exported_and_a_value_error() -> None:
    assert issubclass(ValidationError, ValueError)
    assert ValidationError is face._runtime.ValidationError


def test_missing_created_time() -> None:
    body = load("succeeded")
    del body["createdTime"]
    err = error_of(body)
    assert err.path == "$.createdTime"
    assert err.message == "is required"
    assert str(err) == "$.createdTime: is required"


def test_missing_status() -> None:
    body = load("succeeded")
    del body["status"]
    err = error_of(body)
    assert err.path == "$.status"
    assert str(err) == "$.status: is required"


def test_bad_created_time() -> None:
    err = error_of(minimal(createdTime="2018-12-25 nonsense"))
    assert err.path == "$.createdTime"
    assert "invalid date-time" in err.message
    assert "2018-12-25 nonsense" in str(err)


def test_bad_last_action_time() -> None:
    err = error_of(minimal(lastActionTime="2018-12-25T11:41:02"))
    assert err.path == "$.lastActionTime"
    assert "invalid date-time" in err.message


@pytest.mark.parametrize(
    ("body", "path", "message"),
    [
        (
            minimal(createdTime=1545738062),
            "$.createdTime",
            "expected a date-time string, got an integer",
        ),
        (minimal(createdTime=None), "$.createdTime", "expected a date-time string, got null"),
        (minimal(status=5), "$.status", "expected a string, got an integer"),
        (minimal(status=True), "$.status", "expected a string, got a boolean"),
        (minimal(status=None), "$.status", "expected a string, got null"),
        (minimal(status=["running"]), "$.status", "expected a string, got an array"),
        (minimal(message=42), "$.message", "expected a string, got an integer"),
        (minimal(message={"text": "x"}), "$.message", "expected a string, got an object"),
        (minimal(resourceLocation=1.5), "$.resourceLocation", "expected a string, got a number"),
        (minimal(resourceLocation=False), "$.resourceLocation", "expected a string, got a boolean"),
    ],
)
def test_wrong_types_name_the_field(body: dict[str, Any], path: str, message: str) -> None:
    err = error_of(body)
    assert err.path == path
    assert err.message == message
    assert str(err) == f"{path}: {message}"


def test_from_dict_path_argument_prefixes_error_paths() -> None:
    with pytest.raises(ValidationError) as info:
        OperationStatus.from_dict({"status": "running"}, "$.items[3]")
    assert info.value.path == "$.items[3].createdTime"


def test_deeply_nested_json_is_a_validation_error() -> None:
    text = '{"createdTime": "2018-12-25T11:41:02Z", "status": "running", "x": ' + "[" * 100_000
    text += "]" * 100_000 + "}"
    with pytest.raises(ValidationError) as info:
        OperationStatus.from_json(text)
    assert info.value.path == "$"


def test_json_array_text_is_not_an_object() -> None:
    with pytest.raises(ValidationError) as info:
        OperationStatus.from_json("[]")
    assert info.value.path == "$"
    assert info.value.message == "expected an object, got an array"


# --- RFC 3339 date-time table, through OperationStatus.createdTime ----------------------------


def tz(hours: int, minutes: int = 0) -> datetime.timezone:
    sign = -1 if hours < 0 else 1
    return datetime.timezone(sign * datetime.timedelta(hours=abs(hours), minutes=minutes))


@pytest.mark.parametrize(
    ("text", "expected", "written"),
    [
        (
            "2018-12-25T11:41:02Z",
            datetime.datetime(2018, 12, 25, 11, 41, 2, tzinfo=UTC),
            "2018-12-25T11:41:02Z",
        ),
        (
            "2018-12-25T11:41:02z",
            datetime.datetime(2018, 12, 25, 11, 41, 2, tzinfo=UTC),
            "2018-12-25T11:41:02Z",
        ),
        (
            "2018-12-25t11:41:02Z",
            datetime.datetime(2018, 12, 25, 11, 41, 2, tzinfo=UTC),
            "2018-12-25T11:41:02Z",
        ),
        (
            "2018-12-25T11:41:02+00:00",
            datetime.datetime(2018, 12, 25, 11, 41, 2, tzinfo=UTC),
            "2018-12-25T11:41:02Z",
        ),
        (
            "2018-12-25T11:41:02-00:00",
            datetime.datetime(2018, 12, 25, 11, 41, 2, tzinfo=UTC),
            "2018-12-25T11:41:02Z",
        ),
        (
            "2018-12-25T11:41:02+05:30",
            datetime.datetime(2018, 12, 25, 11, 41, 2, tzinfo=tz(5, 30)),
            "2018-12-25T11:41:02+05:30",
        ),
        (
            "2018-12-25T11:41:02-08:00",
            datetime.datetime(2018, 12, 25, 11, 41, 2, tzinfo=tz(-8)),
            "2018-12-25T11:41:02-08:00",
        ),
        (
            "2018-12-25T11:41:02+23:59",
            datetime.datetime(2018, 12, 25, 11, 41, 2, tzinfo=tz(23, 59)),
            "2018-12-25T11:41:02+23:59",
        ),
        (
            "2018-12-25T11:41:02.1Z",
            datetime.datetime(2018, 12, 25, 11, 41, 2, 100000, tzinfo=UTC),
            "2018-12-25T11:41:02.100000Z",
        ),
        (
            "2018-12-25T11:41:02.12Z",
            datetime.datetime(2018, 12, 25, 11, 41, 2, 120000, tzinfo=UTC),
            "2018-12-25T11:41:02.120000Z",
        ),
        (
            "2018-12-25T11:41:02.123Z",
            datetime.datetime(2018, 12, 25, 11, 41, 2, 123000, tzinfo=UTC),
            "2018-12-25T11:41:02.123000Z",
        ),
        (
            "2018-12-25T11:41:02.1234Z",
            datetime.datetime(2018, 12, 25, 11, 41, 2, 123400, tzinfo=UTC),
            "2018-12-25T11:41:02.123400Z",
        ),
        (
            "2018-12-25T11:41:02.12345Z",
            datetime.datetime(2018, 12, 25, 11, 41, 2, 123450, tzinfo=UTC),
            "2018-12-25T11:41:02.123450Z",
        ),
        (
            "2018-12-25T11:41:02.123456Z",
            datetime.datetime(2018, 12, 25, 11, 41, 2, 123456, tzinfo=UTC),
            "2018-12-25T11:41:02.123456Z",
        ),
        (
            "2018-12-25T11:41:02.1234567Z",
            datetime.datetime(2018, 12, 25, 11, 41, 2, 123456, tzinfo=UTC),
            "2018-12-25T11:41:02.123456Z",
        ),
        (
            "2018-12-25T11:41:02.12345678Z",
            datetime.datetime(2018, 12, 25, 11, 41, 2, 123456, tzinfo=UTC),
            "2018-12-25T11:41:02.123456Z",
        ),
        (
            "2018-12-25T11:41:02.999999999Z",
            datetime.datetime(2018, 12, 25, 11, 41, 2, 999999, tzinfo=UTC),
            "2018-12-25T11:41:02.999999Z",
        ),
        (
            "2018-12-25T11:41:02.000000Z",
            datetime.datetime(2018, 12, 25, 11, 41, 2, tzinfo=UTC),
            "2018-12-25T11:41:02Z",
        ),
        (
            "2018-12-25T11:41:02.2331413Z",
            datetime.datetime(2018, 12, 25, 11, 41, 2, 233141, tzinfo=UTC),
            "2018-12-25T11:41:02.233141Z",
        ),
        (
            "2018-12-25T11:41:02.2331413+05:30",
            datetime.datetime(2018, 12, 25, 11, 41, 2, 233141, tzinfo=tz(5, 30)),
            "2018-12-25T11:41:02.233141+05:30",
        ),
        (
            "2020-02-29T00:00:00Z",
            datetime.datetime(2020, 2, 29, tzinfo=UTC),
            "2020-02-29T00:00:00Z",
        ),
        ("0001-01-01T00:00:00Z", datetime.datetime(1, 1, 1, tzinfo=UTC), "0001-01-01T00:00:00Z"),
        (
            "9999-12-31T23:59:59.999999Z",
            datetime.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
            "9999-12-31T23:59:59.999999Z",
        ),
    ],
)
def test_date_time_accepted(text: str, expected: datetime.datetime, written: str) -> None:
    model = OperationStatus.from_dict(minimal(createdTime=text))
    value = model.created_time
    assert value == expected
    assert value.tzinfo is not None
    assert value.utcoffset() == expected.utcoffset()
    assert model.to_dict()["createdTime"] == written
    assert OperationStatus.from_dict(model.to_dict()) == model


def test_leap_second_is_accepted_and_clamped_to_59() -> None:
    # Python's datetime has no second 60; a real leap second must still parse.
    model = OperationStatus.from_dict(minimal(createdTime="2016-12-31T23:59:60Z"))
    value = model.created_time
    assert (value.year, value.month, value.day) == (2016, 12, 31)
    assert (value.hour, value.minute, value.second) == (23, 59, 59)
    assert value.utcoffset() == datetime.timedelta(0)
    assert OperationStatus.from_dict(model.to_dict()) == model


@pytest.mark.parametrize(
    "text",
    [
        "2018-13-01T00:00:00Z",  # month 13
        "2018-00-10T00:00:00Z",  # month 0
        "2018-02-30T00:00:00Z",  # 30 February
        "2019-02-29T00:00:00Z",  # not a leap year
        "2018-12-32T00:00:00Z",  # day 32
        "2018-12-25T24:00:00Z",  # hour 24
        "2018-12-25T11:60:00Z",  # minute 60
        "2018-12-25T11:41:61Z",  # second 61
        "2018-12-25T11:41:02",  # no offset
        "2018-12-25T11:41:02.2331413",  # fraction, no offset
        "2018-12-25",  # a date only
        "11:41:02Z",  # a time only
        "2018-12-25T11:41Z",  # no seconds
        "2018-12-25T11:41:02.Z",  # empty fraction
        "2018-12-25T11:41:02,5Z",  # comma fraction
        "2018-12-25T11:41:02+0530",  # offset without colon
        "2018-12-25T11:41:02+05",  # offset without minutes
        "2018-12-25T11:41:02+24:00",  # offset hour 24
        "2018-12-25T11:41:02+05:60",  # offset minute 60
        "2018-12-25T11:41:02+05:99",  # offset minute 99
        "2018-12-25T11:41:02 Z",  # space before Z
        "2018-12-25T11:41:02ZZ",
        " 2018-12-25T11:41:02Z",
        "2018-12-25T11:41:02Z\n",
        "18-12-25T11:41:02Z",  # two-digit year
        "2018-1-25T11:41:02Z",  # one-digit month
        "2018-12-25T1:41:02Z",  # one-digit hour
        "0000-01-01T00:00:00Z",  # year 0
        "\uff12\uff10\uff11\uff18-12-25T11:41:02Z",  # full-width digits
        "2018-12-25T11:41:02UTC",
        "garbage",
        "",
    ],
)
def test_date_time_rejected(text: str) -> None:
    err = error_of(minimal(createdTime=text))
    assert err.path == "$.createdTime"
    assert err.message.startswith("invalid date-time")
