"""The generated pollers against a real HTTP server on 127.0.0.1 (DESIGN.md §4, UPSTREAM.md).

A `ThreadingHTTPServer` in a background thread plays the four APIs' lifecycles, with a script of
answers per operation id: Face (202 + relative `Operation-Location`), Postman (202 + `Location`,
`Accept: application/vnd.api.v10+json` required, else 406), Visma (202 + `{"stateLocation": url}`
for a call made with `erp-api-background: none`) and Synapse (job status, cancel, and the
`/doi/async/get/{token}` result endpoint: 202 + status, then 200 + result). The server can also
answer 503, drop the connection without answering, or never finish.

Every scenario runs with the sync poller on `httpx.Client` and with the asyncio poller on
`httpx.AsyncClient` (under `asyncio.run`). The number of requests the server saw per scenario is
kept in `SUMMARY` and printed as a table when the module finishes (visible with `-s`, and written
to the terminal summary otherwise).
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import re
import ssl
import sys
import threading
import time
import urllib.parse
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import face
import httpx
import postman
import pytest
import synapse
import visma

MODES = ["sync", "async"]
V10 = "application/vnd.api.v10+json"
POSTMAN_API = "90ca9f5a-c4c4-11ed"
SECRET = "Bearer SECRET-3c8f0e6b9a71"

# Small delays so the suite stays fast; a generous overall timeout for scenarios that finish.
FAST: dict[str, Any] = {
    "timeout": 5.0,
    "min_delay": 0.005,
    "max_delay": 0.02,
    "first_delay": 0.01,
    "request_timeout": 2.0,
    "transient_retries": 5,
}

# Building an SSL context costs ~50-100 ms per httpx client; every client here shares one.
TLS = ssl.create_default_context()

# scenario id -> what the server saw; printed when the module finishes.
SUMMARY: dict[str, dict[str, Any]] = {}


# --------------------------------------------------------------------------- the fake server


@dataclass
class Step:
    """One answer of the status endpoint."""

    code: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    drop: bool = False
    latency: float = 0.0  # seconds the server takes before answering


DROP = Step(drop=True)


def busy(code: int = 503, **headers: str) -> Step:
    return Step(code, {"error": "busy"}, {k.replace("_", "-"): v for k, v in headers.items()})


@dataclass
class Op:
    api: str
    steps: list[Step]
    start_headers: dict[str, str]
    on_cancel: list[Step] | None
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    index: int = 0
    polls: int = 0  # requests to the status (or result) endpoint, dropped ones included
    requests: int = 0  # every request about this operation: start, polls, cancel
    cancels: int = 0
    served: list[Any] = field(default_factory=list)  # 2xx bodies of the status endpoint
    poll_times: list[float] = field(default_factory=list)
    start_time: float | None = None
    accepts: list[str | None] = field(default_factory=list)
    authorizations: list[str | None] = field(default_factory=list)

    def next_step(self) -> Step:
        step = self.steps[min(self.index, len(self.steps) - 1)]
        self.index += 1
        return step


ROUTES = [
    ("POST", re.compile(r"/face/v1\.0/snapshots"), "start"),
    ("GET", re.compile(r"/face/v1\.0/operations/(?P<id>[^/]+)"), "status"),
    ("POST", re.compile(r"/apis/(?P<api>[^/]+)/versions"), "start"),
    ("GET", re.compile(r"/apis/(?P<api>[^/]+)/tasks/(?P<id>[^/]+)"), "status"),
    ("POST", re.compile(r"/API/v1/salesorder"), "start"),
    ("GET", re.compile(r"/API/v1/background/(?P<id>[^/]+)"), "status"),
    ("POST", re.compile(r"/repo/v1/doi/async/start"), "start"),
    ("GET", re.compile(r"/repo/v1/doi/async/get/(?P<id>[^/]+)"), "status"),
    ("GET", re.compile(r"/repo/v1/asynchronous/job/(?P<id>[^/]+)/cancel"), "cancel"),
    ("GET", re.compile(r"/repo/v1/asynchronous/job/(?P<id>[^/]+)"), "status"),
]


class FakeApis:
    """The scripted state of every operation, shared with the handler threads."""

    def __init__(self) -> None:
        self.ops: dict[str, Op] = {}
        self.lock = threading.Lock()
        self.base = ""
        self.unrouted: list[str] = []

    def add(
        self,
        api: str,
        steps: list[Step],
        *,
        start_headers: dict[str, str] | None = None,
        on_cancel: list[Step] | None = None,
    ) -> Op:
        op = Op(api, list(steps), dict(start_headers or {}), on_cancel)
        with self.lock:
            self.ops[op.id] = op
        return op

    def handle(self, h: BaseHTTPRequestHandler, method: str) -> None:
        split = urllib.parse.urlsplit(h.path)
        query = urllib.parse.parse_qs(split.query)
        length = int(h.headers.get("Content-Length") or 0)
        if length:
            h.rfile.read(length)
        for verb, pattern, kind in ROUTES:  # noqa: B007 - `kind` is used after the loop
            match = pattern.fullmatch(split.path)
            if verb == method and match:
                break
        else:
            with self.lock:
                self.unrouted.append(f"{method} {h.path}")
            return send(h, 404, {"error": f"no route {method} {split.path}"})
        op_id = query["op"][0] if kind == "start" else match["id"]
        with self.lock:
            op = self.ops.get(op_id)
            if op is None:
                self.unrouted.append(f"{method} {h.path}")
                return send(h, 404, {"error": {"code": "NotFound", "message": op_id}})
            op.requests += 1
            if kind == "start":
                op.start_time = time.monotonic()
                return self.start(h, op, match)
            if kind == "cancel":
                op.cancels += 1
                if op.on_cancel is not None:
                    op.steps, op.index = list(op.on_cancel), 0
                return send(h, 204, None)
            op.polls += 1
            op.poll_times.append(time.monotonic())
            op.accepts.append(h.headers.get("Accept"))
            op.authorizations.append(h.headers.get("Authorization"))
            if op.api == "postman" and h.headers.get("Accept") != V10:
                return send(h, 406, {"error": {"name": "notAcceptable"}})
            step = op.next_step()
        if step.latency:
            time.sleep(step.latency)  # outside the lock: other requests are not held up
        with self.lock:
            if step.drop:
                h.close_connection = True  # close the socket without any answer
                return None
            if 200 <= step.code < 300:
                op.served.append(step.body)
            return send(h, step.code, step.body, step.headers)

    def start(self, h: BaseHTTPRequestHandler, op: Op, match: re.Match[str]) -> None:
        headers = dict(op.start_headers)
        if op.api == "face":
            headers["Operation-Location"] = f"/operations/{op.id}"  # relative, as Azure sends
            return send(h, 202, None, headers)
        if op.api == "postman":
            headers["Location"] = f"{self.base}/apis/{match['api']}/tasks/{op.id}"
            return send(h, 202, {"task": {"id": op.id}}, headers)
        if op.api == "visma":
            if h.headers.get("erp-api-background") != "none":
                return send(h, 400, {"message": "expected erp-api-background: none"})
            location = f"{self.base}/API/v1/background/{op.id}"
            return send(h, 202, {"stateLocation": location}, headers)
        return send(h, 201, {"token": op.id}, headers)  # synapse .../async/start


def send(
    h: BaseHTTPRequestHandler, code: int, body: Any, headers: dict[str, str] | None = None
) -> None:
    data = b"" if body is None else body if isinstance(body, bytes) else json.dumps(body).encode()
    h.send_response(code)
    for key, value in (headers or {}).items():
        h.send_header(key, value)
    if code != 204:
        if data:
            h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(len(data)))
    try:
        h.end_headers()
        if data and code != 204:
            h.wfile.write(data)
    except (BrokenPipeError, ConnectionResetError):
        h.close_connection = True  # the client gave up (e.g. its request timeout passed)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, so a dropped connection is a real surprise
    disable_nagle_algorithm = True  # headers and body are separate writes: no 40 ms stalls

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.server.apis.handle(self, "GET")  # type: ignore[attr-defined]

    def do_POST(self) -> None:  # noqa: N802
        self.server.apis.handle(self, "POST")  # type: ignore[attr-defined]

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[FakeApis]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    apis = FakeApis()
    apis.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.apis = apis  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield apis
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module", autouse=True)
def request_summary(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Print the requests-per-scenario table when the module is done (seen with `-s`) and keep
    it as poll_request_summary.txt in pytest's base temp directory."""
    yield
    if not SUMMARY:
        return
    width = max(len(k) for k in SUMMARY)
    lines = [
        "",
        "requests the server saw per scenario (polls = status/result endpoint requests,"
        " 503s and dropped ones included; total = also the start call and cancel)",
        f"{'scenario':<{width}}  {'polls':>5}  {'total':>5}  {'ms':>6}  outcome",
    ]
    for key in sorted(SUMMARY):
        row = SUMMARY[key]
        lines.append(
            f"{key:<{width}}  {row['polls']:>5}  {row['total']:>5}  {row['ms']:>6.0f}  "
            f"{row['outcome']}"
        )
    text = "\n".join(lines)
    print(text)
    (tmp_path_factory.getbasetemp() / "poll_request_summary.txt").write_text(text + "\n")


def record(scenario: str, op: Op, outcome: Outcome) -> None:
    SUMMARY[scenario] = {
        "polls": op.polls,
        "total": op.requests,
        "ms": outcome.elapsed * 1000,
        "outcome": outcome.label,
    }


# --------------------------------------------------------------------------- the four APIs


T0 = "2024-02-12T09:31:55Z"


def stamp(n: int) -> str:
    return f"2024-02-12T09:{32 + n // 60 % 20:02d}:{n % 60:02d}Z"


@dataclass(frozen=True)
class Api:
    name: str
    sync: type
    asyn: type
    model: type
    prefix: str  # the client's base_url path
    ctors: tuple[str, ...]
    pending: Callable[[int], Any]
    running: Callable[[int], Any]
    success: Callable[[int], Any]
    failure: Callable[[str], Any]
    unknown: Callable[[int], Any]
    path_params: Callable[[Op], dict[str, str]]
    status_url: Callable[[Op, str], str]
    start_path: Callable[[Op], str] | None = None
    start_headers: dict[str, str] = field(default_factory=dict)


def face_body(status: str, n: int, **extra: Any) -> dict[str, Any]:
    return {"status": status, "createdTime": T0, "lastActionTime": stamp(n), **extra}


def postman_body(status: str, n: int, **extra: Any) -> dict[str, Any]:
    return {
        "id": "66ae9950-0869-4e65-96b0-1e0e47e771af",
        "meta": {
            "url": f"/apis/{POSTMAN_API}/versions",
            "model": "api-version",
            "action": "create",
        },
        "status": status,
        "createdAt": T0,
        "updatedAt": stamp(n),
        **extra,
    }


def visma_body(status: str, n: int, code: int = 0, **extra: Any) -> dict[str, Any]:
    return {
        "id": "4f1c8a2e-6b3d-4e9a-9c71-2d5e8f0a3b61",
        "status": status,
        "statusCode": code,
        "receivedUtc": T0,
        "reference": f"poll-{n}",
        **extra,
    }


def job_body(state: str, current: int, **extra: Any) -> dict[str, Any]:
    return {
        "jobState": state,
        "jobCanceling": False,
        "jobId": "8412503",
        "progressCurrent": current,
        "progressTotal": 100,
        "progressMessage": "Querying table rows...",
        **extra,
    }


DOI_RESPONSE = {
    "concreteType": "org.sagebionetworks.repo.model.doi.v2.DoiResponse",
    "doi": {
        "objectId": "syn26543210",
        "objectType": "ENTITY",
        "objectVersion": 3,
        "doiUri": "10.7303/syn26543210.3",
        "doiUrl": "https://doi.org/10.7303/syn26543210.3",
    },
}

APIS: dict[str, Api] = {
    "face": Api(
        "face",
        face.OperationStatusPoller,
        face.AsyncOperationStatusPoller,
        face.OperationStatus,
        "/face/v1.0",
        ("from_response", "from_client", "from_url"),
        pending=lambda n: face_body("notstarted", n),
        running=lambda n: face_body("running", n, message=None),
        success=lambda n: face_body("succeeded", n, resourceLocation="/snapshots/e58b3f08"),
        failure=lambda msg: face_body("failed", 90, message=msg),
        unknown=lambda n: face_body("cancelling", n),
        path_params=lambda op: {"operation_id": op.id},
        status_url=lambda op, base: f"/operations/{op.id}",
        start_path=lambda op: f"/snapshots?op={op.id}",
    ),
    "postman": Api(
        "postman",
        postman.GetStatusOfAnAsyncTaskPoller,
        postman.AsyncGetStatusOfAnAsyncTaskPoller,
        postman.GetStatusOfAnAsyncTask,
        "",
        ("from_response", "from_client", "from_url"),
        pending=lambda n: postman_body("pending", n),
        running=lambda n: postman_body("pending", n),
        success=lambda n: postman_body(
            "completed",
            n,
            details={"resources": [{"id": "3563dc4e", "url": f"/apis/{POSTMAN_API}/versions/1"}]},
        ),
        failure=lambda msg: postman_body("failed", 90, details={"error": {"message": msg}}),
        unknown=lambda n: postman_body("in-progress", n),
        path_params=lambda op: {"api_id": POSTMAN_API, "task_id": op.id},
        status_url=lambda op, base: f"{base}/apis/{POSTMAN_API}/tasks/{op.id}",
        start_path=lambda op: f"/apis/{POSTMAN_API}/versions?op={op.id}",
    ),
    "visma": Api(
        "visma",
        visma.BackgroundRequestStateDtoPoller,
        visma.AsyncBackgroundRequestStateDtoPoller,
        visma.BackgroundRequestStateDto,
        "/API",
        ("from_response", "from_client", "from_url"),
        pending=lambda n: visma_body("Started", n),
        running=lambda n: visma_body("Started", n, startedUtc=T0),
        success=lambda n: visma_body("Finished", n, 200, hasResponseContent=True),
        failure=lambda msg: visma_body("Failed", 90, 0, errorMessage=msg),
        unknown=lambda n: visma_body("Queued", n),
        path_params=lambda op: {"request_id": op.id},
        status_url=lambda op, base: f"{base}/API/v1/background/{op.id}",
        start_path=lambda op: f"/v1/salesorder?op={op.id}",
        start_headers={"erp-api-background": "none"},
    ),
    "synapse": Api(
        "synapse",
        synapse.AsynchronousJobStatusPoller,
        synapse.AsyncAsynchronousJobStatusPoller,
        synapse.AsynchronousJobStatus,
        "/repo/v1",
        ("from_client", "from_url"),
        pending=lambda n: job_body("PROCESSING", 0),
        running=lambda n: job_body("PROCESSING", min(n * 10, 99)),
        success=lambda n: job_body("COMPLETE", 100, responseBody=DOI_RESPONSE),
        failure=lambda msg: job_body("FAILED", 0, errorMessage=msg, exception="java.lang.Error"),
        unknown=lambda n: job_body("QUEUED", 0),
        path_params=lambda op: {"job_id": op.id},
        status_url=lambda op, base: f"/asynchronous/job/{op.id}",
    ),
}


def package(api: Api) -> Any:
    """The generated package of an API (each has its own exception classes)."""
    return sys.modules[api.sync.__module__.split(".")[0]]


def ok(body: Any, **headers: str) -> Step:
    return Step(200, body, {k.replace("_", "-"): v for k, v in headers.items()})


# --------------------------------------------------------------------------- running a poller


@dataclass
class Outcome:
    models: list[Any]
    value: Any
    error: BaseException | None
    poller: Any
    elapsed: float
    sleeps: list[float]

    @property
    def label(self) -> str:
        if self.error is not None:
            return f"{type(self.error).__name__}"
        return f"ok {type(self.value).__name__}"


def run(
    apis: FakeApis,
    mode: str,
    api: Api,
    op: Op,
    ctor: str,
    *,
    cls: tuple[type, type] | None = None,
    path_params: dict[str, str] | None = None,
    **options: Any,
) -> Outcome:
    """Build the poller as `ctor` says (making the start call for from_response), iterate it
    to the end, then `wait()` for the outcome; the poller's sleeps are recorded."""
    sync_cls, async_cls = cls or (api.sync, api.asyn)
    opts = {**FAST, **options}
    base_url = apis.base + api.prefix
    params = path_params if path_params is not None else api.path_params(op)
    sleeps: list[float] = []
    models: list[Any] = []
    began = time.monotonic()

    if mode == "sync":

        def sleep(delay: float) -> None:
            sleeps.append(delay)
            time.sleep(delay)

        with httpx.Client(
            verify=TLS, base_url=base_url, headers={"Authorization": SECRET}
        ) as client:
            if ctor == "from_response":
                assert api.start_path is not None
                start = client.post(api.start_path(op), headers=api.start_headers, json={})
                poller = sync_cls.from_response(client, start, sleep=sleep, **opts)
            elif ctor == "from_client":
                poller = sync_cls.from_client(client, sleep=sleep, **params, **opts)
            else:
                url = api.status_url(op, apis.base)
                poller = sync_cls.from_url(client, url, sleep=sleep, **opts)
            try:
                for model in poller:
                    models.append(model)
                value, error = poller.wait(), None
            except Exception as exc:  # noqa: BLE001 - handed to the test
                value, error = None, exc
        return Outcome(models, value, error, poller, time.monotonic() - began, sleeps)

    async def asleep(delay: float) -> None:
        sleeps.append(delay)
        await asyncio.sleep(delay)

    async def main() -> Outcome:
        headers = {"Authorization": SECRET}
        async with httpx.AsyncClient(verify=TLS, base_url=base_url, headers=headers) as client:
            if ctor == "from_response":
                assert api.start_path is not None
                start = await client.post(api.start_path(op), headers=api.start_headers, json={})
                poller = async_cls.from_response(client, start, sleep=asleep, **opts)
            elif ctor == "from_client":
                poller = async_cls.from_client(client, sleep=asleep, **params, **opts)
            else:
                url = api.status_url(op, apis.base)
                poller = async_cls.from_url(client, url, sleep=asleep, **opts)
            try:
                async for model in poller:
                    models.append(model)
                value, error = await poller.wait(), None
            except Exception as exc:  # noqa: BLE001 - handed to the test
                value, error = None, exc
        return Outcome(models, value, error, poller, time.monotonic() - began, sleeps)

    return asyncio.run(main())


def lifecycle(api: Api) -> list[Step]:
    return [ok(api.pending(0)), ok(api.running(1)), ok(api.running(2)), ok(api.success(3))]


def combos() -> list[Any]:
    return [
        pytest.param(name, ctor, mode, id=f"{name}-{ctor}-{mode}")
        for name, api in APIS.items()
        for ctor in api.ctors
        for mode in MODES
    ]


def default_ctor(api: Api) -> str:
    return api.ctors[0]


def per_api_and_mode() -> list[Any]:
    return [pytest.param(n, m, id=f"{n}-{m}") for n in APIS for m in MODES]


# --------------------------------------------------------------------------- lifecycles


@pytest.mark.parametrize(("name", "ctor", "mode"), combos())
def test_pending_running_success(server: FakeApis, name: str, ctor: str, mode: str) -> None:
    api = APIS[name]
    steps = lifecycle(api)
    op = server.add(name, steps)
    out = run(server, mode, api, op, ctor)
    record(f"success[{name}-{ctor}-{mode}]", op, out)
    assert out.error is None, repr(out.error)
    assert out.value.is_success
    assert out.value == api.model.from_dict(steps[-1].body)
    assert out.value.to_dict() == steps[-1].body
    assert [m.to_dict() for m in out.models] == [s.body for s in steps]
    assert op.polls == 4
    assert op.requests == 4 + (ctor == "from_response")
    assert out.poller.done() and out.poller.status is out.value
    assert server.unrouted == []


FAILURES = {
    "face": ("face", "The source object was modified while the snapshot was being taken."),
    "postman": ("postman", "Unable to sync the collection: the schema is not valid OpenAPI."),
    "visma-failed": ("visma", "Processing exceeded the maximum allowed time of 300 seconds."),
    "visma-finished-500": ("visma", "Customer invoice rejected: VAT code missing"),
    "synapse": ("synapse", "Column does not exist: nosuchcolumn"),
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", list(FAILURES))
def test_failure_carries_the_message(server: FakeApis, case: str, mode: str) -> None:
    name, message = FAILURES[case]
    api = APIS[name]
    final = (
        visma_body("Finished", 9, 500, errorMessage=message)
        if case == "visma-finished-500"
        else api.failure(message)
    )
    op = server.add(name, [ok(api.pending(0)), ok(api.running(1)), ok(final)])
    out = run(server, mode, api, op, default_ctor(api))
    record(f"failure[{case}-{mode}]", op, out)
    assert isinstance(out.error, package(api).OperationFailed), repr(out.error)
    assert out.error.message == message
    assert out.error.model.is_failure and out.error.model.to_dict() == final
    assert op.polls == 3
    if case == "visma-finished-500":
        assert out.error.model.status == "Finished" and out.error.model.status_code == 500


@pytest.mark.parametrize("mode", MODES)
def test_visma_finished_200_is_a_success(server: FakeApis, mode: str) -> None:
    api = APIS["visma"]
    op = server.add("visma", [ok(api.pending(0)), ok(visma_body("Finished", 1, 200))])
    out = run(server, mode, api, op, "from_response")
    record(f"visma-finished-200[{mode}]", op, out)
    assert out.error is None and out.value.status_code == 200 and out.value.is_success


# --------------------------------------------------------------------------- synapse specifics


@pytest.mark.parametrize("mode", MODES)
def test_synapse_progress_0_to_100(server: FakeApis, mode: str) -> None:
    api = APIS["synapse"]
    currents = [0, 0, 25, 60, 60]
    steps = [ok(job_body("PROCESSING", c)) for c in currents] + [ok(job_body("COMPLETE", 100))]
    op = server.add("synapse", steps)
    seen: list[float | None] = []
    out = run(server, mode, api, op, "from_client", on_progress=lambda m: seen.append(m.progress))
    record(f"synapse-progress[{mode}]", op, out)
    assert out.error is None
    assert [m.progress for m in out.models] == [0.0, 0.0, 0.25, 0.6, 0.6, 1.0]
    assert seen == [0.0, 0.25, 0.6, 1.0]
    assert op.polls == 6


CANCELED = "Job was canceled by the user"


def cancel_script(server: FakeApis) -> Op:
    return server.add(
        "synapse",
        [ok(job_body("PROCESSING", n)) for n in range(1, 4)] + [ok(job_body("PROCESSING", 3))],
        on_cancel=[
            ok(job_body("PROCESSING", 3, jobCanceling=True)),
            ok(job_body("FAILED", 3, jobCanceling=True, errorMessage=CANCELED)),
        ],
    )


def test_synapse_cancel_sync(server: FakeApis) -> None:
    api = APIS["synapse"]
    op = cancel_script(server)
    began = time.monotonic()
    with httpx.Client(verify=TLS, base_url=server.base + api.prefix) as client:
        poller = api.sync.from_client(client, job_id=op.id, **FAST)
        models = []
        for model in poller:
            models.append(model)
            if len(models) == 2:
                poller.cancel()
                assert op.cancels == 1
        with pytest.raises(synapse.OperationFailed) as info:
            poller.wait()
    out = Outcome(models, None, info.value, poller, time.monotonic() - began, [])
    record("synapse-cancel[sync]", op, out)
    check_canceled(op, models, info.value)


def test_synapse_cancel_async(server: FakeApis) -> None:
    api = APIS["synapse"]
    op = cancel_script(server)
    began = time.monotonic()

    async def main() -> tuple[Any, list[Any], BaseException]:
        async with httpx.AsyncClient(verify=TLS, base_url=server.base + api.prefix) as client:
            poller = api.asyn.from_client(client, job_id=op.id, **FAST)
            models = []
            async for model in poller:
                models.append(model)
                if len(models) == 2:
                    await poller.cancel()
                    assert op.cancels == 1
            with pytest.raises(synapse.OperationFailed) as info:
                await poller.wait()
            return poller, models, info.value

    poller, models, error = asyncio.run(main())
    record("synapse-cancel[async]", op, Outcome(models, None, error, poller, 0.0, []))
    SUMMARY["synapse-cancel[async]"]["ms"] = (time.monotonic() - began) * 1000
    check_canceled(op, models, error)


def check_canceled(op: Op, models: list[Any], error: BaseException) -> None:
    assert op.cancels == 1
    assert op.requests == op.polls + 1
    assert [m.job_canceling for m in models] == [False, False, True, True]
    assert str(models[-1].job_state) == "FAILED"
    assert isinstance(error, synapse.OperationFailed)
    assert error.message == CANCELED
    assert op.polls == 4


@pytest.mark.parametrize("mode", MODES)
def test_synapse_doi_result_endpoint(server: FakeApis, mode: str) -> None:
    api = APIS["synapse"]
    steps = [
        Step(202, job_body("PROCESSING", 0)),
        Step(202, job_body("PROCESSING", 40)),
        Step(202, job_body("PROCESSING", 80)),
        Step(200, DOI_RESPONSE),
    ]
    op = server.add("synapse", steps)
    with httpx.Client(verify=TLS, base_url=server.base + api.prefix) as client:
        token = client.post(f"/doi/async/start?op={op.id}", json={}).json()["token"]
    pair = (synapse.GetDoiAsyncResultPoller, synapse.AsyncGetDoiAsyncResultPoller)
    out = run(server, mode, api, op, "from_client", cls=pair, path_params={"async_token": token})
    record(f"synapse-doi-result[{mode}]", op, out)
    assert out.error is None, repr(out.error)
    assert isinstance(out.value, synapse.DoiResponse)
    assert out.value.to_dict() == DOI_RESPONSE
    assert [m.progress for m in out.models] == [0.0, 0.4, 0.8]
    assert op.polls == 4
    assert out.poller.done()


@pytest.mark.parametrize("mode", MODES)
def test_synapse_doi_result_endpoint_failed_job(server: FakeApis, mode: str) -> None:
    api = APIS["synapse"]
    failed = job_body("FAILED", 0, errorMessage="DataCite is unavailable")
    op = server.add("synapse", [Step(202, job_body("PROCESSING", 0)), Step(202, failed)])
    pair = (synapse.GetDoiAsyncResultPoller, synapse.AsyncGetDoiAsyncResultPoller)
    out = run(server, mode, api, op, "from_url", cls=pair)
    record(f"synapse-doi-failed[{mode}]", op, out)
    assert isinstance(out.error, synapse.OperationFailed)
    assert out.error.message == "DataCite is unavailable"
    assert op.polls == 2


def test_synapse_doi_url(server: FakeApis) -> None:
    """from_url of a result poller goes to the /doi/async/get endpoint (checked by the route)."""
    op = server.add("synapse", [Step(200, DOI_RESPONSE)])
    with httpx.Client(verify=TLS, base_url=server.base + "/repo/v1") as client:
        poller = synapse.GetDoiAsyncResultPoller.from_url(client, f"/doi/async/get/{op.id}")
        assert poller.wait().to_dict() == DOI_RESPONSE
    assert op.polls == 1


# --------------------------------------------------------------------------- server hints


@pytest.mark.parametrize("mode", MODES)
def test_retry_after_seconds_http_date_and_zero(server: FakeApis, mode: str) -> None:
    api = APIS["face"]
    future = email.utils.formatdate(time.time() + 3, usegmt=True)
    steps = [
        ok(api.running(0), Retry_After="1"),  # 1 s, clamped to max_delay
        ok(api.running(1), Retry_After=future),  # 2-3 s away, clamped to max_delay
        ok(api.running(2), Retry_After="0"),  # poll again at once
        ok(api.running(3)),  # no hint: backoff, 0.5 * min(0.05, 0.02 * 2**0)
        ok(api.success(4)),
    ]
    op = server.add("face", steps, start_headers={"retry-after-ms": "30"})
    out = run(
        server,
        mode,
        api,
        op,
        "from_response",
        min_delay=0.0,
        max_delay=0.05,
        first_delay=0.02,
        random=lambda: 0.5,
    )
    record(f"retry-after[face-{mode}]", op, out)
    assert out.error is None, repr(out.error)
    assert out.sleeps == pytest.approx([0.03, 0.05, 0.05, 0.0, 0.01])
    assert op.start_time is not None
    assert op.poll_times[0] - op.start_time >= 0.03  # the 202's hint delayed the first poll
    assert op.polls == 5


@pytest.mark.parametrize("mode", MODES)
def test_retry_after_on_the_202_in_seconds(server: FakeApis, mode: str) -> None:
    api = APIS["visma"]
    op = server.add("visma", [ok(api.success(0))], start_headers={"Retry-After": "1"})
    out = run(server, mode, api, op, "from_response", max_delay=1.0)
    record(f"retry-after-202[visma-{mode}]", op, out)
    assert out.error is None
    assert out.sleeps == [1.0]
    assert op.start_time is not None
    assert op.poll_times[0] - op.start_time >= 0.95


# --------------------------------------------------------------------------- transient trouble


@pytest.mark.parametrize(("name", "mode"), per_api_and_mode())
def test_bursts_of_503_and_dropped_connections(server: FakeApis, name: str, mode: str) -> None:
    api = APIS[name]
    steps = [
        busy(503, Retry_After="0"),
        busy(503),
        DROP,
        busy(502),
        DROP,  # 5 failures in a row: exactly the budget of transient_retries=5
        ok(api.running(1)),
        DROP,
        busy(429, Retry_After="0"),
        ok(api.success(2)),
    ]
    op = server.add(name, steps)
    out = run(server, mode, api, op, default_ctor(api))
    record(f"transient-burst[{name}-{mode}]", op, out)
    assert out.error is None, repr(out.error)
    assert out.value.is_success
    assert len(out.models) == 2
    assert op.polls == 9


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("kind", ["503", "drop"])
def test_transient_budget_exhausted(server: FakeApis, kind: str, mode: str) -> None:
    api = APIS["face"]
    failing = busy(503) if kind == "503" else DROP
    op = server.add("face", [ok(api.running(0)), failing])
    out = run(server, mode, api, op, "from_client", transient_retries=3)
    record(f"transient-exhausted[{kind}-{mode}]", op, out)
    assert isinstance(out.error, face.TransientError), repr(out.error)
    assert op.polls == 1 + 4  # a good poll, then the first try and 3 retries
    if kind == "503":
        assert out.error.response is not None and out.error.response.status_code == 503
    else:
        assert isinstance(out.error.__cause__, httpx.TransportError)


@pytest.mark.parametrize("mode", MODES)
def test_404_raises_at_once_with_the_response(server: FakeApis, mode: str) -> None:
    api = APIS["face"]
    op = server.add("face", [Step(404, {"error": {"code": "OperationNotFound"}})])
    out = run(server, mode, api, op, "from_client")
    record(f"http-404[{mode}]", op, out)
    assert isinstance(out.error, face.UnexpectedResponse)
    assert out.error.response is not None and out.error.response.status_code == 404
    assert out.error.response.url.endswith(f"/face/v1.0/operations/{op.id}")
    assert op.polls == 1


@pytest.mark.parametrize("mode", MODES)
def test_invalid_body_raises_at_once(server: FakeApis, mode: str) -> None:
    api = APIS["face"]
    op = server.add("face", [Step(200, b"<html>gateway</html>"), ok(api.success(1))])
    out = run(server, mode, api, op, "from_client")
    record(f"invalid-body[{mode}]", op, out)
    assert isinstance(out.error, face.UnexpectedResponse)
    assert out.error.response is not None and out.error.response.content.startswith(b"<html>")
    assert op.polls == 1


# --------------------------------------------------------------------------- never finishing


@pytest.mark.parametrize(("name", "mode"), per_api_and_mode())
def test_never_finishes_gives_poll_timeout_with_the_last_model(
    server: FakeApis, name: str, mode: str
) -> None:
    api = APIS[name]
    # A real server takes a while to answer (20 ms here). Polls every 0.1 s start at about
    # 0, 0.12, 0.24, 0.36; the next sleep is cut to end a reserve (timeout/10) before the
    # 0.45 s deadline, where one final poll is made. Whatever becomes of it: PollTimeout.
    # How many polls fit depends on the machine's load (a CI run made 3), so the count is
    # bounded and the schedule is checked through the sleeps, which load does not change.
    op = server.add(name, [Step(200, api.running(n), latency=0.02) for n in range(200)])
    out = run(
        server,
        mode,
        api,
        op,
        default_ctor(api),
        timeout=0.45,
        min_delay=0.1,
        max_delay=0.1,
    )
    record(f"never-finishes[{name}-{mode}]", op, out)
    assert isinstance(out.error, package(api).PollTimeout), repr(out.error)
    assert out.models, "at least one poll"
    assert out.error.model is out.models[-1]
    assert out.error.model == api.model.from_dict(op.served[len(out.models) - 1])
    assert not any(m.is_terminal for m in out.models)
    # The final poll starts a reserve of timeout/10 before the deadline so it can be answered.
    assert 0.45 * 0.9 <= out.elapsed < 1.5
    assert 2 <= op.polls <= 6
    assert len(out.sleeps) == op.polls - 1, "the first poll at once, a sleep before each other"
    # Only a sleep reaching the reserve is cut, and the poll after it is the last: every sleep
    # before is the whole max_delay. The last is never longer; whether the wall clock left room
    # for a whole one depends on load (test_polling_timing pins the cut on a fake clock).
    assert out.sleeps[:-1] == [0.1] * (len(out.sleeps) - 1)
    assert 0 < out.sleeps[-1] <= 0.1


# --------------------------------------------------------------------------- unknown state


@pytest.mark.parametrize(("name", "mode"), per_api_and_mode())
def test_unknown_status_value_midway(server: FakeApis, name: str, mode: str) -> None:
    api = APIS[name]
    steps = [ok(api.pending(0)), ok(api.unknown(1)), ok(api.unknown(2)), ok(api.success(3))]
    op = server.add(name, steps)
    out = run(server, mode, api, op, default_ctor(api))
    record(f"unknown-state[{name}-{mode}]", op, out)
    assert out.error is None, repr(out.error)
    assert out.value.is_success
    assert [m.is_terminal for m in out.models] == [False, False, False, True]
    assert op.polls == 4


# --------------------------------------------------------------------------- resume


@pytest.mark.parametrize(("name", "mode"), per_api_and_mode())
def test_resume_from_a_continuation_token(server: FakeApis, name: str, mode: str) -> None:
    api = APIS[name]
    steps = lifecycle(api)
    op = server.add(name, steps)
    base_url = server.base + api.prefix
    began = time.monotonic()

    if mode == "sync":
        with httpx.Client(
            verify=TLS, base_url=base_url, headers={"Authorization": SECRET}
        ) as client:
            poller = api.sync.from_client(client, **api.path_params(op), **FAST)
            iterator = iter(poller)
            first = [next(iterator), next(iterator)]
            token = poller.continuation_token()
        with httpx.Client(verify=TLS, base_url=base_url) as fresh:
            resumed = api.sync.from_continuation_token(token, client=fresh, **FAST)
            assert resumed.status == first[-1]
            value = resumed.wait()
    else:

        async def main() -> tuple[list[Any], str, Any, Any]:
            headers = {"Authorization": SECRET}
            async with httpx.AsyncClient(verify=TLS, base_url=base_url, headers=headers) as client:
                poller = api.asyn.from_client(client, **api.path_params(op), **FAST)
                iterator = poller.__aiter__()
                first = [await iterator.__anext__(), await iterator.__anext__()]
                await iterator.aclose()
                token = poller.continuation_token()
            async with httpx.AsyncClient(verify=TLS, base_url=base_url) as fresh:
                resumed = api.asyn.from_continuation_token(token, client=fresh, **FAST)
                assert resumed.status == first[-1]
                return first, token, resumed, await resumed.wait()

        first, token, resumed, value = asyncio.run(main())

    out = Outcome(first, value, None, resumed, time.monotonic() - began, [])
    record(f"resume[{name}-{mode}]", op, out)
    assert "SECRET" not in token and "Authorization" not in token
    assert json.loads(token)["last"] == steps[1].body
    assert value.is_success and value.to_dict() == steps[-1].body
    assert op.polls == 4  # two before the token, two after: nothing polled twice
    assert op.authorizations[:2] == [SECRET, SECRET]
    assert op.authorizations[2:] == [None, None]  # the resumed poller used the fresh client


# --------------------------------------------------------------------------- postman's Accept


@pytest.mark.parametrize("mode", MODES)
def test_postman_sends_the_v10_accept_header(server: FakeApis, mode: str) -> None:
    api = APIS["postman"]
    op = server.add("postman", lifecycle(api))
    with httpx.Client(verify=TLS, base_url=server.base) as client:  # the server does check
        bare = client.get(f"/apis/{POSTMAN_API}/tasks/{op.id}")
        assert bare.status_code == 406
    out = run(server, mode, api, op, "from_response")
    record(f"postman-accept[{mode}]", op, out)
    assert out.error is None, repr(out.error)
    assert op.accepts[1:] == [V10] * 4
    assert op.polls == 1 + 4


# --------------------------------------------------------------------------- asyncio cancellation


def test_cancelling_the_task_stops_polling_at_once(server: FakeApis) -> None:
    api = APIS["face"]
    op = server.add("face", [ok(api.running(n)) for n in range(500)])
    began = time.monotonic()

    async def main() -> tuple[int, int]:
        async with httpx.AsyncClient(verify=TLS, base_url=server.base + api.prefix) as client:
            poller = api.asyn.from_client(
                client, operation_id=op.id, **{**FAST, "timeout": 30.0, "max_delay": 0.01}
            )
            task = asyncio.create_task(poller.wait())
            while op.polls < 4:
                await asyncio.sleep(0.005)
                assert not task.done()
            at_cancel = op.polls
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            assert task.cancelled()
            await asyncio.sleep(0.15)  # a request on its way lands (later under load)
            settled = op.polls
            await asyncio.sleep(0.3)  # ~20 more polls if polling went on
            assert settled <= at_cancel + 1, "at most the request on its way when cancelled"
            return settled, op.polls

    settled, later = asyncio.run(main())
    elapsed = time.monotonic() - began
    SUMMARY["asyncio-cancel[face-async]"] = {
        "polls": later,
        "total": op.requests,
        "ms": elapsed * 1000,
        "outcome": "CancelledError",
    }
    assert later == settled
