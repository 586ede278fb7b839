"""The forked servers that work beside the pipeline: black's formatting server with its pool
(`Workers`), and the validating process (`Validator`). Each is started early, before the
specs are read, so its slow import (black; the validation modules) overlaps the parent's, and
each is stopped, however the run ends, without leaving a process behind.

Forked children inherit what is loaded (black, the specs); only Linux forks safely, so
elsewhere nothing is started and the parent does the work itself.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, NoReturn

from .mode import black, mode

if TYPE_CHECKING:
    from ..input.load import Spec
    from ..validation.process import Findings

Wanted = Mapping[str, tuple[str, str]]
"""Pieces to format: digest -> (the file they belong to, unformatted text)."""
Job = tuple[str, tuple[str, str]]


def fork_available() -> bool:
    return sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()


def worker_count() -> int:
    """CPUs this process may use; 1 where fork is unavailable (workers must inherit black)."""
    if not fork_available():
        return 1
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def pool(workers: int) -> Any:
    return multiprocessing.get_context("fork").Pool(workers, initializer=_child_started)


def formatted_by(pool: Any, workers: int, wanted: Wanted) -> Iterator[tuple[str, str]]:
    """(digest, formatted text) of each wanted piece as `pool` finishes it: longest pieces
    first, so no worker is left with a long one at the end, in chunks small enough to
    spread them evenly."""
    jobs = sorted(wanted.items(), key=lambda item: -len(item[1][1]))
    chunk = max(1, len(jobs) // (workers * 16))
    return pool.imap_unordered(format_job, jobs, chunksize=chunk)  # type: ignore[no-any-return]


def format_job(job: Job) -> tuple[str, str]:
    key, (path, part) = job
    return key, black(path, part)


def _child_started() -> None:
    """Ctrl+C is the parent's to handle: it stops its children, which print nothing."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _leave(status: int = 0) -> NoReturn:
    """A server's exit, without the pool's own shutdown: `Pool.terminate` joins threads and
    takes the task queue's lock, and could wait out the parent's join. The workers need no
    telling: each closed its copy of the task queue's writing end, so the server holds the
    only one, and once it is gone they read the end of the queue and exit."""
    os._exit(status)


class _Server:
    """A forked child fed through a pipe; `process` is None where fork is unavailable."""

    def __init__(self, target: Callable[..., None], *args: object) -> None:
        self.process: Any = None
        self.pipe: Any = None
        context = multiprocessing.get_context("fork")
        self.pipe, there = context.Pipe()
        # the child closes its copy of the parent's end first, or a close would never be seen
        self.process = context.Process(target=target, args=(there, self.pipe, *args))
        self.process.start()
        there.close()


class Workers:
    """Black's worker processes, started before the specs are read when formatting is likely
    (no earlier output, an empty piece cache). One server imports black on the core that
    loading and parsing leave idle and forks its pool from itself, so black is imported once
    and never by the parent; pieces go to it and come back through a pipe."""

    def __init__(self) -> None:
        self.process: Any = None
        self.pipe: Any = None
        count = worker_count()
        if count > 1:
            server = _Server(_serve_formatting, count)
            self.process, self.pipe = server.process, server.pipe

    def format(self, wanted: Wanted) -> Iterator[tuple[str, str]]:
        """(digest, formatted text) of each wanted piece, as the workers finish them."""
        self.pipe.send(dict(wanted))
        for _ in wanted:
            kind, item = self.pipe.recv()
            if kind != "ok":
                raise RuntimeError(item)
            yield item

    def close(self) -> None:
        """No more pieces: the server is told so, stops its pool and exits while this process
        writes the files. (Told, not only left to see the pipe close: a process forked from
        this one meanwhile holds a copy of this end until it exits.)"""
        if self.pipe is not None:
            with contextlib.suppress(OSError):  # the server is gone already
                self.pipe.send(None)
            self.pipe.close()
            self.pipe = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *_: object) -> None:
        if self.process is not None:
            self.close()
            self.process.join(timeout=10)
            if self.process.is_alive():
                self.process.terminate()
                self.process.join()
            self.process = None


def _serve_formatting(pipe: Any, parents_end: Any, count: int) -> None:
    """Black imported, a pool forked, batches formatted until the parent says it is done or
    closes the pipe. SIGTERM ends it like that too; its pool follows it out (`_leave`)."""
    parents_end.close()
    _child_started()
    signal.signal(signal.SIGTERM, lambda *_: _leave(1))
    mode()
    workers = pool(count)
    while True:
        try:
            wanted = pipe.recv()
        except EOFError:
            _leave()
        if wanted is None:
            _leave()
        try:
            for item in formatted_by(workers, count, wanted):
                pipe.send(("ok", item))
        except (BrokenPipeError, EOFError):
            _leave()
        except Exception as exc:  # a template bug black refuses: the parent reports it
            pipe.send(("error", str(exc)))


class Validator:
    """The validating process, started now: it waits for specs
    (`validation.process.Validation` decides what it is sent)."""

    def __init__(self) -> None:
        self.process: Any = None
        self.pipe: Any = None
        self.sender: threading.Thread | None = None
        self.answered = False
        if fork_available():
            server = _Server(_serve_validation)
            self.process, self.pipe = server.process, server.pipe

    def send(self, specs: list[Spec]) -> None:
        """Pickled here, written by a thread: the process may still be importing the
        validator, and a large write into a full pipe would hold up parsing until it reads."""
        from multiprocessing.reduction import ForkingPickler

        data = bytes(ForkingPickler.dumps(specs))
        self.sender = threading.Thread(target=self._write, args=(data,), daemon=True)
        self.sender.start()

    def _write(self, data: bytes) -> None:
        with contextlib.suppress(OSError, ValueError):  # the process is gone: `answer` says so
            self.pipe.send_bytes(data)

    def answer(self) -> list[Findings]:
        """Per spec sent, its findings or what broke while validating it."""
        if self.sender is not None:
            self.sender.join()
        try:
            kind, answer = self.pipe.recv()
        except EOFError:
            raise RuntimeError("the validating process ended without an answer") from None
        self.answered = True
        if kind != "ok":
            raise RuntimeError(f"validation failed: {answer}")
        return answer  # type: ignore[no-any-return]

    def __enter__(self) -> Validator:
        return self

    def __exit__(self, *_: object) -> None:
        """A process that has not answered (nothing to validate, an error elsewhere, Ctrl+C)
        is stopped, not waited for."""
        if self.process is not None:
            if not self.answered and self.process.is_alive():
                self.process.terminate()
            if self.sender is not None:  # its write ends once the process reads or is gone
                self.sender.join()
            self.pipe.close()
            self.process.join()
            self.process = None


def _serve_validation(pipe: Any, parents_end: Any) -> None:
    parents_end.close()
    _child_started()
    # The validator's Rust parts print a panic's backtrace before raising it; what went
    # wrong reaches the parent through the pipe, and the user sees one line, not a dump.
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 2)
    from ..validation.process import validate_each

    try:
        specs = pipe.recv()
    except EOFError:  # nothing to validate after all
        return
    try:
        answer: tuple[str, object] = ("ok", validate_each(specs))
    except BaseException as exc:  # reported by the parent as an internal error
        answer = ("bug", f"{type(exc).__name__}: {exc}")
    pipe.send(answer)
