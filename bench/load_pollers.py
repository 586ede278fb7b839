"""Load test: N asyncio pollers of the four generated packages against one local HTTP server.

Not part of the unit suite. It answers "do the generated asyncio pollers stay correct and cheap
when a thousand of them share an event loop and a connection pool?":

    .venv/bin/python bench/load_pollers.py [--pollers 1000] [--seed 7] [--json FILE]

The server is an asyncio HTTP/1.1 server (keep-alive, stdlib only) in a separate process, so the
client's CPU time and peak RSS are the pollers' and httpx's alone. Every operation follows a script
derived from the seed: 1-6 in-progress answers, some with `Retry-After`, some requests answered
503 first, then success or failure (Visma failures as `Finished` + `statusCode` 500). The client
runs one `httpx.AsyncClient` per API and checks that every poller ends exactly as scripted.

Prints a markdown table; exits 1 when any final state is wrong or anything raised unexpectedly,
2 when the watchdog fires.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import importlib
import json
import multiprocessing
import multiprocessing.connection
import os
import random
import resource
import statistics
import sys
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "generated"

V10 = "application/vnd.api.v10+json"
POSTMAN_API = "90ca9f5a-c4c4-11ed"
T0 = "2024-02-12T09:31:55Z"
APIS = ("face", "postman", "synapse", "visma")

# Client-side polling options: small delays so 1,000 pollers finish in seconds. The overall
# `timeout` is set from the watchdog, so a stuck poller shows up as a PollTimeout first.
POLL_OPTIONS: dict[str, Any] = {
    "min_delay": 0.0,
    "max_delay": 0.2,
    "first_delay": 0.05,
    "request_timeout": 15.0,
    "transient_retries": 5,
}

# Scripted server behaviour (fractions of answers).
P_FAILURE = 0.4  # operations that end in failure
P_RETRY_AFTER = 0.35  # in-progress answers carrying a Retry-After hint
P_TRANSIENT = 0.08  # status answers preceded by a 503
RETRY_AFTER_VALUES = ("0", "0.02", "0.05", "0.1")
HINT_SLACK = 0.002  # seconds a poll may come "early" after a Retry-After (timer granularity)
STATUS_TEXT = {200: "OK", 404: "Not Found", 406: "Not Acceptable", 503: "Service Unavailable"}


# --------------------------------------------------------------------------- the plan


@dataclass
class Step:
    """One scripted answer of a status endpoint (body already encoded: the server stays cheap)."""

    code: int
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


@dataclass
class Op:
    """One operation: its id, the answers its status endpoint gives, and the expected outcome."""

    api: str
    id: str
    steps: list[Step]
    final: dict[str, Any]  # the terminal body
    message: str | None  # None: success; else the expected OperationFailed message

    @property
    def path(self) -> str:
        """The status path the server sees (client base_url prefix included)."""
        return {
            "face": f"/face/v1.0/operations/{self.id}",
            "postman": f"/apis/{POSTMAN_API}/tasks/{self.id}",
            "synapse": f"/repo/v1/asynchronous/job/{self.id}",
            "visma": f"/API/v1/background/{self.id}",
        }[self.api]


def face_body(status: str, n: int, **extra: Any) -> dict[str, Any]:
    return {"status": status, "createdTime": T0, "lastActionTime": stamp(n), **extra}


def postman_body(op_id: str, status: str, n: int) -> dict[str, Any]:
    meta = {"url": f"/apis/{POSTMAN_API}/versions", "model": "api-version", "action": "create"}
    return {"id": op_id, "meta": meta, "status": status, "createdAt": T0, "updatedAt": stamp(n)}


def synapse_body(op_id: str, state: str, current: int, **extra: Any) -> dict[str, Any]:
    return {
        "jobState": state,
        "jobCanceling": False,
        "jobId": op_id,
        "progressCurrent": current,
        "progressTotal": 100,
        "progressMessage": "Querying table rows...",
        **extra,
    }


def visma_body(op_id: str, status: str, code: int, n: int, **extra: Any) -> dict[str, Any]:
    return {
        "id": op_id,
        "status": status,
        "statusCode": code,
        "receivedUtc": T0,
        "reference": f"poll-{n}",
        **extra,
    }


def stamp(n: int) -> str:
    return f"2024-02-12T09:{32 + n // 60 % 20:02d}:{n % 60:02d}Z"


def in_progress(api: str, op_id: str, n: int) -> dict[str, Any]:
    """The n-th in-progress body (the first one 'pending', later ones 'running')."""
    if api == "face":
        return face_body("notstarted" if n == 0 else "running", n)
    if api == "postman":
        return postman_body(op_id, "pending", n)
    if api == "synapse":
        return synapse_body(op_id, "PROCESSING", min(n * 15, 99))
    return visma_body(op_id, "Started", 0, n)


def terminal(api: str, op_id: str, failed: bool) -> tuple[dict[str, Any], str | None]:
    """The terminal body and the expected failure message (None for success)."""
    message = f"{api} operation {op_id} failed: scripted failure" if failed else None
    if api == "face":
        if failed:
            return face_body("failed", 90, message=message), message
        return face_body("succeeded", 90, resourceLocation=f"/snapshots/{op_id}"), None
    if api == "postman":
        body = postman_body(op_id, "failed" if failed else "completed", 90)
        if failed:
            body["details"] = {"error": {"message": message}}
        else:
            body["details"] = {"resources": [{"id": op_id, "url": f"/apis/{POSTMAN_API}/v/1"}]}
        return body, message
    if api == "synapse":
        if failed:
            return synapse_body(op_id, "FAILED", 0, errorMessage=message), message
        return synapse_body(op_id, "COMPLETE", 100), None
    if failed:  # Visma reports a failed background request as Finished with an error status
        return visma_body(op_id, "Finished", 500, 90, errorMessage=message), message
    return visma_body(op_id, "Finished", 200, 90, hasResponseContent=True), None


def encode(body: Any) -> bytes:
    return json.dumps(body, separators=(",", ":")).encode()


def make_plan(pollers: int, seed: int) -> list[Op]:
    """Deterministic scripts for `pollers` operations, the four APIs round-robin."""
    rng = random.Random(seed)
    ops: list[Op] = []
    for i in range(pollers):
        api = APIS[i % len(APIS)]
        op_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        bodies = [in_progress(api, op_id, n) for n in range(rng.randint(1, 6))]
        final, message = terminal(api, op_id, rng.random() < P_FAILURE)
        steps: list[Step] = []
        for index, body in enumerate(bodies + [final]):
            if rng.random() < P_TRANSIENT:
                hint = rng.choice(((), (("Retry-After", rng.choice(RETRY_AFTER_VALUES)),)))
                steps.append(Step(503, encode({"error": "busy"}), hint))
            headers: tuple[tuple[str, str], ...] = ()
            if index < len(bodies) and rng.random() < P_RETRY_AFTER:
                headers = (("Retry-After", rng.choice(RETRY_AFTER_VALUES)),)
            steps.append(Step(200, encode(body), headers))
        ops.append(Op(api, op_id, steps, final, message))
    return ops


# --------------------------------------------------------------------------- the server


@dataclass
class ServerState:
    """What the server process counts; sent to the client when it stops."""

    scripts: dict[str, Op]
    index: dict[str, int] = field(default_factory=dict)
    codes: collections.Counter[int] = field(default_factory=collections.Counter)
    per_op: dict[str, int] = field(default_factory=dict)
    beyond_script: int = 0  # polls after the terminal answer had been served
    connections: int = 0
    open_connections: int = 0
    peak_connections: int = 0
    bad_requests: list[str] = field(default_factory=list)
    hinted: dict[str, tuple[float, float]] = field(default_factory=dict)  # path -> (when, hint)
    hints_checked: int = 0
    hints_undercut: list[str] = field(default_factory=list)  # next poll came before the hint

    def answer(self, method: str, target: str, headers: dict[str, str]) -> Step:
        """The next scripted answer for this request (404/406 when the request is wrong)."""
        path = target.split("?", 1)[0]
        op = self.scripts.get(path)
        if method != "GET" or op is None:
            self.note_bad(f"{method} {target}")
            return Step(404, encode({"error": f"no route {method} {path}"}))
        if op.api == "postman" and headers.get("accept") != V10:
            self.note_bad(f"{method} {target} without the v10 Accept")
            return Step(406, encode({"error": {"name": "notAcceptable"}}))
        index = self.index.get(path, 0)
        self.index[path] = index + 1
        self.per_op[op.id] = self.per_op.get(op.id, 0) + 1
        if index >= len(op.steps):
            self.beyond_script += 1
        self.check_hint(path)
        step = op.steps[min(index, len(op.steps) - 1)]
        hint = dict(step.headers).get("Retry-After")
        if hint is not None:
            self.hinted[path] = (time.monotonic(), float(hint))
        return step

    def check_hint(self, path: str) -> None:
        """Did the client wait at least the Retry-After of the previous answer? (The gap seen
        here is the client's sleep plus its overhead, so it can only be longer.)"""
        previous = self.hinted.pop(path, None)
        if previous is None:
            return
        when, hint = previous
        self.hints_checked += 1
        gap = time.monotonic() - when
        if gap < hint - HINT_SLACK and len(self.hints_undercut) < 1000:
            self.hints_undercut.append(f"{path}: polled after {gap:.3f} s, Retry-After {hint}")

    def note_bad(self, what: str) -> None:
        if len(self.bad_requests) < 20:
            self.bad_requests.append(what)


def render(step: Step) -> bytes:
    head = [
        f"HTTP/1.1 {step.code} {STATUS_TEXT.get(step.code, 'Status')}",
        "Content-Type: application/json",
        f"Content-Length: {len(step.body)}",
        *(f"{name}: {value}" for name, value in step.headers),
    ]
    return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + step.body


async def serve_connection(
    state: ServerState, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
) -> None:
    """HTTP/1.1 with keep-alive: requests are answered in order until the client closes."""
    state.connections += 1
    state.open_connections += 1
    state.peak_connections = max(state.peak_connections, state.open_connections)
    try:
        while True:
            try:
                head = await reader.readuntil(b"\r\n\r\n")
            except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
                return
            lines = head.decode("latin-1").split("\r\n")
            method, target, version = (lines[0].split(" ") + ["", "", ""])[:3]
            headers = {}
            for line in lines[1:]:
                name, _, value = line.partition(":")
                if name:
                    headers[name.strip().lower()] = value.strip()
            length = int(headers.get("content-length") or 0)
            if length:
                await reader.readexactly(length)
            step = state.answer(method, target, headers)
            state.codes[step.code] += 1
            writer.write(render(step))
            await writer.drain()
            if headers.get("connection", "").lower() == "close" or version == "HTTP/1.0":
                return
    except ConnectionError:
        return
    finally:
        state.open_connections -= 1
        writer.close()


def server_main(ops: list[Op], conn: multiprocessing.connection.Connection) -> None:
    """Entry point of the server process: send the port, serve until told to stop, send stats."""
    raise_fd_limit()
    state = ServerState({op.path: op for op in ops})

    async def main() -> None:
        server = await asyncio.start_server(
            lambda r, w: serve_connection(state, r, w), "127.0.0.1", 0, backlog=4096
        )
        conn.send(server.sockets[0].getsockname()[1])
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        loop.add_reader(conn.fileno(), stop.set)  # "stop", or EOF when the client died
        await stop.wait()
        loop.remove_reader(conn.fileno())
        server.close()

    cpu0 = time.process_time()
    asyncio.run(main())
    try:
        conn.recv()
    except EOFError:
        return
    conn.send(
        {
            "codes": dict(state.codes),
            "per_op": state.per_op,
            "beyond_script": state.beyond_script,
            "connections": state.connections,
            "peak_connections": state.peak_connections,
            "bad_requests": state.bad_requests,
            "hints_checked": state.hints_checked,
            "hints_undercut": state.hints_undercut,
            "cpu_s": time.process_time() - cpu0,
        }
    )


def raise_fd_limit() -> None:
    """A thousand sockets need more than the common soft limit of 1,024 descriptors."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = 4096 if hard == resource.RLIM_INFINITY else min(4096, hard)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


# --------------------------------------------------------------------------- the client


@dataclass(frozen=True)
class ApiClient:
    """How one API's poller is made and its final model recognised."""

    package: str
    poller: str
    prefix: str  # the httpx client's base_url path
    path_params: Callable[[str], dict[str, str]]
    identity: Callable[[Any], object]  # the model's id, as the success check sees it


CLIENTS: dict[str, ApiClient] = {
    "face": ApiClient(
        "face",
        "AsyncOperationStatusPoller",
        "/face/v1.0",
        lambda op_id: {"operation_id": op_id},
        lambda m: str(m.resource_location).rsplit("/", 1)[-1],  # Face status has no id
    ),
    "postman": ApiClient(
        "postman",
        "AsyncGetStatusOfAnAsyncTaskPoller",
        "",
        lambda op_id: {"api_id": POSTMAN_API, "task_id": op_id},
        lambda m: m.id,
    ),
    "synapse": ApiClient(
        "synapse",
        "AsyncAsynchronousJobStatusPoller",
        "/repo/v1",
        lambda op_id: {"job_id": op_id},
        lambda m: m.job_id,
    ),
    "visma": ApiClient(
        "visma",
        "AsyncBackgroundRequestStateDtoPoller",
        "/API",
        lambda op_id: {"request_id": op_id},
        lambda m: m.id,
    ),
}


def load_packages() -> dict[str, ModuleType]:
    """The committed generated packages (generated/ on sys.path, as the tests do)."""
    if str(GENERATED) not in sys.path:
        sys.path.insert(0, str(GENERATED))
    return {api: importlib.import_module(CLIENTS[api].package) for api in APIS}


def verdict(op: Op, package: ModuleType, outcome: object) -> str | None:
    """None when the poller ended as scripted, else what was wrong."""
    if op.message is None:
        if isinstance(outcome, BaseException):
            return f"expected success, got {type(outcome).__name__}: {outcome}"
        if not getattr(outcome, "is_success", False):
            return f"expected a successful model, got {outcome!r}"
        if CLIENTS[op.api].identity(outcome) != op.id:
            return f"success model has id {CLIENTS[op.api].identity(outcome)!r}"
        if outcome.to_dict() != op.final:  # type: ignore[attr-defined]
            return "success model differs from the final body served"
        return None
    if not isinstance(outcome, package.OperationFailed):
        what = type(outcome).__name__ if isinstance(outcome, BaseException) else repr(outcome)
        return f"expected OperationFailed, got {what}: {outcome}"
    if outcome.message != op.message:
        return f"OperationFailed message {outcome.message!r}, expected {op.message!r}"
    if outcome.model.to_dict() != op.final:
        return "OperationFailed model differs from the final body served"
    return None


@dataclass
class ClientResult:
    """What the client side measured; the server's counts come separately."""

    pools: dict[str, int]  # max_connections of each API's client
    outcomes: list[object]
    durations: list[float]
    wall_s: float
    cpu_s: float


@dataclass
class Progress:
    """Pollers finished so far; the watchdog thread reads it to say how far the run got."""

    finished: int = 0


async def run_pollers(
    ops: list[Op],
    base: str,
    packages: dict[str, ModuleType],
    poll_timeout: float,
    max_connections: int | None,
    progress: Progress,
) -> ClientResult:
    """All pollers at once, one AsyncClient per API whose pool has a connection for each of
    its pollers (unless `max_connections` says otherwise)."""
    import httpx

    counts = collections.Counter(op.api for op in ops)
    pools = {api: max(max_connections or counts[api], 1) for api in APIS}
    clients = {
        api: httpx.AsyncClient(
            base_url=base + CLIENTS[api].prefix,
            limits=httpx.Limits(max_connections=pools[api], max_keepalive_connections=pools[api]),
        )
        for api in APIS
    }
    options = {**POLL_OPTIONS, "timeout": poll_timeout}
    durations = [0.0] * len(ops)
    began = time.monotonic()

    async def one(i: int, op: Op) -> object:
        spec = CLIENTS[op.api]
        cls = getattr(packages[op.api], spec.poller)
        poller = cls.from_client(clients[op.api], **spec.path_params(op.id), **options)
        try:
            return await poller.wait()
        finally:
            durations[i] = time.monotonic() - began
            progress.finished += 1

    cpu0 = time.process_time()
    try:
        outcomes = await asyncio.gather(
            *(one(i, op) for i, op in enumerate(ops)), return_exceptions=True
        )
    finally:
        await asyncio.gather(*(client.aclose() for client in clients.values()))
    return ClientResult(
        pools, list(outcomes), durations, time.monotonic() - began, time.process_time() - cpu0
    )


# --------------------------------------------------------------------------- report


def peak_rss_mib() -> float:
    """ru_maxrss is KiB on Linux, bytes on macOS."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(q * len(ordered)), len(ordered) - 1)] if ordered else 0.0


def figures(
    ops: list[Op],
    result: ClientResult,
    stats: dict[str, Any],
    problems: list[str],
    args: argparse.Namespace,
) -> dict[str, Any]:
    per_poller = [stats["per_op"].get(op.id, 0) for op in ops]
    total = sum(stats["codes"].values())
    scripted = sum(len(op.steps) for op in ops)
    off_script = sum(1 for op, n in zip(ops, per_poller, strict=True) if n != len(op.steps))
    return {
        "pollers": len(ops),
        "pollers_by_api": dict(collections.Counter(op.api for op in ops)),
        "expected_failures": sum(op.message is not None for op in ops),
        "seed": args.seed,
        "pool_per_client": result.pools,
        "wall_s": round(result.wall_s, 3),
        "requests_total": total,
        "requests_by_status": {str(k): v for k, v in sorted(stats["codes"].items())},
        "requests_scripted": scripted,
        "pollers_off_script": off_script,
        "polls_after_terminal": stats["beyond_script"],
        "retry_after_checked": stats["hints_checked"],
        "retry_after_undercut": len(stats["hints_undercut"]),
        "requests_per_poller_mean": round(statistics.fmean(per_poller), 2) if ops else 0.0,
        "requests_per_poller_max": max(per_poller, default=0),
        "requests_per_s": round(total / result.wall_s, 1) if result.wall_s else 0.0,
        "poller_duration_p50_s": round(percentile(result.durations, 0.5), 3),
        "poller_duration_max_s": round(max(result.durations, default=0.0), 3),
        "client_cpu_s": round(result.cpu_s, 3),
        "client_cpu_per_request_ms": round(1000 * result.cpu_s / total, 3) if total else 0.0,
        "client_peak_rss_mib": round(peak_rss_mib(), 1),
        "server_cpu_s": round(stats["cpu_s"], 3),
        "server_connections": stats["connections"],
        "server_peak_open_connections": stats["peak_connections"],
        "wrong_final_states": len(problems),
        "all_final_states_correct": not problems,
    }


def table(fig: dict[str, Any]) -> str:
    by_status = ", ".join(f"{code}: {n}" for code, n in fig["requests_by_status"].items())
    by_api = ", ".join(f"{api} {n}" for api, n in fig["pollers_by_api"].items())
    pools = ", ".join(f"{api} {n}" for api, n in fig["pool_per_client"].items())
    rows = [
        ("pollers", f"{fig['pollers']} ({by_api}; {fig['expected_failures']} scripted to fail)"),
        ("pool per client (max_connections)", pools),
        ("wall time", f"{fig['wall_s']:.2f} s"),
        ("requests the server saw", f"{fig['requests_total']} ({by_status})"),
        ("requests scripted", f"{fig['requests_scripted']}"),
        (
            "pollers off script / polls after terminal",
            f"{fig['pollers_off_script']} / {fig['polls_after_terminal']}",
        ),
        (
            "Retry-After hints checked / undercut",
            f"{fig['retry_after_checked']} / {fig['retry_after_undercut']}",
        ),
        (
            "requests per poller (mean / max)",
            f"{fig['requests_per_poller_mean']:.2f} / {fig['requests_per_poller_max']}",
        ),
        ("throughput", f"{fig['requests_per_s']:.0f} requests/s"),
        (
            "poller duration (p50 / max)",
            f"{fig['poller_duration_p50_s']:.2f} s / {fig['poller_duration_max_s']:.2f} s",
        ),
        ("client CPU time", f"{fig['client_cpu_s']:.2f} s"),
        ("client CPU per poll", f"{fig['client_cpu_per_request_ms']:.3f} ms"),
        ("client peak RSS", f"{fig['client_peak_rss_mib']:.1f} MiB"),
        ("server CPU time", f"{fig['server_cpu_s']:.2f} s"),
        (
            "server connections (total / peak open)",
            f"{fig['server_connections']} / {fig['server_peak_open_connections']}",
        ),
        (
            f"all {fig['pollers']} final states correct",
            "yes" if fig["all_final_states_correct"] else f"NO ({fig['wrong_final_states']} wrong)",
        ),
    ]
    lines = ["| metric | value |", "|---|---|"]
    lines += [f"| {name} | {value} |" for name, value in rows]
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def start_watchdog(
    seconds: float, server: multiprocessing.process.BaseProcess, progress: Progress, total: int
) -> threading.Timer:
    """Bound the whole run: after `seconds`, kill the server and exit 2 at once.

    A thread, so it fires even when the event loop is stuck; it exits without the orderly
    cancellation of a thousand tasks, which can take as long as the run itself.
    """

    def fire() -> None:
        print(
            f"load_pollers: watchdog fired after {seconds:.0f} s, "
            f"{progress.finished} of {total} pollers finished",
            file=sys.stderr,
            flush=True,
        )
        server.kill()
        os._exit(2)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    return timer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pollers", type=int, default=1000, help="number of pollers (1,000)")
    parser.add_argument("--seed", type=int, default=7, help="seed of the scripts (7)")
    parser.add_argument("--timeout", type=float, default=120.0, help="watchdog seconds (120)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument(
        "--max-connections",
        type=int,
        metavar="N",
        help="pool size of each API's client (default: one connection per poller)",
    )
    args = parser.parse_args(argv)
    if args.pollers < 1:
        parser.error("--pollers must be at least 1")

    raise_fd_limit()
    packages = load_packages()
    ops = make_plan(args.pollers, args.seed)
    progress = Progress()

    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe()
    server = context.Process(target=server_main, args=(ops, child), daemon=True)
    server.start()
    watchdog = start_watchdog(args.timeout, server, progress, len(ops))
    stats: dict[str, Any] | None = None
    try:
        if not parent.poll(30):
            print("load_pollers: the server did not start", file=sys.stderr)
            return 2
        base = f"http://127.0.0.1:{parent.recv()}"
        # Pollers give up (PollTimeout, a wrong final state) well before the watchdog fires.
        poll_timeout = 0.75 * args.timeout
        result = asyncio.run(
            run_pollers(ops, base, packages, poll_timeout, args.max_connections, progress)
        )
        parent.send("stop")
        if not parent.poll(10):
            print("load_pollers: the server sent no figures", file=sys.stderr)
            return 2
        stats = parent.recv()
    finally:
        server.join(timeout=5 if stats is not None else 0)  # a stopped server exits by itself
        if server.is_alive():
            server.kill()
            server.join(timeout=5)
    watchdog.cancel()
    assert stats is not None

    problems = []
    for op, outcome in zip(ops, result.outcomes, strict=True):
        wrong = verdict(op, packages[op.api], outcome)
        if wrong is not None:
            problems.append(f"{op.api} {op.id}: {wrong}")
    fig = figures(ops, result, stats, problems, args)
    print(table(fig))
    for line in problems[:20]:
        print(f"- wrong: {line}")
    for line in stats["bad_requests"]:
        print(f"- unexpected request: {line}")
    for line in stats["hints_undercut"][:10]:
        print(f"- Retry-After undercut: {line}")
    if args.json:
        Path(args.json).write_text(json.dumps(fig, indent=2) + "\n", encoding="utf-8")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
