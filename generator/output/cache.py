"""Formatted pieces kept in the user's cache directory, so that a fresh clone, a new `--out`
or CI with a restored cache formats only pieces black has never seen on this machine.

Where: `pieces/` in the cache directory (`cache_dir`); one directory per format key (black's
version and mode, see `mode.format_key`), one file per piece, named by the digest of its
unformatted text. `generate --no-cache` neither reads nor writes it; `--force` only writes.

- Bounded: after a run that wrote entries, the least recently used ones (a read refreshes an
  entry's mtime, at most hourly) are removed until all pieces fit in `MAX_BYTES` again.
- Untrusted: an entry is used only if `same_program` accepts it (see there); anything else is a
  miss, and the piece is formatted and its entry rewritten. The cache is an optimisation: a
  directory that cannot be read or written is no cache.
"""

from __future__ import annotations

import ast
import io
import tokenize
from collections.abc import Mapping
from pathlib import Path

from .cache_dir import evict, no_entries, read_entry, write_entry

MAX_BYTES = 64 * 1024 * 1024
"""All format keys together; eviction brings the total down to three quarters of this."""
MAGIC = "statusgen-piece 1"
LAYOUT = frozenset(" \n(),")
"""The only characters black may add to a piece: whitespace, newlines, optional parentheses
and magic trailing commas."""
STRICT_CHARS = ("\t", "\f", "\v", "\r", "\x00", "\\")
"""Characters black never adds (it only removes some): an entry may not hold more of them."""
FREE_TOKENS = frozenset("(),")


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
