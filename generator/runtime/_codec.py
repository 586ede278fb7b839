"""How a generated model reads and writes its fields: its `_from_dict` and `to_dict` are
compiled once per class, on first use, from what the class declares (its field annotations,
`_wire`, `_unions`, `_closed`), into the straight-line code each class used to carry.

The compiled code is the code the generator used to write out, so reading and writing cost
what they did. What it saves is text: black took about 20 ms a model to format those two
methods, two thirds of a status model's time (bench/RESULTS.md, status-heavy rows).
"""

from __future__ import annotations

import ast
import dataclasses
import linecache
import sys
from typing import Any

SCALARS = frozenset({"str", "int", "float", "bool"})
"""JSON scalars, kept as they are; `expect_<name>` checks one."""
FIELD_READERS = frozenset({"str", "int", "bool", "datetime", "enum"})
"""Kinds with a one-call `required_<kind>` / `optional_<kind>` reader in `_runtime`."""
STDLIB = {
    "datetime.datetime": "datetime",
    "datetime.date": "date",
    "datetime.time": "time",
    "uuid.UUID": "uuid",
}
"""Standard-library value types by annotation."""
READ = {
    "any": "parse_any",
    "never": "refuse_value",
    "datetime": "parse_datetime",
    "date": "parse_date",
    "time": "parse_time",
    "uuid": "parse_uuid",
}
"""The runtime function that reads a value of each kind without parts."""
WRITTEN = {
    "enum": "{}._value_",
    "model": "{}.to_dict()",
    "union": "to_wire({})",
    "datetime": "format_datetime({})",
    "date": "{}.isoformat()",
    "time": "{}.isoformat()",
    "uuid": "str({})",
}
"""How a value of each kind that is not its own wire form is written."""


@dataclasses.dataclass(frozen=True)
class _Type:
    """A type as an annotation names it: its `kind`, the name the compiled code calls it by
    (`ref`: a scalar's name, a bound class or function) or the type it holds (`inner`).
    """

    kind: str
    ref: str = ""
    inner: _Type | None = None

    @property
    def item(self) -> _Type:
        assert self.inner is not None
        return self.inner

    @property
    def identity(self) -> bool:
        """Whether a value is its own wire form."""
        if self.kind == "nullable":
            return self.item.identity
        return self.kind in ("scalar", "any", "never")


@dataclasses.dataclass(frozen=True)
class _Field:
    py: str
    wire: str
    value: _Type
    """The type of a non-null value."""
    required: bool
    accepts_null: bool


class _Compiler:
    """One class's two methods as source, and the objects that source names."""

    def __init__(self, cls: type[Any]) -> None:
        self.cls = cls
        self.module = vars(sys.modules[cls.__module__])
        self.unions = dict(cls.__dict__.get("_unions", ()))
        self.names: dict[str, Any] = {}
        self.bound: dict[int, str] = {}

    def bind(self, value: Any) -> str:
        """The name `value` has in the compiled code's namespace."""
        if id(value) not in self.bound:
            self.bound[id(value)] = name = f"_r{len(self.bound)}"
            self.names[name] = value
        return self.bound[id(value)]

    def resolve(self, node: ast.expr) -> _Type:
        text = ast.unparse(node)
        if isinstance(node, ast.BinOp):
            parts = [p for p in _alternatives(node) if ast.unparse(p) != "None"]
            if len(parts) != 1:
                raise TypeError(f"{self.cls.__qualname__}: cannot read {text!r}")
            return _Type("nullable", inner=self.resolve(parts[0]))
        if isinstance(node, ast.Subscript):
            shape, index = ast.unparse(node.value), node.slice
            if shape == "list":
                return _Type("list", inner=self.resolve(index))
            if shape == "dict" and isinstance(index, ast.Tuple):
                return _Type("map", inner=self.resolve(index.elts[1]))
        if text in SCALARS:
            return _Type("scalar", text)
        if text in STDLIB:
            return _Type(STDLIB[text])
        if text in ("Any", "None"):
            return _Type("any" if text == "Any" else "never")
        return self.named(text)

    def named(self, name: str) -> _Type:
        """A model, an enum or a union alias of the class's module."""
        if name in self.unions:
            return _Type("union", self.bind(self.module[self.unions[name]]))
        value = self.module.get(name)
        if isinstance(value, type) and hasattr(value, "_value2member_map_"):
            return _Type("enum", self.bind(value))
        if isinstance(value, type) and hasattr(value, "_from_dict"):
            return _Type("model", self.bind(value))
        raise TypeError(
            f"{self.cls.__qualname__}: {name!r} is not a model, enum or union"
        )

    def field(self, py: str, wire: str, annotation: str) -> _Field:
        """A field from its annotation: `| Unset` where it may be absent, `| None` where it
        may be null (an optional field may always be: `ir.Field.accepts_null`)."""
        parts = _alternatives(ast.parse(annotation, mode="eval").body)
        names = [ast.unparse(p) for p in parts]
        required = "Unset" not in names
        rest = [
            p for p, n in zip(parts, names, strict=True) if n not in ("Unset", "None")
        ]
        if not rest:
            return _Field(py, wire, _Type("never"), required, not required)
        if len(rest) != 1:
            raise TypeError(f"{self.cls.__qualname__}.{py}: cannot read {annotation!r}")
        nullable = "None" in names or not required
        return _Field(py, wire, self.resolve(rest[0]), required, nullable)

    def parser(self, t: _Type) -> str:
        """A callable (value, path, depth) reading a JSON value as `t`."""
        if t.kind == "scalar":
            return f"expect_{t.ref}"
        if t.kind in READ:
            return READ[t.kind]
        if t.kind in ("enum", "model", "union"):
            return (
                t.ref + {"enum": ".parse", "model": "._from_dict", "union": ""}[t.kind]
            )
        return f"(lambda v, p, d: {self.construct(t, 'v', 'p', 'd')})"

    def construct(self, t: _Type, v: str, p: str, d: str) -> str:
        if t.kind in ("list", "map"):
            return f"parse_{t.kind}({v}, {p}, {d}, {self.parser(t.item)})"
        if t.kind == "nullable":
            return f"None if {v} is None else {self.construct(t.item, v, p, d)}"
        return f"{self.parser(t)}({v}, {p}, {d})"

    def dump(self, t: _Type, v: str, depth: int = 0) -> str:
        """The wire form of `v`, a value of `t`; `depth` numbers comprehension variables."""
        if t.identity:
            return v
        x = f"x{depth}"
        if t.kind == "list":
            if t.item.identity:
                return f"list({v})"
            return f"[{self.dump(t.item, x, depth + 1)} for {x} in {v}]"
        if t.kind == "map":
            if t.item.identity:
                return f"dict({v})"
            item = self.dump(t.item, x, depth + 1)
            return f"{{k{depth}: {item} for k{depth}, {x} in {v}.items()}}"
        if t.kind == "nullable":
            return f"None if {v} is None else {self.dump(t.item, v, depth)}"
        return WRITTEN[t.kind].format(v)

    def read(self, f: _Field) -> str:
        """The field's reader: a one-call one where its kind has it, else the generic one
        handed the type's parser."""
        key = repr(f.wire)
        suffix = f.value.ref if f.value.kind == "scalar" else f.value.kind
        if suffix in FIELD_READERS and not (f.required and f.accepts_null):
            enum = f", {f.value.ref}" if f.value.kind == "enum" else ""
            return f"{'required' if f.required else 'optional'}_{suffix}(data, {key}, path{enum})"
        function = "required_or_null" if f.accepts_null else "required"
        if not f.required:
            function = "optional"
        return f"{function}(data, {key}, path, {self.parser(f.value)}, depth)"

    def write(self, f: _Field) -> str:
        """The field's wire value: of `self.<field>` where it is required, else of the local
        `v` that `to_dict` has tested against UNSET."""
        value = f"self.{f.py}" if f.required else "v"
        if f.value.identity:
            return value
        dump = self.dump(f.value, value)
        return f"None if {value} is None else {dump}" if f.accepts_null else dump


def compile_model(cls: type[Any]) -> type[Any]:
    """Give the class that declares `cls`'s fields (the generated one, where a user derives
    from it) its `_from_dict` and `to_dict`; returns that class."""
    owner = next((k for k in cls.__mro__ if "_wire" in k.__dict__), None)
    if owner is None:
        raise NotImplementedError(f"{cls.__qualname__} declares no wire names (_wire)")
    if "to_dict" in owner.__dict__:
        return owner
    source, names = model_source(owner)
    filename = f"<statusgen {owner.__module__}.{owner.__qualname__}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    exec(compile(source, filename, "exec"), names)  # noqa: S102 - our own source
    for name in ("_from_dict", "to_dict"):
        function = names[name]
        function.__qualname__ = f"{owner.__qualname__}.{name}"
        function.__doc__ = getattr(owner, name).__doc__
    setattr(owner, "_from_dict", classmethod(names["_from_dict"]))  # noqa: B010
    setattr(owner, "to_dict", names["to_dict"])  # noqa: B010
    return owner


def model_source(owner: type[Any]) -> tuple[str, dict[str, Any]]:
    """The source of a model class's two methods, and the namespace they run in: the
    runtime's exports and the classes and functions the fields name."""
    from . import _runtime

    compiler = _Compiler(owner)
    wire: dict[str, str] = owner.__dict__["_wire"]
    if not all(py.isidentifier() for py in wire):
        raise TypeError(f"{owner.__qualname__}: a _wire key is not an identifier")
    types = {f.name: str(f.type) for f in dataclasses.fields(owner)}
    fields = [compiler.field(py, name, types[py]) for py, name in wire.items()]
    source = "\n".join(_source(compiler, fields, types["extra_properties"]))
    names = {name: getattr(_runtime, name) for name in _runtime.__all__}
    names.update(compiler.names, _keys=frozenset(wire.values()))
    return source, names


def _source(c: _Compiler, fields: list[_Field], extra: str) -> list[str]:
    """`_from_dict`, then `to_dict`: the fields in the spec's order, then undeclared keys."""
    lines = [
        "def _from_dict(cls, data, path, depth):",
        "    if type(data) is not dict or depth >= MAX_DEPTH:",
        "        data = expect_object(data, path, depth)",
        "    obj = object.__new__(cls)",
        *(f"    obj.{f.py} = {c.read(f)}" for f in fields),
    ]
    extra_type = c.resolve(ast.parse(extra, mode="eval").body).item
    if c.cls.__dict__.get("_closed", False):
        lines.append("    obj.extra_properties = forbid_undeclared(data, _keys, path)")
    elif extra_type.kind == "any":
        lines.append("    obj.extra_properties = undeclared(data, _keys, path, depth)")
    else:
        parse = c.parser(extra_type)
        lines.append(
            f"    obj.extra_properties = undeclared(data, _keys, path, depth, {parse})"
        )
    lines += ["    return obj", "", "def to_dict(self):"]
    lead = next((i for i, f in enumerate(fields) if not f.required), len(fields))
    lines.append(
        "    result = {"
        + "".join(f"{f.wire!r}: {c.write(f)}, " for f in fields[:lead])
        + "}"
    )
    for f in fields[lead:]:
        store = f"result[{f.wire!r}] = {c.write(f)}"
        if f.required:
            lines.append(f"    {store}")
        else:
            lines += [f"    if (v := self.{f.py}) is not UNSET:", f"        {store}"]
    lines.append("    if self.extra_properties:")
    if extra_type.identity:
        lines.append("        merge_undeclared(result, self.extra_properties)")
    else:
        each = f"{{k: {c.dump(extra_type, 'x')} for k, x in self.extra_properties.items()}}"
        lines.append(f"        merge_undeclared(result, {each})")
    lines.append("    return result")
    return lines


def _alternatives(node: ast.expr) -> list[ast.expr]:
    """`A | B | C` as [A, B, C]."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _alternatives(node.left) + _alternatives(node.right)
    return [node]
