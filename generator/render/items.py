"""models.py and pollers.py one item at a time, reusing items an earlier run made.

An item is an enum, a model or a union in models.py, one poller class in pollers.py.

After a one-schema edit of a 2,000-schema spec, every other item renders to the text it had
before; rendering, checking and formatting them again was most of such a run. So each item
gets a key — the digest of its IR node, its kind, and `Reuse.salt` (the tool fingerprint,
which covers the templates, the kind modules and the options) — and the manifest records,
for each item that formed one formatted piece by itself, that piece and the names it
imports. Render asks one question, `KnownPieces.piece_of`: an item whose piece is known is not
rendered: a one-line placeholder class stands in for it, so the module around it is checked
and cut exactly as before, and the formatter puts the recorded piece in its place
(`Source.substitutes`, by the piece's position).

The key is sound as long as an item's text is a function of its IR node and the tool: the
item macros see nothing but their item (StrictUndefined refuses any other name), and the IR
is frozen dataclasses of plain values, pickled whole.
"""

from __future__ import annotations

import hashlib
import pickle
import re
from dataclasses import dataclass
from typing import Any, Protocol

from .. import ir
from ..kinds.base import Name
from .env import environment
from .imports import recording

ITEM_MACROS = {
    "models": (("enum_item", "enums"), ("model_item", "models"), ("union_item", "unions")),
    "pollers": (("poller_item", "pollers"), ("lro_item", "lro_pollers")),
}
"""Per module, each macro of its `_<module>_body.py.jinja` and the package's nodes it prints,
in module order. A poller node prints one item per class (`classes`): each class is one
formatted piece, and only an item that forms one piece alone can be reused."""


class KnownPieces(Protocol):
    def piece_of(self, item: str) -> tuple[str, frozenset[Name]] | None:
        """The digest of the piece the item (by key) formed alone in earlier output and the
        names it imports, when that piece's formatted text is known; else None."""


@dataclass(frozen=True)
class Reuse:
    """How this package's items are keyed, and what earlier output offers them."""

    salt: str
    known: KnownPieces | None = None
    refused: frozenset[str] = frozenset()
    """Items rendered whatever `known` says (their placeholder would not be cut alone)."""


@dataclass(frozen=True)
class Item:
    """One rendered item, or a placeholder for a reused one (`reused` is its piece)."""

    key: str
    text: str
    names: frozenset[Name]
    reused: str | None = None


def placeholder(key: str) -> str:
    """The statement that stands in for a reused item: a class, as every item ends with one
    or a def, so the statements around it are cut as the item's own would be."""
    return f"class _statusgen_reused_{key}: ..."


STAND_IN = re.compile(r"class _statusgen_reused_[0-9a-f]{32}: \.\.\.\n*")
"""A placeholder alone, with the blank lines after it: checked without parsing it again."""


def render_items(package: ir.Package, reuse: Reuse | None, stem: str = "models") -> list[Item]:
    """Every item of the module `stem` in order, rendered or stood in for."""
    module = environment().get_template(f"_{stem}_body.py.jinja").module
    reuse = reuse or Reuse("")
    items: list[Item] = []
    for macro_name, attribute in ITEM_MACROS[stem]:
        macro: Any = getattr(module, macro_name)
        for node in getattr(package, attribute):
            for arguments in _arguments(node):
                key = item_key(reuse.salt.encode(), macro_name, *arguments)
                known = _known(reuse, key) if items else None  # the first shares the imports'
                if known is not None:
                    items.append(Item(key, f"\n\n{placeholder(key)}\n", known[1], known[0]))
                    continue
                with recording() as used:
                    text = str(macro(*arguments))
                items.append(Item(key, text, frozenset(used)))
    return items


def _arguments(node: Any) -> list[tuple[Any, ...]]:
    """What the item macros are called with for `node`: the node, or for a poller the node
    and each of its classes."""
    if isinstance(node, (ir.PollerSpec, ir.LroPollerSpec)):
        return [(node, cls) for cls in node.classes]
    return [(node,)]


def _known(reuse: Reuse, key: str) -> tuple[str, frozenset[Name]] | None:
    if reuse.known is None or key in reuse.refused:
        return None
    return reuse.known.piece_of(key)


def item_key(salt: bytes, kind: str, *arguments: Any) -> str:
    data = pickle.dumps((kind, *arguments), protocol=5)
    return hashlib.blake2b(salt + b"\0" + data, digest_size=16).hexdigest()


def single_pieces(items: list[Item], body_start: int, breaks: tuple[int, ...]) -> list[int]:
    """For each item, the index of the formatted piece it forms alone (`format.cut` order:
    piece 0 starts the module, piece k at `breaks[k - 1]`), or -1 when it shares one.
    `body_start` is the module line the first item starts on."""
    piece_at = {line: index + 1 for index, line in enumerate(breaks)}
    starts = []
    line = body_start
    for item in items:
        text = item.text
        lead = len(text) - len(text.lstrip("\n"))
        starts.append(line + lead)
        line += text.count("\n")
    ends = [piece_at.get(start) for start in starts[1:]] + [len(breaks) + 1] * bool(starts)
    found = []
    for start, end in zip(starts, ends, strict=True):
        piece = piece_at.get(start, -1)
        found.append(piece if piece != -1 and end == piece + 1 else -1)
    return found
