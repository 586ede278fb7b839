"""The output component of incremental builds: rendered source in, black's text out, reusing
every piece it can.

Black costs about half a millisecond per line, so the component formats as little as it can
while giving exactly what black gives for the whole file:

- the runtime modules are kept in black's form in the repository (`Source.formatted`): they
  are copied as they are, never formatted;
- the header line is set aside, so a piece shared by packages is formatted once;
- each module is cut where black's own rule is fixed (a top-level statement after a class or
  def always gets exactly two blank lines), and the pieces are formatted alone and rejoined;
- a piece is looked up in earlier output (`manifest.Known`), then in this run, then in the
  user's piece cache (`cache.PieceCache`), and only then given to black;
- a placeholder that stands for a reused item (`render.items`) is replaced by the recorded
  piece, by its position in the module;
- black runs in worker processes (`servers`) when there is enough of it to pay for them.

Render asks it one thing, `piece_of`. `tests/output/test_pieces_match_black.py` compares the
result with whole-file black.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from ..ui import progress
from . import servers
from .digest import digest
from .header import split_header
from .manifest import Known, Recorded
from .mode import mode

if TYPE_CHECKING:
    from ..render import Source
    from .cache import PieceCache

PARALLEL_MIN_LINES = 1000
"""Below this many lines to format, starting worker processes costs more than it saves."""
JOIN = "\n\n"
"""Between two formatted pieces (each ends with a newline): black's two blank lines."""


class Piece(NamedTuple):
    """One formatted piece of a module: the digest of its unformatted text and how many lines
    black made of it, enough to find it again in the written file."""

    digest: str
    lines: int


@dataclass(frozen=True)
class Formatted:
    files: dict[str, str]
    pieces: dict[str, tuple[Piece, ...]]
    """Per Python file, its pieces in order (the manifest records them)."""


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


Keyed = list[tuple[str, str]]
"""A module's pieces in order: (digest, unformatted text)."""


class Formatter:
    """`known`: what earlier output offers; `store`: the user's piece cache, which also keeps
    what black formats here; `workers`: started ones to use (closed once they are done)."""

    def __init__(
        self,
        known: Known | None = None,
        store: PieceCache | None = None,
        workers: servers.Workers | None = None,
    ) -> None:
        self.known = known or Known()
        self.store = store
        self.workers = workers

    def piece_of(self, item: str) -> Recorded | None:
        """Render's one question: the recorded piece of this item, if its text is known."""
        return self.known.piece_of(item)

    def format(self, files: Mapping[str, Source]) -> Formatted:
        """Every file formatted, in the order given."""
        texts = dict(self.known.pieces)
        plans: dict[str, tuple[str, Keyed]] = {}
        wanted: dict[str, tuple[str, str]] = {}
        for path, source in files.items():
            if path.endswith(".py") and not source.formatted:
                plans[path] = self._plan(path, source)
                for key, part in plans[path][1]:
                    if key not in texts:
                        wanted.setdefault(key, (path, part))
        if self.store is not None:
            texts.update(self.store.get({key: part for key, (_, part) in wanted.items()}))
            wanted = {key: job for key, job in wanted.items() if key not in texts}
        progress.stage("format", f"pieces of {len(plans)} modules", total=len(wanted))
        made = dict(_counted(self._black(wanted)))
        if self.workers is not None:
            self.workers.close()
        texts.update(made)
        if self.store is not None:
            self.store.put(made)
        result: dict[str, str] = {}
        pieces: dict[str, tuple[Piece, ...]] = {}
        for path, source in files.items():
            if path not in plans:
                result[path] = source.text
                continue
            head, keyed = plans[path]
            done = [texts[key] for key, _ in keyed]
            result[path] = head + JOIN.join(t for t in done if t)
            lines = (t.count("\n") for t in done)
            pieces[path] = tuple(Piece(k, n) for (k, _), n in zip(keyed, lines, strict=True))
        return Formatted(result, pieces)

    def _plan(self, path: str, source: Source) -> tuple[str, Keyed]:
        """The module's header and its pieces, each reused item's placeholder keyed by the
        recorded piece that takes its place."""
        head, body = split_header(source.text)
        offset = 1 if head else 0
        parts = cut(body, (b - offset for b in source.breaks))
        keyed = [(digest(part.encode()), part) for part in parts]
        if source.substitutes and len(parts) != len(source.breaks) + 1:
            raise RuntimeError(f"{path}: a break fell outside the module, pieces do not line up")
        for index, recorded in source.substitutes:
            if recorded not in self.known.pieces:
                raise RuntimeError(f"{path}: reused piece {recorded} is not known")
            keyed[index] = (recorded, keyed[index][1])
        return head, keyed

    def _black(self, wanted: Mapping[str, tuple[str, str]]) -> Iterator[tuple[str, str]]:
        """The pieces not known yet, in worker processes when it pays (always in started
        ones, if given)."""
        if not wanted:
            return iter(())
        if self.workers is not None and self.workers.pipe is not None:
            return self.workers.format(wanted)
        mode()  # black imported before any fork, so workers start with it loaded
        count = servers.worker_count()
        lines = sum(part.count("\n") for _, part in wanted.values())
        if count < 2 or lines < PARALLEL_MIN_LINES:
            return (servers.format_job(job) for job in wanted.items())
        return _pooled(count, wanted)


def _pooled(count: int, wanted: Mapping[str, tuple[str, str]]) -> Iterator[tuple[str, str]]:
    with servers.pool(count) as pool:
        yield from servers.formatted_by(pool, count, wanted)


def _counted(done: Iterable[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    """Formatted pieces as they come back (from workers too), each counted on the progress
    line: the parent counts, since a forked worker's line would not reach the terminal."""
    for item in done:
        progress.advance()
        yield item
