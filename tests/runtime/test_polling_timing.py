"""Poller timing and state handling against a fake clock (DESIGN.md §4): no real waiting.

Every poller here gets an injected `clock=` (monotonic), `now=` (wall clock, for HTTP-dates),
`random=` and `sleep=`; the fake sleep only advances the fake clock and records the delay. The
fetch callable plays a script of `HttpResponse` objects, decoded bodies (dicts) or exceptions
and records the fake time and the per-request timeout of every call.

Most tests run for the sync poller and the asyncio poller alike (`mode` parameter).
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import face
import httpx
import postman
import pytest
import synapse
import visma
from hypothesis import given, settings
from hypothesis import strategies as st

HttpResponse = face.HttpResponse
UnexpectedResponse = face.UnexpectedResponse
TransientError = face.TransientError

WALL0 = 1_000_000_000.0  # the fake wall clock at fake time 0 (2001-09-09, far from today)
CREATED = "2018-12-25T11:41:02Z"
MODES = ["sync", "async"]

POLLERS: dict[str, tuple[type, type]] = {
    "face": (face.OperationStatusPoller, face.AsyncOperationStatusPoller),
    "postman": (postman.GetStatusOfAnAsyncTaskPoller, postman.AsyncGetStatusOfAnAsyncTaskPoller),
    "synapse": (
        synapse.AsynchronousJobStatusPoller,
        synapse.AsyncAsynchronousJobStatusPoller,
    ),
    "doi": (synapse.GetDoiAsyncResultPoller, synapse.AsyncGetDoiAsyncResultPoller),
    "visma": (visma.BackgroundRequestStateDtoPoller, visma.AsyncBackgroundRequestStateDtoPoller),
}


# --------------------------------------------------------------------------- fake time & fetch


class FakeTime:
    """A monotonic clock, a wall clock and a sleep that only moves the clocks forward."""

    def __init__(self) -> None:
        self.t = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.t

    def now(self) -> float:
        return WALL0 + self.t

    def sleep(self, delay: float) -> None:
        assert delay >= 0, f"negative sleep {delay}"
        self.sleeps.append(delay)
        self.t += delay

    async def asleep(self, delay: float) -> None:
        self.sleep(delay)
        await asyncio.sleep(0)


@dataclass
class Call:
    t: float
    timeout: float


class Script:
    """A fetch callable answering from a list; over-polling is a test failure."""

    def __init__(
        self,
        ft: FakeTime,
        items: Iterable[Any],
        *,
        repeat_last: bool = False,
        latency: float = 0.0,
    ) -> None:
        self.ft = ft
        self.items = list(items)
        self.repeat_last = repeat_last
        self.latency = latency
        self.calls: list[Call] = []
        # each generated package has its own HttpResponse class; make() sets the poller's one
        self.response_cls: type = HttpResponse

    def __call__(self, timeout: float) -> Any:
        index = len(self.calls)
        self.calls.append(Call(self.ft.t, timeout))
        if index >= len(self.items):
            if not self.repeat_last:
                raise AssertionError(f"polled {index + 1} times; the script has {len(self.items)}")
            index = len(self.items) - 1
        self.ft.t += self.latency
        item = self.items[index]
        if isinstance(item, BaseException):
            raise item
        if callable(item):  # built at call time, e.g. a Retry-After date relative to "now"
            item = item()
        if isinstance(item, HttpResponse):
            item = self.response_cls(item.status_code, item.headers, item.content, item.url)
        return item

    @property
    def times(self) -> list[float]:
        return [c.t for c in self.calls]


def make(
    mode: str,
    api: str,
    script: Script,
    ft: FakeTime,
    **options: Any,
) -> Any:
    """A poller of `api` on the fake clock; deterministic jitter (random 1.0) unless given."""
    options.setdefault("random", lambda: 1.0)
    options.setdefault("timeout", 1000.0)
    options.setdefault("first_delay", 1.0)
    sync_cls, async_cls = POLLERS[api]
    script.response_cls = sys.modules[sync_cls.__module__.split(".")[0]].HttpResponse
    common = {"clock": ft.clock, "now": ft.now, **options}
    if mode == "sync":
        return sync_cls(script, sleep=ft.sleep, **common)

    async def afetch(timeout: float) -> Any:
        return script(timeout)

    return async_cls(afetch, sleep=ft.asleep, **common)


def wait(mode: str, poller: Any) -> Any:
    return poller.wait() if mode == "sync" else asyncio.run(poller.wait())


def collect(mode: str, poller: Any) -> tuple[list[Any], BaseException | None]:
    """Every model the iteration yields, and the exception that ended it (or None)."""
    models: list[Any] = []

    def sync() -> None:
        for m in poller:
            models.append(m)

    async def run() -> None:
        async for m in poller:
            models.append(m)

    try:
        sync() if mode == "sync" else asyncio.run(run())
    except Exception as exc:  # noqa: BLE001 - returned to the test
        return models, exc
    return models, None


def poll(mode: str, poller: Any) -> Any:
    return poller.poll() if mode == "sync" else asyncio.run(poller.poll())


# --------------------------------------------------------------------------- bodies


def resp(body: Any, headers: dict[str, str] | None = None, code: int = 200) -> HttpResponse:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    return HttpResponse(code, headers or {}, content, "https://api.example/status")


def face_body(status: str, n: int = 0, **extra: Any) -> dict[str, Any]:
    return {
        "status": status,
        "createdTime": CREATED,
        "lastActionTime": f"2018-12-25T11:42:{n % 60:02d}Z",
        **extra,
    }


def running(n: int = 0, headers: dict[str, str] | None = None) -> HttpResponse:
    return resp(face_body("running", n), headers)


def succeeded(n: int = 99) -> HttpResponse:
    return resp(face_body("succeeded", n, resourceLocation="/snapshots/abc"))


def job(state: str, current: int | None = None, total: int = 100, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"jobState": state, "jobId": "8412503", **extra}
    if current is not None:
        body.update(progressCurrent=current, progressTotal=total)
    return body


def visma_body(status: str, code: int = 0, **extra: Any) -> dict[str, Any]:
    return {"id": "4f1c8a2e", "status": status, "statusCode": code, **extra}


def clamp(value: float, low: float, high: float) -> float:
    return min(max(value, low), high)


# --------------------------------------------------------------------------- delay rule


@pytest.mark.parametrize("mode", MODES)
def test_backoff_doubles_from_first_delay_and_is_capped_by_max_delay(mode: str) -> None:
    ft = FakeTime()
    script = Script(ft, [running(i) for i in range(7)] + [succeeded()])
    poller = make(mode, "face", script, ft, first_delay=1.0, max_delay=10.0)
    final = wait(mode, poller)
    assert final.is_success
    # random() == 1.0: the top of each full-jitter interval [0, min(max, first * 2**n)]
    assert ft.sleeps == [1.0, 2.0, 4.0, 8.0, 10.0, 10.0, 10.0]
    assert script.times == [0.0, 1.0, 3.0, 7.0, 15.0, 25.0, 35.0, 45.0]


@pytest.mark.parametrize("mode", MODES)
def test_full_jitter_scales_the_interval_by_random(mode: str) -> None:
    ft = FakeTime()
    randoms = iter([0.5, 0.25, 0.0, 0.75])
    script = Script(ft, [running(i) for i in range(4)] + [succeeded()])
    poller = make(
        mode, "face", script, ft, first_delay=2.0, max_delay=100.0, random=randoms.__next__
    )
    wait(mode, poller)
    assert ft.sleeps == pytest.approx([0.5 * 2, 0.25 * 4, 0.0, 0.75 * 16])


@pytest.mark.parametrize("mode", MODES)
def test_min_delay_is_a_floor_for_the_jittered_delay(mode: str) -> None:
    ft = FakeTime()
    script = Script(ft, [running(i) for i in range(3)] + [succeeded()])
    poller = make(mode, "face", script, ft, min_delay=0.3, random=lambda: 0.0)
    wait(mode, poller)
    assert ft.sleeps == [0.3, 0.3, 0.3]


@settings(max_examples=150, deadline=None)
@given(
    first=st.floats(0.001, 20.0),
    low=st.floats(0.0, 5.0),
    extra=st.floats(0.0, 60.0),
    randoms=st.lists(st.floats(0.0, 1.0, exclude_max=True), min_size=1, max_size=12),
)
def test_every_backoff_delay_obeys_the_full_jitter_rule(
    first: float, low: float, extra: float, randoms: list[float]
) -> None:
    high = low + extra
    ft = FakeTime()
    draws = iter(randoms)
    script = Script(ft, [running(i) for i in range(len(randoms))] + [succeeded()])
    poller = make(
        "sync",
        "face",
        script,
        ft,
        first_delay=first,
        min_delay=low,
        max_delay=high,
        random=draws.__next__,
        timeout=1e9,
    )
    poller.wait()
    assert len(ft.sleeps) == len(randoms)
    for n, (delay, r) in enumerate(zip(ft.sleeps, randoms, strict=True)):
        cap = min(high, first * 2.0**n)
        assert low - 1e-9 <= delay <= high + 1e-9
        assert delay <= max(low, cap) + 1e-9
        assert delay == pytest.approx(clamp(r * cap, low, high))


# --------------------------------------------------------------------------- server hints


@pytest.mark.parametrize("mode", MODES)
def test_retry_after_seconds_replaces_the_backoff(mode: str) -> None:
    ft = FakeTime()
    script = Script(ft, [running(0, {"Retry-After": "7"}), running(1), succeeded()])
    poller = make(mode, "face", script, ft, first_delay=1.0)
    wait(mode, poller)
    assert ft.sleeps[0] == 7.0
    assert ft.sleeps[1] in (1.0, 2.0)  # back to the backoff once the hint is gone
    assert script.times[:2] == [0.0, 7.0]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("header", "low", "high", "expected"),
    [("100", 0.0, 30.0, 30.0), ("1", 5.0, 30.0, 5.0), ("12", 0.0, 30.0, 12.0)],
)
def test_retry_after_is_clamped_to_min_and_max_delay(
    mode: str, header: str, low: float, high: float, expected: float
) -> None:
    ft = FakeTime()
    script = Script(ft, [running(0, {"retry-after": header}), succeeded()])
    wait(mode, make(mode, "face", script, ft, min_delay=low, max_delay=high))
    assert ft.sleeps == [expected]


@pytest.mark.parametrize("mode", MODES)
def test_retry_after_http_date_is_relative_to_the_injected_now(mode: str) -> None:
    ft = FakeTime()

    def dated(seconds_ahead: float) -> Callable[[], HttpResponse]:
        def build() -> HttpResponse:
            date = email.utils.formatdate(ft.now() + seconds_ahead, usegmt=True)
            return running(0, {"Retry-After": date})

        return build

    script = Script(ft, [dated(12.0), dated(-30.0), succeeded()])
    wait(mode, make(mode, "face", script, ft, first_delay=5.0))
    assert ft.sleeps == [12.0, 0.0]  # a date in the past means "now"


@pytest.mark.parametrize("mode", MODES)
def test_retry_after_ms_wins_and_is_in_milliseconds(mode: str) -> None:
    ft = FakeTime()
    script = Script(
        ft,
        [
            running(0, {"retry-after-ms": "1500"}),
            running(1, {"Retry-After-Ms": "250", "Retry-After": "9"}),
            succeeded(),
        ],
    )
    wait(mode, make(mode, "face", script, ft))
    assert ft.sleeps == [1.5, 0.25]


@pytest.mark.parametrize("mode", MODES)
def test_retry_after_zero_means_poll_again_at_once(mode: str) -> None:
    ft = FakeTime()
    script = Script(
        ft, [running(0, {"Retry-After": "0"}), running(1, {"Retry-After": "0"}), succeeded()]
    )
    wait(mode, make(mode, "face", script, ft, first_delay=5.0))
    assert ft.sleeps == [0.0, 0.0]
    assert script.times == [0.0, 0.0, 0.0]


@pytest.mark.parametrize("mode", MODES)
def test_unparsable_retry_after_falls_back_to_backoff(mode: str) -> None:
    ft = FakeTime()
    script = Script(ft, [running(0, {"Retry-After": "soon"}), succeeded()])
    wait(mode, make(mode, "face", script, ft, first_delay=3.0))
    assert ft.sleeps == [3.0]


@pytest.mark.parametrize("mode", MODES)
def test_initial_delay_option_delays_the_first_poll(mode: str) -> None:
    ft = FakeTime()
    script = Script(ft, [running(0), succeeded()])
    wait(mode, make(mode, "face", script, ft, initial_delay=3.0, first_delay=1.0))
    assert ft.sleeps == [3.0, 1.0]
    assert script.times == [3.0, 4.0]


class MockApi:
    """An httpx MockTransport playing a script of (status, headers, body) per GET."""

    def __init__(self, ft: FakeTime, answers: list[tuple[int, dict[str, str], Any]]) -> None:
        self.ft = ft
        self.answers = answers
        self.requests: list[tuple[float, httpx.Request]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append((self.ft.t, request))
        code, headers, body = self.answers[min(len(self.requests), len(self.answers)) - 1]
        return httpx.Response(code, headers=headers, json=body)

    def client(self, base_url: str, **kwargs: Any) -> httpx.Client:
        return httpx.Client(base_url=base_url, transport=httpx.MockTransport(self), **kwargs)


FACE_BASE = "https://westus.api.cognitive.microsoft.com/face/v1.0"
OP_ID = "0b5b1b57-8d7a-4d7e-9a2a-3a7f8c1f2e11"


def accepted(headers: dict[str, str], body: Any = None) -> httpx.Response:
    return httpx.Response(
        202,
        headers=headers,
        json=body,
        request=httpx.Request("POST", FACE_BASE + "/snapshots"),
    )


def test_from_response_honours_the_initial_retry_after_before_the_first_poll() -> None:
    ft = FakeTime()
    api = MockApi(ft, [(200, {}, face_body("running")), (200, {}, face_body("succeeded"))])
    start = accepted({"Operation-Location": f"/operations/{OP_ID}", "Retry-After": "4"})
    with api.client(FACE_BASE) as client:
        poller = face.OperationStatusPoller.from_response(
            client, start, sleep=ft.sleep, clock=ft.clock, now=ft.now, random=lambda: 1.0
        )
        assert poller.wait().is_success
    assert ft.sleeps[0] == 4.0
    assert [t for t, _ in api.requests] == [4.0, 5.0]
    # the relative Operation-Location is resolved under the client's base URL
    assert api.requests[0][1].url.path == f"/face/v1.0/operations/{OP_ID}"


@pytest.mark.parametrize(
    ("header", "low", "high", "expected"),
    [("100", 0.0, 5.0, 5.0), ("0", 0.5, 5.0, 0.5), ("3", 0.0, 5.0, 3.0)],
)
def test_from_response_initial_hint_obeys_min_and_max_delay(
    header: str, low: float, high: float, expected: float
) -> None:
    """The 202's Retry-After goes through the same clamp as every other server hint."""
    ft = FakeTime()
    api = MockApi(ft, [(200, {}, face_body("succeeded"))])
    start = accepted({"Operation-Location": f"/operations/{OP_ID}", "Retry-After": header})
    with api.client(FACE_BASE) as client:
        poller = face.OperationStatusPoller.from_response(
            client, start, sleep=ft.sleep, clock=ft.clock, now=ft.now, min_delay=low, max_delay=high
        )
        poller.wait()
    assert ft.sleeps == [expected]


def test_from_response_retry_after_ms() -> None:
    ft = FakeTime()
    api = MockApi(ft, [(200, {}, face_body("succeeded"))])
    start = accepted({"Operation-Location": f"/operations/{OP_ID}", "retry-after-ms": "2500"})
    with api.client(FACE_BASE) as client:
        poller = face.OperationStatusPoller.from_response(
            client, start, sleep=ft.sleep, clock=ft.clock, now=ft.now
        )
        poller.wait()
    assert ft.sleeps == [2.5]


def test_from_response_http_date_is_relative_to_the_injected_now() -> None:
    ft = FakeTime()
    api = MockApi(ft, [(200, {}, face_body("succeeded"))])
    date = email.utils.formatdate(WALL0 + 6, usegmt=True)
    start = accepted({"Operation-Location": f"/operations/{OP_ID}", "Retry-After": date})
    with api.client(FACE_BASE) as client:
        poller = face.OperationStatusPoller.from_response(
            client, start, sleep=ft.sleep, clock=ft.clock, now=ft.now
        )
        poller.wait()
    assert ft.sleeps == [6.0]


def test_from_response_reads_the_visma_state_location_body() -> None:
    ft = FakeTime()
    url = "https://integration.visma.net/API/v1/background/4f1c8a2e"
    api = MockApi(ft, [(200, {}, visma_body("Finished", 200))])
    start = accepted({}, {"stateLocation": url})
    with api.client("https://integration.visma.net/API") as client:
        poller = visma.BackgroundRequestStateDtoPoller.from_response(
            client, start, sleep=ft.sleep, clock=ft.clock, now=ft.now
        )
        assert poller.wait().status_code == 200
    assert str(api.requests[0][1].url) == url


def test_from_response_without_a_location_is_refused() -> None:
    with httpx.Client() as client, pytest.raises(UnexpectedResponse) as info:
        face.OperationStatusPoller.from_response(client, accepted({}))
    assert info.value.response is not None and info.value.response.status_code == 202


# --------------------------------------------------------------------------- deadline


@pytest.mark.parametrize("mode", MODES)
def test_last_sleep_is_cut_and_one_final_poll_lands_on_the_deadline(mode: str) -> None:
    ft = FakeTime()
    script = Script(ft, [running(i) for i in range(3)])  # a 4th poll would fail the test
    poller = make(mode, "face", script, ft, timeout=10.0, first_delay=4.0, max_delay=100.0)
    models, error = collect(mode, poller)
    assert isinstance(error, face.PollTimeout)
    # 8 s of backoff cut to the 6 s left less the final poll's reserve of min(1 s, timeout/10),
    # so the final poll's request can be answered by the deadline.
    assert ft.sleeps == [4.0, 5.0]
    assert script.times == [0.0, 4.0, 9.0]
    assert [m.last_action_time.second for m in models] == [0, 1, 2]
    assert error.model is models[-1]
    assert error.timeout == 10.0


@pytest.mark.parametrize("mode", MODES)
def test_wait_never_returns_a_model_in_progress(mode: str) -> None:
    ft = FakeTime()
    script = Script(ft, [running(0), running(1)], repeat_last=True)
    poller = make(mode, "face", script, ft, timeout=5.0, first_delay=1.0, max_delay=1.0)
    with pytest.raises(face.PollTimeout) as info:
        wait(mode, poller)
    assert info.value.model is poller.status
    assert not info.value.model.is_terminal
    assert ft.t == 4.5  # the final poll starts 0.5 s (timeout / 10) before the deadline
    assert script.times[-1] == 4.5
    assert script.times[-2] < 4.5


@pytest.mark.parametrize("mode", MODES)
def test_a_server_hint_longer_than_the_time_left_is_cut_too(mode: str) -> None:
    ft = FakeTime()
    script = Script(ft, [running(0, {"Retry-After": "60"}), running(1)])
    poller = make(mode, "face", script, ft, timeout=10.0, max_delay=100.0)
    with pytest.raises(face.PollTimeout) as info:
        wait(mode, poller)
    assert ft.sleeps == [9.0]
    assert script.times == [0.0, 9.0]
    assert info.value.model.last_action_time.second == 1


@pytest.mark.parametrize("mode", MODES)
def test_request_timeout_never_exceeds_the_time_left(mode: str) -> None:
    ft = FakeTime()
    # every request takes 1.5 s of fake time, the first two fail transiently
    items: list[Any] = [ConnectionError("reset"), resp(b"", code=503)]
    items += [running(i) for i in range(20)]
    script = Script(ft, items, latency=1.5)
    poller = make(
        mode, "face", script, ft, timeout=10.0, request_timeout=4.0, first_delay=0.5, max_delay=2.0
    )
    with pytest.raises(face.PollTimeout):
        wait(mode, poller)
    deadline = 10.0
    for call in script.calls:
        left = deadline - call.t
        assert 0 < call.timeout <= 4.0
        assert call.timeout <= max(left, 0.001) + 1e-9, (call, left)
    assert any(c.timeout < 4.0 for c in script.calls)  # the cut did happen
    assert script.calls[0].timeout == 4.0


@pytest.mark.parametrize("mode", MODES)
def test_a_timeout_of_the_final_poll_at_the_deadline_is_a_poll_timeout(mode: str) -> None:
    """The final poll's request failing is the overall timeout passing: the caller gets
    PollTimeout with the last model, not TimeoutError."""
    ft = FakeTime()
    script = Script(ft, [running(0), running(1), TimeoutError("read timed out")])
    poller = make(mode, "face", script, ft, timeout=10.0, first_delay=4.0, max_delay=100.0)
    with pytest.raises(face.PollTimeout) as info:
        wait(mode, poller)
    assert script.times == [0.0, 4.0, 9.0]
    assert info.value.model.last_action_time.second == 1


@pytest.mark.parametrize("mode", MODES)
def test_transient_errors_until_the_deadline_end_in_a_poll_timeout(mode: str) -> None:
    """Transient errors still within their budget when the overall timeout passes."""
    ft = FakeTime()
    busy = resp(b"", {"Retry-After": "3"}, code=503)
    script = Script(ft, [running(0)] + [busy] * 10)
    poller = make(mode, "face", script, ft, timeout=10.0, first_delay=1.0, transient_retries=50)
    with pytest.raises(face.PollTimeout) as info:
        wait(mode, poller)
    assert script.calls[-1].t == 9.0  # the final poll, a reserve of 1 s before the deadline
    assert info.value.model.last_action_time.second == 0


# --------------------------------------------------------------------------- transient errors


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("code", [408, 429, 500, 502, 503, 504])
def test_transient_statuses_are_retried(mode: str, code: int) -> None:
    ft = FakeTime()
    busy = resp(b"<html>busy</html>", code=code)
    script = Script(ft, [busy, busy, running(0), succeeded()])
    final = wait(mode, make(mode, "face", script, ft, transient_retries=2))
    assert final.is_success
    assert len(script.calls) == 4
    assert len(ft.sleeps) == 3


@pytest.mark.parametrize("mode", MODES)
def test_transient_retry_honours_retry_after(mode: str) -> None:
    ft = FakeTime()
    script = Script(ft, [resp(b"", {"Retry-After": "2"}, code=503), succeeded()])
    wait(mode, make(mode, "face", script, ft, first_delay=9.0, max_delay=20.0))
    assert ft.sleeps == [2.0]


@pytest.mark.parametrize("mode", MODES)
def test_503_budget_exhausted_raises_with_the_response(mode: str) -> None:
    ft = FakeTime()
    script = Script(ft, [resp(b"down", code=503)] * 10)
    with pytest.raises(TransientError) as info:
        wait(mode, make(mode, "face", script, ft, transient_retries=3))
    assert len(script.calls) == 4  # the first try and 3 retries
    assert len(ft.sleeps) == 3
    assert info.value.response is not None
    assert info.value.response.status_code == 503


@pytest.mark.parametrize("mode", MODES)
def test_connection_errors_are_retried_within_the_budget(mode: str) -> None:
    ft = FakeTime()
    script = Script(ft, [ConnectionResetError("reset"), ConnectionError("refused"), succeeded()])
    assert wait(mode, make(mode, "face", script, ft, transient_retries=2)).is_success
    assert len(script.calls) == 3


@pytest.mark.parametrize("mode", MODES)
def test_connection_errors_beyond_the_budget_are_raised(mode: str) -> None:
    ft = FakeTime()
    script = Script(ft, [ConnectionError(f"refused {i}") for i in range(10)])
    with pytest.raises(ConnectionError, match="refused 2"):
        wait(mode, make(mode, "face", script, ft, transient_retries=2))
    assert len(script.calls) == 3


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("code", [400, 401, 403, 404, 409, 410])
def test_other_http_errors_raise_at_once_with_the_response(mode: str, code: int) -> None:
    ft = FakeTime()
    script = Script(ft, [resp({"error": {"code": "NotFound"}}, code=code), succeeded()])
    with pytest.raises(UnexpectedResponse) as info:
        wait(mode, make(mode, "face", script, ft))
    assert len(script.calls) == 1
    assert ft.sleeps == []
    assert info.value.response is not None
    assert info.value.response.status_code == code


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "content",
    [
        b"not json",
        b"",
        b"[]",
        b'{"status": 5, "createdTime": "2018-12-25T11:41:02Z"}',
        b'{"status": "running"}',
        b'{"status": "running", "createdTime": "yesterday"}',
        b'{"status": "running", "createdTime": NaN}',
    ],
    ids=["text", "empty", "array", "status-int", "missing-created", "bad-date", "nan"],
)
def test_an_invalid_body_raises_at_once(mode: str, content: bytes) -> None:
    ft = FakeTime()
    script = Script(ft, [resp(content), succeeded()])
    with pytest.raises(UnexpectedResponse) as info:
        wait(mode, make(mode, "face", script, ft))
    assert len(script.calls) == 1
    assert info.value.response is not None
    assert info.value.response.content == content


@pytest.mark.parametrize("mode", MODES)
def test_a_fetch_may_return_decoded_bodies(mode: str) -> None:
    ft = FakeTime()
    script = Script(ft, [face_body("notstarted"), face_body("running"), face_body("succeeded")])
    assert wait(mode, make(mode, "face", script, ft)).is_success
    assert len(script.calls) == 3


# --------------------------------------------------------------------------- states & progress


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("api", "bodies"),
    [
        ("face", [face_body("running"), face_body("cancelling"), face_body("succeeded")]),
        ("visma", [visma_body("Started"), visma_body("Queued"), visma_body("Finished", 200)]),
        ("synapse", [job("PROCESSING"), job("QUEUED"), job("COMPLETE")]),
        (
            "postman",
            [{"status": "pending"}, {"status": "in-progress"}, {"status": "completed"}],
        ),
    ],
)
def test_an_unknown_state_value_stays_in_progress(mode: str, api: str, bodies: list[Any]) -> None:
    ft = FakeTime()
    script = Script(ft, [resp(b) for b in bodies])
    poller = make(mode, api, script, ft)
    models, error = collect(mode, poller)
    assert error is None
    assert len(models) == 3
    assert not models[1].is_terminal and not models[1].is_failure and not models[1].is_success
    assert models[2].is_success


@pytest.mark.parametrize("mode", MODES)
def test_done_and_status_after_each_poll(mode: str) -> None:
    ft = FakeTime()
    script = Script(ft, [resp(face_body(s)) for s in ("notstarted", "running", "succeeded")])
    poller = make(mode, "face", script, ft)
    assert poller.status is None and not poller.done()
    seen = []
    for expected_done in (False, False, True):
        model = poll(mode, poller)
        seen.append(str(model.status))
        assert poller.status is model
        assert poller.done() is expected_done
    assert seen == ["notstarted", "running", "succeeded"]


@pytest.mark.parametrize("mode", MODES)
def test_iteration_yields_every_observed_model(mode: str) -> None:
    ft = FakeTime()
    script = Script(ft, [resp(b"", code=503), running(0), running(1), succeeded()])
    models, error = collect(mode, make(mode, "face", script, ft))
    assert error is None
    assert [str(m.status) for m in models] == ["running", "running", "succeeded"]


@pytest.mark.parametrize("mode", MODES)
def test_progress_callback_only_when_progress_changes(mode: str) -> None:
    ft = FakeTime()
    calls: list[float | None] = []
    bodies = [
        job("PROCESSING", 0),
        job("PROCESSING", 0),
        job("PROCESSING", 40),
        job("PROCESSING", 40),
        job("PROCESSING", 40),
        job("COMPLETE", 100),
    ]
    script = Script(ft, [resp(b) for b in bodies])
    poller = make(mode, "synapse", script, ft, on_progress=lambda m: calls.append(m.progress))
    assert wait(mode, poller).progress == 1.0
    assert calls == [0.0, 0.4, 1.0]


@pytest.mark.parametrize("mode", MODES)
def test_progress_callback_without_progress_fields(mode: str) -> None:
    ft = FakeTime()
    calls: list[Any] = []
    bodies = ["notstarted", "running", "running", "running", "succeeded"]
    script = Script(ft, [resp(face_body(s)) for s in bodies])
    poller = make(mode, "face", script, ft, on_progress=calls.append)
    wait(mode, poller)
    assert [m.status for m in calls] == ["notstarted", "running", "succeeded"]
    assert calls[-1].progress == 1.0 and calls[-1].is_success


# --------------------------------------------------------------------------- outcomes


@pytest.mark.parametrize("mode", MODES)
def test_visma_finished_with_status_code_500_is_a_failure(mode: str) -> None:
    ft = FakeTime()
    final = visma_body("Finished", 500, errorMessage="Customer invoice rejected: VAT missing")
    script = Script(ft, [resp(visma_body("Started")), resp(final)])
    with pytest.raises(visma.OperationFailed) as info:
        wait(mode, make(mode, "visma", script, ft))
    assert info.value.message == "Customer invoice rejected: VAT missing"
    assert info.value.model.status == "Finished"
    assert info.value.model.status_code == 500
    assert info.value.model.is_failure and not info.value.model.is_success


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("code", [200, 201, 204])
def test_visma_finished_with_a_2xx_status_code_is_a_success(mode: str, code: int) -> None:
    ft = FakeTime()
    script = Script(ft, [resp(visma_body("Started")), resp(visma_body("Finished", code))])
    final = wait(mode, make(mode, "visma", script, ft))
    assert final.is_success and final.status_code == code


@pytest.mark.parametrize("mode", MODES)
def test_visma_failed_carries_the_error_message(mode: str, payload: Any) -> None:
    ft = FakeTime()
    script = Script(ft, [resp(payload("visma", "started")), resp(payload("visma", "failed"))])
    with pytest.raises(visma.OperationFailed) as info:
        wait(mode, make(mode, "visma", script, ft))
    assert info.value.message == payload("visma", "failed")["errorMessage"]


@pytest.mark.parametrize("mode", MODES)
def test_postman_failure_message_comes_from_details_error_message(mode: str, payload: Any) -> None:
    ft = FakeTime()
    failed = payload("postman", "failed_error")
    script = Script(ft, [resp(payload("postman", "pending")), resp(failed)])
    with pytest.raises(postman.OperationFailed) as info:
        wait(mode, make(mode, "postman", script, ft))
    assert info.value.message == failed["details"]["error"]["message"]
    assert str(info.value) == "the operation failed: " + failed["details"]["error"]["message"]


@pytest.mark.parametrize("mode", MODES)
def test_postman_completed_is_a_success(mode: str, payload: Any) -> None:
    ft = FakeTime()
    done = payload("postman", "completed_resources")
    script = Script(ft, [resp(payload("postman", "pending")), resp(done)])
    final = wait(mode, make(mode, "postman", script, ft))
    assert final.to_dict() == done


@pytest.mark.parametrize("mode", MODES)
def test_face_failure_with_and_without_a_message(mode: str, payload: Any) -> None:
    ft = FakeTime()
    script = Script(ft, [resp(payload("face", "failed_message"))])
    with pytest.raises(face.OperationFailed) as info:
        wait(mode, make(mode, "face", script, ft))
    assert info.value.message == payload("face", "failed_message")["message"]
    script = Script(ft, [resp(payload("face", "failed_null_message"))])
    with pytest.raises(face.OperationFailed) as info:
        wait(mode, make(mode, "face", script, ft))
    assert info.value.message is None


@pytest.mark.parametrize("mode", MODES)
def test_synapse_result_endpoint_returns_the_result(mode: str, payload: Any) -> None:
    ft = FakeTime()
    result = payload("synapse", "complete_doi")["responseBody"]
    script = Script(
        ft,
        [
            resp(job("PROCESSING", 0), code=202),
            resp(job("PROCESSING", 50), code=202),
            resp(result),
        ],
    )
    poller = make(mode, "doi", script, ft)
    assert poll(mode, poller) is not None
    assert not poller.done()
    final = wait(mode, poller)
    assert isinstance(final, synapse.DoiResponse)
    assert final.to_dict() == result
    assert poller.done()
    assert len(script.calls) == 3


@pytest.mark.parametrize("mode", MODES)
def test_synapse_result_endpoint_failed_job(mode: str, payload: Any) -> None:
    ft = FakeTime()
    script = Script(
        ft, [resp(job("PROCESSING", 0), code=202), resp(payload("synapse", "failed"), code=202)]
    )
    with pytest.raises(synapse.OperationFailed) as info:
        wait(mode, make(mode, "doi", script, ft))
    assert info.value.message == "Column does not exist: nosuchcolumn"


FACE_STATES = st.sampled_from(["notstarted", "running", "cancelling", "", "succeeded", "failed"])


@settings(max_examples=120, deadline=None)
@given(states=st.lists(FACE_STATES, min_size=1, max_size=15))
def test_wait_returns_only_success_and_raises_otherwise(states: list[str]) -> None:
    ft = FakeTime()
    script = Script(ft, [resp(face_body(s, i)) for i, s in enumerate(states)], repeat_last=True)
    poller = make("sync", "face", script, ft, timeout=20.0, first_delay=1.0, max_delay=2.0)
    first_terminal = next((i for i, s in enumerate(states) if s in ("succeeded", "failed")), None)
    try:
        final = poller.wait()
    except face.OperationFailed as exc:
        assert exc.model.is_failure
        assert exc.model is poller.status
    except face.PollTimeout as exc:
        assert not exc.model.is_terminal
        assert ft.t == 19.0  # the final poll, 1 s (the reserve) before the deadline
    else:
        assert final.is_success
    if first_terminal is not None and first_terminal < len(script.calls):
        assert len(script.calls) == first_terminal + 1


# --------------------------------------------------------------------------- continuation tokens


SECRET = "Bearer SECRET-TOKEN-d41d8cd98f00"
SUB_KEY = "KEY-0f1e2d3c4b5a69788796a5b4"


def test_continuation_token_is_versioned_json_without_credentials() -> None:
    ft = FakeTime()
    api = MockApi(ft, [(200, {}, face_body("running", 3))])
    headers = {"Authorization": SECRET, "Ocp-Apim-Subscription-Key": SUB_KEY}
    with api.client(FACE_BASE, headers=headers, cookies={"session": "COOKIE-77aa"}) as client:
        poller = face.OperationStatusPoller.from_client(
            client, operation_id=OP_ID, clock=ft.clock, now=ft.now, sleep=ft.sleep
        )
        poller.poll()
    assert api.requests[0][1].headers["authorization"] == SECRET  # the client did send it
    token = poller.continuation_token()
    data = json.loads(token)
    assert isinstance(data, dict)
    assert isinstance(data["statusgen"], int)
    assert data["url"].endswith(f"/operations/{OP_ID}")
    assert data["last"] == face_body("running", 3)
    for secret in ("SECRET", "Bearer", SUB_KEY, "COOKIE-77aa", "Authorization"):
        assert secret.lower() not in token.lower()


def test_continuation_token_has_no_basic_auth_credentials() -> None:
    ft = FakeTime()
    api = MockApi(ft, [(200, {}, visma_body("Started"))])
    with api.client("https://integration.visma.net/API", auth=("alice", "pw-S3cr3t")) as client:
        poller = visma.BackgroundRequestStateDtoPoller.from_client(client, request_id="4f1c8a2e")
        poller.poll()
    token = poller.continuation_token()
    assert "S3cr3t" not in token and "alice" not in token
    assert "YWxpY2U6" not in token  # base64 of "alice:"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("resume_mode", MODES)
def test_resume_from_a_continuation_token(mode: str, resume_mode: str) -> None:
    ft = FakeTime()
    first = Script(ft, [running(0), running(1)])
    poller = make(mode, "face", first, ft)
    poll(mode, poller)
    poll(mode, poller)
    token = poller.continuation_token()
    assert json.loads(token)  # text, no pickle

    ft2 = FakeTime()
    second = Script(ft2, [running(2), succeeded()])
    sync_cls, async_cls = POLLERS["face"]
    if resume_mode == "sync":
        resumed = sync_cls.from_continuation_token(
            token, fetch=second, sleep=ft2.sleep, clock=ft2.clock, now=ft2.now
        )
    else:

        async def afetch(timeout: float) -> Any:
            return second(timeout)

        resumed = async_cls.from_continuation_token(
            token, fetch=afetch, sleep=ft2.asleep, clock=ft2.clock, now=ft2.now
        )
    assert resumed.status == poller.status
    assert not resumed.done()
    final = wait(resume_mode, resumed)
    assert final.is_success
    assert len(second.calls) == 2
    assert second.calls[0].t == 0.0  # no initial delay when resuming


def test_resume_from_a_terminal_token_does_not_poll() -> None:
    ft = FakeTime()
    poller = make("sync", "visma", Script(ft, [resp(visma_body("Finished", 200))]), ft)
    poller.wait()
    token = poller.continuation_token()
    untouched = Script(ft, [])
    resumed = visma.BackgroundRequestStateDtoPoller.from_continuation_token(token, fetch=untouched)
    assert resumed.done()
    assert resumed.wait().status_code == 200
    assert untouched.calls == []


def test_resume_from_a_failed_token_raises_operation_failed() -> None:
    ft = FakeTime()
    final = visma_body("Finished", 500, errorMessage="boom")
    poller = make("sync", "visma", Script(ft, [resp(final)]), ft)
    with pytest.raises(visma.OperationFailed):
        poller.wait()
    resumed = visma.BackgroundRequestStateDtoPoller.from_continuation_token(
        poller.continuation_token(), fetch=Script(ft, [])
    )
    with pytest.raises(visma.OperationFailed, match="boom"):
        resumed.wait()


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("face", "visma"),
        ("visma", "face"),
        ("synapse", "doi"),
        ("doi", "synapse"),
        ("postman", "face"),
    ],
)
def test_a_token_of_another_poller_class_is_refused(source: str, target: str) -> None:
    ft = FakeTime()
    poller = make("sync", source, Script(ft, []), ft)
    token = poller.continuation_token()
    for cls in POLLERS[target]:
        with pytest.raises(ValueError):
            cls.from_continuation_token(token, fetch=Script(ft, []))


@pytest.mark.parametrize(
    "token",
    [
        "not json",
        "[]",
        json.dumps({"poller": "face.OperationStatusPoller", "url": "/x", "last": None}),
        json.dumps(
            {"statusgen": 999, "poller": "face.OperationStatusPoller", "url": "/x", "last": None}
        ),
        json.dumps({"statusgen": 1, "poller": "face.OperationStatusPoller", "url": 5}),
    ],
    ids=["text", "array", "no-version", "future-version", "bad-url"],
)
def test_malformed_tokens_are_refused(token: str) -> None:
    with pytest.raises(ValueError):
        face.OperationStatusPoller.from_continuation_token(token, fetch=lambda t: {})


def test_resuming_needs_a_client_or_a_fetch() -> None:
    ft = FakeTime()
    poller = make("sync", "face", Script(ft, []), ft)
    with pytest.raises(ValueError):
        face.OperationStatusPoller.from_continuation_token(poller.continuation_token())


# --------------------------------------------------------------------------- fetch results


@pytest.mark.parametrize(
    "wrap",
    [
        lambda r: postman.HttpResponse(r.status_code, r.headers, r.content, r.url),
        lambda r: httpx.Response(r.status_code, headers=r.headers, content=r.content),
    ],
    ids=["another-package-HttpResponse", "httpx.Response"],
)
def test_fetch_may_return_any_response_shaped_object(wrap: Any) -> None:
    ft = FakeTime()
    answers = iter([running(0, {"Retry-After": "2"}), succeeded()])
    poller = face.OperationStatusPoller(
        lambda timeout: wrap(next(answers)), clock=ft.clock, now=ft.now, sleep=ft.sleep
    )
    assert poller.wait().is_success
    assert ft.sleeps == [2.0]


def test_fetch_returning_nonsense_is_a_clear_type_error() -> None:
    poller = face.OperationStatusPoller(lambda timeout: 42)
    with pytest.raises(TypeError, match="fetch must return a mapping or a response"):
        poller.wait()
