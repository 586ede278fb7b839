"""A status enum and a poller hold only their data; the runtime bases give the behaviour:
the enum's checks from the words in its class statement, the poller's rule and parsing from
its model. (`from_client` filling the path template: tests/test_pollers_http.py, against a
real server.)"""

from __future__ import annotations

import json
from typing import Any

import face
import pytest
from face._polling import AsyncPoller, HttpResponse, Poller
from face._runtime import StatusEnum


class JobState(
    StatusEnum,
    success=("done",),
    failure=("broken",),
    canceled=("gone",),
    qualified=("ended",),
):
    QUEUED = "queued"
    DONE = "done"
    BROKEN = "broken"
    GONE = "gone"
    ENDED = "ended"


@pytest.mark.parametrize(
    ("value", "terminal", "success", "failure"),
    [
        ("queued", False, False, False),
        ("done", True, True, False),
        ("broken", True, False, True),
        ("gone", True, False, True),
        ("ended", True, False, False),
        ("paused", False, False, False),
    ],
)
def test_a_status_enum_answers_from_the_words_of_its_class_statement(
    value: str, terminal: bool, success: bool, failure: bool
) -> None:
    state = JobState.parse(value)
    assert (state.is_terminal, state.is_success, state.is_failure) == (
        terminal,
        success,
        failure,
    )


def test_the_words_are_class_data_not_members() -> None:
    assert [m.value for m in JobState] == ["queued", "done", "broken", "gone", "ended"]
    assert JobState.parse("paused").is_unknown


def test_two_status_enums_keep_their_own_words() -> None:
    class Other(StatusEnum, success=("broken",)):
        BROKEN = "broken"

    assert Other.BROKEN.is_success
    assert not JobState.BROKEN.is_success


RUNNING = {"createdTime": "2018-12-25T11:41:02Z", "status": "running"}
DONE = {"createdTime": "2018-12-25T11:41:02Z", "status": "succeeded"}


def test_a_poller_takes_its_rule_and_its_parsing_from_its_model() -> None:
    assert face.OperationStatusPoller._rule is face.OperationStatus._status_rule
    bodies = iter([RUNNING, DONE])

    def fetch(timeout: float) -> HttpResponse:
        body = json.dumps(next(bodies)).encode()
        return HttpResponse(200, {"Retry-After": "0"}, body, "https://x/operations/1")

    poller = face.OperationStatusPoller(fetch, sleep=lambda s: None)
    final = poller.wait()
    assert isinstance(final, face.OperationStatus)
    assert final.status is face.OperationStatusType.SUCCEEDED


def test_a_poller_without_a_model_keeps_its_own_rule_and_parse() -> None:
    rule = face.OperationStatus._status_rule

    class Custom(Poller[dict[str, Any]]):
        _rule = rule

        def _parse(self, data: Any) -> dict[str, Any]:
            return dict(data)

    assert Custom._rule is rule
    assert Custom(lambda timeout: None)._parse({"a": 1}) == {"a": 1}


def test_the_asyncio_twin_shares_the_data() -> None:
    assert issubclass(face.AsyncOperationStatusPoller, AsyncPoller)
    assert face.AsyncOperationStatusPoller._path == face.OperationStatusPoller._path
    assert face.AsyncOperationStatusPoller._rule is face.OperationStatus._status_rule
