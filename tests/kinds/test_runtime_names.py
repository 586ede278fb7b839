"""The runtime functions generated code calls are named once, by the kinds, and the runtime
defines every one of them under that name."""

from __future__ import annotations

import pytest
from statusgen import kinds
from statusgen.kinds import datetime as datetime_kind
from statusgen.render.env import environment
from statusgen.render.imports import recording
from statusgen.runtime import _runtime as runtime
from statusgen.runtime import names as exports

NAMES = sorted(kinds.runtime_names())


def test_the_table_holds_the_datetime_reader_writer_and_scalar_checks() -> None:
    assert {datetime_kind.PARSE, datetime_kind.FORMAT, "expect_str", "expect_float"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_the_runtime_exports_each_function_a_kind_prints(name: str) -> None:
    assert name in exports("_runtime")
    assert callable(getattr(runtime, name))


def test_datetime_names_come_from_the_kind() -> None:
    """The runtime's own functions carry the kind's names, and the macros print them."""
    assert runtime.parse_datetime.__name__ == datetime_kind.PARSE
    assert runtime.format_datetime.__name__ == datetime_kind.FORMAT
    macros = environment().globals["kinds"]
    node = kinds.DateTimeType()
    with recording():
        assert macros.construct(node, "v", "p", "d") == f"{datetime_kind.PARSE}(v, p)"
        assert macros.dump(node, "v") == f"{datetime_kind.FORMAT}(v)"


def test_the_runtime_codec_reads_every_annotation_a_scalar_kind_prints() -> None:
    """A model's methods are compiled from its annotations (`runtime/_codec.py`), which
    cannot import statusgen: its table of annotations must name each kind as the kinds do,
    with the same reader."""
    from statusgen.runtime import _codec

    for kind in kinds.kind_classes():
        annotation = kind.ANNOTATION
        if not annotation or not kind.READER:
            continue
        codec_kind = _codec.STDLIB.get(annotation, {"Any": "any", "None": "never"}.get(annotation))
        assert codec_kind == kind.kind, annotation
        assert _codec.READ[codec_kind] == kind.READER[0][1], annotation
    assert set(kinds.primitive.PYTHON_OF.values()) == _codec.SCALARS
