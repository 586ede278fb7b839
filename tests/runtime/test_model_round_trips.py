"""Property-based round trips of every generated status model and its nested models and unions.

The strategies below build random *valid wire payloads* by hand, one per schema of specs/: optional
keys absent, null or present, unknown extra keys with arbitrary JSON values, unknown enum values,
date-times in canonical form (UTC as `Z`, no fraction or 6 digits, other offsets as `+hh:mm`) or
in any other RFC 3339 spelling. For every payload `p` and `m = Model.from_dict(p)`:

- `Model.from_dict(m.to_dict()) == m` and the second `to_dict()` equals the first;
- `m.to_dict() == p` (type-strict: 1, 1.0 and True differ) when `p` is written canonically.

Each property runs 150 examples under the fuzz profile (`make fuzz`), a fifth of that in
`make test` (conftest.examples).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterable
from typing import Any

import face
import postman
import pytest
import synapse
import visma
from conftest import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SETTINGS = settings(
    max_examples=examples(150),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

Payload = dict[str, Any]

# --- generic building blocks ------------------------------------------------------------------

texts = st.text(max_size=12)
ints = st.integers(min_value=-(2**63), max_value=2**63)
finite_floats = st.floats(allow_nan=False, allow_infinity=False)
json_scalars = st.none() | st.booleans() | ints | finite_floats | texts
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=6,
)


def nullable(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


def open_enum(known: Iterable[str]) -> st.SearchStrategy[str]:
    """A listed value most of the time, else any string (servers add states)."""
    return st.sampled_from(sorted(known)) | texts


def obj(
    required: dict[str, st.SearchStrategy[Any]] | None = None,
    optional: dict[str, st.SearchStrategy[Any]] | None = None,
    reserved: Iterable[str] = (),
) -> st.SearchStrategy[Payload]:
    """A JSON object: required keys, optional keys (absent or present), unknown extra keys.

    Extra keys never use a declared or `reserved` name.
    """
    required = required or {}
    optional = optional or {}
    declared = frozenset(required) | frozenset(optional) | frozenset(reserved)
    base = st.fixed_dictionaries(required, optional=optional)
    extras = st.dictionaries(
        st.text(max_size=10).filter(lambda key: key not in declared), json_values, max_size=2
    )
    return st.builds(lambda b, e: {**b, **e}, base, extras)


# --- date-times -------------------------------------------------------------------------------

UTC = datetime.timezone.utc
# Offsets in minutes: UTC, India, US Pacific, Kiribati, Baker Island, Nepal, the extremes.
OFFSET_MINUTES = [0, 330, -480, 840, -720, 345, 60, -150, 1439, -1439]
naive_datetimes = st.datetimes(
    min_value=datetime.datetime(1, 1, 2), max_value=datetime.datetime(9999, 12, 30)
)


def offset_text(minutes: int) -> str:
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{mins:02d}"


def tz_of(minutes: int) -> datetime.timezone:
    return UTC if minutes == 0 else datetime.timezone(datetime.timedelta(minutes=minutes))


def wall_clock(value: datetime.datetime) -> str:
    return (
        f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
        f"T{value.hour:02d}:{value.minute:02d}:{value.second:02d}"
    )


@st.composite
def canonical_datetime_pairs(draw: st.DrawFn) -> tuple[str, datetime.datetime]:
    """(canonical text, the aware datetime it means): `Z` for UTC, fraction only if non-zero."""
    naive = draw(naive_datetimes)
    if draw(st.booleans()):
        naive = naive.replace(microsecond=0)
    minutes = draw(st.sampled_from(OFFSET_MINUTES))
    fraction = f".{naive.microsecond:06d}" if naive.microsecond else ""
    zone = "Z" if minutes == 0 else offset_text(minutes)
    return wall_clock(naive) + fraction + zone, naive.replace(tzinfo=tz_of(minutes))


@st.composite
def other_datetime_pairs(draw: st.DrawFn) -> tuple[str, datetime.datetime]:
    """(any valid RFC 3339 spelling, the aware datetime it means, truncated to microseconds)."""
    naive = draw(naive_datetimes).replace(microsecond=0)
    digits = draw(st.text(alphabet="0123456789", min_size=0, max_size=9))
    micro = int(digits[:6].ljust(6, "0")) if digits else 0
    minutes = draw(st.sampled_from(OFFSET_MINUTES))
    if minutes == 0:
        zone = draw(st.sampled_from(["Z", "z", "+00:00", "-00:00"]))
    else:
        zone = offset_text(minutes)
    text = wall_clock(naive)
    if draw(st.booleans()):
        text = text.replace("T", "t")
    text += ("." + digits if digits else "") + zone
    return text, naive.replace(microsecond=micro, tzinfo=tz_of(minutes))


canonical_datetimes = canonical_datetime_pairs().map(lambda pair: pair[0])
any_datetimes = canonical_datetimes | other_datetime_pairs().map(lambda pair: pair[0])

DateTimes = st.SearchStrategy[str]


# --- the checks ---------------------------------------------------------------------------------


def strict(value: Any) -> str:
    """JSON text that tells 1, 1.0 and True apart and ignores key order."""
    return json.dumps(value, sort_keys=True)


def assert_same_json(got: Any, expected: Any) -> None:
    assert got == expected
    assert strict(got) == strict(expected)


def check(parse: Callable[[Any], Any], payload: Payload, canonical: bool) -> Any:
    model = parse(payload)
    wire = model.to_dict()
    again = parse(wire)
    assert again == model
    assert_same_json(again.to_dict(), wire)
    assert type(model).from_json(model.to_json()) == model
    if canonical:
        assert_same_json(wire, payload)
    return model


# --- face: OperationStatus ----------------------------------------------------------------------

FACE_STATUS = [m.value for m in face.OperationStatusType]


def face_operation_status(dt: DateTimes) -> st.SearchStrategy[Payload]:
    return obj(
        required={"createdTime": dt, "status": open_enum(FACE_STATUS)},
        optional={
            "lastActionTime": nullable(dt),
            "message": nullable(texts),
            "resourceLocation": nullable(texts),
        },
    )


@SETTINGS
@given(face_operation_status(canonical_datetimes))
def test_face_canonical(payload: Payload) -> None:
    model = check(face.OperationStatus.from_dict, payload, canonical=True)
    assert model.status == payload["status"]
    assert model.status.is_unknown is (payload["status"] not in FACE_STATUS)
    assert model.is_terminal is (payload["status"] in {"succeeded", "failed"})
    assert model.is_success is (payload["status"] == "succeeded")
    assert model.is_failure is (payload["status"] == "failed")
    declared = {"createdTime", "status", "lastActionTime", "message", "resourceLocation"}
    assert model.extra_properties == {k: v for k, v in payload.items() if k not in declared}


@SETTINGS
@given(face_operation_status(any_datetimes))
def test_face_any_date_time_spelling(payload: Payload) -> None:
    check(face.OperationStatus.from_dict, payload, canonical=False)


@SETTINGS
@given(canonical_datetime_pairs())
def test_canonical_date_times_parse_and_are_written_back(
    pair: tuple[str, datetime.datetime],
) -> None:
    text, expected = pair
    model = face.OperationStatus.from_dict({"createdTime": text, "status": "running"})
    assert model.created_time == expected
    assert model.created_time.utcoffset() == expected.utcoffset()
    assert model.to_dict()["createdTime"] == text


@SETTINGS
@given(other_datetime_pairs())
def test_any_date_time_spelling_parses_to_its_instant_and_offset(
    pair: tuple[str, datetime.datetime],
) -> None:
    text, expected = pair
    model = face.OperationStatus.from_dict({"createdTime": text, "status": "running"})
    assert model.created_time == expected
    assert model.created_time.microsecond == expected.microsecond
    assert model.created_time.utcoffset() == expected.utcoffset()
    assert face.OperationStatus.from_dict(model.to_dict()).created_time == expected


# --- postman: GetStatusOfAnAsyncTask ------------------------------------------------------------

POSTMAN_STATUS = [m.value for m in postman.GetStatusOfAnAsyncTaskStatus]
POSTMAN_MODEL = [m.value for m in postman.GetStatusOfAnAsyncTaskMetaModel]
POSTMAN_ACTION = [m.value for m in postman.GetStatusOfAnAsyncTaskMetaAction]
DETAILS_KEYS = ("resources", "error")

postman_resource = obj(optional={"id": nullable(texts), "url": nullable(texts)})
postman_details1 = obj(
    required={"resources": nullable(st.lists(postman_resource, max_size=4))},
    reserved=DETAILS_KEYS,
)
postman_error = obj(optional={"message": nullable(texts)})
postman_details2 = obj(required={"error": nullable(postman_error)}, reserved=DETAILS_KEYS)
postman_meta = obj(
    optional={
        "url": nullable(texts),
        "model": nullable(open_enum(POSTMAN_MODEL)),
        "action": nullable(open_enum(POSTMAN_ACTION)),
    }
)
postman_task = obj(
    optional={
        "id": nullable(texts),
        "meta": nullable(postman_meta),
        "status": nullable(open_enum(POSTMAN_STATUS)),
        "details": nullable(postman_details1 | postman_details2),
        "createdAt": nullable(texts),
        "updatedAt": nullable(texts),
    }
)


@SETTINGS
@given(postman_task)
def test_postman_task(payload: Payload) -> None:
    model = check(postman.GetStatusOfAnAsyncTask.from_dict, payload, canonical=True)
    details = payload.get("details")
    if isinstance(details, dict):
        expected = (
            postman.GetStatusOfAnAsyncTaskDetails1
            if "resources" in details
            else postman.GetStatusOfAnAsyncTaskDetails2
        )
        assert type(model.details) is expected
    status = payload.get("status")
    assert model.is_terminal is (status in {"completed", "failed"})
    assert model.is_success is (status == "completed")
    assert model.is_failure is (status == "failed")
    if status == "failed":
        error = details.get("error") if isinstance(details, dict) else None
        message = error.get("message") if isinstance(error, dict) else None
        assert model.failure_message == message


@SETTINGS
@given(st.one_of(postman_details1, postman_details2))
def test_postman_details_union_members(payload: Payload) -> None:
    cls = (
        postman.GetStatusOfAnAsyncTaskDetails1
        if "resources" in payload
        else postman.GetStatusOfAnAsyncTaskDetails2
    )
    check(cls.from_dict, payload, canonical=True)


@SETTINGS
@given(postman_meta)
def test_postman_meta(payload: Payload) -> None:
    model = check(postman.GetStatusOfAnAsyncTaskMeta.from_dict, payload, canonical=True)
    if isinstance(payload.get("model"), str):
        assert model.model.is_unknown is (payload["model"] not in POSTMAN_MODEL)


# --- synapse: AsynchronousJobStatus ---------------------------------------------------------------

SYNAPSE_STATE = [m.value for m in synapse.AsynchJobState]
PREFIX = "org.sagebionetworks.repo.model."
DOI_REQUEST = PREFIX + "doi.v2.DoiRequest"
QUERY_BUNDLE_REQUEST = PREFIX + "table.QueryBundleRequest"
ADD_REQUEST = PREFIX + "file.AddFileToDownloadListRequest"
DOI_RESPONSE = PREFIX + "doi.v2.DoiResponse"
QUERY_RESULT_BUNDLE = PREFIX + "table.QueryResultBundle"
ADD_RESPONSE = PREFIX + "file.AddFileToDownloadListResponse"
REQUEST_CLASSES: dict[str, type] = {
    DOI_REQUEST: synapse.DoiRequest,
    QUERY_BUNDLE_REQUEST: synapse.QueryBundleRequest,
    ADD_REQUEST: synapse.AddFileToDownloadListRequest,
}
RESPONSE_CLASSES: dict[str, type] = {
    DOI_RESPONSE: synapse.DoiResponse,
    QUERY_RESULT_BUNDLE: synapse.QueryResultBundle,
    ADD_RESPONSE: synapse.AddFileToDownloadListResponse,
}
numbers = ints | finite_floats


def synapse_doi() -> st.SearchStrategy[Payload]:
    return obj(
        optional={
            "objectId": nullable(texts),
            "objectType": nullable(texts),
            "objectVersion": nullable(ints),
            "etag": nullable(texts),
            "doiUri": nullable(texts),
            "doiUrl": nullable(texts),
        }
    )


synapse_query = obj(
    required={"sql": texts},
    optional={"offset": nullable(ints), "limit": nullable(ints)},
)


def unknown_body(known: Iterable[str], other: Iterable[str]) -> st.SearchStrategy[Payload]:
    """An interface body whose concreteType this union does not map: kept as a plain dict."""
    known = frozenset(known)
    tags = st.sampled_from(sorted(other)) | texts.filter(lambda tag: tag not in known)
    return st.builds(
        lambda tag, rest: {"concreteType": tag, **rest},
        tags,
        st.dictionaries(
            texts.filter(lambda key: key != "concreteType"), json_values, max_size=4
        ),
    )


def synapse_request_body(dt: DateTimes) -> st.SearchStrategy[Payload]:
    return st.one_of(
        obj(
            required={"concreteType": st.just(DOI_REQUEST)},
            optional={"doi": nullable(synapse_doi())},
        ),
        obj(
            required={"concreteType": st.just(QUERY_BUNDLE_REQUEST)},
            optional={
                "entityId": nullable(texts),
                "query": nullable(synapse_query),
                "partMask": nullable(ints),
            },
        ),
        obj(
            required={"concreteType": st.just(ADD_REQUEST)},
            optional={"folderId": nullable(texts), "query": nullable(synapse_query)},
        ),
        unknown_body(REQUEST_CLASSES, RESPONSE_CLASSES),
    )


def synapse_download_list(dt: DateTimes) -> st.SearchStrategy[Payload]:
    file = obj(optional={"fileEntityId": nullable(texts), "versionNumber": nullable(ints)})
    return obj(
        optional={
            "ownerId": nullable(texts),
            "etag": nullable(texts),
            "updatedOn": nullable(dt),
            "filesToDownload": nullable(st.lists(file, max_size=3)),
        }
    )


def synapse_response_body(dt: DateTimes) -> st.SearchStrategy[Payload]:
    return st.one_of(
        obj(
            required={"concreteType": st.just(DOI_RESPONSE)},
            optional={"doi": nullable(synapse_doi())},
        ),
        obj(
            required={"concreteType": st.just(QUERY_RESULT_BUNDLE)},
            optional={
                "queryCount": nullable(ints),
                "maxRowsPerPage": nullable(ints),
                "lastUpdatedOn": nullable(dt),
                "combinedSql": nullable(texts),
            },
        ),
        obj(
            required={"concreteType": st.just(ADD_RESPONSE)},
            optional={"downloadList": nullable(synapse_download_list(dt))},
        ),
        unknown_body(RESPONSE_CLASSES, REQUEST_CLASSES),
    )


def synapse_job_status(dt: DateTimes) -> st.SearchStrategy[Payload]:
    return obj(
        optional={
            "changedOn": nullable(dt),
            "errorDetails": nullable(texts),
            "errorMessage": nullable(texts),
            "etag": nullable(texts),
            "exception": nullable(texts),
            "jobCanceling": nullable(st.booleans()),
            "jobId": nullable(texts),
            "jobState": nullable(open_enum(SYNAPSE_STATE)),
            "progressCurrent": nullable(ints),
            "progressMessage": nullable(texts),
            "progressTotal": nullable(ints),
            "requestBody": nullable(synapse_request_body(dt)),
            "responseBody": nullable(synapse_response_body(dt)),
            "runtimeMS": nullable(numbers),
            "startedByUserId": nullable(ints),
            "startedOn": nullable(dt),
        }
    )


def body_class(body: Any, classes: dict[str, type]) -> type | None:
    if not isinstance(body, dict):
        return None
    return classes.get(body["concreteType"], dict)


@SETTINGS
@given(synapse_job_status(canonical_datetimes))
def test_synapse_canonical(payload: Payload) -> None:
    model = check(synapse.AsynchronousJobStatus.from_dict, payload, canonical=True)
    expected = body_class(payload.get("requestBody"), REQUEST_CLASSES)
    if expected is not None:
        assert type(model.request_body) is expected
    expected = body_class(payload.get("responseBody"), RESPONSE_CLASSES)
    if expected is not None:
        assert type(model.response_body) is expected
    state = payload.get("jobState")
    assert model.is_terminal is (state in {"COMPLETE", "FAILED"})
    assert model.is_success is (state == "COMPLETE")
    assert model.is_failure is (state == "FAILED")
    if state == "FAILED":
        assert model.failure_message == payload.get("errorMessage")
    if "runtimeMS" in payload:
        assert type(model.runtime_ms) is type(payload["runtimeMS"])


@SETTINGS
@given(synapse_job_status(any_datetimes))
def test_synapse_any_date_time_spelling(payload: Payload) -> None:
    check(synapse.AsynchronousJobStatus.from_dict, payload, canonical=False)


@SETTINGS
@given(synapse_request_body(canonical_datetimes))
def test_synapse_request_body_members(payload: Payload) -> None:
    cls = REQUEST_CLASSES.get(payload["concreteType"])
    if cls is not None:
        check(cls.from_dict, payload, canonical=True)  # type: ignore[attr-defined]


@SETTINGS
@given(synapse_response_body(any_datetimes))
def test_synapse_response_body_members(payload: Payload) -> None:
    cls = RESPONSE_CLASSES.get(payload["concreteType"])
    if cls is not None:
        check(cls.from_dict, payload, canonical=False)  # type: ignore[attr-defined]


@SETTINGS
@given(synapse_query, synapse_doi(), synapse_download_list(canonical_datetimes))
def test_synapse_nested_models(query: Payload, doi: Payload, download_list: Payload) -> None:
    check(synapse.Query.from_dict, query, canonical=True)
    check(synapse.Doi.from_dict, doi, canonical=True)
    check(synapse.AddFileToDownloadListResponseDownloadList.from_dict, download_list, True)


# --- visma: BackgroundRequestStateDto, BackgroundOperationAccepted --------------------------------


def visma_state(dt: DateTimes) -> st.SearchStrategy[Payload]:
    return obj(
        optional={
            "id": nullable(texts),
            "status": nullable(st.sampled_from(["Started", "Finished", "Failed"]) | texts),
            "statusCode": nullable(st.sampled_from([0, 200, 201, 204, 400, 404, 500]) | ints),
            "receivedUtc": nullable(dt),
            "startedUtc": nullable(dt),
            "finishedUtc": nullable(dt),
            "webhookAddress": nullable(st.just("none") | texts),
            "errorMessage": nullable(texts),
            "reference": nullable(texts),
            "originalUri": nullable(texts),
            "hasResponseContent": nullable(st.booleans()),
            "hasRequestContent": nullable(st.booleans()),
            "contentLocation": nullable(texts),
            "responseHeaders": nullable(st.dictionaries(texts, texts, max_size=4)),
        }
    )


@SETTINGS
@given(visma_state(canonical_datetimes))
def test_visma_canonical(payload: Payload) -> None:
    model = check(visma.BackgroundRequestStateDto.from_dict, payload, canonical=True)
    if "webhookAddress" in payload:
        assert model.webhook_address == payload["webhookAddress"]
    if isinstance(payload.get("responseHeaders"), dict):
        assert model.response_headers == payload["responseHeaders"]


@SETTINGS
@given(visma_state(any_datetimes))
def test_visma_any_date_time_spelling(payload: Payload) -> None:
    check(visma.BackgroundRequestStateDto.from_dict, payload, canonical=False)


@SETTINGS
@given(obj(optional={"stateLocation": nullable(texts)}))
def test_visma_accepted(payload: Payload) -> None:
    check(visma.BackgroundOperationAccepted.from_dict, payload, canonical=True)


# --- open enums -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("enum", "success", "failure"),
    [
        (face.OperationStatusType, {"succeeded"}, {"failed"}),
        (postman.GetStatusOfAnAsyncTaskStatus, {"completed"}, {"failed"}),
        (synapse.AsynchJobState, {"COMPLETE"}, {"FAILED"}),
    ],
)
@SETTINGS
@given(value=st.text(max_size=12) | st.sampled_from(["succeeded", "completed", "COMPLETE"]))
def test_status_enums_accept_any_string(
    enum: Any, success: set[str], failure: set[str], value: str
) -> None:
    member = enum(value)
    known = {m.value for m in enum}
    assert isinstance(member, enum)
    assert member == value
    assert member.value == value
    assert str(member) == value
    assert member.is_unknown is (value not in known)
    assert member.is_terminal is (value in success | failure)
    assert member.is_success is (value in success)
    assert member.is_failure is (value in failure)
    assert enum(value) == member
