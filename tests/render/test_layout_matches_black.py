"""Calls and assignments the renderer wraps itself are laid out exactly as black would lay them
out (the layout and black's mode read one line length): black then leaves them alone."""

from __future__ import annotations


class RandomWords:
    """Seeded random identifiers (`word(low, high)`: low to high letters, then "x"), for
    comparing a layout with black's on many lengths."""

    def __init__(self) -> None:
        import random

        self.rng = random.Random(2026)

    def __call__(self, low: int, high: int) -> str:
        letters = (self.rng.choice("abcdefgh_") for _ in range(self.rng.randrange(low, high)))
        return "".join(letters) + "x"


def test_wrap_call_lays_out_brackets_as_black_does() -> None:
    """Rendered calls that do not fit are pre-wrapped as black would wrap them, so black
    leaves them alone (one pass, not two). Compared with black on seeded random lengths."""
    import black
    from statusgen import render
    from statusgen.output.mode import mode as black_mode

    word = RandomWords()
    rng = word.rng
    mode = black_mode()
    checked = 0
    for _ in range(150):
        kind = rng.randrange(3)
        if kind == 0:
            head, tail, indent = f"obj.{word(3, 40)} = required(", ")", 8
            args = ["data", render.pystr(word(2, 40)), "path", f"{word(3, 30)}._from_dict", "depth"]
        elif kind == 1:
            head, tail, indent = "def _from_dict(", f") -> {word(5, 70)}:", 4
            args = ["cls", "data: Any", "path: str", "depth: int"]
        else:
            head, tail, indent = f"_{word(3, 30)}_KEYS: frozenset[str] = frozenset(", ")", 0
            keys = [word(2, 20) for _ in range(rng.randrange(2, 14))]
            args = [keys]  # a list argument is a tuple of strings
        one_line = (
            " " * indent
            + head
            + ", ".join(render.pytuple(a) if isinstance(a, list) else a for a in args)
            + tail
        )
        wrapped = " " * indent + render.wrap_call(head, args, tail, indent)
        body = "\n        return 1\n" if kind == 1 else "\n"
        frame = "class A:\n    def f(self):\n" if indent == 8 else "class A:\n" if indent else ""
        expected = black.format_str(frame + one_line + body, mode=mode)
        assert frame + wrapped + body == expected, one_line
        checked += "\n" in wrapped
    assert checked > 50  # most cases needed wrapping


def test_wrap_value_lays_out_a_long_assignment_as_black_does() -> None:
    """A field default or a union's alias whose line does not fit: the value alone in
    parentheses, as black writes it (or left alone where black would do otherwise).
    Compared with black on seeded random lengths."""
    import black
    from statusgen.output.mode import LINE_LENGTH
    from statusgen.output.mode import mode as black_mode
    from statusgen.render.filters import pystr
    from statusgen.render.layout import wrap_value

    word = RandomWords()
    rng = word.rng
    mode = black_mode()
    wrapped = 0
    for _ in range(200):
        if rng.randrange(2):
            indent, frame = 4, "class A:\n"
            head = f"{word(2, 30)}: {word(3, 40)} | None | Unset = "
            value = rng.choice([f"{word(3, 40)}.{word(2, 30)}", "UNSET", pystr(word(1, 60))])
        else:
            indent, frame = 0, ""
            head = f"{word(3, 40)}: TypeAlias = "
            value = '"' + " | ".join(word(3, 25) for _ in range(rng.randrange(1, 5))) + '"'
        laid_out = " " * indent + wrap_value(head, value, indent)
        expected = black.format_str(frame + " " * indent + head + value + "\n", mode=mode)
        if laid_out != " " * indent + head + value:
            assert frame + laid_out + "\n" == expected, head + value
            wrapped += 1
        elif len(" " * indent + head + value) <= LINE_LENGTH:
            assert frame + laid_out + "\n" == expected
    assert wrapped > 40
