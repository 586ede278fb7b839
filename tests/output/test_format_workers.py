"""Black's early-started workers (`servers.Workers`): one server process that imports black
and forks its pool, fed through a pipe. Real processes: what they format, how a black error
comes back, and that no process outlives them however they are stopped."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from statusgen.output import servers as fmt

pytestmark = pytest.mark.skipif(not fmt.fork_available(), reason="the workers need fork")


def pool_pids(server: int) -> set[int]:
    """The server's children (its pool), from Linux's /proc."""
    found: set[int] = set()
    for task in Path(f"/proc/{server}/task").iterdir():
        found.update(int(pid) for pid in (task / "children").read_text().split())
    return found


def gone(pids: set[int], seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        alive = set()
        for pid in pids:
            try:
                state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            except (FileNotFoundError, ProcessLookupError):
                continue
            if state != "Z":
                alive.add(pid)
        if not alive:
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def workers(monkeypatch: pytest.MonkeyPatch) -> fmt.Workers:
    monkeypatch.setattr(fmt, "worker_count", lambda: 2)
    return fmt.Workers()


def test_pieces_come_back_formatted_as_black_formats_them(workers: fmt.Workers) -> None:
    wanted = {f"k{i}": ("a.py", f"x{i} = [ 1,2 ]\n") for i in range(40)}
    with workers:
        done = dict(workers.format(wanted))
        again = dict(workers.format({"k": ("a.py", "def f( a ):\n  return a\n")}))
    assert done == {f"k{i}": f"x{i} = [1, 2]\n" for i in range(40)}
    assert again == {"k": "def f(a):\n    return a\n"}
    assert not workers.process


def test_a_piece_black_refuses_is_an_error_in_the_parent(workers: fmt.Workers) -> None:
    with workers, pytest.raises(RuntimeError, match="is not valid Python"):
        dict(workers.format({"k": ("a.py", "def (:\n")}))


@pytest.mark.parametrize("stop", ["close", "terminate"])
def test_no_process_outlives_the_workers(workers: fmt.Workers, stop: str) -> None:
    """Closing the pipe (the normal end, and Ctrl+C's) or a SIGTERM to the server: either
    way it stops its pool before it exits."""
    server = workers.process.pid
    dict(workers.format({"k": ("a.py", "x = 1\n")}))
    pool = pool_pids(server)
    assert len(pool) == 2
    if stop == "terminate":
        workers.process.terminate()
    workers.__exit__(None, None, None)
    assert gone({server, *pool}), {server, *pool}
