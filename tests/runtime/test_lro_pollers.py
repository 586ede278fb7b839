"""Long-running-operation pollers (DESIGN.md §4b) against a real LRO service on
127.0.0.1 (tests/lro_server.py).

Two fixture specs are generated once per run, in-process, with the default model selection:
tests/fixtures/lro/lro_azure.json (ARM style: `x-ms-long-running-operation` with each
`final-state-via`, Azure-AsyncOperation / Operation-Location / Location monitors, PUT, PATCH,
POST, DELETE, results that are a model, a list of models or nothing, provisioningState polling
under `properties` and at the top level, and a 201 create that is not long-running) and
lro_plain.yaml (OpenAPI 3.0, plain `202 Accepted` + `Location`).

Every case runs the sync poller on httpx.Client and the asyncio poller on httpx.AsyncClient
(under asyncio.run): the user makes the first call with their own client, hands the response to
`<Op>Poller.from_response`, and `wait()`s. The service requires an Authorization header on
every request (and the session cookie it set, where a case says so), so each case also proves
that every poll went through the user's client. A second server on another port records
anything that reaches it: a URL of another origin, from a header, a body or a continuation
token, must not be requested unless the user allowed it.

Covered: every method, monitor header and final-state-via; operations done in their first
answer; failed and canceled operations (any case, British spelling, odd `error` members);
4xx/5xx, invalid JSON, a monitor without status, a header that is not a URL and missing bodies,
at the start and while polling; transient 5xx/429, dropped connections and hung polls retried;
Retry-After honoured, capped and cut to the timeout; PollTimeout; task cancellation; cookies
(also renewed on every answer) and client headers; other origins and the escape hatches;
continuation tokens taken mid-operation, resumed by a fresh client, sync to async, tampered,
and from another operation.
"""

from __future__ import annotations

import asyncio
import importlib
import importlib.util
import itertools
import json
import ssl
import sys
import time
import traceback
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from conftest import import_generated
from lro_server import AUTH, COOKIE, Answer, LroService, Scenario, widget
from real_packages import RealPackages

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lro"
MODES = ["sync", "async"]
API = "?api-version=2024-01-01"
FAST: dict[str, Any] = {
    "timeout": 5.0,
    "min_delay": 0.0,
    "max_delay": 0.005,
    "first_delay": 0.001,
    "request_timeout": 3.0,
}
_names = itertools.count(1)
TLS = ssl.create_default_context()
"""Shared by every client: building an SSL context costs ~0.1 s per httpx client."""
if importlib.util.find_spec("sniffio") is None:
    # httpcore tries `import sniffio` on every async request; absent, each try searched all
    # of sys.path again (a third of an asyncio poll's CPU here). None fails it at once.
    sys.modules.setdefault("sniffio", None)  # type: ignore[arg-type]


# --- the packages and the service --------------------------------------------------------------


@pytest.fixture(scope="module")
def pkgs(real_packages: RealPackages) -> Iterator[dict[str, ModuleType]]:
    """Both fixture specs as a user would generate them (default model selection), once for
    the whole run (`real_packages`: the mypy run over real packages checks them too)."""
    saved = dict(sys.modules)
    names = ["lro_azure", "lro_plain"]
    try:
        yield {n: import_generated(real_packages(n).out, n) for n in names}
    finally:
        for n in [m for m in sys.modules if m.split(".")[0] in names]:
            del sys.modules[n]
        sys.modules.update(saved)


@pytest.fixture(scope="module")
def svc() -> Iterator[LroService]:
    with LroService() as service:
        yield service


@pytest.fixture
def azure(pkgs: dict[str, ModuleType]) -> ModuleType:
    return pkgs["lro_azure"]


@pytest.fixture
def plain(pkgs: dict[str, ModuleType]) -> ModuleType:
    return pkgs["lro_plain"]


def fresh(prefix: str) -> str:
    """A scenario name no other test uses (it is the second segment of every URL)."""
    return f"{prefix}-{next(_names)}"


# --- driving a poller ------------------------------------------------------------------------


@dataclass
class Outcome:
    result: Any = None
    error: BaseException | None = None
    poller: Any = None
    progress: list[Any] = field(default_factory=list)
    elapsed: float = 0.0


def client_args(svc: LroService, **extra: Any) -> dict[str, Any]:
    args: dict[str, Any] = {
        "base_url": svc.main,
        "headers": {"Authorization": AUTH},
        "timeout": 5.0,
        "verify": TLS,
    }
    args.update(extra)
    return args


def run(
    mode: str,
    pkg: ModuleType,
    poller: str,
    method: str,
    url: str,
    svc: LroService,
    *,
    client: dict[str, Any] | None = None,
    **options: Any,
) -> Outcome:
    """The user's call with their own client, then `from_response(...)` and `wait()`."""
    kwargs = client if client is not None else client_args(svc)
    options = {**FAST, **options}
    out = Outcome()
    options.setdefault("on_progress", out.progress.append)
    body = None if method in ("GET", "DELETE") else {}
    started = time.monotonic()
    if mode == "sync":
        cls = getattr(pkg, poller)
        with httpx.Client(**kwargs) as http:
            response = http.request(method, url, json=body)
            try:
                out.poller = cls.from_response(http, response, **options)
                out.result = out.poller.wait()
            except Exception as exc:  # noqa: BLE001 - the test asserts which
                out.error = exc
    else:
        cls = getattr(pkg, "Async" + poller)

        async def go() -> None:
            async with httpx.AsyncClient(**kwargs) as http:
                response = await http.request(method, url, json=body)
                try:
                    out.poller = cls.from_response(http, response, **options)
                    out.result = await out.poller.wait()
                except Exception as exc:  # noqa: BLE001
                    out.error = exc

        asyncio.run(go())
    out.elapsed = time.monotonic() - started
    return out


def succeeded(out: Outcome) -> Any:
    if out.error is not None:  # where it came from: the runtime's own frames say most
        trace = "".join(traceback.format_exception(out.error)[-4:])
        raise AssertionError(f"{type(out.error).__name__}: {out.error}\n{trace}")
    return out.result


def failed(out: Outcome, pkg: ModuleType, kind: str, *fragments: str) -> BaseException:
    """The error, checked to be `pkg.<kind>` with each fragment in its message."""
    error = out.error
    assert error is not None, f"no error; result {out.result!r}"
    expected = getattr(pkg, kind)
    if not isinstance(error, expected):
        trace = "".join(traceback.format_exception(error)[-4:])
        raise AssertionError(f"expected {kind}, got {type(error).__name__}: {error}\n{trace}")

    for fragment in fragments:
        assert fragment in str(error), f"{fragment!r} not in {str(error)!r}"
    return error


def clean(svc: LroService, name: str) -> None:
    """Every request of the scenario carried the client's credentials (and the cookie)."""
    assert svc.problems(name) == []


def reads(svc: LroService, name: str, route: str) -> int:
    return sum(1 for s in svc.seen(name) if s.startswith(f"GET /{route}/{name}"))


# --- what is generated -----------------------------------------------------------------------

POLLERS = {
    "lro_azure": {
        "WidgetsCreateOrUpdatePoller": "PUT /widgets/{name}",
        "WidgetsUpdatePoller": "PATCH /widgets/{name}",
        "WidgetsDeletePoller": "DELETE /widgets/{name}",
        "WidgetsExportPoller": "POST /widgets/{name}/export",
        "WidgetsAnalyzePoller": "POST /widgets/{name}/analyze",
        "WidgetsListVersionsPoller": "POST /widgets/{name}/versions",
        "WidgetsRestartPoller": "POST /widgets/{name}/restart",
        "WidgetsMovePoller": "POST /widgets/{name}/move",
        "GadgetsCreateOrUpdatePoller": "PUT /gadgets/{name}",
        "ThingsCreateOrUpdatePoller": "PUT /things/{name}",
    },
    "lro_plain": {
        "CreateReportPoller": "POST /projects/{name}/reports",
        "DeleteProjectPoller": "DELETE /projects/{name}",
    },
}


@pytest.mark.parametrize("package", list(POLLERS))
def test_every_long_running_operation_has_two_pollers(
    pkgs: dict[str, ModuleType], package: str
) -> None:
    pkg = pkgs[package]
    for name, operation in POLLERS[package].items():
        for cls_name in (name, "Async" + name):
            assert cls_name in pkg.__all__, cls_name
            cls = getattr(pkg, cls_name)
            first = (cls.__doc__ or "").strip().splitlines()[0]
            assert f"``{operation}``" in first, (cls_name, first)


@pytest.mark.parametrize("package", list(POLLERS))
def test_exceptions_from_the_root_and_from_polling(
    pkgs: dict[str, ModuleType], package: str
) -> None:
    """LRO_API.md: every exception of the pollers from the package root and `<pkg>._polling`."""
    polling = importlib.import_module(f"{package}._polling")
    for exc in ("OperationFailed", "UnexpectedResponse", "PollTimeout", "TransientError"):
        assert exc in pkgs[package].__all__, exc
        assert getattr(pkgs[package], exc) is getattr(polling, exc, None), exc


def test_a_plain_201_create_gets_no_poller(azure: ModuleType) -> None:
    """`POST /notes` answers 201 with the note's Location: a create, not an operation."""
    assert [n for n in dir(azure) if "Notes" in n] == []
    assert [n for n in azure.__all__ if "Notes" in n] == []


# --- every method, monitor and final-state-via -----------------------------------------------


@dataclass(frozen=True)
class Case:
    package: str
    poller: str
    method: str
    path: str  # with {n} for the scenario name
    scenario: Callable[[LroService, str], Scenario]
    check: Callable[[ModuleType, str, Any], None]
    last: str | None = None  # the last request the service saw, with {n}


def check_widget(color: str = "blue") -> Callable[[ModuleType, str, Any], None]:
    def check(pkg: ModuleType, name: str, result: Any) -> None:
        assert isinstance(result, pkg.Widget), repr(result)
        assert result.name == name
        assert result.id == f"/widgets/{name}"
        assert result.properties.color == color
        assert result.properties.provisioning_state == "Succeeded"

    return check


def check_none(pkg: ModuleType, name: str, result: Any) -> None:
    assert result is None


def check_export(pkg: ModuleType, name: str, result: Any) -> None:
    assert isinstance(result, pkg.ExportResult), repr(result)
    assert (result.blob_uri, result.size_bytes) == (f"https://blobs.example/{name}.json", 42)


def check_analyze(pkg: ModuleType, name: str, result: Any) -> None:
    assert isinstance(result, pkg.AnalyzeResult), repr(result)
    assert (result.model_version, result.tags) == ("2024-02-01", ["round", "blue"])


def check_versions(pkg: ModuleType, name: str, result: Any) -> None:
    assert isinstance(result, list), repr(result)
    assert all(isinstance(item, pkg.Widget) for item in result), repr(result)
    assert [w.properties.version for w in result] == [1, 2]


def check_gadget(pkg: ModuleType, name: str, result: Any) -> None:
    assert isinstance(result, pkg.Gadget), repr(result)
    assert (result.name, result.properties.size) == (name, 3)
    assert result.properties.provisioning_state == "Succeeded"


def check_thing(pkg: ModuleType, name: str, result: Any) -> None:
    assert isinstance(result, pkg.Thing), repr(result)
    assert (result.name, result.weight, result.provisioning_state) == (name, 2.5, "Succeeded")


def check_report(pkg: ModuleType, name: str, result: Any) -> None:
    assert isinstance(result, pkg.Report), repr(result)
    assert (result.id, result.rows) == (name, 12)
    assert result.title is None


CASES = {
    # PUT, Azure-AsyncOperation, final-state-via azure-async-operation: the original URL
    "put-azure-async": Case(
        "lro_azure",
        "WidgetsCreateOrUpdatePoller",
        "PUT",
        "/widgets/{n}" + API,
        lambda svc, n: Scenario(("azure-async",), start_code=201, start_body=True),
        check_widget(),
        "GET /widgets/{n}" + API,
    ),
    "put-azure-async-relative": Case(
        "lro_azure",
        "WidgetsCreateOrUpdatePoller",
        "PUT",
        "/widgets/{n}" + API,
        lambda svc, n: Scenario(("azure-async",), 201, True, monitor_origin=""),
        check_widget(),
        "GET /widgets/{n}" + API,
    ),
    # state words in any case, and words of no list (in progress)
    "put-words-any-case": Case(
        "lro_azure",
        "WidgetsCreateOrUpdatePoller",
        "PUT",
        "/widgets/{n}" + API,
        lambda svc, n: Scenario(
            ("azure-async",), 201, True, running="finalizing", outcome="SUCCEEDED"
        ),
        check_widget(),
        "GET /widgets/{n}" + API,
    ),
    "post-words-completed": Case(
        "lro_azure",
        "WidgetsAnalyzePoller",
        "POST",
        "/widgets/{n}/analyze" + API,
        lambda svc, n: Scenario(
            ("operation-location",),
            running="notStarted",
            outcome="Completed",
            monitor_result={"modelVersion": "2024-02-01", "tags": ["round", "blue"]},
        ),
        check_analyze,
        "GET /ops/{n}?api-version=1",
    ),
    # PATCH, Location monitor (202 ... 200), final-state-via location
    "patch-location": Case(
        "lro_azure",
        "WidgetsUpdatePoller",
        "PATCH",
        "/widgets/{n}" + API,
        lambda svc, n: Scenario(("location",), location_result=widget(n, color="red")),
        check_widget("red"),
        "GET /operationResults/{n}",
    ),
    # DELETE, Location monitor (202 ... 204), no body
    "delete-location": Case(
        "lro_azure",
        "WidgetsDeletePoller",
        "DELETE",
        "/widgets/{n}" + API,
        lambda svc, n: Scenario(("location",)),
        check_none,
        "GET /operationResults/{n}",
    ),
    # POST, Azure-AsyncOperation polled, final-state-via location: result from the Location
    "post-export-location": Case(
        "lro_azure",
        "WidgetsExportPoller",
        "POST",
        "/widgets/{n}/export" + API,
        lambda svc, n: Scenario(
            ("azure-async", "location"),
            location_result={"blobUri": f"https://blobs.example/{n}.json", "sizeBytes": 42},
        ),
        check_export,
        "GET /operationResults/{n}",
    ),
    # POST, Operation-Location (Cognitive Services words), final-state-via operation-location
    "post-analyze-operation-location": Case(
        "lro_azure",
        "WidgetsAnalyzePoller",
        "POST",
        "/widgets/{n}/analyze" + API,
        lambda svc, n: Scenario(
            ("operation-location",),
            running="running",
            outcome="succeeded",
            monitor_result={"modelVersion": "2024-02-01", "tags": ["round", "blue"]},
        ),
        check_analyze,
        "GET /ops/{n}?api-version=1",
    ),
    # POST returning a list, final-state-via azure-async-operation: the monitor's result
    "post-versions-list": Case(
        "lro_azure",
        "WidgetsListVersionsPoller",
        "POST",
        "/widgets/{n}/versions" + API,
        lambda svc, n: Scenario(
            ("azure-async",), monitor_result=[widget(n, version=1), widget(n, version=2)]
        ),
        check_versions,
        "GET /operations/{n}?api-version=1",
    ),
    # POST without a body, Operation-Location, no final-state-via
    "post-restart-no-body": Case(
        "lro_azure",
        "WidgetsRestartPoller",
        "POST",
        "/widgets/{n}/restart" + API,
        lambda svc, n: Scenario(("operation-location",)),
        check_none,
        "GET /ops/{n}?api-version=1",
    ),
    # POST, default final state: the monitor's resourceLocation
    "post-move-resource-location": Case(
        "lro_azure",
        "WidgetsMovePoller",
        "POST",
        "/widgets/{n}/move" + API,
        lambda svc, n: Scenario(("azure-async",), resource_location=f"{svc.main}/widgets/{n}"),
        check_widget(),
        "GET /widgets/{n}",
    ),
    # PUT with no header: provisioningState under properties, final-state-via original-uri
    "put-gadget-provisioning-state": Case(
        "lro_azure",
        "GadgetsCreateOrUpdatePoller",
        "PUT",
        "/gadgets/{n}" + API,
        lambda svc, n: Scenario((), start_code=201, start_body=True),
        check_gadget,
        "GET /gadgets/{n}" + API,
    ),
    # PUT long-running by its body only: provisioningState at the top level
    "put-thing-top-level-state": Case(
        "lro_azure",
        "ThingsCreateOrUpdatePoller",
        "PUT",
        "/things/{n}" + API,
        lambda svc, n: Scenario((), start_code=201, start_body=True, provisioning="Accepted"),
        check_thing,
        "GET /things/{n}" + API,
    ),
    # a 200 with a terminal state and no header is done at once
    "put-done-at-once": Case(
        "lro_azure",
        "WidgetsCreateOrUpdatePoller",
        "PUT",
        "/widgets/{n}" + API,
        lambda svc, n: Scenario((), start_code=200, start_body=True, polls=0),
        check_widget(),
        "PUT /widgets/{n}" + API,
    ),
    # a 204 with no header is done at once
    "delete-204-at-once": Case(
        "lro_azure",
        "WidgetsDeletePoller",
        "DELETE",
        "/widgets/{n}" + API,
        lambda svc, n: Scenario((), start_code=204, polls=0),
        check_none,
        "DELETE /widgets/{n}" + API,
    ),
    # PATCH whose Location ends in 204: the result is read at the original URL
    "patch-location-204": Case(
        "lro_azure",
        "WidgetsUpdatePoller",
        "PATCH",
        "/widgets/{n}" + API,
        lambda svc, n: Scenario(("location",)),
        check_widget(),
        "GET /widgets/{n}" + API,
    ),
    # PUT answered 202 with no header and no body: the original URL is polled
    "put-gadget-202-no-header": Case(
        "lro_azure",
        "GadgetsCreateOrUpdatePoller",
        "PUT",
        "/gadgets/{n}" + API,
        lambda svc, n: Scenario((), start_code=202),
        check_gadget,
        "GET /gadgets/{n}" + API,
    ),
    # PUT answered 200 with a running provisioningState and no header
    "put-gadget-200-creating": Case(
        "lro_azure",
        "GadgetsCreateOrUpdatePoller",
        "PUT",
        "/gadgets/{n}" + API,
        lambda svc, n: Scenario((), start_code=200, start_body=True),
        check_gadget,
        "GET /gadgets/{n}" + API,
    ),
    # POST whose monitor names a relative resourceLocation
    "post-move-relative-resource-location": Case(
        "lro_azure",
        "WidgetsMovePoller",
        "POST",
        "/widgets/{n}/move" + API,
        lambda svc, n: Scenario(("azure-async",), resource_location=f"/widgets/{n}"),
        check_widget(),
        "GET /widgets/{n}",
    ),
    # final-state-via decides even when the default would read elsewhere:
    # location over the monitor's resourceLocation
    "post-export-location-over-resource-location": Case(
        "lro_azure",
        "WidgetsExportPoller",
        "POST",
        "/widgets/{n}/export" + API,
        lambda svc, n: Scenario(
            ("azure-async", "location"),
            resource_location=f"{svc.main}/widgets/{n}",
            location_result={"blobUri": f"https://blobs.example/{n}.json", "sizeBytes": 42},
        ),
        check_export,
        "GET /operationResults/{n}",
    ),
    # operation-location (POST): the monitor's result, not its resourceLocation
    "post-analyze-monitor-over-resource-location": Case(
        "lro_azure",
        "WidgetsAnalyzePoller",
        "POST",
        "/widgets/{n}/analyze" + API,
        lambda svc, n: Scenario(
            ("operation-location",),
            resource_location=f"{svc.main}/widgets/{n}",
            monitor_result={"modelVersion": "2024-02-01", "tags": ["round", "blue"]},
        ),
        check_analyze,
        "GET /ops/{n}?api-version=1",
    ),
    # original-uri: after a Location monitor's 200, the result is read at the original URL
    "put-gadget-original-uri-after-location": Case(
        "lro_azure",
        "GadgetsCreateOrUpdatePoller",
        "PUT",
        "/gadgets/{n}" + API,
        lambda svc, n: Scenario(
            ("location",),
            location_result={"id": f"/gadgets/{n}", "name": n, "properties": {"size": 99}},
        ),
        check_gadget,
        "GET /gadgets/{n}" + API,
    ),
    # DELETE with a status monitor and a Location: nothing is fetched after success
    "delete-azure-async": Case(
        "lro_azure",
        "WidgetsDeletePoller",
        "DELETE",
        "/widgets/{n}" + API,
        lambda svc, n: Scenario(("azure-async", "location")),
        check_none,
        "GET /operations/{n}?api-version=1",
    ),
    # a status monitor that answers 202 (not 200) while running
    "put-monitor-202-while-running": Case(
        "lro_azure",
        "WidgetsCreateOrUpdatePoller",
        "PUT",
        "/widgets/{n}" + API,
        lambda svc, n: Scenario(("azure-async",), 201, True, monitor_code=202),
        check_widget(),
        "GET /widgets/{n}" + API,
    ),
    # plain HTTP, a relative Location
    "plain-post-relative-location": Case(
        "lro_plain",
        "CreateReportPoller",
        "POST",
        "/projects/{n}/reports",
        lambda svc, n: Scenario(
            ("location",), monitor_origin="", location_result={"id": n, "rows": 12, "title": None}
        ),
        check_report,
        "GET /operationResults/{n}",
    ),
    # plain HTTP: 202 + Location, then 200 + the result there
    "plain-post-202-location": Case(
        "lro_plain",
        "CreateReportPoller",
        "POST",
        "/projects/{n}/reports",
        lambda svc, n: Scenario(
            ("location",), retry_after="1", location_result={"id": n, "rows": 12, "title": None}
        ),
        check_report,
        "GET /operationResults/{n}",
    ),
    "plain-delete-202-location": Case(
        "lro_plain",
        "DeleteProjectPoller",
        "DELETE",
        "/projects/{n}",
        lambda svc, n: Scenario(("location",)),
        check_none,
        "GET /operationResults/{n}",
    ),
}


def start(svc: LroService, case: Case, prefix: str, **changes: Any) -> tuple[str, Scenario]:
    name = fresh(prefix)
    scenario = case.scenario(svc, name)
    for key, value in changes.items():
        setattr(scenario, key, value)
    return name, svc.add(name, scenario)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case_id", list(CASES))
def test_success(pkgs: dict[str, ModuleType], svc: LroService, case_id: str, mode: str) -> None:
    case = CASES[case_id]
    pkg = pkgs[case.package]
    name, scenario = start(svc, case, case_id)
    out = run(mode, pkg, case.poller, case.method, case.path.format(n=name), svc)
    case.check(pkg, name, succeeded(out))
    clean(svc, name)
    seen = svc.seen(name)
    assert scenario.reads == (scenario.polls + 1 if scenario.polls else 0), seen
    if case.last is not None:
        assert seen[-1] == case.last.format(n=name), seen
    assert out.poller.done()
    assert svc.seen(name, "other") == []


@pytest.mark.parametrize("mode", MODES)
def test_status_and_progress_are_observed(azure: ModuleType, svc: LroService, mode: str) -> None:
    name, scenario = start(svc, CASES["put-azure-async"], "progress", polls=3)
    out = run(mode, azure, "WidgetsCreateOrUpdatePoller", "PUT", f"/widgets/{name}{API}", svc)
    succeeded(out)
    assert out.poller.status == "Succeeded"
    assert len(out.progress) >= 3, out.progress  # 0%, 33%, 66%, succeeded


def test_iterating_yields_every_observed_status(azure: ModuleType, svc: LroService) -> None:
    name, scenario = start(svc, CASES["put-azure-async"], "iterate", polls=3)
    with httpx.Client(**client_args(svc)) as http:
        response = http.put(f"/widgets/{name}{API}", json={})
        poller = azure.WidgetsCreateOrUpdatePoller.from_response(http, response, **FAST)
        seen = list(poller)
        assert poller.done() and poller.status == "Succeeded"
        assert len(seen) >= 4, seen  # three InProgress reads and the Succeeded one
        assert isinstance(poller.wait(), azure.Widget)
    assert reads(svc, name, "operations") == 4


def test_async_iteration(azure: ModuleType, svc: LroService) -> None:
    name, scenario = start(svc, CASES["patch-location"], "aiterate", polls=2)

    async def go() -> list[Any]:
        async with httpx.AsyncClient(**client_args(svc)) as http:
            response = await http.patch(f"/widgets/{name}{API}", json={})
            poller = azure.AsyncWidgetsUpdatePoller.from_response(http, response, **FAST)
            seen = [status async for status in poller]
            assert poller.done()
            result = await poller.wait()
            assert isinstance(result, azure.Widget) and result.properties.color == "red"
            return seen

    assert len(asyncio.run(go())) >= 1
    clean(svc, name)


# --- failed and canceled -----------------------------------------------------------------------

FAILURES = {
    # case, outcome word, error message (None: no error member), canceled
    "failed": ("put-azure-async", "Failed", "no space left on device", False),
    "canceled": ("post-analyze-operation-location", "canceled", "canceled by the user", True),
    "cancelled-british": ("post-export-location", "Cancelled", "stopped", True),
    "failed-list": ("post-versions-list", "FAILED", "quota exceeded", False),
    "failed-no-body-op": ("post-restart-no-body", "Failed", "restart refused", False),
    "provisioning-failed": ("put-gadget-provisioning-state", "Failed", None, False),
    "provisioning-canceled": ("put-thing-top-level-state", "Canceled", None, True),
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("failure", list(FAILURES))
def test_failed_or_canceled_raises_operation_failed(
    pkgs: dict[str, ModuleType], svc: LroService, failure: str, mode: str
) -> None:
    case_id, word, message, canceled = FAILURES[failure]
    case = CASES[case_id]
    pkg = pkgs[case.package]
    error = {"code": "Oops", "message": message} if message else None
    name, scenario = start(svc, case, failure, outcome=word, error=error)
    out = run(mode, pkg, case.poller, case.method, case.path.format(n=name), svc)
    exc = failed(out, pkg, "OperationFailed")
    assert exc.canceled is canceled
    if message is not None:
        assert exc.message == message
        assert message in str(exc)
    assert ("canceled" if canceled else "failed") in str(exc).lower(), str(exc)
    seen = svc.seen(name)
    assert scenario.reads == scenario.polls + 1, seen
    assert seen[-1].startswith(("GET /operations/", "GET /ops/", "GET /gadgets/", "GET /things/"))
    clean(svc, name)


# --- the first answer decides ----------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_put_200_without_state_is_done_at_once(
    azure: ModuleType, svc: LroService, mode: str
) -> None:
    """A 200 whose body has no provisioningState and no monitor header: Succeeded, at once."""
    name = fresh("put-200-no-state")
    body = {"id": f"/gadgets/{name}", "name": name, "properties": {"size": 9}}
    svc.add(name, Scenario((), faults={"start": [Answer(200, body)]}))
    out = run(mode, azure, "GadgetsCreateOrUpdatePoller", "PUT", f"/gadgets/{name}{API}", svc)
    result = succeeded(out)
    assert isinstance(result, azure.Gadget) and result.properties.size == 9, repr(result)
    assert svc.seen(name) == [f"PUT /gadgets/{name}{API}"]


@pytest.mark.parametrize("mode", MODES)
def test_put_201_without_body_or_header_never_succeeds_empty(
    azure: ModuleType, svc: LroService, mode: str
) -> None:
    """A 201 with no body and no header: azure-core polls the original URL (a 201 without a
    state is in progress); an error is defensible too. Returning None for an operation whose
    result is a Gadget is not."""
    name, scenario = start(
        svc,
        CASES["put-gadget-provisioning-state"],
        "put-201-empty",
        faults={"start": [Answer(201)]},
    )
    out = run(mode, azure, "GadgetsCreateOrUpdatePoller", "PUT", f"/gadgets/{name}{API}", svc)
    if out.error is None:
        check_gadget(azure, name, out.result)
        assert scenario.reads == scenario.polls + 1
    else:
        failed(out, azure, "UnexpectedResponse")
    clean(svc, name)


ERROR_SHAPES = {
    "no-error-member": {"error_member": False},
    "error-a-string": {"error": "boom"},
    "error-without-message": {"error": {"code": "Conflict"}},
    "error-message-a-number": {"error": {"code": "Conflict", "message": 42}},
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("shape", list(ERROR_SHAPES))
def test_failed_monitor_with_odd_error_members(
    azure: ModuleType, svc: LroService, shape: str, mode: str
) -> None:
    """Whatever the `error` member looks like, a failed operation is an OperationFailed
    (never a TypeError or KeyError from inside the runtime)."""
    name, scenario = start(
        svc,
        CASES["post-restart-no-body"],
        "odd-error-" + shape,
        outcome="Failed",
        **ERROR_SHAPES[shape],
    )
    out = run(mode, azure, "WidgetsRestartPoller", "POST", f"/widgets/{name}/restart{API}", svc)
    exc = failed(out, azure, "OperationFailed")
    assert exc.canceled is False
    assert "fail" in str(exc).lower(), str(exc)
    assert exc.message is None or isinstance(exc.message, str)


MONITOR_CHOICE = {
    # case, headers sent, the monitor route polled, the one left alone
    "final-via-operation-location": (
        "post-analyze-operation-location",
        ("azure-async", "operation-location"),
        "ops",
        "operations",
    ),
    "final-via-azure-async": (
        "put-azure-async",
        ("operation-location", "azure-async"),
        "operations",
        "ops",
    ),
    "declared-operation-location": (
        "post-restart-no-body",
        ("azure-async", "operation-location"),
        "ops",
        "operations",
    ),
    "declared-azure-async": (
        "post-export-location",
        ("operation-location", "azure-async", "location"),
        "operations",
        "ops",
    ),
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("choice", list(MONITOR_CHOICE))
def test_which_monitor_is_polled(
    pkgs: dict[str, ModuleType], svc: LroService, choice: str, mode: str
) -> None:
    """Two monitor headers: the one final-state-via or the declared headers name wins."""
    case_id, monitors, polled, left = MONITOR_CHOICE[choice]
    case = CASES[case_id]
    pkg = pkgs[case.package]
    name, scenario = start(svc, case, "choice-" + choice, monitors=monitors)
    out = run(mode, pkg, case.poller, case.method, case.path.format(n=name), svc)
    case.check(pkg, name, succeeded(out))
    assert reads(svc, name, polled) == scenario.polls + 1, svc.seen(name)
    assert reads(svc, name, left) == 0, svc.seen(name)


@pytest.mark.parametrize("mode", MODES)
def test_result_that_does_not_fit_its_schema(azure: ModuleType, svc: LroService, mode: str) -> None:
    """ExportResult requires blobUri: a clear error, not a half-built model or a KeyError."""
    name, scenario = start(
        svc, CASES["post-export-location"], "bad-result", location_result={"sizeBytes": "many"}
    )
    out = run(mode, azure, "WidgetsExportPoller", "POST", f"/widgets/{name}/export{API}", svc)
    assert isinstance(out.error, (azure.UnexpectedResponse, azure.ValidationError)), repr(out.error)


AT_ONCE = {
    # poller, method, path, the first answer, the expected result (None: no body)
    "post-200-result": (
        "WidgetsAnalyzePoller",
        "POST",
        "/widgets/{n}/analyze",
        Answer(200, {"modelVersion": "2024-02-01", "tags": ["round", "blue"]}),
        check_analyze,
    ),
    "post-204": ("WidgetsRestartPoller", "POST", "/widgets/{n}/restart", Answer(204), check_none),
    "delete-200": ("WidgetsDeletePoller", "DELETE", "/widgets/{n}", Answer(200), check_none),
    "post-200-list": (
        "WidgetsListVersionsPoller",
        "POST",
        "/widgets/{n}/versions",
        Answer(200, [widget("{n}", version=1), widget("{n}", version=2)]),
        None,
    ),
    # a Location beside a finished answer is where the result lives, not a monitor
    "post-200-with-location": (
        "WidgetsExportPoller",
        "POST",
        "/widgets/{n}/export",
        Answer(
            200,
            {"blobUri": "https://blobs.example/{n}.json", "sizeBytes": 42},
            headers={"Location": "/operationResults/{n}"},
        ),
        check_export,
    ),
    "put-201-succeeded-with-location": (
        "GadgetsCreateOrUpdatePoller",
        "PUT",
        "/gadgets/{n}",
        Answer(
            201,
            {
                "id": "/gadgets/{n}",
                "name": "{n}",
                "properties": {"provisioningState": "Succeeded", "size": 3},
            },
            headers={"Location": "/gadgets/{n}"},
        ),
        check_gadget,
    ),
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case_id", list(AT_ONCE))
def test_an_operation_finished_in_its_first_answer(
    azure: ModuleType, svc: LroService, case_id: str, mode: str
) -> None:
    """A 200/204 with no monitor header and no running state: done, no request more."""
    poller, method, path, answer, check = AT_ONCE[case_id]
    name = fresh("at-once-" + case_id)
    body = json.loads(json.dumps(answer.body).replace("{n}", name))
    headers = {k: v.replace("{n}", name) for k, v in answer.headers.items()}
    svc.add(name, Scenario((), faults={"start": [Answer(answer.code, body, headers=headers)]}))
    url = path.format(n=name) + API
    out = run(mode, azure, poller, method, url, svc)
    result = succeeded(out)
    if check is not None:
        check(azure, name, result)
    else:
        assert [w.properties.version for w in result] == [1, 2]
        assert all(isinstance(w, azure.Widget) for w in result)
    assert svc.seen(name) == [f"{method} {url}"]
    assert out.poller.done()


@pytest.mark.parametrize("mode", MODES)
def test_monitor_oddities_that_are_no_error(azure: ModuleType, svc: LroService, mode: str) -> None:
    """A percentComplete that is no number, state words in other case styles, unknown
    members, JSON sent as text/plain, a Retry-After that is no delay: the operation still
    runs to its result."""
    text = {"Content-Type": "text/plain"}
    odd = [
        Answer(200, {"status": "in_progress", "percentComplete": "fifty", "x": [1]}),
        Answer(200, {"status": "IN-PROGRESS", "percentComplete": None}, headers=text),
        Answer(200, {"status": "Running", "percentComplete": 120.5, "error": None}),
    ]
    name, scenario = start(
        svc, CASES["put-azure-async"], "odd-monitor", faults={"monitor": odd}, retry_after="soon"
    )
    out = run(mode, azure, "WidgetsCreateOrUpdatePoller", "PUT", f"/widgets/{name}{API}", svc)
    check_widget()(azure, name, succeeded(out))
    assert reads(svc, name, "operations") == 3 + scenario.polls + 1


@pytest.mark.parametrize("mode", MODES)
def test_a_body_the_protocol_does_not_read_may_be_anything(
    azure: ModuleType, svc: LroService, mode: str
) -> None:
    """A 202 with an Azure-AsyncOperation header: its body is not read, so a broken one
    (a gateway's half-written JSON) does not stop the operation."""
    name, scenario = start(svc, CASES["post-export-location"], "ignored-body")
    headers = {
        "Content-Type": "application/json",
        "Azure-AsyncOperation": f"{svc.main}/operations/{name}?api-version=1",
        "Location": f"{svc.main}/operationResults/{name}",
    }
    scenario.faults = {"start": [Answer(202, raw=b'{"status": "Runn', headers=headers)]}
    out = run(mode, azure, "WidgetsExportPoller", "POST", f"/widgets/{name}/export{API}", svc)
    check_export(azure, name, succeeded(out))


@pytest.mark.parametrize("mode", MODES)
def test_location_monitor_ending_in_303_see_other(
    plain: ModuleType, svc: LroService, mode: str
) -> None:
    """RFC 9110's other way to end a 202: the monitor answers 303 See Other with the
    result's Location (same origin). The result is read there."""
    name, scenario = start(svc, CASES["plain-post-202-location"], "see-other", see_other=True)
    out = run(mode, plain, "CreateReportPoller", "POST", f"/projects/{name}/reports", svc)
    check_report(plain, name, succeeded(out))
    assert svc.seen(name)[-1] == f"GET /operationResults/{name}/result"


@pytest.mark.parametrize("mode", MODES)
def test_a_202_with_a_text_body(plain: ModuleType, svc: LroService, mode: str) -> None:
    """`202 Accepted` with `text/plain` "Accepted" and a Location: the text is no body."""
    name, scenario = start(svc, CASES["plain-post-202-location"], "text-202")
    location = f"{svc.main}/operationResults/{name}"
    headers = {"Content-Type": "text/plain", "Location": location}
    scenario.faults = {"start": [Answer(202, raw=b"Accepted", headers=headers)]}
    out = run(mode, plain, "CreateReportPoller", "POST", f"/projects/{name}/reports", svc)
    check_report(plain, name, succeeded(out))
    assert scenario.reads == scenario.polls + 1


def test_cancelling_the_task_stops_polling(azure: ModuleType, svc: LroService) -> None:
    name, scenario = start(svc, CASES["put-azure-async"], "task-cancel", polls=10**9)

    async def go() -> None:
        async with httpx.AsyncClient(**client_args(svc)) as http:
            response = await http.put(f"/widgets/{name}{API}", json={})
            poller = azure.AsyncWidgetsCreateOrUpdatePoller.from_response(
                http, response, **{**FAST, "timeout": 60.0, "min_delay": 0.02, "max_delay": 0.02}
            )
            with pytest.raises(asyncio.TimeoutError):
                await asyncio.wait_for(poller.wait(), 0.15)
            await asyncio.sleep(0.15)  # a request on its way lands (later under load)
            count = len(svc.seen(name))
            await asyncio.sleep(0.2)
            assert len(svc.seen(name)) == count  # nothing polls after the cancel

    started = time.monotonic()
    asyncio.run(go())
    assert time.monotonic() - started < 1.5


# --- errors: at once, never a hang, a timeout or a success ----------------------------------


def bad_start(answer: Answer) -> Callable[[LroService, str], dict[str, Any]]:
    return lambda svc, n: {"faults": {"start": [answer]}}


ERRORS: dict[str, tuple[str, Callable[[LroService, str], dict[str, Any]], list[str], str]] = {
    # case, scenario changes, fragments of the message, the requests seen ("start" = only it)
    "start-400": (
        "put-azure-async",
        bad_start(Answer(400, {"error": {"code": "InvalidColor", "message": "bad colour"}})),
        ["400"],
        "start",
    ),
    "start-500": ("post-export-location", bad_start(Answer(500, {"error": {}})), ["500"], "start"),
    "start-invalid-json": (
        "put-gadget-provisioning-state",
        bad_start(Answer(201, raw=b'{"properties": {"provisioningState": "Crea')),
        [],
        "start",
    ),
    "start-200-invalid-json": (
        "put-done-at-once",
        bad_start(Answer(200, raw=b"<html>ok</html>")),
        [],
        "start",
    ),
    "start-202-nothing-to-poll": (
        "post-export-location",
        bad_start(Answer(202, headers={"Retry-After": "0"})),
        [],
        "start",
    ),
    "poll-400": (
        "put-azure-async",
        lambda svc, n: {"faults": {"monitor": [Answer(400, {"error": {"code": "BadPoll"}})]}},
        ["400", "/operations/{n}"],
        "one-poll",
    ),
    "poll-404-location": (
        "patch-location",
        lambda svc, n: {"faults": {"location": [Answer(404, {"error": {"code": "Gone"}})]}},
        ["404"],
        "one-poll",
    ),
    "poll-invalid-json": (
        "put-azure-async",
        lambda svc, n: {
            "faults": {
                "monitor": [
                    Answer(200, raw=b"<html>gateway</html>", headers={"Content-Type": "text/html"})
                ]
            }
        },
        [],
        "one-poll",
    ),
    "poll-invalid-json-provisioning": (
        "put-gadget-provisioning-state",
        lambda svc, n: {"faults": {"resource": [Answer(200, raw=b"{not json")]}},
        [],
        "one-poll",
    ),
    "monitor-without-status": (
        "post-analyze-operation-location",
        lambda svc, n: {"faults": {"monitor": [Answer(200, {"id": n, "percentComplete": 5})]}},
        [],
        "one-poll",
    ),
    "monitor-status-null": (
        "put-azure-async",
        lambda svc, n: {"faults": {"monitor": [Answer(200, {"id": n, "status": None})]}},
        [],
        "one-poll",
    ),
    "monitor-status-number": (
        "put-azure-async",
        lambda svc, n: {"faults": {"monitor": [Answer(200, {"id": n, "status": 3})]}},
        [],
        "one-poll",
    ),
    "monitor-body-a-list": (
        "post-versions-list",
        lambda svc, n: {"faults": {"monitor": [Answer(200, [{"status": "Succeeded"}])]}},
        [],
        "one-poll",
    ),
    "monitor-empty-body": (
        "put-azure-async",
        lambda svc, n: {"faults": {"monitor": [Answer(200, raw=b"")]}},
        [],
        "one-poll",
    ),
    "final-get-empty-body": (
        "put-azure-async",
        lambda svc, n: {"faults": {"resource": [Answer(200, raw=b"")]}},
        [],
        "all",
    ),
    "azure-async-not-a-url": (
        "put-azure-async",
        lambda svc, n: {"headers": {"Azure-AsyncOperation": "http://[::1/operations/x"}},
        [],
        "start",
    ),
    "operation-location-not-a-url": (
        "post-analyze-operation-location",
        lambda svc, n: {"headers": {"Operation-Location": f"{svc.main}:8080/ops/{n}"}},
        [],
        "start",
    ),
    "location-not-a-url": (
        "patch-location",
        lambda svc, n: {"headers": {"Location": "http://[oops/operationResults/x"}},
        [],
        "start",
    ),
    "azure-async-empty": (
        "put-azure-async",
        lambda svc, n: {"headers": {"Azure-AsyncOperation": ""}},
        [],
        "start",
    ),
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("error_id", list(ERRORS))
def test_errors_raise_unexpected_response_at_once(
    pkgs: dict[str, ModuleType], svc: LroService, error_id: str, mode: str
) -> None:
    case_id, changes, fragments, requests = ERRORS[error_id]
    case = CASES[case_id]
    pkg = pkgs[case.package]
    name = fresh(error_id)
    scenario = case.scenario(svc, name)
    for key, value in changes(svc, name).items():
        setattr(scenario, key, value)
    svc.add(name, scenario)
    out = run(mode, pkg, case.poller, case.method, case.path.format(n=name), svc, timeout=3.0)
    exc = failed(out, pkg, "UnexpectedResponse", *[f.format(n=name) for f in fragments])
    code = next((int(f) for f in fragments if f.isdigit()), None)
    if code is not None:  # an HTTP error keeps the response
        assert exc.response is not None and exc.response.status_code == code
    assert out.elapsed < 2.0, "an error must come at once, not at the timeout"
    seen = svc.seen(name)
    if requests == "start":
        assert len(seen) == 1, seen
    elif requests == "one-poll":
        assert len(seen) == 2, seen
    clean(svc, name)


# --- transient errors --------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_5xx_while_polling_are_retried(azure: ModuleType, svc: LroService, mode: str) -> None:
    busy = [
        Answer(500, {"error": {"code": "InternalError"}}),
        Answer(503, {"error": {"code": "ServerBusy"}}, headers={"Retry-After": "0"}),
        Answer(429, {"error": {"code": "TooManyRequests"}}, headers={"retry-after-ms": "1"}),
    ]
    name, scenario = start(svc, CASES["post-export-location"], "poll-5xx", faults={"monitor": busy})
    out = run(mode, azure, "WidgetsExportPoller", "POST", f"/widgets/{name}/export{API}", svc)
    check_export(azure, name, succeeded(out))
    assert reads(svc, name, "operations") == 3 + scenario.polls + 1
    clean(svc, name)


@pytest.mark.parametrize("mode", MODES)
def test_5xx_at_the_final_get_are_retried(azure: ModuleType, svc: LroService, mode: str) -> None:
    name, scenario = start(
        svc, CASES["put-azure-async"], "final-5xx", faults={"resource": [Answer(502)] * 2}
    )
    out = run(mode, azure, "WidgetsCreateOrUpdatePoller", "PUT", f"/widgets/{name}{API}", svc)
    check_widget()(azure, name, succeeded(out))
    assert reads(svc, name, "widgets") == 3


@pytest.mark.parametrize("mode", MODES)
def test_dropped_connections_while_polling_are_retried(
    azure: ModuleType, svc: LroService, mode: str
) -> None:
    dropped = [Answer(0, drop=True), Answer(0, drop=True)]
    name, scenario = start(svc, CASES["patch-location"], "dropped", faults={"location": dropped})
    out = run(mode, azure, "WidgetsUpdatePoller", "PATCH", f"/widgets/{name}{API}", svc)
    check_widget("red")(azure, name, succeeded(out))
    assert reads(svc, name, "operationResults") >= 2 + scenario.polls + 1


@pytest.mark.parametrize("mode", MODES)
def test_a_poll_that_hangs_is_cut_by_request_timeout_and_retried(
    azure: ModuleType, svc: LroService, mode: str
) -> None:
    slow = [Answer(200, {"status": "InProgress"}, latency=1.5)]
    name, scenario = start(svc, CASES["put-azure-async"], "hang", faults={"monitor": slow})
    out = run(
        mode,
        azure,
        "WidgetsCreateOrUpdatePoller",
        "PUT",
        f"/widgets/{name}{API}",
        svc,
        request_timeout=0.1,
    )
    check_widget()(azure, name, succeeded(out))
    assert out.elapsed < 1.2, out.elapsed
    assert reads(svc, name, "operations") == 1 + scenario.polls + 1


@pytest.mark.parametrize("mode", MODES)
def test_transient_budget_exhausted(azure: ModuleType, svc: LroService, mode: str) -> None:
    name, scenario = start(
        svc, CASES["put-azure-async"], "exhausted", faults={"monitor": [Answer(503)] * 10}
    )
    out = run(
        mode,
        azure,
        "WidgetsCreateOrUpdatePoller",
        "PUT",
        f"/widgets/{name}{API}",
        svc,
        transient_retries=2,
    )
    failed(out, azure, "TransientError")
    assert reads(svc, name, "operations") == 3  # the first try and 2 retries


@pytest.mark.parametrize("mode", MODES)
def test_retry_after_is_honoured(azure: ModuleType, svc: LroService, mode: str) -> None:
    name, scenario = start(
        svc, CASES["put-azure-async"], "retry-after", retry_after=None, retry_after_ms="40"
    )
    out = run(
        mode,
        azure,
        "WidgetsCreateOrUpdatePoller",
        "PUT",
        f"/widgets/{name}{API}",
        svc,
        max_delay=2.0,
    )
    succeeded(out)
    # the 201 and both InProgress reads ask for 40 ms each
    assert out.elapsed >= 0.115, out.elapsed


@pytest.mark.parametrize("mode", MODES)
def test_a_long_retry_after_is_cut_to_the_timeout(
    azure: ModuleType, svc: LroService, mode: str
) -> None:
    """Retry-After: 3600 with a 0.15 s timeout: PollTimeout at the deadline, not in an hour."""
    name, scenario = start(svc, CASES["patch-location"], "retry-long", retry_after="3600")
    out = run(
        mode,
        azure,
        "WidgetsUpdatePoller",
        "PATCH",
        f"/widgets/{name}{API}",
        svc,
        timeout=0.15,
        max_delay=7200.0,
    )
    failed(out, azure, "PollTimeout")
    assert out.elapsed < 2.0, out.elapsed


@pytest.mark.parametrize("mode", MODES)
def test_retry_after_is_capped_by_max_delay(azure: ModuleType, svc: LroService, mode: str) -> None:
    name, scenario = start(svc, CASES["patch-location"], "retry-cap", retry_after="30")
    out = run(mode, azure, "WidgetsUpdatePoller", "PATCH", f"/widgets/{name}{API}", svc)
    succeeded(out)
    assert out.elapsed < 2.0, out.elapsed


@pytest.mark.parametrize("mode", MODES)
def test_an_operation_that_never_ends_times_out(
    azure: ModuleType, svc: LroService, mode: str
) -> None:
    name, scenario = start(svc, CASES["put-azure-async"], "never-ends", polls=10**9)
    out = run(
        mode,
        azure,
        "WidgetsCreateOrUpdatePoller",
        "PUT",
        f"/widgets/{name}{API}",
        svc,
        timeout=0.15,
        min_delay=0.01,
        max_delay=0.05,
    )
    failed(out, azure, "PollTimeout")
    assert 0.12 <= out.elapsed < 2.0, out.elapsed  # the last poll is kept back a little
    assert scenario.reads >= 2
    assert not out.poller.done()


# --- the user's client: headers and cookies ----------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "case_id",
    [
        "put-azure-async",
        "patch-location",
        "put-thing-top-level-state",
        "post-analyze-operation-location",
    ],
)
def test_cookie_set_by_the_service_goes_along(
    pkgs: dict[str, ModuleType], svc: LroService, case_id: str, mode: str
) -> None:
    case = CASES[case_id]
    pkg = pkgs[case.package]
    name, scenario = start(svc, case, "cookie-" + case_id, cookie=True)
    out = run(mode, pkg, case.poller, case.method, case.path.format(n=name), svc)
    case.check(pkg, name, succeeded(out))
    requests = svc.requests(name)
    assert len(requests) >= 3
    for request in requests[1:]:
        assert f"{COOKIE}={name}" in request.headers.get("cookie", ""), request.path
    clean(svc, name)


@pytest.mark.parametrize("mode", MODES)
def test_a_cookie_renewed_on_every_answer_goes_along(
    azure: ModuleType, svc: LroService, mode: str
) -> None:
    """The session cookie changes with every answer: each poll must go through the client's
    cookie jar, not a copy of its headers taken at the start."""
    name, scenario = start(
        svc, CASES["post-export-location"], "cookie-rotating", cookie=True, rotate_cookie=True
    )
    out = run(mode, azure, "WidgetsExportPoller", "POST", f"/widgets/{name}/export{API}", svc)
    check_export(azure, name, succeeded(out))
    clean(svc, name)
    assert len(svc.requests(name)) == 1 + scenario.polls + 1 + 1
    assert scenario.session == f"{name}.{len(svc.requests(name))}"  # it did change


@pytest.mark.parametrize("mode", MODES)
def test_client_headers_go_on_every_request(azure: ModuleType, svc: LroService, mode: str) -> None:
    name, scenario = start(svc, CASES["post-export-location"], "headers")
    args = client_args(
        svc,
        headers={"Authorization": AUTH, "x-ms-client-request-id": "req-77", "User-Agent": "me/1"},
    )
    out = run(
        mode,
        azure,
        "WidgetsExportPoller",
        "POST",
        f"/widgets/{name}/export{API}",
        svc,
        client=args,
    )
    check_export(azure, name, succeeded(out))
    requests = svc.requests(name)
    assert len(requests) == 1 + scenario.polls + 1 + 1
    for request in requests:
        assert request.headers.get("authorization") == AUTH, request.path
        assert request.headers.get("x-ms-client-request-id") == "req-77", request.path
        assert request.headers.get("user-agent") == "me/1", request.path


@pytest.mark.parametrize("mode", MODES)
def test_client_without_base_url(azure: ModuleType, svc: LroService, mode: str) -> None:
    """Full URLs throughout: the initial request's origin is the trusted one."""
    name, scenario = start(svc, CASES["put-azure-async-relative"], "no-base-url")
    args = client_args(svc)
    del args["base_url"]
    out = run(
        mode,
        azure,
        "WidgetsCreateOrUpdatePoller",
        "PUT",
        f"{svc.main}/widgets/{name}{API}",
        svc,
        client=args,
    )
    check_widget()(azure, name, succeeded(out))
    clean(svc, name)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("form", ["absolute-path", "full-url"])
def test_base_url_with_a_path(azure: ModuleType, svc: LroService, form: str, mode: str) -> None:
    """A client whose base_url is `.../api`: a monitor URL that already holds the prefix is
    polled as it is, never with the prefix twice."""
    name, scenario = start(svc, CASES["put-azure-async"], "api-prefix-" + form)
    scenario.monitor_origin = "/api" if form == "absolute-path" else svc.main + "/api"
    out = run(
        mode,
        azure,
        "WidgetsCreateOrUpdatePoller",
        "PUT",
        f"/widgets/{name}{API}",
        svc,
        client=client_args(svc, base_url=svc.main + "/api"),
    )
    check_widget()(azure, name, succeeded(out))
    seen = svc.seen(name)
    assert seen[0] == f"PUT /api/widgets/{name}{API}"
    assert seen[1:-1] == [f"GET /api/operations/{name}?api-version=1"] * 3, seen
    assert seen[-1] == f"GET /api/widgets/{name}{API}"


# --- other origins -----------------------------------------------------------------------------

HEADER_CASES = {
    "azure-async": ("put-azure-async", "/operations/{n}?api-version=1"),
    "operation-location": ("post-analyze-operation-location", "/ops/{n}?api-version=1"),
    "location": ("patch-location", "/operationResults/{n}"),
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("host", ["other-port", "localhost", "https"])
@pytest.mark.parametrize("header", list(HEADER_CASES))
def test_monitor_header_to_another_origin_is_not_followed(
    azure: ModuleType, svc: LroService, header: str, host: str, mode: str
) -> None:
    case_id, path = HEADER_CASES[header]
    case = CASES[case_id]
    port = svc.main.rsplit(":", 1)[1]
    origin = {
        "other-port": svc.other,
        "localhost": f"http://localhost:{port}",
        "https": f"https://127.0.0.1:{port}",
    }[host]
    name, scenario = start(svc, case, f"xo-{header}-{host}", monitor_origin=origin)
    out = run(mode, azure, case.poller, case.method, case.path.format(n=name), svc)
    failed(out, azure, "UnexpectedResponse", origin + path.format(n=name))
    assert svc.seen(name, "other") == []
    assert len(svc.seen(name)) == 1  # the user's own call only (localhost is this server)


@pytest.mark.parametrize("mode", MODES)
def test_scheme_relative_header_to_another_origin_is_not_followed(
    azure: ModuleType, svc: LroService, mode: str
) -> None:
    other = svc.other.split("//", 1)[1]
    name, scenario = start(svc, CASES["put-azure-async"], "xo-scheme-relative")
    scenario.headers = {"Azure-AsyncOperation": f"//{other}/operations/{name}"}
    out = run(mode, azure, "WidgetsCreateOrUpdatePoller", "PUT", f"/widgets/{name}{API}", svc)
    failed(out, azure, "UnexpectedResponse", f"{other}/operations/{name}")
    assert svc.seen(name, "other") == []


@pytest.mark.parametrize("mode", MODES)
def test_final_location_to_another_origin_is_not_followed(
    azure: ModuleType, svc: LroService, mode: str
) -> None:
    name, scenario = start(
        svc, CASES["post-export-location"], "xo-final-location", location_origin=svc.other
    )
    out = run(mode, azure, "WidgetsExportPoller", "POST", f"/widgets/{name}/export{API}", svc)
    failed(out, azure, "UnexpectedResponse", f"{svc.other}/operationResults/{name}")
    assert svc.seen(name, "other") == []


BODY_URLS = {
    "absolute": "{other}/widgets/{n}",
    "scheme-relative": "//{other_host}/widgets/{n}",
    "userinfo-trick": "http://{main_host}@{other_host}/widgets/{n}",
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("form", list(BODY_URLS))
def test_resource_location_in_a_body_to_another_origin_is_not_followed(
    azure: ModuleType, svc: LroService, form: str, mode: str
) -> None:
    name, scenario = start(svc, CASES["post-move-resource-location"], "xo-body-" + form)
    other_host = svc.other.split("//", 1)[1]
    scenario.resource_location = BODY_URLS[form].format(
        other=svc.other, other_host=other_host, main_host=svc.main.split("//", 1)[1], n=name
    )
    out = run(mode, azure, "WidgetsMovePoller", "POST", f"/widgets/{name}/move{API}", svc)
    failed(out, azure, "UnexpectedResponse", f"{other_host}/widgets/{name}")
    assert svc.seen(name, "other") == []
    assert reads(svc, name, "operations") == scenario.polls + 1


@pytest.mark.parametrize("mode", MODES)
def test_allowed_origins_lets_the_monitor_live_elsewhere(
    azure: ModuleType, svc: LroService, mode: str
) -> None:
    name, scenario = start(svc, CASES["put-azure-async"], "xo-allowed", monitor_origin=svc.other)
    out = run(
        mode,
        azure,
        "WidgetsCreateOrUpdatePoller",
        "PUT",
        f"/widgets/{name}{API}",
        svc,
        allowed_origins=[svc.other],
    )
    check_widget()(azure, name, succeeded(out))
    assert svc.seen(name, "other") == [f"GET /operations/{name}?api-version=1"] * 3
    assert svc.seen(name)[-1] == f"GET /widgets/{name}{API}"


@pytest.mark.parametrize("origin", ["127.0.0.1:8443", "ftp://127.0.0.1", ""])
def test_an_allowed_origin_that_is_no_origin_is_a_value_error(
    azure: ModuleType, svc: LroService, origin: str
) -> None:
    name, scenario = start(svc, CASES["put-azure-async"], "bad-allowed")
    with httpx.Client(**client_args(svc)) as http:
        response = http.put(f"/widgets/{name}{API}", json={})
        with pytest.raises(ValueError):
            azure.WidgetsCreateOrUpdatePoller.from_response(
                http, response, **FAST, allowed_origins=[origin]
            )
    assert len(svc.seen(name)) == 1


@pytest.mark.parametrize("mode", MODES)
def test_follow_other_origins_lets_the_result_live_elsewhere(
    azure: ModuleType, svc: LroService, mode: str
) -> None:
    name, scenario = start(svc, CASES["post-move-resource-location"], "xo-follow")
    scenario.resource_location = f"{svc.other}/widgets/{name}"
    out = run(
        mode,
        azure,
        "WidgetsMovePoller",
        "POST",
        f"/widgets/{name}/move{API}",
        svc,
        follow_other_origins=True,
    )
    check_widget()(azure, name, succeeded(out))
    assert svc.seen(name, "other") == [f"GET /widgets/{name}"]


@pytest.mark.parametrize("mode", MODES)
def test_allowed_origins_of_another_origin_do_not_open_the_rest(
    azure: ModuleType, svc: LroService, mode: str
) -> None:
    """Allowing one origin is not following all: localhost:<port> is still refused."""
    port = svc.main.rsplit(":", 1)[1]
    name, scenario = start(
        svc,
        CASES["put-azure-async"],
        "xo-allowed-other",
        monitor_origin=f"http://localhost:{port}",
    )
    out = run(
        mode,
        azure,
        "WidgetsCreateOrUpdatePoller",
        "PUT",
        f"/widgets/{name}{API}",
        svc,
        allowed_origins=[svc.other],
    )
    failed(out, azure, "UnexpectedResponse", f"http://localhost:{port}/operations/{name}")
    assert len(svc.seen(name)) == 1


# --- continuation tokens -----------------------------------------------------------------------

TOKEN_CASES = [
    "put-azure-async",
    "patch-location",
    "post-export-location",
    "post-analyze-operation-location",
    "put-gadget-provisioning-state",
    "plain-post-202-location",
]


def take_token(
    mode: str, pkg: ModuleType, case: Case, name: str, svc: LroService, **options: Any
) -> str:
    """Start the operation, observe one status, and take the token mid-operation."""
    url = case.path.format(n=name)
    body = None if case.method == "DELETE" else {}
    options = {**FAST, **options}
    if mode == "sync":
        with httpx.Client(**client_args(svc)) as http:
            response = http.request(case.method, url, json=body)
            poller = getattr(pkg, case.poller).from_response(http, response, **options)
            next(iter(poller))
            assert not poller.done()
            return str(poller.continuation_token())

    async def go() -> str:
        async with httpx.AsyncClient(**client_args(svc)) as http:
            response = await http.request(case.method, url, json=body)
            poller = getattr(pkg, "Async" + case.poller).from_response(http, response, **options)
            await poller.__aiter__().__anext__()
            assert not poller.done()
            return str(poller.continuation_token())

    return asyncio.run(go())


def resume(
    mode: str,
    pkg: ModuleType,
    case: Case,
    token: str,
    client: dict[str, Any],
    **options: Any,
) -> Outcome:
    """A new poller of a fresh client (another process, as far as it knows) from the token."""
    out = Outcome()
    options = {**FAST, **options}
    if mode == "sync":
        with httpx.Client(**client) as http:
            try:
                out.poller = getattr(pkg, case.poller).from_continuation_token(
                    token, client=http, **options
                )
                out.result = out.poller.wait()
            except Exception as exc:  # noqa: BLE001
                out.error = exc
        return out

    async def go() -> None:
        async with httpx.AsyncClient(**client) as http:
            try:
                out.poller = getattr(pkg, "Async" + case.poller).from_continuation_token(
                    token, client=http, **options
                )
                out.result = await out.poller.wait()
            except Exception as exc:  # noqa: BLE001
                out.error = exc

    asyncio.run(go())
    return out


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case_id", TOKEN_CASES)
def test_continuation_token_taken_mid_operation(
    pkgs: dict[str, ModuleType], svc: LroService, case_id: str, mode: str
) -> None:
    case = CASES[case_id]
    pkg = pkgs[case.package]
    name, scenario = start(svc, case, "token-" + case_id, polls=3)
    token = take_token(mode, pkg, case, name, svc)
    assert isinstance(json.loads(token), dict)
    assert AUTH.split()[1] not in token and COOKIE not in token  # no credentials
    before = scenario.reads
    assert before <= 2, svc.seen(name)
    out = resume(mode, pkg, case, token, client_args(svc))
    case.check(pkg, name, succeeded(out))
    assert scenario.reads == scenario.polls + 1, svc.seen(name)  # resumed, not restarted
    assert [s for s in svc.seen(name) if not s.startswith("GET ")] == [
        f"{case.method} {case.path.format(n=name)}"
    ]
    clean(svc, name)


def test_token_taken_sync_resumes_async(azure: ModuleType, svc: LroService) -> None:
    """A token stored by a sync worker is resumed by an asyncio one."""
    case = CASES["post-export-location"]
    name, scenario = start(svc, case, "token-sync-async", polls=3)
    token = take_token("sync", azure, case, name, svc)
    out = resume("async", azure, case, token, client_args(svc))
    check_export(azure, name, succeeded(out))
    assert scenario.reads == scenario.polls + 1


@pytest.mark.parametrize("mode", MODES)
def test_token_taken_before_any_poll(azure: ModuleType, svc: LroService, mode: str) -> None:
    case = CASES["put-gadget-provisioning-state"]
    name, scenario = start(svc, case, "token-at-once")
    with httpx.Client(**client_args(svc)) as http:
        response = http.put(f"/gadgets/{name}{API}", json={})
        poller = azure.GadgetsCreateOrUpdatePoller.from_response(http, response, **FAST)
        token = poller.continuation_token()
    assert scenario.reads == 0
    out = resume(mode, azure, case, token, client_args(svc))
    check_gadget(azure, name, succeeded(out))


@pytest.mark.parametrize("mode", MODES)
def test_a_token_of_another_operation_is_refused(
    azure: ModuleType, svc: LroService, mode: str
) -> None:
    """A PATCH's token handed to the PUT's poller: a ValueError, and nothing requested."""
    case = CASES["patch-location"]
    name, scenario = start(svc, case, "token-other-op", polls=3)
    token = take_token(mode, azure, case, name, svc)
    count = len(svc.seen(name))
    out = resume(mode, azure, CASES["put-azure-async"], token, client_args(svc))
    assert isinstance(out.error, ValueError), repr(out.error)
    assert len(svc.seen(name)) == count


@pytest.mark.parametrize("mode", MODES)
def test_a_response_shaped_object_starts_a_poller(
    azure: ModuleType, svc: LroService, mode: str
) -> None:
    """The user's call went through another library: only status_code, headers, content
    and url are there."""
    name, scenario = start(svc, CASES["patch-location"], "shaped")
    with httpx.Client(**client_args(svc)) as http:
        real = http.patch(f"/widgets/{name}{API}", json={})
    shaped = types.SimpleNamespace(
        status_code=real.status_code,
        headers=dict(real.headers),
        content=real.content,
        url=str(real.request.url),
    )
    if mode == "sync":
        with httpx.Client(**client_args(svc)) as http:
            result = azure.WidgetsUpdatePoller.from_response(http, shaped, **FAST).wait()
    else:

        async def go() -> Any:
            async with httpx.AsyncClient(**client_args(svc)) as http:
                poller = azure.AsyncWidgetsUpdatePoller.from_response(http, shaped, **FAST)
                return await poller.wait()

        result = asyncio.run(go())
    check_widget("red")(azure, name, result)
    clean(svc, name)


@pytest.mark.parametrize("mode", MODES)
def test_wait_twice_asks_nothing_more(azure: ModuleType, svc: LroService, mode: str) -> None:
    name, scenario = start(svc, CASES["post-export-location"], "wait-twice")
    out = run(mode, azure, "WidgetsExportPoller", "POST", f"/widgets/{name}/export{API}", svc)
    first = succeeded(out)
    count = len(svc.seen(name))
    if mode == "sync":
        again = out.poller.wait()
    else:
        again = asyncio.run(out.poller.wait())
    assert again == first
    assert len(svc.seen(name)) == count


@pytest.mark.parametrize("token", ["not json", "{}", '{"statusgen": 99}', "[1]"])
def test_a_token_that_is_not_one_is_a_value_error(
    azure: ModuleType, svc: LroService, token: str
) -> None:
    with httpx.Client(**client_args(svc)) as http:
        with pytest.raises(ValueError):
            azure.WidgetsCreateOrUpdatePoller.from_continuation_token(token, client=http)


def retarget(token: str, old: str, new: str) -> str:
    """The token with every URL of origin `old` moved to `new` (a tampered token)."""
    count = 0

    def walk(value: Any) -> Any:
        nonlocal count
        if isinstance(value, str) and value.startswith(old):
            count += 1
            return new + value[len(old) :]
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        return value

    tampered = json.dumps(walk(json.loads(token)))
    assert count, f"no absolute URL of {old} in the token: {token}"
    return tampered


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case_id", ["put-azure-async", "patch-location"])
def test_tampered_token_to_another_origin_is_not_followed(
    pkgs: dict[str, ModuleType], svc: LroService, case_id: str, mode: str
) -> None:
    case = CASES[case_id]
    pkg = pkgs[case.package]
    name, scenario = start(svc, case, "token-xo-" + case_id, polls=3)
    token = retarget(take_token(mode, pkg, case, name, svc), svc.main, svc.other)
    out = resume(mode, pkg, case, token, client_args(svc))
    failed(out, pkg, "UnexpectedResponse", svc.other)
    assert svc.seen(name, "other") == []


@pytest.mark.parametrize("mode", MODES)
def test_token_with_a_monitor_elsewhere_needs_it_allowed_again(
    azure: ModuleType, svc: LroService, mode: str
) -> None:
    """The first poller was allowed the other origin; the token does not carry that
    permission: the resuming user must give it again."""
    case = CASES["put-azure-async"]
    name, scenario = start(svc, case, "token-xo-allowed", polls=3, monitor_origin=svc.other)
    token = take_token(mode, azure, case, name, svc, allowed_origins=[svc.other])
    count = len(svc.seen(name, "other"))
    assert count >= 1
    out = resume(mode, azure, case, token, client_args(svc))
    failed(out, azure, "UnexpectedResponse", f"{svc.other}/operations/{name}")
    assert len(svc.seen(name, "other")) == count
    out = resume(mode, azure, case, token, client_args(svc), allowed_origins=[svc.other])
    check_widget()(azure, name, succeeded(out))
    assert scenario.reads == scenario.polls + 1


@pytest.mark.parametrize("mode", MODES)
def test_token_resumed_without_base_url_needs_an_allowed_origin(
    azure: ModuleType, svc: LroService, mode: str
) -> None:
    case = CASES["put-azure-async"]
    name, scenario = start(svc, case, "token-no-base", polls=3)
    token = take_token(mode, azure, case, name, svc)
    bare = client_args(svc)
    del bare["base_url"]
    count = len(svc.seen(name))
    out = resume(mode, azure, case, token, bare)
    failed(out, azure, "UnexpectedResponse", svc.main)
    assert len(svc.seen(name)) == count  # nothing requested
    out = resume(mode, azure, case, token, bare, allowed_origins=[svc.main])
    check_widget()(azure, name, succeeded(out))
    clean(svc, name)
