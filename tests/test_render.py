"""Rendering a tiny spec in-process, through `render.render_package` and `pipeline.generate`
only (the public faces of the render stage): which files, what the module text says, and that
the formatted package imports and works."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from conftest import HEADER, write_files
from statusgen import pipeline, render
from statusgen.options import RunOptions
from statusgen.output import write

SPEC = """\
openapi: 3.0.3
info: {title: Tiny, version: "1", x-statusgen: {package: tiny}}
paths:
  /jobs/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        "200":
          description: the job
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Job"}
components:
  schemas:
    Job:
      type: object
      description: A job that ends.
      required: [state]
      properties:
        state: {$ref: "#/components/schemas/JobState"}
        createdAt: {type: string, format: date-time}
        from: {type: integer}
        error: {type: string}
    JobState:
      type: string
      enum: [running, succeeded, failed]
"""


@pytest.fixture(scope="module")
def spec(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tiny")
    write_files(root, {"tiny.yaml": SPEC})
    return root / "tiny.yaml"


def test_render_package_gives_every_module_with_the_header(spec: Path) -> None:
    package = pipeline.build_package(spec).package
    rendered = render.render_package(package)
    assert {"tiny/__init__.py", "tiny/models.py", "tiny/pollers.py", "tiny/py.typed"} <= set(
        rendered
    )
    for path, source in rendered.items():
        assert source.text.startswith(HEADER), path
        if path.endswith(".py"):
            compile(source.text, path, "exec")


def test_models_text_says_what_the_spec_says(spec: Path) -> None:
    package = pipeline.build_package(spec).package
    models = render.render_package(package)["tiny/models.py"].text
    assert "class Job(StatusModel):" in models
    assert "A job that ends." in models
    assert "class JobState(" in models
    assert "from_: " in models  # a keyword attribute is mangled
    assert '"createdAt"' in models and "created_at: " in models
    pollers = render.render_package(package)["tiny/pollers.py"].text
    assert "class JobPoller" in pollers and "class AsyncJobPoller" in pollers


def test_the_generated_package_imports_and_round_trips(
    spec: Path, tmp_path: Path, fresh_import: Callable[[Path, str], ModuleType]
) -> None:
    files = pipeline.generate(RunOptions.of([spec])).files
    out = tmp_path / "out"
    out.mkdir()
    write.apply(write.plan(out, files, None))
    tiny = fresh_import(out, "tiny")
    body = {"state": "failed", "createdAt": "2024-01-02T03:04:05Z", "from": 3, "error": "boom"}
    job = tiny.Job.from_dict(body)
    assert job.from_ == 3 and job.state is tiny.JobState.FAILED
    assert job.is_failure
    assert job.to_dict() == body
    assert tiny.Job.from_dict(job.to_dict()) == job
    with pytest.raises(tiny.ValidationError, match=r"\$\.from"):
        tiny.Job.from_dict({"state": "running", "from": "three"})


def test_schemas_named_like_the_runtime_bases_keep_their_bases(
    tmp_path: Path, fresh_import: Callable[[Path, str], ModuleType]
) -> None:
    """Every model derives from the runtime's `Model` (a status model from `StatusModel`), so
    a schema of either name must not take the name the base class is imported under."""
    text = SPEC.replace("tiny}", "clash}").replace("Job", "StatusModel")
    text += "    Model:\n      type: object\n      properties:\n        n: {type: integer}\n"
    write_files(tmp_path, {"clash.yaml": text})
    files = pipeline.generate(RunOptions.of([tmp_path / "clash.yaml"], models="all")).files
    out = tmp_path / "out"
    out.mkdir()
    write.apply(write.plan(out, files, None))
    clash = fresh_import(out, "clash")
    job = clash.StatusModelModel.from_dict({"state": "failed", "from": 1})
    assert job.is_failure and job.to_dict() == {"state": "failed", "from": 1}
    assert clash.ModelModel.from_dict({"n": 2}).to_dict() == {"n": 2}
