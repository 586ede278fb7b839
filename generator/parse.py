"""Parse stage: a loaded OpenAPI `Spec` -> the IR `Package`.

Every decision is made here, once: Python names (through `naming`), types, nullability,
defaults, inline model names `<Parent><Property>`, how unions are told apart, which operations
a poller uses and (through `status`) which state values are terminal. Problems are collected,
not raised one at a time, so a user sees every error in a spec in one run.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, TypeVar

from . import ir, naming
from .errors import SpecError, SpecErrors, display_path
from .load import Location, Spec
from .status import StatusDecider

SCHEMA_TYPES = ("string", "integer", "number", "boolean", "array", "object", "null")
PRIMITIVES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}
FORMATS_BY_TYPE = {
    "integer": {"int32", "int64", "int8", "int16", "uint8", "uint32", "uint64", "unixtime"},
    "number": {"float", "double", "decimal", "int32", "int64"},
}
"""Formats we know for non-string types; any string format is allowed (formats are open),
but a string format on a number, or a number format on a string, is a mistake."""
STRING_ONLY_FORMATS = {"date-time", "date", "time", "uuid", "uri", "email", "byte", "binary"}
MAX_SCHEMA_DEPTH = 100
"""Schemas the parser follows inside one another at once (properties, items, $refs, allOf):
deeper is an error, never a RecursionError. Real specs nest under 20."""
MAX_TYPE_NESTING = 20
"""Arrays and maps directly inside one another (`list[dict[str, list[...]]]`): each level is
a nested expression in the generated code, which Python caps at 200 parentheses."""
RUNTIME_FUNCTIONS = frozenset(
    {
        "describe",
        "key_segment",
        "expect_object",
        "expect_list",
        "expect_str",
        "expect_int",
        "expect_float",
        "expect_bool",
        "parse_any",
        "require",
        "parse_list",
        "parse_map",
        "parse_nullable",
        "parse_datetime",
        "format_datetime",
        "parse_date",
        "choose_shape",
        "to_wire",
        "decode_json",
        "encode_json",
        "optional",
        "required",
        "optional_str",
        "required_str",
        "optional_int",
        "required_int",
        "optional_bool",
        "required_bool",
        "optional_datetime",
        "optional_enum",
        "required_enum",
        "required_datetime",
        "undeclared",
        "forbid_undeclared",
        "merge_undeclared",
        "check_payload",
        "parse_payload",
        "expand_path",
    }
)
"""Module-level functions of a generated package's runtime: a union's parse function never
takes one of these names (tests/test_runtime_hardening.py keeps the list complete)."""


@dataclass
class _ModelDraft:
    """A model whose fields are still being parsed (recursion needs its name first)."""

    name: str
    location: Location
    description: str | None
    fields: list[ir.Field] = field(default_factory=list)
    extra: ir.ExtraProperties = field(default_factory=lambda: ir.ExtraProperties("keep"))


@dataclass
class _UnionDraft:
    name: str
    parse_function: str
    location: Location
    description: str | None
    variants: list[tuple[ir.TypeRef, Location | None]] = field(default_factory=list)
    discriminator: str | None = None
    mapping: dict[str, Location] = field(default_factory=dict)


_Container = TypeVar("_Container", ir.ArrayType, ir.MapType)


class SpecName(str):
    """A name written in the spec — a component key, the key or file a `$ref` points at — as
    opposed to one statusgen makes up (`<Parent><Property>`, `<Union><N>`). Two spec names that
    become one class are an error; a made-up name that collides takes the next free suffix."""


class Parser:
    """Walks one spec; `parse()` returns the package or raises SpecErrors with all problems."""

    def __init__(self, spec: Spec, package_name: str | None = None) -> None:
        self.spec = spec
        self.package_override = package_name
        self.errors: list[SpecError] = []
        self.named: dict[Location, ir.TypeRef] = {}
        self.order: list[Location] = []
        self.models: dict[Location, _ModelDraft] = {}
        self.enums: dict[Location, ir.EnumType] = {}
        self.unions: dict[Location, _UnionDraft] = {}
        self.class_names: set[str] = set()
        self.class_owner: dict[str, Location] = {}
        self.made_up_names: set[str] = set()
        self.function_names: set[str] = set(RUNTIME_FUNCTIONS)
        self.depth = 0
        self.in_progress: set[Location] = set()

    # --- entry -----------------------------------------------------------------------------

    def parse(self) -> ir.Package:
        root = self.spec.root
        entry = self.spec.entry
        info = root.get("info") if isinstance(root.get("info"), dict) else {}
        package = self.package_override or self._package_name(info, entry)
        schemas = self._component_schemas(root, entry)
        # Components' own class names first, so a made-up name never takes one of them.
        self.class_names.update(naming.class_name(key, set()) for key, _, _ in schemas)
        for key, node, at in schemas:
            self._guard(self.type_of, at, node, SpecName(key))
        endpoints = self._endpoints(root, entry)
        models = self._finish_models()
        union_variants = {
            d.name: [t.name for t, _ in d.variants if isinstance(t, ir.ModelRef)]
            for d in self.unions.values()
        }
        decider = StatusDecider(self.spec, models, self.enums, union_variants)
        models = decider.decide()
        enums = decider.enums()
        self.errors.extend(decider.errors)
        unions = self._finish_unions(models)
        endpoints = decider.endpoint_roles(endpoints)
        pollers = decider.pollers(endpoints, package, self.class_names)
        if self.errors:
            raise SpecErrors(list(dict.fromkeys(self.errors)))
        servers = (
            self._swagger2_servers(root)
            if self.spec.is_swagger2
            else tuple(
                s["url"]
                for s in _list(root.get("servers"))
                if isinstance(s, dict) and isinstance(s.get("url"), str)
            )
        )
        return ir.Package(
            name=package,
            spec_path=self.spec.display,
            title=_text(info.get("title")) or package,
            version=str(info.get("version", "")),
            description=_text(info.get("description")),
            models=tuple(models[loc] for loc in self.order if loc in models),
            enums=tuple(enums[loc] for loc in self.order if loc in enums),
            unions=unions,
            endpoints=tuple(endpoints),
            servers=servers,
            pollers=pollers,
            distribution_version=_distribution_version(info.get("version")),
        )

    def _component_schemas(
        self, root: dict[str, Any], entry: Location
    ) -> list[tuple[str, Any, Location]]:
        """Named schemas: `components/schemas` (3.x) or `definitions` (Swagger 2.0)."""
        container: tuple[str, ...] = (
            ("definitions",)
            if self.spec.is_swagger2
            else (
                "components",
                "schemas",
            )
        )
        node: Any = root
        for key in container:
            node = node.get(key) if isinstance(node, dict) else None
        if not isinstance(node, dict):
            return []
        return [(str(key), value, entry.child(*container, key)) for key, value in node.items()]

    def _guard(self, method: Any, *args: Any) -> Any:
        """Run one parse step; turn its SpecErrors into collected errors."""
        try:
            return method(*args)
        except SpecErrors as exc:
            self.errors.extend(exc.errors)
            return ir.AnyType()

    @staticmethod
    def _swagger2_servers(root: dict[str, Any]) -> tuple[str, ...]:
        host, base = root.get("host"), root.get("basePath", "")
        if not isinstance(host, str) or not isinstance(base, str):
            return ()
        schemes = [s for s in root.get("schemes") or ["https"] if isinstance(s, str)]
        return tuple(f"{scheme}://{host}{base}" for scheme in schemes)

    def _package_name(self, info: dict[str, Any], entry: Location) -> str:
        extension = info.get("x-statusgen")
        if extension is not None:
            where = entry.child("info", "x-statusgen")
            if not isinstance(extension, dict):
                self.errors.append(where.error("x-statusgen must be a mapping"))
            else:
                unknown = sorted(set(extension) - {"package"})
                for key in unknown:
                    self.errors.append(where.child(key).error(f"unknown key {key!r}"))
                name = extension.get("package")
                if name is not None:
                    reason = (
                        naming.package_name_problem(name)
                        if isinstance(name, str)
                        else "is not a valid Python identifier"
                    )
                    if reason is None:
                        return str(name)
                    self.errors.append(where.child("package").error(f"package {name!r} {reason}"))
                    return "invalid"
        try:
            return naming.module_name(entry.file.stem)
        except ValueError as exc:
            self.errors.append(entry.error(f"{exc}; set info.x-statusgen.package"))
            return "invalid"

    # --- schemas -----------------------------------------------------------------------------

    def type_of(self, at: Location, node: Any, hint: str) -> ir.TypeRef:
        """The type of the schema `node` found at `at`; named types are registered once."""
        if self.depth >= MAX_SCHEMA_DEPTH:
            raise SpecErrors([at.error(f"schemas nested more than {MAX_SCHEMA_DEPTH} levels deep")])
        self.depth += 1
        try:
            if isinstance(node, dict) and "$ref" in node:
                target, schema = self.spec.follow(at, node)
                return self._schema(target, schema, self._name_for(target, hint))
            return self._schema(at, node, hint)
        finally:
            self.depth -= 1

    def _name_for(self, target: Location, hint: str) -> str:
        """A referenced schema is named after where it lives: its component key, else its file."""
        if target.tokens:
            return SpecName(target.tokens[-1])
        return SpecName(target.file.stem) if target.file.stem else hint

    def _class_name(self, at: Location, name: str) -> str:
        """The class name for the schema at `at`, claimed (see `SpecName` for collisions)."""
        if isinstance(name, SpecName):
            wanted = naming.class_name(name, set())
            owner = self.class_owner.get(wanted)
            if owner is not None and owner != at:
                where = owner.pointer
                if owner.file != at.file:
                    where = display_path(owner.file) + where
                raise SpecErrors(
                    [
                        at.error(
                            f"schema {str(name)!r} becomes class {wanted!r}, as does the schema "
                            f"at {where}: rename one of them"
                        )
                    ]
                )
            if wanted not in self.made_up_names:
                self.class_names.add(wanted)
                self.class_owner[wanted] = at
                return wanted
        chosen = naming.class_name(name, self.class_names)
        self.made_up_names.add(chosen)
        return chosen

    def _schema(self, at: Location, schema: Any, name: str) -> ir.TypeRef:
        if at in self.named:
            return self.named[at]
        if at in self.in_progress:  # models and unions are named before their parts
            raise SpecErrors(
                [
                    at.error(
                        "the schema contains itself with no object schema in between "
                        "(an array, map or allOf of itself), which no class can express"
                    )
                ]
            )
        self.in_progress.add(at)
        try:
            return self._unnamed_schema(at, schema, name)
        finally:
            self.in_progress.discard(at)

    def _unnamed_schema(self, at: Location, schema: Any, name: str) -> ir.TypeRef:
        if isinstance(schema, bool):
            return ir.AnyType()
        if not isinstance(schema, dict):
            raise SpecErrors([at.error("a schema must be a mapping")])
        types, nullable = self._types(at, schema)
        if "allOf" in schema:
            result = self._all_of(at, schema, name)
        elif "oneOf" in schema or "anyOf" in schema:
            result, nullable_union = self._union(at, schema, name)
            nullable = nullable or nullable_union
        elif "enum" in schema:
            result = self._enum(at, schema, types, name)
            values = schema.get("enum")
            nullable = nullable or (isinstance(values, list) and None in values)
        elif "array" in types or ("items" in schema and not types):
            result = self._array(at, schema, name)
        elif "object" in types or (not types and ("properties" in schema)):
            result = self._object(at, schema, name)
        elif types:
            result = self._primitive(at, schema, types[0])
        elif "additionalProperties" in schema:
            result = self._object(at, schema, name)
        else:
            result = ir.AnyType()
        if nullable and not isinstance(result, (ir.NullableType, ir.AnyType)):
            result = ir.NullableType(result)
        return result

    def _types(self, at: Location, schema: dict[str, Any]) -> tuple[list[str], bool]:
        raw = schema.get("type")
        flagged = schema.get("nullable") is True or schema.get("x-nullable") is True
        if raw is None:
            return [], flagged
        listed = raw if isinstance(raw, list) else [raw]
        for value in listed:
            if not isinstance(value, str) or value not in SCHEMA_TYPES:
                raise SpecErrors([at.error(f"unknown type {value!r}")])
        nullable = "null" in listed or flagged
        types = [t for t in listed if t != "null"]
        if len(types) > 1:
            if set(types) == {"integer", "number"}:
                types = ["number"]
            else:
                raise SpecErrors(
                    [at.error(f"several types {types!r}: use oneOf to say how to tell them apart")]
                )
        return types, nullable

    def _primitive(self, at: Location, schema: dict[str, Any], type_name: str) -> ir.TypeRef:
        fmt = schema.get("format")
        if fmt is not None and not isinstance(fmt, str):
            raise SpecErrors([at.child("format").error("format must be a string")])
        if type_name == "string":
            if fmt == "date-time":
                return ir.DateTimeType()
            if fmt == "date":
                return ir.DateType()
            return ir.PrimitiveType("str", fmt)
        if fmt is not None and fmt in STRING_ONLY_FORMATS:
            raise SpecErrors(
                [at.child("format").error(f"format {fmt!r} does not apply to type {type_name!r}")]
            )
        return ir.PrimitiveType(PRIMITIVES[type_name], fmt)

    def _array(self, at: Location, schema: dict[str, Any], name: str) -> ir.TypeRef:
        items = schema.get("items")
        if items is None:
            return ir.ArrayType(ir.AnyType())
        return _nested(at, ir.ArrayType(self.type_of(at.child("items"), items, name)))

    def _object(self, at: Location, schema: dict[str, Any], name: str) -> ir.TypeRef:
        properties = schema.get("properties")
        additional = schema.get("additionalProperties", True)
        if not properties:
            if isinstance(additional, dict) and additional:
                value = self.type_of(at.child("additionalProperties"), additional, name + "Value")
                return _nested(at, ir.MapType(value))
            if additional is False and properties is not None:
                pass  # an explicitly empty object: a model with no fields
            else:
                return ir.MapType(ir.AnyType())
        return self._model(at, name, schema, [(at, schema)])

    def _model(
        self,
        at: Location,
        name: str,
        schema: dict[str, Any],
        parts: list[tuple[Location, dict[str, Any]]],
    ) -> ir.TypeRef:
        """A model from one or more object schemas (several for allOf), fields merged in order."""
        class_name = self._class_name(at, name)
        ref = ir.ModelRef(class_name)
        self.named[at] = ref
        self.order.append(at)
        draft = _ModelDraft(class_name, at, _text(schema.get("description")))
        self.models[at] = draft
        taken: set[str] = set()
        seen_wire: dict[str, int] = {}
        required: set[str] = set()
        for _, part in parts:
            req = part.get("required", [])
            if isinstance(req, list):
                required.update(r for r in req if isinstance(r, str))
        for part_at, part in parts:
            properties_at, properties = part_at.child("properties"), part.get("properties") or {}
            if isinstance(properties, dict) and isinstance(properties.get("$ref"), str):
                properties_at, properties = self.spec.follow(properties_at, properties)
            if not isinstance(properties, dict):
                self.errors.append(properties_at.error("must be a mapping"))
                continue
            for wire, prop in properties.items():
                wire = str(wire)
                prop_at = properties_at.child(wire)
                if wire in seen_wire:  # a later allOf part redefines the property
                    replaced = draft.fields.pop(seen_wire[wire])
                    taken.discard(replaced.py_name)
                    seen_wire = {f.wire_name: i for i, f in enumerate(draft.fields)}
                built = self._guard(self._field, prop_at, prop, wire, class_name, required, taken)
                if isinstance(built, ir.Field):
                    seen_wire[wire] = len(draft.fields)
                    draft.fields.append(built)
            extra = self._extra(part_at, part, class_name)
            if extra.mode != "keep":
                draft.extra = extra
        return ref

    def _field(
        self,
        at: Location,
        node: Any,
        wire: str,
        owner: str,
        required: set[str],
        taken: set[str],
    ) -> ir.Field:
        py_name = naming.attribute_name(wire, taken)
        hint = owner + naming.pascal_case(wire)
        field_type = self.type_of(at, node, hint)
        # Annotations beside a $ref (3.1) or on the property itself take precedence.
        own = node if isinstance(node, dict) else {}
        target = own
        if "$ref" in own:
            _, resolved = self.spec.follow(at, own)
            target = resolved if isinstance(resolved, dict) else {}

        def pick(key: str) -> Any:
            return own.get(key, target.get(key))

        is_required = wire in required
        nullable = isinstance(field_type, ir.NullableType)
        has_default = "default" in own or "default" in target
        default: ir.JsonValue | ir.EnumDefault = None
        mutable = False
        if has_default:
            has_default, default, mutable = self._default(at, pick("default"), field_type)
        return ir.Field(
            py_name=py_name,
            wire_name=wire,
            type=field_type,
            required=is_required,
            accepts_null=nullable or not is_required,
            description=_text(pick("description")),
            read_only=pick("readOnly") is True,
            path_segment=naming.json_path_segment(wire),
            has_default=has_default and not is_required,
            default=default,
            default_is_mutable=mutable,
            deprecated=pick("deprecated") is True,
        )

    def _default(
        self, at: Location, value: Any, field_type: ir.TypeRef
    ) -> tuple[bool, ir.JsonValue | ir.EnumDefault, bool]:
        """A default that can be written as a Python literal, checked against the type."""
        base = field_type.inner if isinstance(field_type, ir.NullableType) else field_type
        where = at.child("default")
        if value is None:
            if isinstance(field_type, ir.NullableType):
                return True, None, False
            return False, None, False
        if isinstance(base, ir.EnumRef):
            enum = next(e for e in self.enums.values() if e.name == base.name)
            for member in enum.members:
                if member.value == value:
                    return True, ir.EnumDefault(enum.name, member.py_name), False
            raise SpecErrors([where.error(f"default {value!r} is not one of the enum values")])
        if isinstance(base, ir.PrimitiveType):
            ok = {
                "str": isinstance(value, str),
                "int": isinstance(value, int) and not isinstance(value, bool),
                "float": isinstance(value, (int, float))
                and not isinstance(value, bool)
                and math.isfinite(value),
                "bool": isinstance(value, bool),
            }[base.python]
            if not ok:
                raise SpecErrors(
                    [where.error(f"default {value!r} does not match type {base.json_kind!r}")]
                )
            return True, value, False
        if isinstance(base, (ir.ArrayType, ir.MapType)) and _is_json(value):
            expected = list if isinstance(base, ir.ArrayType) else dict
            if not isinstance(value, expected):
                raise SpecErrors(
                    [where.error(f"default {value!r} does not match type {base.json_kind!r}")]
                )
            if _all_scalars(value):
                return True, value, True
        return False, None, False

    def _extra(self, at: Location, schema: dict[str, Any], owner: str) -> ir.ExtraProperties:
        additional = schema.get("additionalProperties", True)
        if additional is False:
            return ir.ExtraProperties("forbid")
        if isinstance(additional, dict) and additional:
            value = self.type_of(at.child("additionalProperties"), additional, owner + "Value")
            return ir.ExtraProperties("typed", _nested(at, ir.MapType(value)).value)
        return ir.ExtraProperties("keep")

    def _all_of(self, at: Location, schema: dict[str, Any], name: str) -> ir.TypeRef:
        parts = schema.get("allOf")
        if not isinstance(parts, list) or not parts:
            raise SpecErrors([at.child("allOf").error("allOf must be a non-empty list")])
        own_keys = set(schema) - {
            "allOf",
            "description",
            "title",
            "nullable",
            "readOnly",
            "writeOnly",
            "deprecated",
            "example",
            "examples",
            "default",
        }
        if len(parts) == 1 and not own_keys:
            return self.type_of(at.child("allOf", 0), parts[0], name)
        collected: list[tuple[Location, dict[str, Any]]] = []
        self._collect_parts(at, schema, collected, set())
        return self._model(at, name, schema, collected)

    def _collect_parts(
        self,
        at: Location,
        schema: dict[str, Any],
        out: list[tuple[Location, dict[str, Any]]],
        seen: set[Location],
        ancestors: tuple[Location, ...] = (),
    ) -> None:
        """Flatten nested allOf (through $refs) into the object schemas that make a model.

        A part met twice through different parents (a diamond) counts once; a part that is
        one of its own parents is an error."""
        if at in seen:
            return
        seen.add(at)
        ancestors += (at,)
        if len(ancestors) > MAX_SCHEMA_DEPTH:
            raise SpecErrors([at.error(f"allOf nested more than {MAX_SCHEMA_DEPTH} levels deep")])
        for index, part in enumerate(_list(schema.get("allOf"))):
            part_at, resolved = self.spec.follow(at.child("allOf", index), part)
            if part_at in ancestors:
                raise SpecErrors(
                    [at.child("allOf", index).error(f"allOf includes itself ({part_at.pointer})")]
                )
            if not isinstance(resolved, dict):
                raise SpecErrors([part_at.error("a schema must be a mapping")])
            if "oneOf" in resolved or "anyOf" in resolved:
                raise SpecErrors([part_at.error("allOf with a oneOf/anyOf part is not supported")])
            self._collect_parts(part_at, resolved, out, seen, ancestors)
        own = {k: v for k, v in schema.items() if k != "allOf"}
        if own.get("properties") or "required" in own or "additionalProperties" in own:
            out.append((at, own))

    def _enum(
        self, at: Location, schema: dict[str, Any], types: list[str], name: str
    ) -> ir.TypeRef:
        values = schema.get("enum")
        if not isinstance(values, list) or not values:
            raise SpecErrors([at.child("enum").error("enum must be a non-empty list")])
        kind = types[0] if types else "string"
        present = [v for v in values if v is not None]
        if kind != "string":
            for index, value in enumerate(present):
                expected: dict[str, tuple[type, ...]] = {
                    "integer": (int,),
                    "number": (int, float),
                    "boolean": (bool,),
                }
                if kind not in expected or not isinstance(value, expected[kind]):
                    raise SpecErrors(
                        [at.child("enum", index).error(f"enum value {value!r} is not {kind}")]
                    )
            return self._primitive(at, schema, kind)
        for index, value in enumerate(values):
            if value is not None and not isinstance(value, str):
                hint = (
                    " (YAML reads unquoted true/false as booleans: quote it)"
                    if isinstance(value, bool)
                    else ""
                )
                raise SpecErrors(
                    [at.child("enum", index).error(f"enum value {value!r} is not a string{hint}")]
                )
        ms_enum = self._ms_enum(at, schema)
        if isinstance(ms_enum.get("name"), str) and ms_enum["name"]:
            name = SpecName(ms_enum["name"])
        class_name = self._class_name(at, name)
        taken: set[str] = set()
        members = []
        seen: set[str] = set()
        descriptions = schema.get("x-enum-descriptions")
        ms_values = {
            v["value"]: v for v in ms_enum.get("values", []) if isinstance(v, dict) and "value" in v
        }
        for index, value in enumerate(values):
            if value is None:
                continue
            if value in seen:
                raise SpecErrors([at.child("enum", index).error(f"duplicate enum value {value!r}")])
            seen.add(value)
            description = None
            if isinstance(descriptions, list) and index < len(descriptions):
                description = _text(descriptions[index])
            member_name = value
            extra = ms_values.get(value)
            if extra is not None:
                description = _text(extra.get("description")) or description
                if isinstance(extra.get("name"), str) and extra["name"]:
                    member_name = extra["name"]
            members.append(
                ir.EnumMember(naming.enum_member_name(member_name, taken), value, description)
            )
        enum = ir.EnumType(
            name=class_name,
            description=_text(schema.get("description")),
            members=tuple(members),
            source=_source(at),
        )
        ref = ir.EnumRef(class_name)
        self.named[at] = ref
        self.order.append(at)
        self.enums[at] = enum
        return ref

    def _ms_enum(self, at: Location, schema: dict[str, Any]) -> dict[str, Any]:
        """AutoRest's `x-ms-enum` (name, modelAsString, values with names and descriptions).

        Every enum statusgen generates is open, so `modelAsString` needs no handling."""
        raw = schema.get("x-ms-enum")
        if raw is None:
            return {}
        where = at.child("x-ms-enum")
        if not isinstance(raw, dict):
            raise SpecErrors([where.error("x-ms-enum must be a mapping")])
        values = raw.get("values", [])
        if not isinstance(values, list):
            raise SpecErrors([where.child("values").error("must be a list")])
        listed = schema.get("enum") or []
        for index, value in enumerate(values):
            if not isinstance(value, dict) or "value" not in value:
                raise SpecErrors([where.child("values", index).error("needs a 'value'")])
            if value["value"] not in listed:
                raise SpecErrors(
                    [
                        where.child("values", index, "value").error(
                            f"{value['value']!r} is not one of the enum values"
                        )
                    ]
                )
        return raw

    def _union(self, at: Location, schema: dict[str, Any], name: str) -> tuple[ir.TypeRef, bool]:
        keyword = "oneOf" if "oneOf" in schema else "anyOf"
        options = schema.get(keyword)
        if not isinstance(options, list) or not options:
            raise SpecErrors([at.child(keyword).error(f"{keyword} must be a non-empty list")])
        nullable = False
        real: list[tuple[int, Any]] = []
        for index, option in enumerate(options):
            option_at, resolved = self.spec.follow(at.child(keyword, index), option)
            if isinstance(resolved, dict) and resolved.get("type") == "null":
                nullable = True
            else:
                real.append((index, option))
        if len(real) == 1:
            index, option = real[0]
            return self.type_of(at.child(keyword, index), option, name), nullable
        class_name = self._class_name(at, name)
        function = naming.function_name(
            "parse_" + naming.snake_case(class_name), self.function_names
        )
        draft = _UnionDraft(class_name, function, at, _text(schema.get("description")))
        self.named[at] = ir.UnionRef(class_name, function)
        self.order.append(at)
        self.unions[at] = draft
        for position, (index, option) in enumerate(real, start=1):
            option_at = at.child(keyword, index)
            variant_type = self.type_of(option_at, option, f"{name}{position}")
            target = self.spec.follow(option_at, option)[0]
            draft.variants.append((variant_type, target))
        discriminator = schema.get("discriminator")
        if discriminator is not None:
            self._discriminator(at.child("discriminator"), discriminator, draft)
        return ir.UnionRef(class_name, function), nullable

    def _discriminator(self, at: Location, node: Any, draft: _UnionDraft) -> None:
        if isinstance(node, str) and self.spec.is_swagger2:
            node = {"propertyName": node}
        if not isinstance(node, dict) or not isinstance(node.get("propertyName"), str):
            raise SpecErrors([at.error("discriminator needs a string propertyName")])
        draft.discriminator = node["propertyName"]
        mapping = node.get("mapping") or {}
        if not isinstance(mapping, dict):
            raise SpecErrors([at.child("mapping").error("mapping must be a mapping")])
        targets = {loc for _, loc in draft.variants if loc is not None}
        for tag, ref in mapping.items():
            where = at.child("mapping", str(tag))
            if not isinstance(ref, str):
                raise SpecErrors([where.error("mapping values must be strings")])
            if "#" not in ref and "/" not in ref and not ref.endswith((".yaml", ".yml", ".json")):
                ref = ("#/definitions/" if self.spec.is_swagger2 else "#/components/schemas/") + ref
            target, _ = self.spec.follow(where, {"$ref": ref})
            if target not in targets:
                raise SpecErrors([where.error(f"{ref!r} is not one of the union's variants")])
            draft.mapping[str(tag)] = target

    # --- finishing --------------------------------------------------------------------------

    def _finish_models(self) -> dict[Location, ir.Model]:
        return {
            loc: ir.Model(
                name=d.name,
                description=d.description,
                fields=tuple(d.fields),
                extra=d.extra,
                source=_source(loc),
            )
            for loc, d in self.models.items()
        }

    def _finish_unions(self, models: dict[Location, ir.Model]) -> tuple[ir.UnionType, ...]:
        """Work out how each variant is recognised, now that every model is complete."""
        by_name = {m.name: m for m in models.values()}
        self._union_cycles()
        finished = []
        for loc in self.order:
            draft = self.unions.get(loc)
            if draft is None:
                continue
            keys_of: list[set[str]] = []
            for variant_type, _ in draft.variants:
                model = by_name.get(getattr(variant_type, "name", ""))
                keys_of.append({f.wire_name for f in model.fields} if model else set())
            variants = []
            kinds_seen: set[str] = set()
            for index, (variant_type, target) in enumerate(draft.variants):
                kind = variant_type.json_kind
                model = by_name.get(getattr(variant_type, "name", ""))
                if kind != "object" and kind in kinds_seen:
                    self.errors.append(
                        draft.location.error(f"two variants of kind {kind!r} cannot be told apart")
                    )
                kinds_seen.add(kind)
                others = set().union(*(k for i, k in enumerate(keys_of) if i != index))
                tags: tuple[str, ...] = ()
                if draft.discriminator is not None:
                    tags = tuple(t for t, loc in draft.mapping.items() if loc == target)
                    if not tags and target is not None:
                        tags = (self._name_for(target, ""),)
                variants.append(
                    ir.UnionVariant(
                        type=variant_type,
                        json_kind=kind,
                        required_keys=tuple(sorted(f.wire_name for f in model.fields if f.required))
                        if model
                        else (),
                        marker_keys=tuple(sorted(keys_of[index] - others)),
                        discriminator_values=tags,
                    )
                )
            if draft.discriminator is not None:
                for variant in variants:
                    if variant.json_kind != "object" or not isinstance(variant.type, ir.ModelRef):
                        self.errors.append(
                            draft.location.error("a discriminated union may only hold objects")
                        )
                        break
            finished.append(
                ir.UnionType(
                    name=draft.name,
                    parse_function=draft.parse_function,
                    description=draft.description,
                    variants=tuple(variants),
                    discriminator=draft.discriminator,
                    source=_source(loc),
                )
            )
        return tuple(finished)

    def _union_cycles(self) -> None:
        """A union that holds itself, directly or through other unions, could never decide
        a value (parsing it would recurse for ever): an error."""
        inner: dict[str, list[str]] = {}
        for draft in self.unions.values():
            names = []
            for variant_type, _ in draft.variants:
                if isinstance(variant_type, ir.NullableType):
                    variant_type = variant_type.inner
                if isinstance(variant_type, ir.UnionRef):
                    names.append(variant_type.name)
            inner[draft.name] = names
        for draft in self.unions.values():
            reached, stack = set(), list(inner[draft.name])
            while stack:
                name = stack.pop()
                if name == draft.name:
                    self.errors.append(draft.location.error("the union includes itself"))
                    break
                if name not in reached:
                    reached.add(name)
                    stack.extend(inner.get(name, ()))

    # --- endpoints --------------------------------------------------------------------------

    def _endpoints(self, root: dict[str, Any], entry: Location) -> list[ir.Endpoint]:
        paths = root.get("paths") or {}
        if not isinstance(paths, dict):
            self.errors.append(entry.child("paths").error("paths must be a mapping"))
            return []
        endpoints = []
        used: set[str] = set()
        for path, item in paths.items():
            item_at, item = self.spec.follow(entry.child("paths", path), item)
            if not isinstance(item, dict) or not isinstance(item.get("get"), dict):
                continue
            built = self._guard(self._endpoint, item_at, item, str(path), used)
            if isinstance(built, ir.Endpoint):
                endpoints.append(built)
        return endpoints

    def _endpoint(
        self, item_at: Location, item: dict[str, Any], path: str, used: set[str]
    ) -> ir.Endpoint:
        at, operation = self.spec.follow(item_at.child("get"), item["get"])
        if not isinstance(operation, dict):
            raise SpecErrors([at.error("an operation must be a mapping")])
        operation_id = operation.get("operationId")
        if not isinstance(operation_id, str) or not operation_id:
            operation_id = "get " + path
        py_name = naming.function_name(naming.snake_case(operation_id), used)
        parameters = self._parameters(item_at, item, at, operation)
        responses = []
        raw_responses = operation.get("responses")
        if not isinstance(raw_responses, dict):
            raw_responses = {}
        for code, response in raw_responses.items():
            code = str(code)
            response_at, response = self.spec.follow(at.child("responses", code), response)
            if not isinstance(response, dict):
                continue
            schema_at, schema = self._json_schema(response_at, response, operation)
            model_name = None
            body_type: ir.TypeRef | None = None
            if schema is not None:
                hint = naming.pascal_case(operation_id) + (
                    "Response" if code == "200" else f"Response{naming.pascal_case(code)}"
                )
                body_type = self.type_of(schema_at, schema, hint)
                if isinstance(body_type, ir.ModelRef):
                    model_name = body_type.name
            responses.append(
                ir.Response(code, model_name, _text(response.get("description")), body_type)
            )
        return ir.Endpoint(
            operation_id=operation_id,
            py_name=py_name,
            method="GET",
            path=path,
            parameters=parameters,
            responses=tuple(responses),
            role="get",
            status_model=None,
            description=_text(operation.get("description") or operation.get("summary")),
            source=_source(at),
        )

    def _json_schema(
        self, at: Location, response: dict[str, Any], operation: dict[str, Any]
    ) -> tuple[Location, Any]:
        """The JSON body schema of a response: 3.x `content`, or 2.0 `schema` + `produces`."""
        if self.spec.is_swagger2:
            produces = operation.get("produces", self.spec.root.get("produces"))
            json_ok = produces is None or (
                isinstance(produces, list) and any(_is_json_media(str(m)) for m in produces)
            )
            if json_ok and "schema" in response:
                return at.child("schema"), response["schema"]
            return at, None
        content = response.get("content")
        if not isinstance(content, dict):
            return at, None
        for media_type, body in content.items():
            if _is_json_media(str(media_type)):
                if isinstance(body, dict) and "schema" in body:
                    return at.child("content", str(media_type), "schema"), body["schema"]
        return at, None

    def _parameters(
        self,
        item_at: Location,
        item: dict[str, Any],
        at: Location,
        operation: dict[str, Any],
    ) -> tuple[ir.Parameter, ...]:
        merged: dict[tuple[str, str], tuple[Location, dict[str, Any]]] = {}
        for base_at, source in ((item_at, item), (at, operation)):
            for index, raw in enumerate(_list(source.get("parameters"))):
                param_at, param = self.spec.follow(base_at.child("parameters", index), raw)
                if not isinstance(param, dict):
                    raise SpecErrors([param_at.error("a parameter must be a mapping")])
                name, location = param.get("name"), param.get("in")
                if not isinstance(name, str) or location not in {
                    "path",
                    "query",
                    "header",
                    "cookie",
                    "body",
                    "formData",
                }:
                    raise SpecErrors([param_at.error("a parameter needs a name and a valid 'in'")])
                merged[(name, location)] = (param_at, param)
        taken: set[str] = set()
        parameters = []
        for (name, location), (param_at, param) in merged.items():
            if location in {"cookie", "body", "formData"}:
                continue
            if self.spec.is_swagger2:  # a 2.0 parameter carries type/format/enum itself
                schema_at = param_at
                schema = {k: v for k, v in param.items() if k not in {"name", "in", "required"}}
            else:
                schema_at = param_at.child("schema")
                schema = param.get("schema", {})
            resolved = self.spec.follow(schema_at, schema)[1]
            if isinstance(resolved, dict) and "enum" in resolved and "$ref" not in schema:
                # An inline enum on a parameter is a constraint, not a type worth a class.
                types, _ = self._types(schema_at, resolved)
                param_type = self._primitive(schema_at, resolved, types[0] if types else "string")
            else:
                param_type = self.type_of(schema_at, schema, naming.pascal_case(name))
            constant = None
            if isinstance(resolved, dict):
                values = resolved.get("enum")
                if isinstance(values, list) and len(values) == 1 and isinstance(values[0], str):
                    constant = values[0]
                elif isinstance(resolved.get("const"), str):
                    constant = resolved["const"]
            parameters.append(
                ir.Parameter(
                    py_name=naming.function_name(name, taken),
                    wire_name=name,
                    location=location,
                    required=location == "path" or param.get("required") is True,
                    type=param_type,
                    constant=constant,
                    description=_text(param.get("description")),
                )
            )
        return tuple(parameters)


def _list(value: Any) -> list[Any]:
    """A list from the spec, or nothing when absent or not a list (the validator says why)."""
    return value if isinstance(value, list) else []


def _nested(at: Location, container: _Container) -> _Container:
    """`container`, unless arrays and maps now sit more than MAX_TYPE_NESTING deep in it."""
    depth = 0
    inner: ir.TypeRef = container
    while isinstance(inner, (ir.ArrayType, ir.MapType, ir.NullableType)):
        if isinstance(inner, ir.ArrayType):
            depth, inner = depth + 1, inner.item
        elif isinstance(inner, ir.MapType):
            depth, inner = depth + 1, inner.value
        else:
            inner = inner.inner
    if depth > MAX_TYPE_NESTING:
        raise SpecErrors(
            [at.error(f"arrays and maps nested more than {MAX_TYPE_NESTING} levels deep")]
        )
    return container


_PEP440 = re.compile(
    r"v?(?:\d+!)?\d+(?:\.\d+)*(?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?\d*)?"
    r"(?:-\d+|[-_.]?(?:post|rev|r)[-_.]?\d*)?(?:[-_.]?dev[-_.]?\d*)?"
    r"(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?",
    re.IGNORECASE | re.ASCII,
)


def _distribution_version(value: Any) -> str:
    """info.version when pip accepts it as a version (PEP 440), else 0.0.0."""
    text = str(value).strip() if value is not None else ""
    return text if _PEP440.fullmatch(text) else "0.0.0"


def _is_json_media(media_type: str) -> bool:
    media = media_type.split(";")[0].strip().lower()
    return media == "application/json" or media.endswith("+json") or media == "*/*"


def _text(value: Any) -> str | None:
    """A description as text: None when absent or empty; never a non-string."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _source(at: Location) -> ir.Source:
    return ir.Source(at.error("").file, at.pointer)


def _is_json(value: Any) -> bool:
    return value is None or isinstance(value, (bool, int, float, str, list, dict))


def _all_scalars(value: Any) -> bool:
    items = value.values() if isinstance(value, dict) else value
    return all(isinstance(v, (bool, int, float, str)) or v is None for v in items)


def parse(spec: Spec, package_name: str | None = None) -> ir.Package:
    """The IR of one loaded spec, or SpecErrors listing every problem found. `package_name`
    (from the configuration) overrides info.x-statusgen.package and the file stem."""
    return Parser(spec, package_name).parse()
