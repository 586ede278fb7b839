"""Error-message snapshots for broken specs, run through the real CLI (DESIGN.md §2).

Every broken spec is written into `tmp_path` by the test and the CLI runs there, so file names in
messages are relative. For each case: exit status 2, no traceback, one `FILE: POINTER: message`
line per error on stderr with the exact text below, nothing on stdout, and nothing written.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(REPO)}
ERROR_LINE = re.compile(r"^[^:]+: #[^ ]*: .+$")

HEAD = 'openapi: 3.0.3\ninfo: {title: T, version: "1"}\npaths: {}\n'


def spec(schemas: str, head: str = HEAD) -> str:
    """An OpenAPI 3.0 document whose `components.schemas` is the given YAML block."""
    body = textwrap.indent(textwrap.dedent(schemas).strip("\n"), "    ")
    return f"{head}components:\n  schemas:\n{body}\n"


def job(extension: str) -> str:
    """A schema `Job` with a state enum, a boolean, numbers and a nested object, plus the given
    `x-statusgen` value (flow YAML)."""
    return spec(
        f"""
        Job:
          type: object
          x-statusgen: {extension}
          properties:
            state: {{type: string, enum: [running, done, failed]}}
            finished: {{type: boolean}}
            code: {{type: integer}}
            percent: {{type: number}}
            detail:
              type: object
              properties:
                message: {{type: string}}
        """
    )


def package_spec(package: str, title: str = "T") -> str:
    return (
        f'openapi: 3.0.3\ninfo: {{title: {title}, version: "1", '
        f"x-statusgen: {{package: {package}}}}}\npaths: {{}}\n"
    )


def run_cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "statusgen", *args],
        cwd=cwd,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=60,
    )


def write_files(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def assert_error_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    """Exit 2, no traceback, nothing on stdout, every stderr line `FILE: #POINTER: message`."""
    assert "Traceback" not in result.stderr, result.stderr
    assert "internal error" not in result.stderr, result.stderr
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines, "no error message on stderr"
    for line in lines:
        assert ERROR_LINE.match(line), f"not a FILE: POINTER: message line: {line!r}"
    return lines


def snapshot(root: Path) -> dict[str, tuple[str, bytes | None, int]]:
    """Every file and directory under `root` (hidden ones too): kind, bytes, mtime."""
    found: dict[str, tuple[str, bytes | None, int]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames:
            path = Path(dirpath, name)
            found[path.relative_to(root).as_posix()] = ("dir", None, 0)
        for name in filenames:
            path = Path(dirpath, name)
            found[path.relative_to(root).as_posix()] = (
                "file",
                path.read_bytes(),
                path.stat().st_mtime_ns,
            )
    return found


@dataclass
class Case:
    id: str
    files: dict[str, str]
    expected: list[str]
    entries: list[str] = field(default_factory=lambda: ["bad.yaml"])
    any_order: bool = False


CASES = [
    # --- $ref ---------------------------------------------------------------------------------
    Case(
        "dangling-local-ref",
        {
            "bad.yaml": spec("""
            Foo:
              type: object
              properties:
                bar: {$ref: "#/components/schemas/Nope"}
            """)
        },
        [
            "bad.yaml: #/components/schemas/Foo/properties/bar: "
            "$ref '#/components/schemas/Nope' points to nothing"
        ],
    ),
    Case(
        "dangling-cross-file-pointer",
        {
            "bad.yaml": spec("""
                Foo:
                  type: object
                  properties:
                    bar: {$ref: "other.yaml#/Nope"}
                """),
            "other.yaml": "Yes: {type: string}\n",
        },
        [
            "bad.yaml: #/components/schemas/Foo/properties/bar: "
            "$ref 'other.yaml#/Nope' points to nothing"
        ],
    ),
    Case(
        "ref-to-missing-file",
        {
            "bad.yaml": spec("""
            Foo:
              type: object
              properties:
                bar: {$ref: "parts/missing.yaml"}
            """)
        },
        [
            "bad.yaml: #/components/schemas/Foo/properties/bar: "
            "$ref 'parts/missing.yaml': file not found: parts/missing.yaml"
        ],
    ),
    Case(
        "ref-to-itself",
        {
            "bad.yaml": spec("""
            Foo: {$ref: "#/components/schemas/Foo"}
            """)
        },
        ["bad.yaml: #/components/schemas/Foo: $ref cycle with no schema: #/components/schemas/Foo"],
    ),
    Case(
        "ref-cycle-of-two",
        {
            "bad.yaml": spec("""
            A: {$ref: "#/components/schemas/B"}
            B: {$ref: "#/components/schemas/A"}
            """)
        },
        [
            "bad.yaml: #/components/schemas/A: $ref cycle with no schema: "
            "#/components/schemas/A -> #/components/schemas/B",
            "bad.yaml: #/components/schemas/B: $ref cycle with no schema: "
            "#/components/schemas/B -> #/components/schemas/A",
        ],
    ),
    Case(
        # A cycle through another file must say which file each pointer is in: "#/X" alone
        # reads as a pointer into bad.yaml, which has no /X.
        "ref-cycle-across-files-names-the-files",
        {
            "bad.yaml": spec("""
                A: {$ref: "other.yaml#/X"}
                """),
            "other.yaml": 'X: {$ref: "bad.yaml#/components/schemas/A"}\n',
        },
        [
            "bad.yaml: #/components/schemas/A: $ref cycle with no schema: "
            "#/components/schemas/A -> other.yaml#/X"
        ],
    ),
    # --- schema contents ----------------------------------------------------------------------
    Case(
        "unknown-type",
        {
            "bad.yaml": spec("""
            Foo:
              type: object
              properties:
                bar: {type: strng}
            """)
        },
        ["bad.yaml: #/components/schemas/Foo/properties/bar: unknown type 'strng'"],
    ),
    Case(
        "enum-value-not-a-string",
        {
            "bad.yaml": spec("""
            Colour:
              type: string
              enum: [red, 1, blue]
            """)
        },
        ["bad.yaml: #/components/schemas/Colour/enum/1: enum value 1 is not a string"],
    ),
    Case(
        "duplicate-enum-value",
        {
            "bad.yaml": spec("""
            Colour:
              type: string
              enum: [red, green, red]
            """)
        },
        ["bad.yaml: #/components/schemas/Colour/enum/2: duplicate enum value 'red'"],
    ),
    Case(
        # The pointer must index the spec's list, null included: the duplicate is enum[3].
        "duplicate-enum-value-after-null-points-at-it",
        {
            "bad.yaml": spec("""
            Colour:
              type: string
              nullable: true
              enum: [red, null, green, red]
            """)
        },
        ["bad.yaml: #/components/schemas/Colour/enum/3: duplicate enum value 'red'"],
    ),
    # --- documents ----------------------------------------------------------------------------
    Case(
        "invalid-yaml",
        {"bad.yaml": 'openapi: 3.0.3\ninfo: {title: T, version: "1"\npaths: {}\n'},
        ["bad.yaml: #: invalid YAML at line 3, column 1: did not find expected ',' or '}'"],
    ),
    Case(
        "invalid-yaml-tab-indent",
        {"bad.yaml": "openapi: 3.0.3\ninfo:\n\ttitle: T\n"},
        [
            "bad.yaml: #: invalid YAML at line 3, column 1: "
            "found character that cannot start any token"
        ],
    ),
    Case(
        "invalid-json",
        {
            "bad.json": '{"openapi": "3.0.3",\n "info": {"title": "T", "version": "1"},\n'
            ' "paths": {},}\n'
        },
        [
            "bad.json: #: invalid JSON at line 3, column 14: "
            "Expecting property name enclosed in double quotes"
        ],
        entries=["bad.json"],
    ),
    Case(
        "top-level-a-list",
        {"bad.yaml": "- openapi: 3.0.3\n- paths: {}\n"},
        ["bad.yaml: #: top level must be a mapping"],
    ),
    Case(
        "top-level-a-string",
        {"bad.json": '"openapi"\n'},
        ["bad.json: #: top level must be a mapping"],
        entries=["bad.json"],
    ),
    Case(
        "missing-openapi-version",
        {"bad.yaml": 'info: {title: T, version: "1"}\npaths: {}\n'},
        ["bad.yaml: #: not an OpenAPI document: no 'openapi' or 'swagger' key"],
    ),
    Case(
        "unsupported-version-2.5",
        {"bad.yaml": 'openapi: "2.5"\ninfo: {title: T, version: "1"}\npaths: {}\n'},
        ["bad.yaml: #/openapi: unsupported OpenAPI version '2.5'"],
    ),
    Case(
        "swagger-1.2-unsupported",
        {"bad.yaml": 'swagger: "1.2"\ninfo: {title: T, version: "1"}\npaths: {}\n'},
        ["bad.yaml: #/swagger: unsupported OpenAPI version '1.2'"],
    ),
    Case(
        # Unquoted, YAML reads 3.0 as a number; "unsupported OpenAPI version 3.0" would tell the
        # user that 3.0 is unsupported, which is false. The message must say to quote it.
        "version-a-yaml-number-says-quote-it",
        {"bad.yaml": 'openapi: 3.0\ninfo: {title: T, version: "1"}\npaths: {}\n'},
        [
            "bad.yaml: #/openapi: the OpenAPI version must be a string: "
            'write openapi: "3.0" (YAML reads 3.0 unquoted as a number)'
        ],
    ),
    Case(
        "missing-spec-file",
        {},
        ["nope.yaml: #: no such file or directory"],
        entries=["nope.yaml"],
    ),
    # --- x-statusgen on a schema -------------------------------------------------------------
    Case(
        "x-statusgen-unknown-key",
        {"bad.yaml": job("{state: state, success: [done], colour: red}")},
        ["bad.yaml: #/components/schemas/Job/x-statusgen/colour: unknown key 'colour'"],
    ),
    Case(
        "x-statusgen-unknown-key-in-outcome",
        {
            "bad.yaml": job(
                "{state: state, terminal: [done], "
                "outcome: {path: code, failure_min: 400, when: later}}"
            )
        },
        ["bad.yaml: #/components/schemas/Job/x-statusgen/outcome/when: unknown key 'when'"],
    ),
    Case(
        "x-statusgen-unknown-key-in-progress",
        {
            "bad.yaml": job(
                "{state: state, success: [done], progress: {current: percent, done: finished}}"
            )
        },
        ["bad.yaml: #/components/schemas/Job/x-statusgen/progress/done: unknown key 'done'"],
    ),
    Case(
        "x-statusgen-not-a-mapping",
        {"bad.yaml": job("[state]")},
        ["bad.yaml: #/components/schemas/Job/x-statusgen: x-statusgen must be a mapping"],
    ),
    Case(
        "x-statusgen-state-path-missing",
        {"bad.yaml": job("{state: status, success: [done]}")},
        [
            "bad.yaml: #/components/schemas/Job/x-statusgen/state: "
            "path 'status' does not exist in Job"
        ],
    ),
    Case(
        "x-statusgen-dotted-error-path-missing",
        {"bad.yaml": job("{state: state, success: [done], error: detail.msg}")},
        [
            "bad.yaml: #/components/schemas/Job/x-statusgen/error: "
            "path 'detail.msg' does not exist in Job"
        ],
    ),
    Case(
        "x-statusgen-progress-path-missing",
        {"bad.yaml": job("{state: state, success: [done], progress: {total: count}}")},
        [
            "bad.yaml: #/components/schemas/Job/x-statusgen/progress/total: "
            "path 'count' does not exist in Job"
        ],
    ),
    Case(
        "x-statusgen-result-path-missing",
        {"bad.yaml": job("{state: state, success: [done], result: detail.location}")},
        [
            "bad.yaml: #/components/schemas/Job/x-statusgen/result: "
            "path 'detail.location' does not exist in Job"
        ],
    ),
    Case(
        "x-statusgen-outcome-path-missing",
        {
            "bad.yaml": job(
                "{state: state, terminal: [done], outcome: {path: http_code, failure_min: 400}}"
            )
        },
        [
            "bad.yaml: #/components/schemas/Job/x-statusgen/outcome/path: "
            "path 'http_code' does not exist in Job"
        ],
    ),
    Case(
        "x-statusgen-success-value-not-in-enum",
        {"bad.yaml": job("{state: state, success: [finished]}")},
        [
            "bad.yaml: #/components/schemas/Job/x-statusgen/success/0: "
            "'finished' is not one of the state's enum values"
        ],
    ),
    Case(
        "x-statusgen-failure-value-not-in-enum",
        {"bad.yaml": job("{state: state, success: [done], failure: [failed, FAILED]}")},
        [
            "bad.yaml: #/components/schemas/Job/x-statusgen/failure/1: "
            "'FAILED' is not one of the state's enum values"
        ],
    ),
    Case(
        "x-statusgen-terminal-without-outcome",
        {"bad.yaml": job("{state: state, terminal: [done]}")},
        [
            "bad.yaml: #/components/schemas/Job/x-statusgen/terminal: "
            "'terminal' values need an 'outcome'"
        ],
    ),
    Case(
        "x-statusgen-outcome-without-rule",
        {"bad.yaml": job("{state: state, terminal: [done], outcome: {path: code}}")},
        [
            "bad.yaml: #/components/schemas/Job/x-statusgen/outcome: outcome needs exactly one of "
            "failure_min, failure_if_present, or success/failure lists"
        ],
    ),
    Case(
        "x-statusgen-failure-min-on-a-string",
        {
            "bad.yaml": job(
                "{state: state, terminal: [done], "
                "outcome: {path: detail.message, failure_min: 400}}"
            )
        },
        [
            "bad.yaml: #/components/schemas/Job/x-statusgen/outcome/path: "
            "failure_min needs a numeric field"
        ],
    ),
    Case(
        "x-statusgen-boolean-state-with-values",
        {"bad.yaml": job("{state: finished, success: [done]}")},
        [
            "bad.yaml: #/components/schemas/Job/x-statusgen/success: "
            "a boolean state takes no value lists; use 'outcome'"
        ],
    ),
    Case(
        # Every error in a spec is reported (DESIGN §2): both problems of one extension.
        "x-statusgen-two-problems-both-reported",
        {"bad.yaml": job("{state: state, success: [done], colour: red, error: nope}")},
        [
            "bad.yaml: #/components/schemas/Job/x-statusgen/colour: unknown key 'colour'",
            "bad.yaml: #/components/schemas/Job/x-statusgen/error: "
            "path 'nope' does not exist in Job",
        ],
        any_order=True,
    ),
    # --- package names ------------------------------------------------------------------------
    Case(
        "package-path-traversal",
        {"bad.yaml": package_spec("'../evil'")},
        [
            "bad.yaml: #/info/x-statusgen/package: "
            "package '../evil' is not a valid Python identifier"
        ],
    ),
    Case(
        "package-starts-with-digit",
        {"bad.yaml": package_spec("'1abc'")},
        ["bad.yaml: #/info/x-statusgen/package: package '1abc' is not a valid Python identifier"],
    ),
    Case(
        "package-unknown-key",
        {
            "bad.yaml": 'openapi: 3.0.3\ninfo: {title: T, version: "1", '
            "x-statusgen: {pkg: x}}\npaths: {}\n"
        },
        ["bad.yaml: #/info/x-statusgen/pkg: unknown key 'pkg'"],
    ),
    Case(
        "two-specs-same-package",
        {"one.yaml": package_spec("shared", "One"), "two.yaml": package_spec("shared", "Two")},
        ["two.yaml: #/info: package 'shared' is also generated from one.yaml"],
        entries=["one.yaml", "two.yaml"],
    ),
    # --- several errors -----------------------------------------------------------------------
    Case(
        "several-errors-in-one-spec",
        {
            "bad.yaml": spec(
                """
            A:
              type: object
              properties:
                x: {type: strng}
                y: {$ref: "#/components/schemas/Nope"}
            B:
              type: string
              enum: [a, b, a]
            C:
              type: string
              enum: [a, 2]
            D:
              type: [string, nul]
            """,
                head='openapi: 3.0.3\ninfo:\n  title: T\n  version: "1"\n'
                '  x-statusgen: {package: "1abc"}\npaths: {}\n',
            )
        },
        [
            "bad.yaml: #/info/x-statusgen/package: package '1abc' is not a valid Python identifier",
            "bad.yaml: #/components/schemas/A/properties/x: unknown type 'strng'",
            "bad.yaml: #/components/schemas/A/properties/y: "
            "$ref '#/components/schemas/Nope' points to nothing",
            "bad.yaml: #/components/schemas/B/enum/2: duplicate enum value 'a'",
            "bad.yaml: #/components/schemas/C/enum/1: enum value 2 is not a string",
            "bad.yaml: #/components/schemas/D: unknown type 'nul'",
        ],
    ),
    Case(
        # A schema error elsewhere must not hide an x-statusgen error (DESIGN §2: every error).
        "schema-error-does-not-hide-x-statusgen-error",
        {
            "bad.yaml": job("{state: state, success: [done], colour: red}").replace(
                "    Job:\n", "    Broken: {type: strng}\n    Job:\n"
            )
        },
        [
            "bad.yaml: #/components/schemas/Broken: unknown type 'strng'",
            "bad.yaml: #/components/schemas/Job/x-statusgen/colour: unknown key 'colour'",
        ],
        any_order=True,
    ),
    Case(
        "errors-in-two-specs-both-reported",
        {
            "one.yaml": spec("A: {type: strng}"),
            "two.yaml": spec("B: {type: string, enum: [x, x]}"),
        },
        [
            "one.yaml: #/components/schemas/A: unknown type 'strng'",
            "two.yaml: #/components/schemas/B/enum/1: duplicate enum value 'x'",
        ],
        entries=["one.yaml", "two.yaml"],
    ),
    # --- errors inside referenced files -------------------------------------------------------
    Case(
        "error-in-referenced-file-names-that-file",
        {
            "bad.yaml": spec("""
                Job: {$ref: "parts/job.yaml"}
                Other: {$ref: "parts/job.yaml#/definitions/Flag"}
                """),
            "parts/job.yaml": textwrap.dedent("""\
                type: object
                properties:
                  id: {type: strng}
                  state: {$ref: "#/definitions/Missing"}
                definitions:
                  Flag:
                    type: string
                    enum: [x, x]
                """),
        },
        [
            "parts/job.yaml: #/properties/id: unknown type 'strng'",
            "parts/job.yaml: #/properties/state: $ref '#/definitions/Missing' points to nothing",
            "parts/job.yaml: #/definitions/Flag/enum/1: duplicate enum value 'x'",
        ],
    ),
    Case(
        "invalid-yaml-in-referenced-file",
        {
            "bad.yaml": spec('Job: {$ref: "parts/job.yaml"}'),
            "parts/job.yaml": "type: object\nproperties: [1, 2\n",
        },
        ["parts/job.yaml: #: invalid YAML at line 3, column 1: did not find expected ',' or ']'"],
    ),
]


@pytest.mark.parametrize("command", ["generate", "validate"])
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_error_message(case: Case, command: str, tmp_path: Path) -> None:
    write_files(tmp_path, case.files)
    args = [command, *case.entries]
    if command == "generate":
        args += ["--out", "out"]
    before = snapshot(tmp_path)
    lines = assert_error_lines(run_cli(args, tmp_path))
    if case.any_order:
        assert sorted(lines) == sorted(case.expected)
    else:
        assert lines == case.expected
    assert snapshot(tmp_path) == before, "a failing run changed the working directory"


def test_errors_are_capped_with_a_summary(tmp_path: Path) -> None:
    schemas = "\n".join(f"S{i:02d}: {{type: strng}}" for i in range(60))
    write_files(tmp_path, {"many.yaml": spec(schemas)})
    result = run_cli(["validate", "many.yaml"], tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[:50] == [
        f"many.yaml: #/components/schemas/S{i:02d}: unknown type 'strng'" for i in range(50)
    ]
    # The summary keeps the one-line `FILE: POINTER: message` form, at the first hidden error.
    assert lines[50:] == ["many.yaml: #/components/schemas/S50: ... and 10 more errors not shown"]


def test_verbose_spec_error_still_one_line(tmp_path: Path) -> None:
    """-v adds tracebacks for internal errors only; a bad spec is still reported plainly."""
    write_files(tmp_path, {"bad.yaml": spec("A: {type: strng}")})
    lines = assert_error_lines(run_cli(["generate", "-v", "bad.yaml", "--out", "out"], tmp_path))
    assert lines == ["bad.yaml: #/components/schemas/A: unknown type 'strng'"]


def test_messages_name_files_relative_to_cwd(tmp_path: Path) -> None:
    """Run from a subdirectory: the entry outside the cwd is named by its file name only, the
    referenced file inside it relative to the cwd — never an absolute path."""
    write_files(
        tmp_path,
        {
            "main.yaml": spec('Job: {$ref: "parts/job.yaml"}'),
            "parts/job.yaml": "type: object\nproperties:\n  id: {type: strng}\n",
        },
    )
    lines = assert_error_lines(run_cli(["validate", "../main.yaml"], tmp_path / "parts"))
    assert lines == ["job.yaml: #/properties/id: unknown type 'strng'"]
    assert str(tmp_path) not in "\n".join(lines)


def _edit_yaml(path: Path, edit: Callable[[dict[str, Any]], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def test_failing_run_leaves_output_exactly_as_it_was(tmp_path: Path) -> None:
    """One broken spec among good ones: exit 2 and the existing tree is byte-identical (same
    files, bytes and mtimes, no temp files left), although the good specs changed too."""
    shutil.copytree(REPO / "specs", tmp_path / "specs")
    shutil.copytree(REPO / "generated", tmp_path / "generated")
    old = 1_000_000_000
    for path in (tmp_path / "generated").rglob("*"):
        os.utime(path, (old, old))

    def change_description(data: dict[str, Any]) -> None:
        data["components"]["schemas"]["OperationStatus"]["description"] = "Changed text."

    def break_schema(data: dict[str, Any]) -> None:
        data["components"]["schemas"]["ZzBroken"] = {"type": "strng"}

    _edit_yaml(tmp_path / "specs" / "face.yaml", change_description)
    _edit_yaml(tmp_path / "specs" / "visma.yaml", break_schema)
    write_files(tmp_path, {"specs/zznew.yaml": spec("Fine: {type: string}")})

    before = snapshot(tmp_path / "generated")
    lines = assert_error_lines(run_cli(["generate"], tmp_path))
    assert lines == ["specs/visma.yaml: #/components/schemas/ZzBroken: unknown type 'strng'"]
    assert snapshot(tmp_path / "generated") == before


@pytest.mark.parametrize("in_a_child", [True, False])
def test_validation_in_a_child_reports_what_a_sequential_run_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_a_child: bool
) -> None:
    """Specs are validated in a forked child while the parent parses and renders; each spec
    still reports its parse errors first, else its validation errors, in spec order."""
    from statusgen import pipeline
    from statusgen.errors import SpecErrors

    monkeypatch.setattr(pipeline, "fork_available", lambda: in_a_child)
    monkeypatch.chdir(tmp_path)
    face = (REPO / "specs" / "face.yaml").read_text(encoding="utf-8")
    Path("invalid.yaml").write_text(
        face.replace("\nservers:", "\nservers: 3\nold_servers:"), encoding="utf-8"
    )
    Path("unparsable.yaml").write_text(spec("A: {type: strng, nullable: 3}"), encoding="utf-8")
    shutil.copy(REPO / "specs" / "visma.yaml", "visma.yaml")
    paths = [Path("invalid.yaml"), Path("unparsable.yaml"), Path("visma.yaml")]
    with pytest.raises(SpecErrors) as caught:
        pipeline.generate(paths, strict=True)  # findings outside schemas are errors only so
    assert caught.value.lines() == [
        "invalid.yaml: #/servers: 3 is not of type 'array'",
        "invalid.yaml: #: 'old_servers' does not match any of the regexes: '^x-'",
        "unparsable.yaml: #/components/schemas/A: unknown type 'strng'",
    ]
    assert len(pipeline.generate([Path("visma.yaml")]).files) > 5
