"""Format stage: black, in-process, with one pinned mode so output is byte-stable.

Black costs about half a millisecond per line, so the stage formats as little as it can while
giving exactly what black gives for the whole file:

- the runtime modules are kept in black's form in the repository (`Source.formatted`): they
  are copied as they are, never formatted;
- the header line is set aside, so a piece shared by packages is formatted once;
- each module is cut where black's own rule is fixed — a top-level statement after a class or
  def always gets exactly two blank lines — and the pieces are formatted alone and rejoined;
- a piece whose formatted text is already known (the same text earlier in this run, the
  previous output recorded in a manifest, or an accepted entry of the user's piece cache,
  see `cache.py`) is not formatted again;
- the rest is spread over worker processes when there is enough of it to pay for them.

`tests/test_fastpath.py` compares the result with whole-file black.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn

from ..ui import progress
from .fingerprint import digest, has_header
from .style import LINE_LENGTH

if TYPE_CHECKING:
    from ..render import Source
    from .cache import PieceCache

PARALLEL_MIN_LINES = 1000
"""Below this many lines to format, starting worker processes costs more than it saves."""
Wanted = dict[str, tuple[str, str]]
"""Pieces to format: digest -> (the file they belong to, unformatted text)."""
JOIN = "\n\n"
"""Between two formatted pieces (each ends with a newline): black's two blank lines."""


def _mode() -> Any:
    from black.mode import Mode, TargetVersion  # late: importing black costs ~0.2 s

    return Mode(
        target_versions={TargetVersion.PY310},
        line_length=LINE_LENGTH,
        string_normalization=True,
        magic_trailing_comma=True,
    )


@functools.cache
def format_key() -> str:
    """What formatted text depends on besides the text itself: black's version, the mode and
    this module. Recorded in manifests, so known pieces are reused only under the same key.
    Computed once per process: the command line reads earlier output under it and the
    pipeline records it, and both must see the same key."""
    from importlib import metadata

    own = Path(__file__).read_bytes()
    return digest(f"black {metadata.version('black')} {LINE_LENGTH}\0".encode() + own)


class Piece(NamedTuple):
    """One formatted piece of a module: the digest of its unformatted text and how many lines
    black made of it — enough to find it again in the written file."""

    digest: str
    lines: int


@dataclass(frozen=True)
class Formatted:
    files: dict[str, str]
    pieces: dict[str, tuple[Piece, ...]]
    """Per Python file, its pieces in order (the manifest records them)."""


def format_source(path: str, text: str) -> str:
    """Black-formatted text of one whole file (the reference the pieces must add up to);
    other files are returned unchanged."""
    if not path.endswith(".py"):
        return text
    return _black(path, text)


def _black(path: str, text: str) -> str:
    from black import format_str
    from black.parsing import InvalidInput

    try:
        return format_str(text, mode=_mode())
    except InvalidInput as exc:  # a bug in a template, never the user's fault
        raise RuntimeError(f"generated {path} is not valid Python: {exc}") from exc


def split_header(text: str) -> tuple[str, str]:
    """The generated-file header line (with its newline) and the rest."""
    if has_header(text):
        first, newline, rest = text.partition("\n")
        if newline and rest and not rest[0].isspace():
            return first + newline, rest
    return "", text


def cut(text: str, breaks: Iterable[int]) -> list[str]:
    """`text` cut before each of the given line indexes (lines end at "\\n" only, as the
    parser counts them), each piece without the blank lines at its end: black drops them
    anyway, and text that black leaves unchanged is formatted in one pass instead of two."""
    lines = text.split("\n")
    pieces = []
    start = 0
    for index in breaks:
        if 0 < index < len(lines) - 1:
            pieces.append("\n".join(lines[start:index]).rstrip("\n") + "\n")
            start = index
    pieces.append("\n".join(lines[start:]).rstrip("\n") + "\n")
    return pieces


class Workers:
    """Black's worker processes, started before the specs are read when formatting is
    likely (no earlier output, an empty piece cache).

    One process imports black (0.12 s) on the core that loading and parsing leave idle, then
    forks its pool of workers from itself, so black is imported once and never by the
    parent; pieces go to it and come back through a pipe. Started early, two workers each
    importing black took OpenAI's published file from 0.88 to 0.80 s; black imported once,
    to ~0.70 s, and the four specs cold from 0.60 to ~0.50 s (this machine, alternated)."""

    def __init__(self) -> None:
        self.process: Any = None
        self.pipe: Any = None
        count = _worker_count()
        if count > 1:
            context = multiprocessing.get_context("fork")
            self.pipe, there = context.Pipe()
            self.process = context.Process(target=_serve, args=(there, self.pipe, count))
            self.process.start()
            there.close()

    def format(self, wanted: Wanted) -> Iterator[tuple[str, str]]:
        """(digest, formatted text) of each wanted piece, as the workers finish them."""
        jobs = _longest_first(wanted)
        self.pipe.send(jobs)
        for _ in jobs:
            kind, item = self.pipe.recv()
            if kind != "ok":
                raise RuntimeError(item)
            yield item

    def close(self) -> None:
        """No more pieces: the server is told so, stops its pool and exits while this process
        writes the files. (Told, not only left to see the pipe close: a process forked from
        this one meanwhile holds a copy of this end until it exits.)"""
        if self.pipe is not None:
            try:
                self.pipe.send(None)
            except OSError:  # the server is gone already
                pass
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


def _serve(pipe: Any, parents_end: Any, count: int) -> None:
    """The formatting server: black imported, a pool forked, batches formatted until the
    parent says it is done or closes the pipe (the copy of its end this fork inherited is
    closed first, or the close would never be seen). SIGTERM ends it like that too; its pool
    follows it out (`_leave`)."""
    parents_end.close()
    _worker_started()
    signal.signal(signal.SIGTERM, lambda *_: _leave(1))
    _mode()
    pool = _pool(count, initializer=_worker_started)
    while True:
        try:
            jobs = pipe.recv()
        except EOFError:
            _leave()
        if jobs is None:
            _leave()
        try:
            chunk = max(1, len(jobs) // (count * 16))
            for item in pool.imap_unordered(_format_job, jobs, chunksize=chunk):
                pipe.send(("ok", item))
        except (BrokenPipeError, EOFError):
            _leave()
        except Exception as exc:  # a template bug black refuses: the parent reports it
            pipe.send(("error", str(exc)))


def _leave(status: int = 0) -> NoReturn:
    """The server's exit, without the pool's own shutdown: `Pool.terminate` joins threads
    and takes the task queue's lock, and twice a run (GitHub's file in `make bench`, and the
    four specs) waited out the parent's 10 s join for it. The workers need no telling: each
    closed its copy of the task queue's writing end, so this process holds the only one, and
    once it is gone they read the end of the queue and exit."""
    os._exit(status)


def format_files(
    files: Mapping[str, Source],
    known: Mapping[str, str] | None = None,
    store: PieceCache | None = None,
    workers: Workers | None = None,
) -> Formatted:
    """Every file formatted; `known` maps piece digests to their formatted text, `store`
    offers more and keeps what black formats here, `workers` are started ones to use."""
    cache: dict[str, str] = dict(known or {})
    plans: dict[str, tuple[str, list[tuple[str, str]]]] = {}
    wanted: Wanted = {}
    for path, source in files.items():
        if not path.endswith(".py") or source.formatted:
            continue
        head, body = split_header(source.text)
        offset = 1 if head else 0
        parts = cut(body, (b - offset for b in source.breaks))
        keyed = [(digest(part.encode()), part) for part in parts]
        if source.substitutes:
            keyed = _substituted(keyed, dict(source.substitutes), cache)
        plans[path] = (head, keyed)
        for key, part in keyed:
            if key not in cache:
                wanted.setdefault(key, (path, part))
    if store is not None:
        cache.update(store.get({key: part for key, (_, part) in wanted.items()}))
        wanted = {key: job for key, job in wanted.items() if key not in cache}
    progress.stage("format", f"pieces of {len(plans)} modules", total=len(wanted))
    made = _format_all(wanted, workers)
    if workers is not None:
        workers.close()
    cache.update(made)
    if store is not None:
        store.put(made)
    result: dict[str, str] = {}
    pieces: dict[str, tuple[Piece, ...]] = {}
    for path, source in files.items():
        if path not in plans:
            result[path] = source.text
            continue
        head, keyed = plans[path]
        texts = [cache[key] for key, _ in keyed]
        result[path] = head + JOIN.join(t for t in texts if t)
        pieces[path] = tuple(
            Piece(key, t.count("\n")) for (key, _), t in zip(keyed, texts, strict=True)
        )
    return Formatted(result, pieces)


def _substituted(
    keyed: list[tuple[str, str]], substitutes: dict[str, str], known: Mapping[str, str]
) -> list[tuple[str, str]]:
    """Each placeholder piece (`render.items`) replaced by the recorded piece it stands for,
    whose formatted text is known (the render stage reused it only then)."""
    result = []
    for key, part in keyed:
        real = substitutes.get(part.strip())
        if real is not None:
            if real not in known:
                raise RuntimeError(f"reused piece {real} is not known")
            key = real
        result.append((key, part))
    return result


def _format_all(wanted: Wanted, started: Workers | None = None) -> dict[str, str]:
    """Format the pieces not known yet, in worker processes when it pays (always in
    `started` ones, if given)."""
    if not wanted:
        return {}
    if started is not None and started.pipe is not None:
        return dict(_counted(started.format(wanted)))
    _mode()  # import black before any fork, so workers start with it loaded
    workers = _worker_count()
    lines = sum(part.count("\n") for _, part in wanted.values())
    if workers < 2 or lines < PARALLEL_MIN_LINES:
        return dict(_counted(_format_job(job) for job in wanted.items()))
    with _pool(workers, initializer=_worker_started) as pool:
        jobs = _longest_first(wanted)
        chunk = max(1, len(jobs) // (workers * 16))
        return dict(_counted(pool.imap_unordered(_format_job, jobs, chunksize=chunk)))


def _longest_first(wanted: Wanted) -> list[tuple[str, tuple[str, str]]]:
    """Longest pieces first, so no worker is left with a long one at the end."""
    return sorted(wanted.items(), key=lambda item: -len(item[1][1]))


def _counted(done: Iterable[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    """Formatted pieces as they come back (from workers too), each counted on the progress
    line: the parent counts, since a forked worker's line would not reach the terminal."""
    for item in done:
        progress.advance()
        yield item


def _pool(workers: int, initializer: Callable[[], None]) -> Any:
    return multiprocessing.get_context("fork").Pool(workers, initializer=initializer)


def fork_available() -> bool:
    """Forked children inherit what is loaded (black, the specs); only Linux forks safely."""
    return sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()


def _worker_count() -> int:
    """CPUs this process may use; 1 where fork is unavailable (workers must inherit black)."""
    if not fork_available():
        return 1
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _worker_started() -> None:
    """Ctrl+C is the parent's to handle: it stops the pool, workers print nothing."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _format_job(job: tuple[str, tuple[str, str]]) -> tuple[str, str]:
    key, (path, part) = job
    return key, _black(path, part)
