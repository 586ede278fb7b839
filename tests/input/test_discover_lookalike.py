"""A misspelled version key is told apart by similarity; the length bound that spares most
keys difflib must never change the answer."""

from __future__ import annotations

import difflib
import itertools
import random
from pathlib import Path

from statusgen.input.discover import VERSION_KEYS, _near, discover


def test_the_length_bound_agrees_with_difflib_on_every_key() -> None:
    draw = random.Random(21)
    keys = {"".join(draw.choices("opensagwri", k=draw.randint(1, 14))) for _ in range(3000)}
    keys |= {"openap", "opnapi", "opeanapi", "swager", "swaggerr", "paths", "components"}
    keys |= {w[:i] + w[i + 1 :] for w in VERSION_KEYS for i in range(len(w))}
    keys |= {w[:i] + "x" + w[i:] for w in VERSION_KEYS for i in range(len(w) + 1)}
    keys |= {"".join(p) for p in itertools.permutations("openapi", 4)}
    for key, wanted in itertools.product(sorted(keys), VERSION_KEYS):
        expected = difflib.SequenceMatcher(None, key, wanted).ratio() >= 0.8
        assert _near(key, wanted) == expected, (key, wanted)


def test_a_near_miss_of_the_version_key_is_named(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("opnapi: 3.0.3\ninfo: {title: A, version: '1'}\npaths: {}\n")
    (tmp_path / "b.yaml").write_text("components: {schemas: {}}\n")
    found = discover(tmp_path)
    assert found.entries == []
    assert [w.message for w in found.warnings] == [
        "looks like an OpenAPI document, but its top-level key 'opnapi' is not 'openapi': "
        "it is not generated"
    ]
