"""Formatted pieces kept in the user's cache directory, so that a fresh clone, a new `--out`
or CI with a restored cache formats only pieces black has never seen on this machine.

Where: `$STATUSGEN_CACHE_DIR/pieces/`, else `$XDG_CACHE_HOME/statusgen/pieces/`, else
`~/.cache/statusgen/pieces/`; one directory per format key (black's version, the mode and
format.py, see `format.format_key`), one file per piece, named by the digest of its
unformatted text. `generate --no-cache` neither reads nor writes it; `--force` only writes.

- Concurrent runs: an entry is written to a temporary file and renamed into place, so a
  reader sees a whole entry or none; nothing is locked.
- Bounded: after a run that wrote entries, the least recently used ones (a read refreshes an
  entry's mtime, at most hourly) are removed until all pieces fit in `MAX_BYTES` again.
- Untrusted: an entry is used only if `same_program` accepts it (see there); anything else is a
  miss, and the piece is formatted and its entry rewritten. The cache is an optimisation: a
  directory that cannot be read or written is no cache.
"""

from __future__ import annotations

import ast
import io
import os
import stat
import tempfile
import time
import tokenize
from collections.abc import Mapping
from pathlib import Path

MAX_BYTES = 64 * 1024 * 1024
"""All format keys together; eviction brings the total down to three quarters of this."""
TOUCH_AFTER = 3600.0
"""Seconds: an entry read later than this after its last refresh gets a new mtime."""
MAGIC = "statusgen-piece 1"
LAYOUT = frozenset(" \n(),")
"""The only characters black may add to a piece: whitespace, newlines, optional parentheses
and magic trailing commas."""
STRICT_CHARS = ("\t", "\f", "\v", "\r", "\x00", "\\")
"""Characters black never adds (it only removes some): an entry may not hold more of them."""
FREE_TOKENS = frozenset("(),")
_READ_FLAGS = os.O_RDONLY | sum(
    getattr(os, name, 0) for name in ("O_NOFOLLOW", "O_NONBLOCK", "O_CLOEXEC", "O_BINARY")
)
"""Not through a symlink, and never waiting on a FIFO planted as an entry (POSIX)."""


def cache_root() -> Path:
    """`$STATUSGEN_CACHE_DIR`, else statusgen's folder in the user's cache directory."""
    explicit = os.environ.get("STATUSGEN_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "statusgen"


class PieceCache:
    """The entries of one format key. `read=False` (for `--force`) only writes."""

    def __init__(self, root: Path, key: str, read: bool = True, max_bytes: int = MAX_BYTES) -> None:
        self.pieces = root / "pieces"
        self.directory = self.pieces / key
        self.key = key
        self.read = read
        self.max_bytes = max_bytes

    def _header(self, digest: str) -> str:
        """Binds an entry to its key: a file copied under another name or key is refused."""
        return f"{MAGIC} {self.key} {digest}\n"

    def empty(self) -> bool:
        """Whether no piece of this key can be read (a run will likely format everything)."""
        return not self.read or no_entries(self.directory)

    def get(self, wanted: Mapping[str, str]) -> dict[str, str]:
        """Of the given pieces (digest -> unformatted text), those with an accepted entry."""
        found: dict[str, str] = {}
        if not self.read:
            return found
        for digest, part in wanted.items():
            text = self._read(digest, len(part.encode()))
            if text is None:
                continue
            header = self._header(digest)
            if text.startswith(header) and same_program(part, text[len(header) :]):
                found[digest] = text[len(header) :]
        return found

    def _read(self, digest: str, size: int) -> str | None:
        """An entry's text; None when missing, not a regular file, implausibly large for
        black's output on `size` bytes, or not UTF-8."""
        data = read_entry(self.directory / digest, 16 * size + 65536)
        try:
            return None if data is None else data.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def put(self, formatted: Mapping[str, str]) -> None:
        """Store newly formatted pieces (digest -> text), then evict if over the bound; stops
        quietly at the first error (read-only or full disk: no cache)."""
        if not formatted:
            return
        try:
            self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
            for digest, text in formatted.items():
                write_entry(self.directory, digest, (self._header(digest) + text).encode())
        except OSError:
            return
        evict(self.pieces, self.max_bytes)


def no_entries(directory: Path) -> bool:
    """Whether `directory` holds nothing (or cannot be read)."""
    try:
        with os.scandir(directory) as entries:
            return next(entries, None) is None
    except OSError:
        return True


def read_entry(path: Path, limit: int) -> bytes | None:
    """A cache entry's bytes; None when missing, not a regular file (a symlink, a FIFO
    planted as an entry) or over `limit` bytes. A read refreshes its mtime, at most hourly,
    which is what eviction orders by."""
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        with open(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
        if info.st_mtime < time.time() - TOUCH_AFTER and os.utime in os.supports_fd:
            os.utime(fd)
    except OSError:
        return None
    finally:
        os.close(fd)
    return data


def write_entry(directory: Path, name: str, data: bytes) -> None:
    """Written to a temporary file and renamed into place: a concurrent reader sees the
    whole entry or none."""
    fd, temp = tempfile.mkstemp(prefix=".tmp-", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, directory / name)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


def _is_entry_name(name: str) -> bool:
    return len(name) == 32 and all(c in "0123456789abcdef" for c in name)


def evict(pieces: Path, max_bytes: int) -> None:
    """Remove the least recently used entries (of every format key) until the rest take at most
    three quarters of `max_bytes`; temporary files of crashed runs go once an hour old. Only
    names this module writes are ever removed, whatever else the directory holds."""
    entries: list[tuple[float, int, str]] = []
    total = 0
    old = time.time() - TOUCH_AFTER
    try:
        keys = [d.path for d in os.scandir(pieces) if d.is_dir(follow_symlinks=False)]
    except OSError:
        return
    for key in keys:
        try:
            listing = list(os.scandir(key))
        except OSError:
            continue
        for entry in listing:
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if entry.name.startswith(".tmp-") and info.st_mtime < old:
                _remove(entry.path)
            elif _is_entry_name(entry.name) and stat.S_ISREG(info.st_mode):
                entries.append((info.st_mtime, info.st_size, entry.path))
                total += info.st_size
    if total <= max_bytes:
        return
    entries.sort()
    for _, size, path in entries:
        if total <= max_bytes * 3 // 4:
            break
        _remove(path)
        total -= size


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:  # another run removed or replaced it
        pass


def same_program(source: str, formatted: str) -> bool:
    """Whether `formatted` may stand for black's output on `source`, checked in a fraction of
    black's time (a cached piece is a file anyone who can write the cache may have crafted).

    Soundness: an accepted text is `source` itself, or
    - it parses (Python's own parser) to the same AST as `source`, with docstrings compared
      after black's own whitespace normalization (`black.parsing._normalize`): the same code;
    - its lines, empty ones aside, are those of `source`; or else its tokens, newlines
      within brackets aside, are the tokens of `source` spelled the same
      (names, numbers, strings, operators, indentation, comments), except for the parentheses
      and commas black adds or removes and docstring whitespace: a lookalike name, a string
      spelled another way, an added or changed comment is refused;
    - it holds no character black would not write (see `LAYOUT`, `STRICT_CHARS`), no more
      trailing spaces or runs of three blank lines than `source`, and no blank line at either
      end (black writes none of these).
    So an entry decides nothing but layout: line breaks, indentation inside brackets, optional
    parentheses and trailing commas, blank lines, docstring indentation — never code, names,
    values or comments. Proving the layout itself is black's would take a black pass, which
    costs 80% of formatting; a foreign layout is still visible to `generate --check --no-cache`.
    """
    if formatted == source:
        return True
    if formatted and not _trimmed(formatted):
        return False
    if not set(formatted) <= set(source) | LAYOUT:
        return False
    if any(formatted.count(c) > source.count(c) for c in STRICT_CHARS):
        return False
    if any(formatted.count(run) > source.count(run) for run in (" \n", "\n\n\n\n")):
        return False
    try:
        # Only empty lines added or removed: the same text otherwise, so the tokens are alike
        # but for newlines (an empty line inside a string changes the AST).
        blank_only = _filled_lines(formatted) == _filled_lines(source)
        if not blank_only and _tokens(formatted) != _tokens(source):
            return False
        return _shape(formatted) == _shape(source)
    except (SyntaxError, ValueError, RecursionError, tokenize.TokenError):
        return False


def _filled_lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line]


def _trimmed(text: str) -> bool:
    """Ends with a newline, no blank line at either end: black's output on any piece."""
    return text[0] != "\n" and text.endswith("\n") and not text.endswith("\n\n")


def _tokens(text: str) -> list[tuple[int, str]]:
    """Tokens that carry meaning or text, spelled as written; string statements (docstrings)
    with their whitespace normalized as black normalizes it."""
    found: list[tuple[int, str]] = []
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type == tokenize.NL or (token.type == tokenize.OP and token.string in FREE_TOKENS):
            continue
        found.append((token.type, token.string))
    for index, (kind, string) in enumerate(found):
        starts = index == 0 or found[index - 1][0] in _STATEMENT_START
        ends = index + 1 < len(found) and found[index + 1][0] == tokenize.NEWLINE
        if kind == tokenize.STRING and starts and ends:
            found[index] = (kind, _normalize_string_token(string))
    return found


_STATEMENT_START = frozenset((tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT))


def _normalize_string_token(string: str) -> str:
    """A string literal's prefix and quotes kept, its body with black's docstring
    whitespace normalization."""
    prefix = string[: len(string) - len(string.lstrip("rRbBuUfF"))]
    rest = string[len(prefix) :]
    quote = rest[:3] if rest[:3] in ('"""', "'''") else rest[:1]
    return prefix + quote + _normalize(rest[len(quote) : len(rest) - len(quote)]) + quote


def _normalize(value: str) -> str:
    """black.parsing._normalize: each line stripped, blank lines at either end dropped."""
    return "\n".join(line.strip() for line in value.splitlines()).strip()


def _shape(text: str) -> str:
    """The AST as text, string statements normalized as black's equivalence check does."""
    tree = ast.parse(text)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            node.value.value = _normalize(node.value.value)
    return ast.dump(tree)
