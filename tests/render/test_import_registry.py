"""The import registry: a generated module imports exactly the
names its templates and kind macros asked for while rendering, nothing read back from text."""

from __future__ import annotations

import ast
import builtins
import importlib
import inspect
import sys
import uuid
from pathlib import Path

import pytest
from statusgen import ir, kinds, render
from statusgen.input import load
from statusgen.input.discover import find_entry_documents
from statusgen.kinds.base import MODELS, MODULE, POLLING, RUNTIME, TYPE_CHECKING, TYPING
from statusgen.parser import parse
from statusgen.render.env import environment
from statusgen.render.imports import import_block, recording, use
from statusgen.render.views import default_expression, model_view
from statusgen.runtime import names as exports
from statusgen.ui.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_a_name_used_outside_a_recording_is_an_error() -> None:
    with pytest.raises(LookupError):
        use("parse_payload")


def test_a_name_the_runtime_does_not_export_is_an_error() -> None:
    with recording(), pytest.raises(LookupError, match="_runtime does not export 'parse_uuid4'"):
        use("parse_uuid4")


def test_exports_come_from_the_runtime_modules() -> None:
    assert {"parse_datetime", "StatusRule", "MAX_DEPTH", "UNSET"} <= exports(RUNTIME)
    assert "_too_deep" not in exports(RUNTIME)
    assert {"Poller", "AsyncResultPoller", "expand_path"} <= exports(POLLING)


def test_the_import_block_groups_sorts_and_leaves_out_the_module_itself() -> None:
    used = {
        (MODULE, "datetime"),
        (MODULE, "dataclasses"),
        (TYPING, "TypeAlias"),
        (TYPING, "Any"),
        (TYPE_CHECKING, "httpx"),
        (RUNTIME, "parse_payload"),
        (RUNTIME, "UNSET"),
        (RUNTIME, "OpenEnum"),
        (POLLING, "Poller"),
        (MODELS, "Job"),
    }
    assert import_block(used, MODELS) == (
        "import dataclasses\nimport datetime\n"
        "from typing import TYPE_CHECKING, Any, TypeAlias\n\n"
        "if TYPE_CHECKING:\n    import httpx\n\n"
        "from ._polling import Poller\n"
        "from ._runtime import UNSET, OpenEnum, parse_payload"
    )
    assert import_block({(MODELS, "Job"), (RUNTIME, "UNSET")}, "pollers") == (
        "from ._runtime import UNSET\nfrom .models import Job"
    )


def _imported(tree: ast.Module) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module != "__future__":
            names.update(alias.asname or alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def _referenced(tree: ast.Module) -> set[str]:
    """Names the code refers to, with the string type aliases and forward-referenced class
    bases (what the ast scan the registry replaced looked at)."""
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    strings: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.AnnAssign) and isinstance(node.value, ast.Constant):
            if isinstance(node.annotation, ast.Name) and node.annotation.id == "TypeAlias":
                strings.append(str(node.value.value))
        elif isinstance(node, ast.ClassDef):
            strings += [
                str(n.value)
                for base in node.bases
                for n in ast.walk(base)
                if isinstance(n, ast.Constant) and isinstance(n.value, str)
            ]
    for text in strings:
        names |= {n.id for n in ast.walk(ast.parse(text, mode="eval")) if isinstance(n, ast.Name)}
    return names


def _defined(tree: ast.Module) -> set[str]:
    names = set(dir(builtins))
    for node in ast.walk(tree):
        if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
        elif isinstance(node, ast.comprehension):
            names |= {n.id for n in ast.walk(node.target) if isinstance(n, ast.Name)}
    return names


SPECS = [str(p.relative_to(ROOT)) for p in find_entry_documents(ROOT / "specs")]


@pytest.mark.parametrize("spec", SPECS)
def test_every_import_is_used_and_every_name_used_is_imported(spec: str) -> None:
    """What the registry recorded, checked against the code (the ast scan it replaced)."""
    package = parse.parse(load.load(ROOT / spec))
    for path, source in render.render_package(package).items():
        if not path.endswith(("models.py", "pollers.py")):
            continue
        tree = ast.parse(source.text)
        imported = _imported(tree)
        referenced = _referenced(tree)
        assert imported <= referenced, (path, imported - referenced)
        assert not referenced - imported - _defined(tree), path


def test_field_and_union_decisions_are_taken_in_python_not_in_templates() -> None:
    """The IR and the views built from it decide; the templates only print."""
    enum_field = ir.Field(
        py_name="state", wire_name="state", type=kinds.EnumRef("State"), required=False,
        description=None, read_only=False, path_segment=".state",
        has_default=True, default=ir.EnumDefault("State", "DONE"),
    )  # fmt: skip
    assert default_expression(enum_field) == "State.DONE"
    assert enum_field.annotation_names == ((MODELS, "State"), (RUNTIME, "Unset"))
    listed = ir.Field(
        py_name="items", wire_name="items", type=kinds.ArrayType(kinds.AnyType()), required=True,
        description=None, read_only=False, path_segment=".items",
        has_default=True, default="x",
    )  # fmt: skip
    assert default_expression(listed) is None
    model = ir.Model("Job", None, (listed,), ir.ExtraProperties("keep"), ir.Source("f", "#"))
    assert model.status_constant == "_Job_STATUS"
    later = ir.Model("Job", None, (enum_field, listed), ir.ExtraProperties("keep"),
                     ir.Source("f", "#"))  # fmt: skip
    with recording():
        view = model_view(later, environment().globals["kinds"])
    assert view.declarations == ("items: list[Any]", "state: State | None | Unset = State.DONE")
    assert view.attributes == ('_wire = {"state": "state", "items": "items"}',)

    def variant(name: str) -> ir.UnionVariant:
        return ir.UnionVariant(kinds.ModelRef(name), "object", (name.lower(),))

    shaped = ir.UnionType("U", "parse_u", None, (variant("A"), variant("B"), variant("C")), None,
                          ir.Source("f", "#"))  # fmt: skip
    assert shaped.object_dispatch == "shape"
    assert [i for i, _ in shaped.shape_branches] == [0, 1, None]
    tagged = ir.UnionType("U", "parse_u", None, (variant("A"),), "kind", ir.Source("f", "#"))
    assert tagged.object_dispatch == "tag"
    assert tagged.annotation_names == ((MODELS, "A"), (TYPING, "Any"))


def test_ir_reexports_the_kind_nodes_with_their_signatures() -> None:
    assert ir.PrimitiveType is kinds.PrimitiveType
    assert ir.PrimitiveType("str", "email").format == "email"
    assert ir.ArrayType(ir.NullableType(ir.DateType())).item.inner == ir.DateType()
    assert ir.TypeRef == kinds.TypeRef


INLINE = """\
openapi: 3.0.3
info: {title: Kinds, version: "1"}
paths:
  /jobs/{id}:
    get:
      operationId: getJob
      parameters: [{name: id, in: path, required: true, schema: {type: string, format: uuid}}]
      responses:
        "200":
          description: the job
          content: {application/json: {schema: {$ref: "#/components/schemas/Job"}}}
components:
  schemas:
    State: {type: string, enum: [queued, running, done, failed]}
    Job:
      type: object
      required: [id, state, created]
      properties:
        id: {type: integer}
        state: {$ref: "#/components/schemas/State"}
        created: {type: string, format: date-time}
        day: {type: string, format: date, nullable: true}
        ratio: {type: number}
        ref: {type: string, format: uuid}
        tags: {type: array, items: {type: string, format: date}}
        labels: {type: object, additionalProperties: {$ref: "#/components/schemas/Step"}}
        anything: {}
        step: {oneOf: [{$ref: "#/components/schemas/Step"}, {type: integer}]}
        priority: {$ref: "#/components/schemas/State", default: queued}
    Step:
      type: object
      required: [name]
      properties:
        name: {type: string}
        at: {type: string, format: date-time}
"""

PAYLOAD = {
    "id": 7,
    "state": "running",
    "created": "2026-12-01T03:00:00Z",
    "day": None,
    "ratio": 0.5,
    "ref": "0b5b1b57-8d7a-4d7e-9a2a-3a7f8c1f2e11",
    "tags": ["2026-12-01"],
    "labels": {"a": {"name": "fetch", "at": "2026-12-01T03:00:01+01:00"}},
    "anything": [1, {"x": None}],
    "step": 3,
    "shiny": True,
}


def test_an_inline_spec_with_every_kind_generates_code_that_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "kinds.yaml").write_text(INLINE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["generate", "--out", "out", "kinds.yaml"]) == 0
    capsys.readouterr()
    monkeypatch.syspath_prepend(str(tmp_path / "out"))
    for name in [n for n in sys.modules if n == "kinds" or n.startswith("kinds.")]:
        monkeypatch.delitem(sys.modules, name)
    package = importlib.import_module("kinds")
    job = package.Job.from_dict(PAYLOAD)
    assert job.state is package.State.RUNNING
    assert job.created.utcoffset() is not None
    assert job.tags[0].isoformat() == "2026-12-01"
    assert job.labels["a"].at.hour == 3
    assert job.step == 3
    assert job.ref == uuid.UUID(PAYLOAD["ref"])
    assert job.priority is package.UNSET
    assert job.to_dict() == PAYLOAD
    assert package.Job.from_dict({**PAYLOAD, "step": {"name": "x"}}).step == package.Step(name="x")
    with pytest.raises(package.ValidationError, match=r"\$\.tags\[0\]"):
        package.Job.from_dict({**PAYLOAD, "tags": ["today"]})
    built = package.Job(id=1, state=package.State.DONE, created=job.created)
    assert built.priority is package.State.QUEUED
    assert built.to_dict()["priority"] == "queued"
    pollers = importlib.import_module("kinds.pollers")
    parameter = inspect.signature(pollers.JobPoller.from_client).parameters["id"]
    assert parameter.annotation == "uuid.UUID"
