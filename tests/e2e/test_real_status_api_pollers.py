"""Pollers generated from real status APIs, driven against a real HTTP server on 127.0.0.1.

The seven published real-world files are generated as they are, with the default selection,
one run each: Azure Face v1.0 (OperationStatus, TrainingStatus), Text Analytics v3.1 (analyze
and healthcare jobs, status through nested allOf), Google Speech v1 (google.longrunning
Operation answered as `*/*`, `{name}` with `x-reservedExpansion`), OpenAI 2024-05 (Batch) and
Replicate (prediction) from tests/fixtures/upstream/; GitHub (workflow run, with the README's
overlay) and DigitalOcean (the wrapped action at /v2/actions/{action_id}) from
../shared/realworld/, skipped saying why when that folder is absent. Minimal excerpts cover
what no real file here has, and stand in for GitHub's and DigitalOcean's when they are absent:
Azure Translator's `ValidationFailed`, an Azure long-running operation with `x-ms-paths`, a
colon in a path segment.

Every poller runs sync on httpx.Client and asyncio on httpx.AsyncClient, through a lifecycle
to success and one to failure; payloads come from the specs' own examples where they have
them.
"""

from __future__ import annotations

import asyncio
import datetime
import importlib.util
import itertools
import json
import re
import ssl
import subprocess
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
import yaml
from conftest import REALWORLD, UPSTREAM, import_generated, working_directory
from github_workflow_run import readme_overlay, workflow_run_get
from real_packages import FILES, RealPackages, as_rendered
from statusgen.ui.cli import main

FACE = UPSTREAM / "azure-face-v1.0" / "Face" / "stable" / "v1.0" / "Face.json"
GOOGLE = UPSTREAM / "google-speech-v1-apisguru.yaml"
TEXT_ANALYTICS = UPSTREAM / "azure-textanalytics-v3.1" / "TextAnalytics.json"
OPENAI = UPSTREAM / "openai-openapi-2024-05.yaml"
REPLICATE = UPSTREAM / "replicate-openapi.json"
GITHUB = REALWORLD / "github-api.github.com.json"
DIGITALOCEAN = REALWORLD / "digitalocean" / "DigitalOcean-public.v2.yaml"
LRO = Path(__file__).resolve().parents[1] / "fixtures" / "lro"
REAL = list(FILES)
"""The published files and the LRO fixtures (long-running operations of every shape, for the
mypy and ruff run), generated as they are with the default selection."""
CONFIG = Path(__file__).resolve().parents[2] / "pyproject.toml"  # the rules generated/ meets
MODES = ["sync", "async"]
FAST = {"timeout": 5.0, "min_delay": 0.001, "max_delay": 0.01, "first_delay": 0.001}
TLS = ssl.create_default_context()
"""Shared by every client: building an SSL context (the CA bundle read) costs ~40 ms CPU per
httpx client, and the server speaks plain HTTP."""
if importlib.util.find_spec("sniffio") is None:
    # httpcore tries `import sniffio` on every async request; absent, each try searched all
    # of sys.path again. None fails it at once (as tests/runtime/test_lro_pollers.py does).
    sys.modules.setdefault("sniffio", None)  # type: ignore[arg-type]


# --- the server --------------------------------------------------------------------------------


@dataclass
class Script:
    """What the server answers per raw request path (query included), in order; the last
    answer repeats. `seen` lists every raw path requested."""

    answers: dict[str, list[tuple[int, dict[str, str], Any]]] = field(default_factory=dict)
    seen: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self, path: str) -> tuple[int, dict[str, str], Any]:
        with self.lock:
            self.seen.append(path)
            queue = self.answers.get(path)
            if not queue:
                return 404, {}, {"error": f"no route {path}"}
            return queue.pop(0) if len(queue) > 1 else queue[0]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        code, headers, body = self.server.script.answer(self.path)  # type: ignore[attr-defined]
        data = json.dumps(body).encode()
        self.send_response(code)
        headers = {"Content-Type": "application/json", **headers}
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, Script]]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    script = Script()
    httpd.script = script  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", script
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


# --- the specs ---------------------------------------------------------------------------------


def string_enum(*values: str) -> dict[str, Any]:
    return {"type": "string", "enum": list(values)}


def get_op(op: str, param: str, schema: Any, media: str = "application/json") -> Any:
    return {
        "get": {
            "operationId": op,
            "parameters": [
                {"name": param, "in": "path", "required": True, "schema": {"type": "string"}}
            ],
            "responses": {"200": {"description": "ok", "content": {media: {"schema": schema}}}},
        }
    }


def openapi(schemas: dict[str, Any], paths: dict[str, Any], version: str = "3.0.3") -> Any:
    return {
        "openapi": version,
        "info": {"title": "excerpt", "version": "1"},
        "paths": paths,
        "components": {"schemas": schemas},
    }


def ref(name: str, swagger: bool = False) -> dict[str, str]:
    return {"$ref": ("#/definitions/" if swagger else "#/components/schemas/") + name}


def digitalocean() -> Any:
    """resources/actions/models/action.yml and responses/action.yml (`properties` only)."""
    action = {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "status": {
                **string_enum("in-progress", "completed", "errored"),
                "default": "in-progress",
            },
            "type": {"type": "string"},
            "started_at": {"type": "string", "format": "date-time"},
            "completed_at": {"type": "string", "format": "date-time", "nullable": True},
            "resource_id": {"type": "integer", "nullable": True},
            "resource_type": {"type": "string"},
            "region_slug": {"type": "string", "nullable": True},
        },
    }
    wrapper = {"properties": {"action": ref("action")}}
    return openapi(
        {"action": action}, {"/v2/actions/{action_id}": get_op("actions_get", "action_id", wrapper)}
    )


def translator() -> Any:
    """Azure Document Translation's batch status, whose failure is `ValidationFailed`."""
    states = string_enum(
        "NotStarted",
        "Running",
        "Succeeded",
        "Failed",
        "Cancelled",
        "Cancelling",
        "ValidationFailed",
    )
    status = {
        "type": "object",
        "required": ["id", "status"],
        "properties": {
            "id": {"type": "string"},
            "status": states,
            "error": {
                "type": "object",
                "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
            },
        },
    }
    return openapi(
        {"TranslationStatus": status},
        {"/batches/{id}": get_op("GetTranslationStatus", "id", ref("TranslationStatus"))},
    )


def github_runs() -> Any:
    """workflow-run after an overlay gave `status` the enum of the workflow-run-status query
    parameter (GitHub's own file has none) and the `x-statusgen` that says `completed` is
    decided by `conclusion`: that list mixes both fields' values, and a completed run may
    have failed."""
    run = {
        "type": "object",
        "x-statusgen": {
            "state": "status",
            "terminal": ["completed"],
            "outcome": {
                "path": "conclusion",
                "success": ["success", "neutral", "skipped"],
                "failure": ["failure", "cancelled", "timed_out", "action_required", "stale"],
            },
        },
        "required": ["id", "status", "conclusion"],
        "properties": {
            "id": {"type": "integer"},
            "status": {
                "type": "string",
                "nullable": True,
                "enum": [
                    "completed",
                    "action_required",
                    "cancelled",
                    "failure",
                    "neutral",
                    "skipped",
                    "stale",
                    "success",
                    "timed_out",
                    "in_progress",
                    "queued",
                    "requested",
                    "waiting",
                ],
            },
            "conclusion": {"type": "string", "nullable": True},
        },
    }
    return openapi(
        {"workflow-run": run},
        {
            "/repos/{owner}/{repo}/actions/runs/{run_id}": {"get": workflow_run_get()}
        },
    )


def azure_lro() -> Any:
    """An Azure LRO that declares Location (and sends Operation-Location too), with the
    status endpoint under `x-ms-paths` with a constant query."""
    return {
        "swagger": "2.0",
        "info": {"title": "lro", "version": "1"},
        "paths": {
            "/jobs": {
                "put": {
                    "operationId": "StartJob",
                    "x-ms-long-running-operation": True,
                    "x-ms-long-running-operation-options": {"final-state-via": "location"},
                    "responses": {
                        "202": {
                            "description": "accepted",
                            "headers": {"Location": {"type": "string"}},
                        }
                    },
                }
            }
        },
        "x-ms-paths": {
            "/jobs/{id}?view=status": {
                "get": {
                    "operationId": "GetJobStatus",
                    "parameters": [
                        {"name": "id", "in": "path", "required": True, "type": "string"}
                    ],
                    "responses": {"200": {"description": "ok", "schema": ref("JobStatus", True)}},
                }
            }
        },
        "definitions": {
            "JobStatus": {
                "type": "object",
                "properties": {
                    "provisioningState": string_enum(
                        "Accepted", "Running", "Succeeded", "Failed", "Canceled"
                    )
                },
            }
        },
    }


def colon_paths() -> Any:
    """A custom method in a path segment (Google's `speech:longrunningrecognize` style)."""
    job = {"type": "object", "properties": {"state": string_enum("RUNNING", "SUCCEEDED", "FAILED")}}
    return openapi({"Job": job}, {"/v1/jobs/{id}:status": get_op("jobs.status", "id", ref("Job"))})


EXCERPTS = {
    "colon_paths": colon_paths,
    "digitalocean_actions": digitalocean,
    "translator_batches": translator,
    "github_runs": github_runs,
    "azure_lro": azure_lro,
}


@pytest.fixture(scope="module")
def packages(
    tmp_path_factory: pytest.TempPathFactory, real_packages: RealPackages
) -> Iterator[dict[str, ModuleType]]:
    """Every excerpt generated in one run, each real file that exists generated once for the
    whole test run (`real_packages`: other modules read the same packages), all imported.
    `__paths__` lists every package's folder, for the mypy and ruff run."""
    root = tmp_path_factory.mktemp("status_http")
    specs = []
    for name, build in EXCERPTS.items():
        path = root / f"{name}.yaml"
        path.write_text(yaml.safe_dump(build(), sort_keys=False), encoding="utf-8")
        specs.append(str(path))
    with working_directory(root), as_rendered():
        assert main(["generate", *specs, "--out", "out"]) == 0
    outs = {name: root / "out" for name in EXCERPTS}
    for name in REAL:
        if real_packages.available(name):
            overlay = readme_overlay() if name == "github_api_github_com" else None
            outs[name] = real_packages(name, overlay=overlay).out
    saved = dict(sys.modules)  # `face` may be the committed package, imported by another test
    try:
        imported = {n: import_generated(out, n) for n, out in outs.items()}
        imported["__paths__"] = [out / n for n, out in outs.items()]  # type: ignore[assignment]
        yield imported
    finally:
        for n in [m for m in sys.modules if m.split(".")[0] in outs]:
            del sys.modules[n]
        sys.modules.update(saved)


# --- lifecycles --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    package: str
    poller: str
    path: str  # the status URL the server answers
    running: Any
    success: Any
    failure: Any
    message: str | None = None  # OperationFailed's message on failure
    real: Path | None = None


def google_op(done: bool | None, error: Any = None) -> dict[str, Any]:
    body: dict[str, Any] = {"name": "operations/123"}
    if done is not None:
        body["done"] = done
    if error is not None:
        body["error"] = error
    elif done:
        body["response"] = {"@type": "type.googleapis.com/Recognize", "results": []}
    return body


def face_example(name: str) -> Any:
    example = FACE.parent / "examples" / f"{name}.json"
    return json.loads(example.read_text(encoding="utf-8"))["responses"]["200"]["body"]


def face_status(status: str) -> Any:
    if not FACE.is_file():
        return {}
    return {**face_example("GetSnapshotOperationStatus"), "status": status}


def training(status: str) -> Any:
    if not FACE.is_file():
        return {}
    return {**face_example("GetPersonGroupTrainingStatus"), "status": status}


def job(example: str, status: str) -> Any:
    """A Text Analytics job from the spec's example of its status operation."""
    path = TEXT_ANALYTICS.parent / "examples" / f"{example}.json"
    body = json.loads(path.read_text(encoding="utf-8"))["responses"]["200"]["body"]
    return {**body, "status": status}


def batch(status: str, **extra: Any) -> Any:
    """OpenAI's Batch from the example response of `retrieveBatch` (x-oaiMeta; the file's
    duplicate YAML anchors keep PyYAML out, so the JSON block is cut from the text)."""
    text = OPENAI.read_text(encoding="utf-8")
    start = text.index("response: &batch_object |\n", text.index("operationId: retrieveBatch"))
    lines = text[start:].split("\n")[1:]
    indent = len(lines[0]) - len(lines[0].lstrip())
    block = [line for line in itertools.takewhile(lambda x: x[:indent].isspace(), lines)]
    # the example ends its `metadata` with a comma, which JSON refuses and YAML allows
    return {**yaml.safe_load("\n".join(block)), "status": status, **extra}


def prediction(status: str, error: str | None = None) -> Any:
    """Replicate's prediction from the example in the description of its GET operation."""
    spec = json.loads(REPLICATE.read_text(encoding="utf-8"))
    description = spec["paths"]["/predictions/{prediction_id}"]["get"]["description"]
    found = re.search(r"```json\n(.*?)```", description, re.S)
    assert found is not None
    return {**json.loads(found.group(1)), "status": status, "error": error}


def property_examples(path: Path) -> dict[str, Any]:
    """Each property's `example`; YAML reads an unquoted timestamp as a datetime, JSON has
    the string the spec wrote."""
    schema = yaml.safe_load(path.read_text(encoding="utf-8"))
    examples = {k: v["example"] for k, v in schema["properties"].items() if "example" in v}
    return {
        k: v.isoformat().replace("+00:00", "Z") if isinstance(v, datetime.datetime) else v
        for k, v in examples.items()
    }


def action(status: str) -> Any:
    """`{"action": Action}` as GET /v2/actions/{action_id} answers, built from the examples
    of the action's (and its region's) properties; a fixed one when the file is absent."""
    models = DIGITALOCEAN.parent / "resources"
    if not models.is_dir():
        return {"action": {"id": 36804636, "status": status, "type": "create"}}
    body = property_examples(models / "actions" / "models" / "action.yml")
    body["region"] = property_examples(models / "regions" / "models" / "region.yml")
    return {"action": {**body, "status": status}}


def workflow_run(status: str, conclusion: str | None) -> Any:
    """GitHub's `workflow-run` example (components/examples)."""
    if not GITHUB.is_file():
        return {}
    spec = json.loads(GITHUB.read_text(encoding="utf-8"))
    run = spec["components"]["examples"]["workflow-run"]["value"]
    return {**run, "status": status, "conclusion": conclusion}


CASES = [
    Case(
        "face",
        "OperationStatusPoller",
        "/operations/a63a3bdd",
        face_status("running"),
        face_status("succeeded"),
        {**face_status("failed"), "message": "snapshot gone"},
        "snapshot gone",
        FACE,
    ),
    Case(
        "face",
        "TrainingStatusPoller",
        "/persongroups/abc/training",
        training("running"),
        training("succeeded"),
        {**training("failed"), "message": "no faces"},
        "no faces",
        FACE,
    ),
    Case(
        "google_speech_v1_apisguru",
        "OperationPoller",
        "/v1/operations/projects/p/operations/123",
        google_op(None),
        google_op(True),
        google_op(True, {"code": 3, "message": "bad audio"}),
        "bad audio",
        GOOGLE,
    ),
    Case(
        "text_analytics",
        "AnalyzeJobStatePoller",
        "/analyze/jobs/j1",
        job("SuccessfulAnalyzeStatusRequest", "running"),
        job("SuccessfulAnalyzeStatusRequest", "succeeded"),
        job("SuccessfulAnalyzeStatusRequest", "failed"),
        real=TEXT_ANALYTICS,
    ),
    Case(
        "text_analytics",
        "HealthcareJobStatePoller",
        "/entities/health/jobs/j1",
        job("SuccessfulHealthStatusRequest", "notStarted"),
        job("SuccessfulHealthStatusRequest", "succeeded"),
        job("SuccessfulHealthStatusRequest", "cancelled"),
        real=TEXT_ANALYTICS,
    ),
    Case(
        "openai_openapi_2024_05",
        "BatchPoller",
        "/batches/batch_abc123",
        batch("finalizing"),
        batch("completed"),
        batch("expired"),
        real=OPENAI,
    ),
    Case(
        "digital_ocean_public_v2",
        "ActionPoller",
        "/v2/actions/36804636",
        action("in-progress"),
        action("completed"),
        action("errored"),
        real=DIGITALOCEAN,
    ),
    Case(
        "digitalocean_actions",
        "ActionPoller",
        "/v2/actions/1",
        action("in-progress"),
        action("completed"),
        action("errored"),
    ),
    Case(
        "replicate_openapi",
        "SchemasPredictionResponsePoller",
        "/predictions/gm3qorzdhgbfurvjtvhg6dckhu",
        prediction("processing"),
        prediction("succeeded"),
        prediction("failed", "CUDA OOM"),
        "CUDA OOM",
        REPLICATE,
    ),
    Case(
        "translator_batches",
        "TranslationStatusPoller",
        "/batches/b1",
        {"id": "b1", "status": "Running"},
        {"id": "b1", "status": "Succeeded"},
        {"id": "b1", "status": "ValidationFailed"},
    ),
    Case(
        "github_runs",
        "WorkflowRunPoller",
        "/repos/o/r/actions/runs/1",
        {"id": 1, "status": "in_progress", "conclusion": None},
        {"id": 1, "status": "completed", "conclusion": "success"},
        {"id": 1, "status": "completed", "conclusion": "failure"},
    ),
    Case(
        "github_api_github_com",
        "WorkflowRunPoller",
        "/repos/octo-org/octo-repo/actions/runs/30433642",
        workflow_run("in_progress", None),
        workflow_run("completed", "success"),
        workflow_run("completed", "timed_out"),
        real=GITHUB,
    ),
]


def poller_class(packages: dict[str, ModuleType], case: Case) -> Any:
    if case.real is not None and not case.real.is_file():
        pytest.skip(f"{case.real} is not here (../shared/realworld/ holds the published files)")
    return getattr(packages[case.package], case.poller)


def run_to_end(cls: Any, url: str, mode: str) -> Any:
    """`wait()` on a poller bound to an httpx client; what it returns or raises."""
    if mode == "sync":
        with httpx.Client(verify=TLS) as client:
            return cls.from_url(client, url, **FAST).wait()

    async def main_async() -> Any:
        async_cls = getattr(sys.modules[cls.__module__], "Async" + cls.__name__)
        async with httpx.AsyncClient(verify=TLS) as client:
            return await async_cls.from_url(client, url, **FAST).wait()

    return asyncio.run(main_async())


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.package}.{c.poller}")
def test_lifecycle_to_success(
    packages: dict[str, ModuleType], server: Any, case: Case, mode: str
) -> None:
    cls = poller_class(packages, case)
    base, script = server
    path = f"{case.path}/{mode}/ok"
    script.answers[path] = [
        (200, {}, case.running),
        (200, {}, case.running),
        (200, {}, case.success),
    ]
    final = run_to_end(cls, base + path, mode)
    assert final.is_success and final.is_terminal
    assert script.seen.count(path) == 3


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.package}.{c.poller}")
def test_lifecycle_to_failure(
    packages: dict[str, ModuleType], server: Any, case: Case, mode: str
) -> None:
    cls = poller_class(packages, case)
    base, script = server
    path = f"{case.path}/{mode}/failed"
    script.answers[path] = [(200, {}, case.running), (200, {}, case.failure)]
    package = packages[case.package]
    with pytest.raises(package.OperationFailed) as raised:
        run_to_end(cls, base + path, mode)
    assert raised.value.model.is_failure  # at once: no waiting for the timeout
    if case.message is not None:
        assert case.message in str(raised.value)
    assert script.seen.count(path) == 2


# --- transport details -------------------------------------------------------------------------


@pytest.mark.parametrize("package", ["digitalocean_actions", "digital_ocean_public_v2"])
def test_wrapped_action_is_unwrapped_and_says_so(
    packages: dict[str, ModuleType], server: Any, package: str
) -> None:
    if package not in packages:
        pytest.skip(f"{DIGITALOCEAN} is not here (../shared/realworld/ holds the published files)")
    do = packages[package]
    assert '{"action": {...}}' in (do.ActionPoller.__doc__ or "")
    base, script = server
    script.answers["/v2/actions/7"] = [(200, {}, action("completed"))]
    with httpx.Client(verify=TLS, base_url=base) as client:
        final = do.ActionPoller.from_client(client, action_id="7", **FAST).wait()
    assert isinstance(final, do.Action) and final.status == do.ActionStatus.COMPLETED
    script.answers["/v2/actions/8"] = [(200, {}, {"id": 8, "status": "completed"})]
    with (
        httpx.Client(verify=TLS, base_url=base) as client,
        pytest.raises(Exception, match="no 'action' key"),
    ):
        do.ActionPoller.from_client(client, action_id="8", **FAST).wait()


def test_reserved_expansion_keeps_slashes(packages: dict[str, ModuleType], server: Any) -> None:
    if not GOOGLE.is_file():
        pytest.skip(f"{GOOGLE} is not here")
    google = packages["google_speech_v1_apisguru"]
    base, script = server
    script.answers["/v1/operations/projects/p/operations/9%3Fx"] = [(200, {}, google_op(True))]

    async def wait() -> Any:
        async with httpx.AsyncClient(verify=TLS, base_url=base) as client:
            poller = google.AsyncOperationPoller.from_client(
                client, name="projects/p/operations/9?x", **FAST
            )
            return await poller.wait()

    assert asyncio.run(wait()).done is True


def test_azure_lro_follows_the_declared_header_and_x_ms_paths_query(
    packages: dict[str, ModuleType], server: Any
) -> None:
    lro = packages["azure_lro"]
    base, script = server
    script.answers["/jobs/5?view=status"] = [
        (200, {}, {"provisioningState": "Running"}),
        (200, {}, {"provisioningState": "Succeeded"}),
    ]
    accepted = httpx.Response(
        202,
        headers={
            "Operation-Location": base + "/elsewhere",
            "Location": base + "/jobs/5?view=status",
        },
        request=httpx.Request("PUT", base + "/jobs/5"),  # the origin the poller may follow
    )
    with httpx.Client(verify=TLS) as client:
        final = lro.JobStatusPoller.from_response(client, accepted, **FAST).wait()
    assert final.provisioning_state == lro.JobStatusProvisioningState.SUCCEEDED
    assert "/elsewhere" not in script.seen
    with httpx.Client(verify=TLS, base_url=base) as client:
        poller = lro.JobStatusPoller.from_client(client, id="5", **FAST)
        assert poller.url == "/jobs/5?view=status"


# --- the packages themselves -------------------------------------------------------------------


def test_every_package_passes_mypy_strict_and_ruff(packages: dict[str, Any]) -> None:
    """The one mypy run over every package the tests generate from real files, excerpts and
    the LRO fixtures (a run per module paid mypy's start-up and the standard library again)."""
    paths = [str(path) for path in packages["__paths__"]]
    typed = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", *paths],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert typed.returncode == 0, typed.stdout
    # E501 and C901, as for generated/: spec text makes long lines, wide models long readers
    linted = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--config", str(CONFIG)]
        + ["--ignore", "E501,C901", *paths],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert linted.returncode == 0, linted.stdout


def test_github_generates_its_status_resources_only(packages: dict[str, Any]) -> None:
    """GitHub's 3.7 MB description, as published, with the README's overlay: the default
    selection keeps the status resources (check runs and suites, deployment statuses,
    imports, and the workflow run the overlay gives its states) and what they reference."""
    if not GITHUB.is_file():
        pytest.skip(f"{GITHUB} is not here (../shared/realworld/ holds the published files)")
    github = packages["github_api_github_com"]
    wanted = {"CheckRunPoller", "CheckSuitePoller", "ImportPoller", "WorkflowRunPoller"}
    assert wanted <= set(github.__all__)
    types = [n for n in github.__all__ if n[0].isupper() and not n.endswith("Poller")]
    assert len(types) < 100  # of 299 schemas; every operation answering 202 has a poller too
    assert {"ActionsCancelWorkflowRunPoller", "ReposCreateForkPoller"} <= set(github.__all__)


def test_colons_in_path_segments_stay_and_values_are_quoted(
    packages: dict[str, ModuleType], server: Any
) -> None:
    colon = packages["colon_paths"]
    base, script = server
    script.answers["/v1/jobs/a%3Ab%2Fc:status"] = [(200, {}, {"state": "SUCCEEDED"})]
    with httpx.Client(verify=TLS, base_url=base) as client:
        final = colon.JobPoller.from_client(client, id="a:b/c", **FAST).wait()
    assert final.state == colon.JobState.SUCCEEDED
