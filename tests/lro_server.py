"""A long-running-operation service on 127.0.0.1 that follows the Azure REST API Guidelines and
the ARM asynchronous-operation contract, for the LRO poller tests (test_lro_pollers.py).

One `LroService` runs two `ThreadingHTTPServer`s in threads: `main`, the service the client is
bound to, and `other`, a second origin (another port) that answers the same protocol and records
every request it gets, so a test can prove that no poller went there unless the user allowed it.

Every operation is a `Scenario` registered under a unique name; the name is the second path
segment of every URL of the operation, so routes need no table:

    PUT|PATCH|DELETE /widgets/{name}, POST /widgets/{name}/{action}, PUT /gadgets/{name},
    PUT /things/{name}, POST /projects/{name}/reports, DELETE /projects/{name}
                                 any non-GET starts the operation
    GET /operations/{name}       Azure-AsyncOperation status monitor
    GET /ops/{name}              Operation-Location status monitor
    GET /operationResults/{name} Location: 202 while running, then 200 + result or 204
    GET /widgets|gadgets|things/{name}  the resource, with its provisioningState

A status monitor answers `{"id", "status", "percentComplete"}` while running and
`{"status": outcome, "error": {"code", "message"}, "resourceLocation"?, "result"?}` at the end.
Each GET of the monitor being polled (or of the resource, when the operation is polled by its
body) is one status read, until the operation ends on read `polls + 1`: `reads` then says how
many status reads it took, whether or not the client reads the terminal answer again.
Scripted misbehaviour comes from `Scenario.faults`: answers served, in order, before the
protocol's own at a route kind ("start", "monitor", "location", "resource").

The main server requires `Authorization: Bearer ...` on every request and, for a scenario with
`cookie=True`, the session cookie it set on the first answer: anything missing is recorded in
`violations` and answered 401, as a real service would.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

AUTH = "Bearer lro-s3cret-4f1c"
API_PREFIX = "api"
"""Every route answers under /api/ too, for clients whose base_url has a path."""
COOKIE = "lro-session"
MAX_REQUESTS = 300
"""Past this many requests of one scenario the server answers 410: a poller that never stops
ends the test with an error instead of hanging the suite."""
FAILURE_WORDS = {"failed", "canceled", "cancelled", "error", "aborted"}


@dataclass
class Answer:
    """A scripted answer: JSON `body`, or `raw` bytes as they are (invalid JSON, nothing)."""

    code: int
    body: Any = None
    raw: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    drop: bool = False  # close the connection without answering
    latency: float = 0.0  # seconds the server takes before answering

    def payload(self) -> bytes:
        if self.raw is not None:
            return self.raw
        return b"" if self.body is None else json.dumps(self.body).encode()


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]  # lower-cased names


@dataclass
class Scenario:
    """One operation's script. `monitors` are the headers the first answer carries:
    "azure-async" (Azure-AsyncOperation), "operation-location", "location"."""

    monitors: tuple[str, ...] = ("azure-async",)
    start_code: int = 202
    start_body: bool = False  # the first answer carries the resource (PUT/PATCH)
    polls: int = 2  # status reads answered "running" before the terminal one
    outcome: str = "Succeeded"  # the terminal word, as sent
    running: str = "InProgress"  # the running word of the status monitor
    provisioning: str = "Creating"  # the running provisioningState of the resource
    error: Any = None  # the monitor's error at the end (None: a default one)
    error_member: bool = True  # False: a failed monitor without any `error`
    monitor_code: int = 200  # what a status monitor answers while running (some say 202)
    monitor_result: Any = None  # the terminal monitor's `result`
    location_result: Any = None  # what the Location answers at the end (None: 204)
    resource_location: str | None = None  # the terminal monitor's resourceLocation
    monitor_origin: str | None = None  # origin of the monitor URLs; "" = relative; None = own
    location_origin: str | None = None  # origin of the Location URL, if other than monitors'
    headers: dict[str, str] = field(default_factory=dict)  # added to / replacing the first
    retry_after: str | None = "0"  # Retry-After on the first answer and running reads
    retry_after_ms: str | None = None
    cookie: bool = False
    rotate_cookie: bool = False  # a new session cookie on every answer (needs cookie=True)
    session: str = ""  # the cookie value the service expects next
    see_other: bool = False  # the Location monitor ends with 303 See Other to the result
    faults: dict[str, list[Answer]] = field(default_factory=dict)  # kind -> answers first
    # state
    started: bool = False
    method: str = ""
    family: str = "widgets"  # the first path segment of the operation's URL
    reads: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def body_polled(self) -> bool:
        return not self.monitors and self.method in ("PUT", "PATCH")

    @property
    def failed(self) -> bool:
        return self.outcome.lower() in FAILURE_WORDS

    @property
    def over(self) -> bool:
        return self.reads > self.polls


class LroService:
    """The two servers and what they saw. Use as a context manager."""

    def __init__(self) -> None:
        self.scenarios: dict[str, Scenario] = {}
        self.log: dict[str, list[tuple[str, Request]]] = {"main": [], "other": []}
        self.violations: list[tuple[str, str]] = []  # (scenario, what was missing)
        self.lock = threading.Lock()
        self._servers: dict[str, ThreadingHTTPServer] = {}
        self._threads: list[threading.Thread] = []
        self.origin: dict[str, str] = {}

    def __enter__(self) -> LroService:
        for role in ("main", "other"):
            httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
            httpd.daemon_threads = True
            httpd.service = self  # type: ignore[attr-defined]
            httpd.role = role  # type: ignore[attr-defined]
            self._servers[role] = httpd
            self.origin[role] = f"http://127.0.0.1:{httpd.server_address[1]}"
            thread = threading.Thread(
                target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
            )
            thread.start()
            self._threads.append(thread)
        return self

    def __exit__(self, *exc: object) -> None:
        for httpd in self._servers.values():
            httpd.shutdown()
            httpd.server_close()
        for thread in self._threads:
            thread.join(timeout=5)

    @property
    def main(self) -> str:
        return self.origin["main"]

    @property
    def other(self) -> str:
        return self.origin["other"]

    def add(self, name: str, scenario: Scenario) -> Scenario:
        with self.lock:
            assert name not in self.scenarios, f"scenario {name} registered twice"
            self.scenarios[name] = scenario
        return scenario

    def requests(self, name: str, role: str = "main") -> list[Request]:
        with self.lock:
            return [r for n, r in self.log[role] if n == name]

    def seen(self, name: str, role: str = "main") -> list[str]:
        """'METHOD /path' of every request of a scenario, in order."""
        return [f"{r.method} {r.path}" for r in self.requests(name, role)]

    def problems(self, name: str) -> list[str]:
        with self.lock:
            return [what for n, what in self.violations if n == name]

    def record(self, role: str, name: str, request: Request) -> None:
        with self.lock:
            self.log[role].append((name, request))

    def violate(self, name: str, what: str) -> None:
        with self.lock:
            self.violations.append((name, what))


def _segments(path: str) -> list[str]:
    return [s for s in path.split("?")[0].split("/") if s]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # headers and body go out in two writes: with Nagle's algorithm on, the client's delayed
    # ACK held every answer back ~40 ms
    disable_nagle_algorithm = True
    server: Any

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._serve("GET")

    def do_PUT(self) -> None:  # noqa: N802
        self._serve("PUT")

    def do_PATCH(self) -> None:  # noqa: N802
        self._serve("PATCH")

    def do_POST(self) -> None:  # noqa: N802
        self._serve("POST")

    def do_DELETE(self) -> None:  # noqa: N802
        self._serve("DELETE")

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def _serve(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        service: LroService = self.server.service
        role: str = self.server.role
        parts = _segments(self.path)
        if parts[:1] == [API_PREFIX]:  # the same service under a path prefix
            parts = parts[1:]
        name = parts[1] if len(parts) > 1 else ""
        headers = {k.lower(): v for k, v in self.headers.items()}
        service.record(role, name, Request(method, self.path, headers))
        scenario = service.scenarios.get(name)
        if len(service.requests(name, role)) > MAX_REQUESTS:  # a poller that never stops
            answer = Answer(410, {"error": {"code": "Gone", "message": "too many requests"}})
        elif scenario is None:
            answer = Answer(404, {"error": {"code": "NotFound", "message": f"no {self.path}"}})
        else:
            answer = self._checked(service, role, name, scenario, method, headers)
            if answer is None:
                with scenario.lock:
                    answer = _Protocol(service, role, name, scenario).answer(method, parts)
        self._send(answer)

    def _checked(
        self,
        service: LroService,
        role: str,
        name: str,
        scenario: Scenario,
        method: str,
        headers: dict[str, str],
    ) -> Answer | None:
        """401 for a request that lacks the credentials this server expects."""
        if role != "main":
            return None
        missing = []
        if headers.get("authorization") != AUTH:
            missing.append("authorization")
        if scenario.cookie and scenario.started:
            pairs = [c.strip() for c in headers.get("cookie", "").split(";")]
            if f"{COOKIE}={scenario.session}" not in pairs:
                missing.append("cookie")
        if not missing:
            return None
        for what in missing:
            service.violate(name, f"{method} {self.path}: no {what}")
        return Answer(401, {"error": {"code": "Unauthorized", "message": " and ".join(missing)}})

    def _send(self, answer: Answer) -> None:
        if answer.latency:
            time.sleep(answer.latency)
            self.close_connection = True
        if answer.drop:
            self.close_connection = True
            return
        data = answer.payload()
        self.send_response(answer.code)
        headers = dict(answer.headers)
        if data and not any(k.lower() == "content-type" for k in headers):
            headers["Content-Type"] = "application/json"
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        try:
            self.end_headers()
            self.wfile.write(data)
        except OSError:  # the client gave up waiting (a request timeout)
            self.close_connection = True


class _Protocol:
    """The service's answer to one request of a scenario (called under its lock)."""

    def __init__(self, service: LroService, role: str, name: str, scenario: Scenario) -> None:
        self.service = service
        self.own = service.origin[role]
        self.name = name
        self.s = scenario

    def answer(self, method: str, parts: list[str]) -> Answer:
        answer = self._answer(method, parts)
        if self.s.rotate_cookie and self.s.session and method == "GET":
            self.s.session = f"{self.name}.{len(self.service.requests(self.name))}"
            cookie = f"{COOKIE}={self.s.session}; Path=/; HttpOnly"
            answer = Answer(answer.code, answer.body, answer.raw, answer.headers, answer.drop)
            answer.headers = {**answer.headers, "Set-Cookie": cookie}
        return answer

    def _answer(self, method: str, parts: list[str]) -> Answer:
        kind = self._kind(method, parts)
        faults = self.s.faults.get(kind)
        if faults:
            if kind == "start":
                self.s.started, self.s.method, self.s.family = True, method, parts[0]
            return faults.pop(0)
        if kind == "start":
            self.s.family = parts[0]
            return self._start(method)
        if kind == "monitor":
            return self._monitor()
        if kind == "location":
            return self._location()
        if kind == "resource":
            return self._resource(parts[0])
        if kind == "result":  # where a 303 See Other sends the client
            return Answer(200, self.s.location_result)
        return Answer(405, {"error": {"code": "MethodNotAllowed", "message": self.s.method}})

    @staticmethod
    def _kind(method: str, parts: list[str]) -> str:
        if method != "GET":
            return "start"
        if parts[0] in ("operations", "ops"):
            return "monitor"
        if parts[0] == "operationResults":
            return "result" if parts[2:] == ["result"] else "location"
        if parts[0] in ("widgets", "gadgets", "things") and len(parts) == 2:
            return "resource"
        return "other"

    # --- the first answer

    def _start(self, method: str) -> Answer:
        s = self.s
        s.started, s.method, s.reads = True, method, 0
        headers = self._hints()
        base = self.own if s.monitor_origin is None else s.monitor_origin
        urls = {
            "azure-async": ("Azure-AsyncOperation", f"{base}/operations/{self.name}?api-version=1"),
            "operation-location": ("Operation-Location", f"{base}/ops/{self.name}?api-version=1"),
            "location": ("Location", f"{base}/operationResults/{self.name}"),
        }
        if s.location_origin is not None:
            urls["location"] = ("Location", f"{s.location_origin}/operationResults/{self.name}")
        for monitor in s.monitors:
            header, url = urls[monitor]
            headers[header] = url
        if s.cookie:
            s.session = self.name
            headers["Set-Cookie"] = f"{COOKIE}={s.session}; Path=/; HttpOnly"
        headers.update(s.headers)
        body = self._representation(self._start_state(), s.family) if s.start_body else None
        return Answer(s.start_code, body, headers=headers)

    def _start_state(self) -> str:
        if self.s.body_polled and self.s.polls == 0:
            return self.s.outcome
        return self.s.provisioning if self.s.method == "PUT" else "Updating"

    def _hints(self) -> dict[str, str]:
        hints = {}
        if self.s.retry_after is not None:
            hints["Retry-After"] = self.s.retry_after
        if self.s.retry_after_ms is not None:
            hints["retry-after-ms"] = self.s.retry_after_ms
        return hints

    # --- polling

    def _monitor(self) -> Answer:
        s = self.s
        s.reads += 0 if s.over else 1
        monitor = {"id": self.name, "name": self.name}
        if not s.over:
            percent = int(100 * (s.reads - 1) / max(s.polls, 1))
            body = {**monitor, "status": s.running, "percentComplete": percent}
            return Answer(s.monitor_code, body, headers=self._hints())
        body: dict[str, Any] = {**monitor, "status": s.outcome, "percentComplete": 100}
        if s.failed:
            if s.error_member:
                body["error"] = s.error or {"code": "Failed", "message": "the operation failed"}
        else:
            if s.resource_location is not None:
                body["resourceLocation"] = s.resource_location
            if s.monitor_result is not None:
                body["result"] = s.monitor_result
        return Answer(200, body)

    def _location(self) -> Answer:
        s = self.s
        if s.monitors and s.monitors[0] == "location" and not s.over:  # the monitor itself
            s.reads += 1
        if not s.over:
            return Answer(202, None, headers={**self._hints(), "Location": self._own_location()})
        if s.failed:
            error = s.error or {"code": "Failed", "message": "the operation failed"}
            return Answer(400, {"error": error})
        if s.location_result is None:
            return Answer(204)
        if s.see_other:  # RFC 9110 15.4.4: the monitor points at the result
            return Answer(303, None, headers={"Location": self._own_location() + "/result"})
        return Answer(200, s.location_result)

    def _own_location(self) -> str:
        origin = self.s.location_origin if self.s.location_origin is not None else self.own
        return f"{origin}/operationResults/{self.name}"

    def _resource(self, family: str) -> Answer:
        s = self.s
        if s.body_polled:
            s.reads += 0 if s.over else 1
            state = s.outcome if s.over else s.provisioning
        elif s.over:
            state = "Failed" if s.failed else "Succeeded"
        else:
            state = "Updating"
        return Answer(200, self._representation(state, family))

    def _representation(self, state: str, kind: str) -> dict[str, Any]:
        """The resource as the service stores it, in `state` (its route decides the shape)."""
        if kind == "things":
            return {"name": self.name, "provisioningState": state, "weight": 2.5}
        if kind == "gadgets":
            props: dict[str, Any] = {"provisioningState": state, "size": 3}
        else:
            props = {"provisioningState": state, "color": "blue", "version": 7}
        return {"id": f"/{kind}/{self.name}", "name": self.name, "properties": props}


def widget(name: str, state: str = "Succeeded", color: str = "blue", version: int = 7) -> Any:
    """A widget as `GET /widgets/{name}` answers it."""
    props = {"provisioningState": state, "color": color, "version": version}
    return {"id": f"/widgets/{name}", "name": name, "properties": props}


def iter_names(prefix: str) -> Iterator[str]:
    """Unique scenario names: `prefix-1`, `prefix-2`, ..."""
    count = 0
    while True:
        count += 1
        yield f"{prefix}-{count}"
