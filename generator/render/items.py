"""models.py one item (enum, model, union) at a time, reusing items an earlier run made.

After a one-schema edit of a 2,000-schema spec, every other item renders to the text it had
before; rendering, checking and formatting them again cost 2.3 s of a 3.7 s run. So each item
gets a key — the digest of its IR node, its kind, and `Reuse.salt` (the tool fingerprint,
which covers the templates, the kind modules and the options) — and the manifest records,
for each item that formed one formatted piece by itself, that piece and the names it
imports (`fingerprint.known_items`). An item whose key is recorded, and whose formatted piece
the written module still holds (`fingerprint.known_pieces` checks the file's digest), is not
rendered: a one-line placeholder class stands in for it, so the module around it is checked
and cut exactly as before, and the formatter puts the recorded piece in its place
(`Source.substitutes`). `make bench`: large_2000 after a one-schema edit, 5.3 s -> 1.7 s.

The key is sound as long as an item's text is a function of its IR node and the tool: the
item macros see nothing but their item (StrictUndefined refuses any other name), and the IR
is frozen dataclasses of plain values, pickled whole.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .. import ir
from ..kinds.base import Name
from ..output.fingerprint import KnownItems
from .env import environment
from .imports import recording

ITEM_MACROS = (("enum_item", "enums"), ("model_item", "models"), ("union_item", "unions"))
"""Each macro of _models_body.py.jinja and the package's items it prints, in module order."""


@dataclass(frozen=True)
class Reuse:
    """What an earlier run left in the output directory for this package."""

    salt: str
    items: KnownItems = field(default_factory=dict)
    """What the manifest recorded (`fingerprint.known_items`)."""
    pieces: Mapping[str, str] = field(default_factory=dict)
    """Piece digest -> formatted text, as `format_files` takes it (`known`)."""


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


def render_items(package: ir.Package, reuse: Reuse | None) -> list[Item]:
    """Every item of models.py in order, rendered or stood in for."""
    module = environment().get_template("_models_body.py.jinja").module
    reuse = reuse or Reuse("")
    items: list[Item] = []
    for macro_name, attribute in ITEM_MACROS:
        macro: Any = getattr(module, macro_name)
        for node in getattr(package, attribute):
            key = item_key(reuse.salt.encode(), macro_name, node)
            known = reuse.items.get(key) if items else None  # the first shares the imports' piece
            if known is not None and known[0] in reuse.pieces:
                items.append(Item(key, f"\n\n{placeholder(key)}\n", known[1], known[0]))
                continue
            with recording() as used:
                text = str(macro(node))
            items.append(Item(key, text, frozenset(used)))
    return items


def item_key(salt: bytes, kind: str, node: Any) -> str:
    data = pickle.dumps((kind, node), protocol=5)
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
