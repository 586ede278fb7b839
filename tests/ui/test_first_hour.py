"""What a new user hits in the first hour, each through the CLI (in-process: the
same `cli.main` the console script runs; the findings that need a real process — a closed
pipe, installed copies, pip — are in test_check_in_a_pipe.py, test_wheel.py and
test_project_builds.py)."""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

from conftest import UPSTREAM, run_cli, spec_with_schemas, write_files
from report_lines import commands, objects
from statusgen.render.filters import docstring
from statusgen.ui import cli

JOB = """
Job:
  type: object
  properties:
    id: {type: string}
"""
TWO = """
Task:
  type: object
  properties:
    id: {type: string}
Other:
  type: object
  properties:
    x: {type: integer}
"""


def spec(title: str, schemas: str = JOB) -> str:
    return spec_with_schemas(
        schemas, f'openapi: 3.0.3\ninfo: {{title: {title}, version: "1"}}\npaths: {{}}\n'
    )


def classes(out: Path, package: str) -> list[str]:
    text = (out / package / "models.py").read_text(encoding="utf-8")
    return [line.split("(")[0][6:] for line in text.splitlines() if line.startswith("class ")]


# --- 4: package names never need a spec edit ------------------------------------------------


def test_a_stem_that_is_no_package_name_takes_one_from_the_title(tmp_path: Path) -> None:
    """`specs/1.0.yaml` generates, named from info.title, with one warning saying how to
    choose another; `--package` and `package =` choose it without a warning."""
    write_files(tmp_path, {"specs/1.0.yaml": spec("Face API")})
    run = run_cli(["generate"], tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stderr.splitlines() == [
        "specs/1.0.yaml:1:1: #: warning: '1.0' is not a valid Python package name: the package "
        "is named 'face_api', from info.title; choose another with --package NAME, or package = "
        '"NAME" under [tool.statusgen.packages."specs/1.0.yaml"] in pyproject.toml',
        "statusgen: 1 warning",
    ]
    assert classes(tmp_path / "generated", "face_api") == ["Job"]
    again = run_cli(["generate"], tmp_path)  # warned once: an up-to-date run says nothing
    assert (again.returncode, again.stderr) == (0, "")

    chosen = run_cli(["generate", "specs/1.0.yaml", "--package", "my_face", "--out", "o"], tmp_path)
    assert (chosen.returncode, chosen.stderr) == (0, "")
    assert classes(tmp_path / "o", "my_face") == ["Job"]
    write_files(
        tmp_path,
        {"pyproject.toml": '[tool.statusgen.packages."specs/1.0.yaml"]\npackage = "faces"\n'},
    )
    configured = run_cli(["generate", "--out", "p"], tmp_path)
    assert (configured.returncode, configured.stderr) == (0, "")
    assert (tmp_path / "p" / "faces" / "models.py").is_file()


def test_a_title_that_is_no_name_either_leaves_the_folder(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "specs/face/2.1.json": json.dumps(
                {
                    "openapi": "3.0.3",
                    "info": {"title": "2.1", "version": "1"},
                    "paths": {},
                    "components": {"schemas": {"Job": {"type": "object"}}},
                }
            )
        },
    )
    run = run_cli(["generate"], tmp_path)
    assert run.returncode == 0, run.stderr
    assert "the package is named 'face', from its folder" in run.stderr
    assert (tmp_path / "generated" / "face" / "models.py").is_file()


def test_package_needs_one_spec(tmp_path: Path) -> None:
    write_files(tmp_path, {"specs/a.yaml": spec("A"), "specs/b.yaml": spec("B")})
    run = run_cli(["generate", "--package", "x"], tmp_path)
    assert run.returncode == 2
    assert run.stderr.startswith("statusgen: --package needs exactly one SPEC")
    bad = run_cli(["generate", "specs/a.yaml", "--package", "class"], tmp_path)
    assert bad.returncode == 2 and "--package 'class' is a Python keyword" in bad.stderr
    assert not (tmp_path / "generated").exists()


# --- 5: --models with several specs, and per spec ---------------------------------------------


def test_models_names_apply_where_they_exist(tmp_path: Path) -> None:
    """`--models Task` for two specs: b keeps Task, a (which has no Task) keeps its
    default; a name no spec has is refused, and nothing is written."""
    write_files(tmp_path, {"specs/a.yaml": spec("A"), "specs/b.yaml": spec("B", TWO)})
    run = run_cli(["generate", "--models", "Task"], tmp_path)
    assert (run.returncode, run.stderr) == (0, "")
    assert classes(tmp_path / "generated", "b") == ["Task"]
    assert classes(tmp_path / "generated", "a") == ["Job"]
    nowhere = run_cli(["generate", "--models", "Task,Nope", "--out", "x"], tmp_path)
    assert nowhere.returncode == 2
    assert nowhere.stderr == "statusgen: --models names 'Nope', which no spec of this run has\n"
    assert not (tmp_path / "x").exists()


def test_models_per_spec_in_pyproject(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "specs/a.yaml": spec("A"),
            "specs/b.yaml": spec("B", TWO),
            "pyproject.toml": '[tool.statusgen.packages."specs/b.yaml"]\nmodels = ["Other"]\n',
        },
    )
    run = run_cli(["generate"], tmp_path)
    assert (run.returncode, run.stderr) == (0, "")
    assert classes(tmp_path / "generated", "b") == ["Other"]
    assert classes(tmp_path / "generated", "a") == ["Job"]
    write_files(
        tmp_path, {"pyproject.toml": '[tool.statusgen.packages."specs/b.yaml"]\nmodels = ["Job"]\n'}
    )
    strict = run_cli(["generate"], tmp_path)  # per spec: a name of that spec, or an error
    assert strict.returncode == 2
    assert (
        "specs/b.yaml:1:1: #: --models names 'Job', which is not a schema of this spec"
        in strict.stderr
    )


# --- 6: configuration errors, with lines and TOML keys ------------------------------------------


def test_config_errors_name_toml_keys_and_lines(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "specs/a.yaml": spec("A"),
            "pyproject.toml": '[project]\nname = "x"\n\n[tool.statusgen]\nout = "gen"\n\n'
            '[tool.statusgen.packages."specs/1.0.yaml"]\npackage = "face"\n',
        },
    )
    run = run_cli(["generate"], tmp_path)
    assert run.returncode == 2
    assert run.stderr.splitlines() == [
        'pyproject.toml:7:1: tool.statusgen.packages."specs/1.0.yaml": no such spec file: '
        "specs/1.0.yaml"
    ]
    write_files(tmp_path, {"pyproject.toml": '[tool.statusgen]\nspecs = ["specs", 3]\n'})
    run = run_cli(["generate", "--output-format", "json"], tmp_path)
    diagnostic, _ = objects(run.stdout)
    assert diagnostic["pointer"] == "tool.statusgen.specs[1]"
    assert (diagnostic["line"], diagnostic["column"]) == (2, 1)


# --- 7 and 9: what discovery skips, it says; shared components are no package -----------------


def test_a_misspelled_version_key_is_a_warning_naming_the_file(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "specs/a.yaml": spec("A"),
            "specs/b.yaml": spec("B").replace("openapi: 3.0.3", "openapi3: 3.0.3"),
            "specs/fragment.yaml": JOB,  # a fragment: nothing to say
        },
    )
    run = run_cli(["generate"], tmp_path)
    assert run.returncode == 0
    assert run.stderr.splitlines() == [
        "specs/b.yaml:1:1: #: warning: looks like an OpenAPI document, but its top-level key "
        "'openapi3' is not 'openapi': it is not generated",
        "statusgen: 1 warning",
    ]
    assert sorted(p.name for p in (tmp_path / "generated").iterdir()) == ["a"]
    strict = run_cli(["generate", "--strict", "--out", "s"], tmp_path)
    assert strict.returncode == 2 and "specs/b.yaml:1:1: #: looks like" in strict.stderr


def test_azure_face_as_published_is_one_package(tmp_path: Path) -> None:
    """Common/Parameters.json (swagger 2.0, no paths, reached by Face.json's `$ref`s) is
    a fragment, not a package `parameters`."""
    shutil.copytree(UPSTREAM / "azure-face-v1.0", tmp_path / "specs")
    run = run_cli(["generate", "-q"], tmp_path)
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in (tmp_path / "generated").iterdir()) == ["face"]
    alone = run_cli(["generate", "specs/Common/Parameters.json", "--out", "x"], tmp_path)
    assert alone.returncode == 0, alone.stderr  # named on the command line, it is generated


# --- 8: usage errors through the output format ----------------------------------------------


def test_usage_errors_go_through_every_output_format(tmp_path: Path) -> None:
    (tmp_path / "specs").mkdir()
    text = run_cli(["generate"], tmp_path)
    assert text.returncode == 2
    assert (
        text.stderr
        == "statusgen: no entry documents (files with an 'openapi' or 'swagger' key) found\n"
    )
    as_json = run_cli(["generate", "--output-format", "json"], tmp_path)
    assert as_json.returncode == 2 and as_json.stderr == ""
    diagnostic, summary = objects(as_json.stdout)
    assert diagnostic["severity"] == "error" and "no entry documents" in str(diagnostic["message"])
    assert summary["exit_status"] == 2 and "no entry documents" in str(summary["reason"])
    github = run_cli(["generate", "--output-format=github"], tmp_path)
    assert github.returncode == 2 and github.stderr == ""
    (command,) = commands(github.stdout)
    assert command["severity"] == "error" and "no entry documents" in command["message"]
    # argparse's own errors too, whichever side of the bad argument the format is given
    bad = run_cli(["generate", "--models", "--output-format", "json"], tmp_path)
    assert bad.returncode == 2
    assert "expected one argument" in str(objects(bad.stdout)[-1]["reason"])
    bad = run_cli(["generate", "--output-format", "github", "--frobnicate"], tmp_path)
    assert commands(bad.stdout)[0]["message"] == "unrecognized arguments: --frobnicate"


# --- 10: --root -------------------------------------------------------------------------------


def test_root_in_pyproject_widens_the_folder_tree(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "api/face/spec.yaml": spec_with_schemas("Job: {$ref: '../common/job.yaml'}"),
            "api/common/job.yaml": JOB.replace("Job:\n", "").replace("\n  ", "\n"),
        },
    )
    work = tmp_path / "work"
    work.mkdir()
    run = run_cli(["generate", "../api/face/spec.yaml"], work)
    assert run.returncode == 2
    assert (
        "$ref '../common/job.yaml' in ../api/face/spec.yaml reaches ../api/common/job.yaml"
        in run.stderr
    )
    assert "--root DIR" in run.stderr
    write_files(work, {"pyproject.toml": '[tool.statusgen]\nroot = "../api"\n'})
    assert run_cli(["generate", "../api/face/spec.yaml"], work).returncode == 0
    remote = spec_with_schemas("Job: {$ref: 'https://example.com/job.yaml'}")
    write_files(tmp_path, {"api/face/spec.yaml": remote})
    refused = run_cli(["generate", "../api/face/spec.yaml", "--root", ".."], work)
    assert refused.returncode == 2 and "remote references are not supported" in refused.stderr


# --- 11: docstrings keep the spec's Markdown --------------------------------------------------

MARKDOWN = """Starts a job.<br>See <a href="https://x.example/docs">the docs</a> for <b>all</b> \
of it.

Example:

```json
{
  "id": "a"
}
```

- first, an item long enough that it must wrap at the width of the docstring it is \
put in
- second
  1. nested

    code(line)
      indented

| a | b |
|---|---|
<p>x &amp; y</p><ul><li>one</li><li>two</li></ul>List<T> a < b"""


def test_docstrings_keep_markdown_blocks_and_turn_html_into_text() -> None:
    assert docstring(MARKDOWN, 4).split("\n") == [
        "Starts a job.",
        "    See the docs (https://x.example/docs) for all of it.",
        "",
        "    Example:",
        "",
        "    ```json",
        "    {",
        '      "id": "a"',
        "    }",
        "    ```",
        "",
        "    - first, an item long enough that it must wrap at the width of the docstring it is",
        "      put in",
        "    - second",
        "      1. nested",
        "",
        "        code(line)",
        "          indented",
        "",
        "    | a | b |",
        "    |---|---|",
        "",
        "    x & y",
        "",
        "    - one",
        "    - two",
        "",
        "    List<T> a < b",
    ]
    assert docstring("one\ntwo  three\n\nfour", 0) == "one two three\n\nfour"


def test_generated_docstrings_keep_code_blocks(tmp_path: Path) -> None:
    described = JOB.replace(
        "  type: object\n",
        "  type: object\n  description: |\n    A job.\n\n    ```\n    a = 1\n      b = 2\n    ```\n"
        "    - one\n    - two\n",
    )
    write_files(tmp_path, {"specs/jobs.yaml": spec("Jobs", described)})
    assert run_cli(["generate"], tmp_path).returncode == 0
    text = (tmp_path / "generated" / "jobs" / "models.py").read_text(encoding="utf-8")
    kept = '    """A job.\n\n    ```\n    a = 1\n      b = 2\n    ```\n    - one\n    - two\n'
    assert kept in text


# --- 12: help for every argument --------------------------------------------------------------


def test_every_argument_has_help_text() -> None:
    parser = cli._parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, command in [("statusgen", parser), *sub.choices.items()]:
        for action in command._actions:
            assert action.help, f"{name} {action.dest} has no help text"


def test_a_title_and_folder_that_start_with_a_digit_still_name_a_package(tmp_path: Path) -> None:
    """APIs.guru's `1forge.com/0.0.1.yaml`, titled `1Forge Finance APIs`: neither the stem, the
    title nor the folder is a name as it stands, and the run still generates."""
    write_files(
        tmp_path,
        {
            "specs/1forge.com/0.0.1.json": json.dumps(
                {
                    "swagger": "2.0",
                    "info": {"title": "1Forge Finance APIs", "version": "0.0.1"},
                    "paths": {},
                    "definitions": {
                        "Quote": {"type": "object", "properties": {"bid": {"type": "number"}}}
                    },
                }
            )
        },
    )
    run = run_cli(["generate"], tmp_path)
    assert run.returncode == 0, run.stderr
    assert "the package is named 'api_1forge_finance_apis', from info.title" in run.stderr
    assert classes(tmp_path / "generated", "api_1forge_finance_apis") == ["Quote"]
