"""Status-resource pollers against a real HTTP server on 127.0.0.1: `cancel()` from the
published specs' own cancel operations (Replicate's `POST .../cancel`, Text Analytics'
`DELETE` of the job), `on_progress` on every change of state, a model's own `progress`
field, a canceled operation that says so, and URLs from responses and tokens that lead to
another origin, which are not followed unless the user allows it."""

from __future__ import annotations

import asyncio
import importlib.util
import json
import ssl
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from conftest import import_generated, run_cli
from real_packages import RealPackages, as_rendered

MODES = ["sync", "async"]
FAST = {"timeout": 5.0, "min_delay": 0.001, "max_delay": 0.01, "first_delay": 0.001}
TLS = ssl.create_default_context()
"""Shared by every client: building an SSL context (the CA bundle read) costs ~40 ms CPU per
httpx client, and the server speaks plain HTTP."""
if importlib.util.find_spec("sniffio") is None:
    # httpcore tries `import sniffio` on every async request; absent, each try searched all
    # of sys.path again. None fails it at once (as tests/runtime/test_lro_pollers.py does).
    sys.modules.setdefault("sniffio", None)  # type: ignore[arg-type]
SECRET = "Bearer secret-for-the-api-only"
JOBS = {
    "openapi": "3.0.3",
    "info": {"title": "Jobs", "version": "1"},
    "paths": {
        "/jobs/{id}": {
            "get": {
                "operationId": "getJob",
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Job"}}
                        },
                    }
                },
            }
        },
        "/jobs": {
            "post": {
                "operationId": "createJob",
                "responses": {
                    "201": {
                        "description": "created",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Job"}}
                        },
                    }
                },
            }
        },
    },
    "components": {
        "schemas": {
            "Job": {
                "type": "object",
                "required": ["status"],
                "properties": {
                    "id": {"type": "string"},
                    "message": {"type": "string"},
                    "status": {
                        "type": "string",
                        "enum": ["queued", "running", "succeeded", "failed", "canceled"],
                    },
                    "progress": {"type": "integer", "minimum": 0, "maximum": 100},
                },
            }
        }
    },
}


@dataclass
class Server:
    """Scripted answers per (method, path); the last answer repeats. `seen` is every
    request as (method, path, Authorization header)."""

    base: str = ""
    answers: dict[tuple[str, str], list[tuple[int, dict[str, str], Any]]] = field(
        default_factory=dict
    )
    seen: list[tuple[str, str, str | None]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self, method: str, path: str, auth: str | None) -> tuple[int, dict[str, str], Any]:
        with self.lock:
            self.seen.append((method, path, auth))
            queue = self.answers.get((method, path))
            if not queue:
                return 404, {}, {"error": f"no route {method} {path}"}
            return queue.pop(0) if len(queue) > 1 else queue[0]


def serve(server: Server) -> Iterator[Server]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _any(self) -> None:
            code, headers, body = server.answer(
                self.command, self.path, self.headers.get("Authorization")
            )
            data = b"" if body is None else json.dumps(body).encode()
            self.send_response(code)
            for key, value in {"Content-Type": "application/json", **headers}.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_DELETE = _any  # noqa: N815 - http.server's names

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    server.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def api() -> Iterator[Server]:
    yield from serve(Server())


@pytest.fixture
def elsewhere() -> Iterator[Server]:
    """Another origin: a host a response or token may name, which must see nothing."""
    yield from serve(Server())


@pytest.fixture(scope="module")
def packages(
    tmp_path_factory: pytest.TempPathFactory, real_packages: RealPackages
) -> Iterator[dict[str, ModuleType]]:
    """The jobs spec generated here; Replicate, Text Analytics and Face as published, generated
    once for the whole run (`real_packages`: other modules read the same packages)."""
    root = tmp_path_factory.mktemp("cancel")
    (root / "jobs.json").write_text(json.dumps(JOBS), encoding="utf-8")
    with as_rendered():
        result = run_cli(["generate", "jobs.json", "--out", "out"], root)
    assert result.returncode == 0, result.stderr
    outs = {"jobs": root / "out"}
    for name in ("face", "replicate_openapi", "text_analytics"):
        outs[name] = real_packages(name).out
    saved = dict(sys.modules)  # `face` may be the committed package, imported by another test
    try:
        yield {name: import_generated(out, name) for name, out in outs.items()}
    finally:
        for name in [m for m in sys.modules if m.split(".")[0] in outs]:
            del sys.modules[name]
        sys.modules.update(saved)


def run(mode: str, poller: Any, method: str, *args: Any) -> Any:
    """Call a poller method, awaiting it for the asyncio poller."""
    result = getattr(poller, method)(*args)
    return asyncio.run(result) if mode == "async" else result


def client(mode: str, base: str) -> Any:
    headers = {"Authorization": SECRET}
    if mode == "async":
        return httpx.AsyncClient(verify=TLS, base_url=base, headers=headers)
    return httpx.Client(verify=TLS, base_url=base, headers=headers)


def poller_class(package: ModuleType, name: str, mode: str) -> Any:
    return getattr(package, ("Async" if mode == "async" else "") + name)


def prediction(status: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": "p1",
        "model": "m",
        "version": "v",
        "input": {},
        "output": None,
        "data_removed": False,
        "error": extra.pop("error", None),
        "status": status,
        "created_at": "2024-01-01T00:00:00Z",
        "urls": {"get": "https://x/p1", "cancel": "https://x/p1/cancel", "web": "https://x"},
        **extra,
    }


@pytest.mark.parametrize("mode", MODES)
def test_replicate_prediction_cancel_posts_to_its_cancel_operation(
    mode: str, packages: dict[str, ModuleType], api: Server
) -> None:
    api.answers[("POST", "/predictions/p1/cancel")] = [(200, {}, prediction("canceled"))]
    cls = poller_class(packages["replicate_openapi"], "SchemasPredictionResponsePoller", mode)
    poller = cls.from_client(client(mode, api.base), prediction_id="p1", **FAST)
    run(mode, poller, "cancel")
    assert api.seen == [("POST", "/predictions/p1/cancel", SECRET)]


@pytest.mark.parametrize("mode", MODES)
def test_text_analytics_healthcare_cancel_deletes_the_job(
    mode: str, packages: dict[str, ModuleType], api: Server
) -> None:
    path = "/text/analytics/v3.1/entities/health/jobs/j1"
    api.answers[("DELETE", path)] = [(202, {"Operation-Location": api.base + path}, None)]
    cls = poller_class(packages["text_analytics"], "HealthcareJobStatePoller", mode)
    poller = cls.from_url(client(mode, api.base), path, **FAST)
    run(mode, poller, "cancel")
    assert api.seen == [("DELETE", path, SECRET)]


@pytest.mark.parametrize("mode", MODES)
def test_a_canceled_prediction_raises_operation_failed_saying_canceled(
    mode: str, packages: dict[str, ModuleType], api: Server
) -> None:
    steps = ["starting", "processing", "processing", "canceled"]
    api.answers[("GET", "/predictions/p1")] = [
        (200, {}, prediction(s, error="stopped" if s == "canceled" else None)) for s in steps
    ]
    package = packages["replicate_openapi"]
    seen: list[str] = []
    cls = poller_class(package, "SchemasPredictionResponsePoller", mode)
    poller = cls.from_client(
        client(mode, api.base), prediction_id="p1", on_progress=lambda m: seen.append(m.status)
    )
    poller.options.min_delay = poller.options.max_delay = 0.001
    with pytest.raises(package.OperationFailed) as raised:
        run(mode, poller, "wait")
    assert raised.value.canceled is True
    assert str(raised.value) == "the operation was canceled: stopped"
    assert seen == ["starting", "processing", "canceled"]


@pytest.mark.parametrize("mode", MODES)
def test_a_progress_field_keeps_its_name_and_reports_a_fraction(
    mode: str, packages: dict[str, ModuleType], api: Server
) -> None:
    bodies = [("queued", 0), ("running", 40), ("running", 40), ("running", 90), ("succeeded", 100)]
    api.answers[("GET", "/jobs/7")] = [(200, {}, {"status": s, "progress": p}) for s, p in bodies]
    package = packages["jobs"]
    assert "progress" in package.Job.__dataclass_fields__
    fractions: list[tuple[str, float | None]] = []

    def observe(model: Any) -> None:
        fractions.append((model.status, model._status_rule.progress(model)))

    cls = poller_class(package, "JobPoller", mode)
    final = run(
        mode, cls.from_client(client(mode, api.base), id="7", on_progress=observe, **FAST), "wait"
    )
    assert final.progress == 100
    assert fractions == [("queued", 0.0), ("running", 0.4), ("running", 0.9), ("succeeded", 1.0)]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("where", ["header", "body"])
def test_a_202_naming_another_origin_is_not_followed_unless_allowed(
    mode: str, where: str, packages: dict[str, ModuleType], api: Server, elsewhere: Server
) -> None:
    url = elsewhere.base + "/jobs/7"
    elsewhere.answers[("GET", "/jobs/7")] = [(200, {}, {"status": "succeeded"})]
    headers = {"Operation-Location": url} if where == "header" else {}
    body = {"statusUrl": url} if where == "body" else None
    accepted = httpx.Response(
        202, headers=headers, json=body, request=httpx.Request("POST", api.base + "/jobs")
    )
    package = packages["jobs"]
    cls = poller_class(package, "JobPoller", mode)
    with pytest.raises(
        package.UnexpectedResponse, match=f"not following the status location '{url}'"
    ):
        cls.from_response(client(mode, api.base), accepted, **FAST)
    assert elsewhere.seen == []
    allowed = cls.from_response(
        client(mode, api.base), accepted, allowed_origins=[elsewhere.base], **FAST
    )
    assert run(mode, allowed, "wait").status == "succeeded"
    assert elsewhere.seen == [("GET", "/jobs/7", SECRET)]


@pytest.mark.parametrize("mode", MODES)
def test_a_token_naming_another_origin_is_not_followed_unless_allowed(
    mode: str, packages: dict[str, ModuleType], api: Server, elsewhere: Server
) -> None:
    package = packages["jobs"]
    cls = poller_class(package, "JobPoller", mode)
    token = cls.from_url(client(mode, api.base), "/jobs/7").continuation_token()
    tampered = token.replace("/jobs/7", elsewhere.base + "/jobs/7")
    with pytest.raises(package.UnexpectedResponse, match="continuation token's url"):
        cls.from_continuation_token(tampered, client=client(mode, api.base), **FAST)
    elsewhere.answers[("GET", "/jobs/7")] = [(200, {}, {"status": "succeeded"})]
    resumed = cls.from_continuation_token(
        tampered, client=client(mode, api.base), follow_other_origins=True, **FAST
    )
    assert run(mode, resumed, "wait").status == "succeeded"
    assert len(elsewhere.seen) == 1


def test_the_package_root_exports_what_is_needed(packages: dict[str, ModuleType]) -> None:
    replicate = packages["replicate_openapi"]
    for name in ("PredictionsCreatePoller", "AsyncPredictionsCreatePoller", "LroStatus"):
        assert name in replicate.__all__
    assert Path(replicate.__file__).parent.joinpath("_lro_pollers.py").is_file()


# --- long-running operations of the published specs ---------------------------------------


def initial(api: Server, method: str, path: str, mode: str) -> httpx.Response:
    """The user's own call, through a plain httpx client with the API's credentials."""
    with httpx.Client(verify=TLS, base_url=api.base, headers={"Authorization": SECRET}) as own:
        return own.request(method, path)


@pytest.mark.parametrize("mode", MODES)
def test_replicate_create_prediction_polls_the_prediction_until_it_succeeds(
    mode: str, packages: dict[str, ModuleType], api: Server
) -> None:
    """POST /predictions answers 201 with a prediction still starting: the poller follows
    the prediction's own link until it succeeds."""
    started = prediction("starting")
    started["urls"]["get"] = api.base + "/predictions/p1"
    api.answers[("POST", "/predictions")] = [(201, {}, started)]
    api.answers[("GET", "/predictions/p1")] = [
        (200, {}, prediction("processing")),
        (200, {}, prediction("succeeded", output="hello")),
    ]
    package = packages["replicate_openapi"]
    cls = poller_class(package, "PredictionsCreatePoller", mode)
    response = initial(api, "POST", "/predictions", mode)
    states: list[str] = []
    poller = cls.from_response(
        client(mode, api.base), response, on_progress=lambda s: states.append(s.status), **FAST
    )
    final = run(mode, poller, "wait")
    assert isinstance(final, package.SchemasPredictionResponse)
    assert final.status == "succeeded" and final.output == "hello"
    assert states == ["starting", "processing", "succeeded"]
    assert api.seen[1:] == [("GET", "/predictions/p1", SECRET)] * 2


@pytest.mark.parametrize("mode", MODES)
def test_a_create_answering_a_status_model_polls_its_get_path_filled_with_its_id(
    mode: str, packages: dict[str, ModuleType], api: Server
) -> None:
    """POST /jobs answers 201 with a Job (a status model): long-running by its answer. With
    no header and no link, the Job's own GET path is filled with its id."""
    api.answers[("POST", "/jobs")] = [(201, {}, {"id": "j 9", "status": "queued"})]
    api.answers[("GET", "/jobs/j%209")] = [
        (200, {}, {"id": "j 9", "status": "running"}),
        (200, {}, {"id": "j 9", "status": "failed", "message": "out of disk"}),
    ]
    package = packages["jobs"]
    poller = poller_class(package, "CreateJobPoller", mode).from_response(
        client(mode, api.base), initial(api, "POST", "/jobs", mode), **FAST
    )
    with pytest.raises(package.OperationFailed) as raised:
        run(mode, poller, "wait")
    assert raised.value.canceled is False
    assert str(raised.value) == "the operation failed: out of disk"
    assert [s[1] for s in api.seen[1:]] == ["/jobs/j%209"] * 2


@pytest.mark.parametrize("mode", MODES)
def test_face_take_snapshot_follows_its_relative_operation_location(
    mode: str, packages: dict[str, ModuleType], api: Server
) -> None:
    """Face answers 202 with `Operation-Location: /operations/<id>`, relative to the API's
    own path; the monitor is Face's OperationStatus, lower-case states included."""
    face = packages["face"]
    api.answers[("POST", "/face/v1.0/snapshots")] = [
        (202, {"Operation-Location": "/operations/op-1"}, None)
    ]
    created = "2018-12-25T11:41:02.2331413Z"
    api.answers[("GET", "/face/v1.0/operations/op-1")] = [
        (200, {}, {"status": "running", "createdTime": created}),
        (200, {}, {"status": "succeeded", "createdTime": created, "resourceLocation": "/x"}),
    ]
    base = api.base + "/face/v1.0"
    with httpx.Client(verify=TLS, base_url=base, headers={"Authorization": SECRET}) as own:
        response = own.post("/snapshots")
    cls = poller_class(face, "SnapshotTakePoller", mode)
    assert run(mode, cls.from_response(client(mode, base), response, **FAST), "wait") is None
    assert [s[1] for s in api.seen[1:]] == ["/face/v1.0/operations/op-1"] * 2


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("operation", "method", "path"),
    [
        ("AnalyzePoller", "POST", "/analyze"),
        ("HealthPoller", "POST", "/entities/health/jobs"),
        ("CancelHealthJobPoller", "DELETE", "/entities/health/jobs/j1"),
    ],
)
def test_text_analytics_long_running_operations(
    mode: str,
    operation: str,
    method: str,
    path: str,
    packages: dict[str, ModuleType],
    api: Server,
) -> None:
    prefix = "/text/analytics/v3.1"
    monitor = f"{prefix}/jobs/j1"
    api.answers[(method, prefix + path)] = [(202, {"Operation-Location": api.base + monitor}, None)]
    api.answers[("GET", monitor)] = [
        (200, {}, {"jobId": "j1", "status": "notStarted"}),
        (200, {}, {"jobId": "j1", "status": "running"}),
        (200, {}, {"jobId": "j1", "status": "succeeded"}),
    ]
    package = packages["text_analytics"]
    base = api.base + prefix
    with httpx.Client(verify=TLS, base_url=base, headers={"Authorization": SECRET}) as own:
        response = own.request(method, path.lstrip("/"))
    poller = poller_class(package, operation, mode).from_response(
        client(mode, base), response, **FAST
    )
    assert run(mode, poller, "wait") is None
    assert poller.status == "succeeded"
    assert [s for s in api.seen[1:]] == [("GET", monitor, SECRET)] * 3


@pytest.mark.parametrize("mode", MODES)
def test_a_redirected_monitor_is_followed_on_its_origin_only(
    mode: str, packages: dict[str, ModuleType], api: Server, elsewhere: Server
) -> None:
    """A 307 from the monitor is followed for that one request (the monitor keeps its URL);
    a 302 to another origin is refused, naming the URL, and that origin sees nothing."""
    prefix = "/text/analytics/v3.1"
    monitor = f"{prefix}/jobs/j2"
    api.answers[("POST", prefix + "/analyze")] = [
        (202, {"Operation-Location": api.base + monitor}, None)
    ]
    api.answers[("GET", monitor)] = [
        (307, {"Location": "/moved/j2"}, None),
        (200, {}, {"status": "succeeded"}),
    ]
    api.answers[("GET", "/moved/j2")] = [(200, {}, {"status": "running"})]
    package = packages["text_analytics"]
    base = api.base + prefix
    with httpx.Client(verify=TLS, base_url=base, headers={"Authorization": SECRET}) as own:
        response = own.post("analyze")
    cls = poller_class(package, "AnalyzePoller", mode)
    assert run(mode, cls.from_response(client(mode, base), response, **FAST), "wait") is None
    assert [s[1] for s in api.seen[1:]] == [monitor, "/moved/j2", monitor]
    api.answers[("GET", monitor)] = [(302, {"Location": elsewhere.base + "/steal"}, None)]
    with pytest.raises(package.UnexpectedResponse, match=f"'{elsewhere.base}/steal'"):
        run(mode, cls.from_response(client(mode, base), response, **FAST), "wait")
    assert elsewhere.seen == []
