"""One live line on a terminal while a run works: stage, what it works on, counts, time.

A slow run (a big spec takes tens of seconds) must not look like a hung one; a quick run and a
run whose stderr is not a terminal (make, CI, a pipe) show nothing. The stages report through
the module functions (`stage`, `advance`), which cost nothing while no line is shown. The line
is drawn by a thread, so the time moves on while a stage blocks (waiting for the validating
child, formatting a big piece), at most `INTERVAL` apart, and is erased before anything else
is written to stderr and at the end, so only the diagnostics and the summary stay.

Forked children (validation, formatting workers) never draw: the parent counts their results.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

DELAY = 1.0
"""Seconds a run works before the line appears (a quick run shows nothing)."""
INTERVAL = 0.1
"""Seconds between redraws: the line changes at most ten times a second."""
CLEAR = "\r\x1b[K"
"""Back to the line's start and erase to its end."""


class Line:
    """The live line on the terminal at file descriptor `fd`."""

    def __init__(self, fd: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.fd = fd
        self.clock = clock
        self.started = clock()
        self.lock = threading.Lock()
        self.name = "load"
        self.detail = ""
        self.done: int | None = None
        self.total: int | None = None
        self.shown = False
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._tick, name="statusgen-progress", daemon=True)

    def text(self, width: int) -> str:
        """What the line says, cut to the terminal's width (a wrapped line cannot be erased)."""
        parts = [f"statusgen: {self.name}"]
        if self.total is not None:
            parts.append(f"{self.done or 0}/{self.total}")
        if self.detail:
            parts.append(self.detail)
        parts.append(f"{self.clock() - self.started:.1f} s")
        return " · ".join(parts)[: max(width - 1, 10)]

    def set(self, name: str, detail: str, total: int | None) -> None:
        with self.lock:
            self.name, self.detail, self.total = name, detail, total
            self.done = 0 if total is not None else None

    def advance(self, count: int) -> None:
        with self.lock:
            self.done = (self.done or 0) + count

    def draw(self) -> None:
        with self.lock:
            if self.stopped.is_set() or self.clock() - self.started < DELAY:
                return
            self._write(CLEAR + self.text(_width(self.fd)))
            self.shown = True

    def clear(self) -> None:
        """Erase the line (the next tick draws it again, below what was written meanwhile)."""
        with self.lock:
            if self.shown:
                self._write(CLEAR)
                self.shown = False

    def _write(self, text: str) -> None:
        try:
            os.write(self.fd, text.encode("utf-8", "replace"))
        except OSError:  # the terminal went away: nothing more to show
            self.stopped.set()

    def _tick(self) -> None:
        while not self.stopped.wait(INTERVAL):
            self.draw()

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stopped.set()
        if self.thread.is_alive():
            self.thread.join()
        with self.lock:
            if self.shown:
                self._write(CLEAR)
                self.shown = False


_line: Line | None = None


def _width(fd: int) -> int:
    try:
        return os.get_terminal_size(fd).columns or 80  # 0: a terminal that never said
    except OSError:
        return 80


def stage(name: str, detail: str = "", total: int | None = None) -> None:
    """The run entered stage `name` (load, validate, parse, render, format, write), working
    on `detail`; `total`: how many items it has, counted by `advance`."""
    if _line is not None:
        _line.set(name, detail, total)


def advance(count: int = 1) -> None:
    if _line is not None:
        _line.advance(count)


def clear() -> None:
    """Call before writing to stderr, so a line written meanwhile is not mixed with it."""
    if _line is not None:
        _line.clear()


def wanted(stream: object) -> bool:
    """Whether a line may be shown on `stream`: a terminal, asked for nothing quieter."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


@contextmanager
def shown(fd: int | None) -> Iterator[None]:
    """The live line on `fd` while the block runs (None: no line), erased at its end."""
    global _line
    if fd is None:
        yield
        return
    line = Line(fd)
    _line = line
    line.start()
    try:
        yield
    finally:
        _line = None
        line.stop()
