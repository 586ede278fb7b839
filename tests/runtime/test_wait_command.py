"""`python -m <package> wait`: against a local server, in-process (output not a terminal) and
in a real process under a pseudo-terminal."""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import os
import pty
import select
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from conftest import GENERATED, CliResult

ENV = {**os.environ, "PYTHONPATH": str(GENERATED)}
CREATED = "2018-12-25T11:41:02Z"


class Lifecycles:
    """Scripted bodies per request path; the last one repeats."""

    def __init__(self) -> None:
        self.scripts: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        self.seen: dict[str, int] = {}
        self.lock = threading.Lock()

    def next(self, path: str) -> tuple[int, dict[str, Any]]:
        with self.lock:
            script = self.scripts.get(path)
            if script is None:
                return 404, {"error": "no such operation"}
            index = self.seen.get(path, 0)
            self.seen[path] = index + 1
            return script[min(index, len(script) - 1)]


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, Lifecycles]]:
    lifecycles = Lifecycles()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            code, body = lifecycles.next(self.path)
            data = json.dumps(body).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}", lifecycles
    httpd.shutdown()
    httpd.server_close()


def face(status: str, **extra: Any) -> tuple[int, dict[str, Any]]:
    return 200, {"createdTime": CREATED, "status": status, **extra}


def wait(package: str, *args: str) -> CliResult:
    """`python -m PACKAGE wait ARGS`, run in-process through the package's `__main__.run`."""
    main = importlib.import_module(f"{package}.__main__")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main.run(f"python -m {package}", main.TARGETS, ["wait", *args])
        except SystemExit as exit_:  # argparse
            code = exit_.code if isinstance(exit_.code, int) else 2
    return CliResult(code, out.getvalue(), err.getvalue())


def test_success_prints_the_final_model_and_plain_progress_lines(
    server: tuple[str, Lifecycles],
) -> None:
    base, lifecycles = server
    lifecycles.scripts["/face/v1.0/operations/op-1"] = [
        face("notstarted"),
        face("running"),
        face("succeeded", resourceLocation="/snapshots/9"),
    ]
    result = wait(
        "face", "/operations/op-1", "--base-url", base + "/face/v1.0", "--max-delay", "0.05"
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["resourceLocation"] == "/snapshots/9"
    states = [line.split()[1] for line in result.stderr.splitlines()[:-1]]
    assert states == ["notstarted", "running", "succeeded"]
    assert "\r" not in result.stderr  # not a terminal: no live line
    assert result.stderr.splitlines()[-1].startswith("succeeded after ")


def test_path_parameters_progress_percent_and_a_full_url(server: tuple[str, Lifecycles]) -> None:
    base, lifecycles = server
    job = {"jobId": "42", "progressTotal": 4}
    lifecycles.scripts["/repo/v1/asynchronous/job/42"] = [
        (200, {**job, "jobState": "PROCESSING", "progressCurrent": n}) for n in range(4)
    ] + [(200, {**job, "jobState": "COMPLETE", "progressCurrent": 4})]
    result = wait(
        "synapse", "--job-id", "42", "--base-url", base + "/repo/v1", "--max-delay", "0.02"
    )
    assert result.returncode == 0, result.stderr
    percents = [line.split()[2] for line in result.stderr.splitlines()[:-1]]
    assert percents == ["0.0%", "25.0%", "50.0%", "75.0%", "100.0%"]
    full = wait("synapse", base + "/repo/v1/asynchronous/job/42", "--max-delay", "0.02")
    assert full.returncode == 0, full.stderr


def test_failure_exits_1_with_the_message(server: tuple[str, Lifecycles]) -> None:
    base, lifecycles = server
    lifecycles.scripts["/face/v1.0/operations/op-2"] = [
        face("running"),
        face("failed", message="The source object was edited during the snapshot."),
    ]
    result = wait(
        "face", "/operations/op-2", "--base-url", base + "/face/v1.0", "--max-delay", "0.02"
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        "failed: The source object was edited during the snapshot."
    )


def test_visma_finished_with_http_500_is_a_failure(server: tuple[str, Lifecycles]) -> None:
    base, lifecycles = server
    lifecycles.scripts["/API/v1/background/r-1"] = [
        (200, {"id": "r-1", "status": "Started", "statusCode": 0}),
        (200, {"id": "r-1", "status": "Finished", "statusCode": 500, "errorMessage": "boom"}),
    ]
    result = wait(
        "visma", "--request-id", "r-1", "--base-url", base + "/API", "--max-delay", "0.02"
    )
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == "failed: boom"


def test_timeout_exits_2(server: tuple[str, Lifecycles]) -> None:
    base, lifecycles = server
    lifecycles.scripts["/face/v1.0/operations/op-3"] = [face("running")]
    started = time.monotonic()
    result = wait(
        "face",
        "/operations/op-3",
        "--base-url",
        base + "/face/v1.0",
        "--timeout",
        "0.6",
        "--max-delay",
        "0.1",
    )
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == "timed out after 0.6s"
    assert time.monotonic() - started < 10


def test_usage_errors_exit_2() -> None:
    result = wait("face", "--operation-id", "x")
    assert result.returncode == 2
    assert "--base-url is needed with path parameters" in result.stderr


def test_a_relative_url_without_base_url_is_a_usage_error() -> None:
    result = wait("face", "/operations/op-1")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1].endswith(
        "error: '/operations/op-1' is relative: give --base-url, or a full URL"
    )


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then let go)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize("timeout", [[], ["--timeout", "30"]])
def test_an_unreachable_server_exits_3_saying_so(timeout: list[str]) -> None:
    """Neither "timed out" nor a failed operation: the server was never reached."""
    url = f"http://127.0.0.1:{closed_port()}/face/v1.0/operations/op-1"
    result = wait("face", url, "--max-delay", "0.01", *timeout)
    assert result.returncode == 3
    last = result.stderr.splitlines()[-1]
    assert last.startswith(f"cannot reach {url}: "), last
    assert "Connection refused" in last or "ConnectionRefused" in last


def test_an_error_answer_exits_4(server: tuple[str, Lifecycles]) -> None:
    base, _ = server
    result = wait("face", base + "/face/v1.0/operations/nowhere", "--max-delay", "0.01")
    assert result.returncode == 4
    assert result.stderr.splitlines()[-1].startswith("error: HTTP 404 from ")


@pytest.mark.slow  # a real process on a pseudo-terminal
def test_live_line_under_a_real_pseudo_terminal(server: tuple[str, Lifecycles]) -> None:
    base, lifecycles = server
    job = {"jobId": "7", "progressTotal": 2}
    lifecycles.scripts["/repo/v1/asynchronous/job/7"] = [
        (200, {**job, "jobState": "PROCESSING", "progressCurrent": 1}),
        (200, {**job, "jobState": "PROCESSING", "progressCurrent": 1}),
        (200, {**job, "jobState": "COMPLETE", "progressCurrent": 2}),
    ]
    primary, secondary = pty.openpty()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "synapse",
            "wait",
            "--job-id",
            "7",
            "--base-url",
            base + "/repo/v1",
            "--min-delay",
            "0.5",
            "--max-delay",
            "0.5",
        ],
        env=ENV,
        stdin=secondary,
        stdout=subprocess.PIPE,
        stderr=secondary,
    )
    os.close(secondary)
    screen = b""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        ready, _, _ = select.select([primary], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(primary, 4096)
            except OSError:
                break
            if not chunk:
                break
            screen += chunk
        elif process.poll() is not None:
            break
    os.close(primary)
    out, _ = process.communicate(timeout=30)
    text = screen.decode()
    assert process.returncode == 0, text
    assert json.loads(out)["jobState"] == "COMPLETE"
    assert "\r" in text  # the line is rewritten in place
    assert "PROCESSING   50.0%  next poll in" in text
    assert "COMPLETE  100.0%" in text
    assert "succeeded after" in text
