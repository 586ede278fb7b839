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

import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from . import progress
from .fingerprint import digest, has_header

if TYPE_CHECKING:
    from .cache import PieceCache
    from .render import Source

LINE_LENGTH = 88
PARALLEL_MIN_LINES = 1000
"""Below this many lines to format, starting worker processes costs more than it saves."""
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


def format_key() -> str:
    """What formatted text depends on besides the text itself: black's version, the mode and
    this module. Recorded in manifests, so known pieces are reused only under the same key."""
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
    likely (no earlier output, an empty piece cache): each imports black (0.12 s) on the
    core that loading and parsing leave idle, so the parent never imports it. OpenAI's
    published file cold: 0.88 -> 0.78 s (`make bench`)."""

    def __init__(self) -> None:
        self.pool: Any = None
        if _worker_count() > 1:
            self.pool = _pool(_worker_count(), initializer=_worker_with_black)

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *_: object) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None


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
    wanted: dict[str, tuple[str, str]] = {}
    for path, source in files.items():
        if not path.endswith(".py") or source.formatted:
            continue
        head, body = split_header(source.text)
        offset = 1 if head else 0
        parts = cut(body, (b - offset for b in source.breaks))
        keyed = [(digest(part.encode()), part) for part in parts]
        plans[path] = (head, keyed)
        for key, part in keyed:
            if key not in cache:
                wanted.setdefault(key, (path, part))
    if store is not None:
        cache.update(store.get({key: part for key, (_, part) in wanted.items()}))
        wanted = {key: job for key, job in wanted.items() if key not in cache}
    progress.stage("format", f"pieces of {len(plans)} modules", total=len(wanted))
    made = _format_all(wanted, workers.pool if workers else None)
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


def _format_all(wanted: dict[str, tuple[str, str]], started: Any = None) -> dict[str, str]:
    """Format the pieces not known yet, in worker processes when it pays (always in
    `started` ones, if given)."""
    if not wanted:
        return {}
    workers = _worker_count()
    if started is not None:
        return _in_pool(started, wanted, workers)
    _mode()  # import black before any fork, so workers start with it loaded
    lines = sum(part.count("\n") for _, part in wanted.values())
    if workers < 2 or lines < PARALLEL_MIN_LINES:
        return dict(_counted(_format_job(job) for job in wanted.items()))
    with _pool(workers, initializer=_worker_started) as pool:
        return _in_pool(pool, wanted, workers)


def _in_pool(pool: Any, wanted: dict[str, tuple[str, str]], workers: int) -> dict[str, str]:
    """Longest pieces first, so no worker is left with a long one at the end."""
    jobs = sorted(wanted.items(), key=lambda item: -len(item[1][1]))
    done = pool.imap_unordered(_format_job, jobs, chunksize=max(1, len(jobs) // (workers * 16)))
    return dict(_counted(done))


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


def _worker_with_black() -> None:
    _worker_started()
    _mode()


def _format_job(job: tuple[str, tuple[str, str]]) -> tuple[str, str]:
    key, (path, part) = job
    return key, _black(path, part)
