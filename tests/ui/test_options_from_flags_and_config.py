"""Every option a run takes comes from the command line, else `[tool.statusgen]`, else its
default, decided once for `generate`, `validate` and `ir` alike: the three commands see one IR
for one spec.

The merge table runs `ui.choices.run_options` in-process on the real argument parser and the
real configuration loader; the commands run through `statusgen.ui.cli.main` in a folder with
its own pyproject.toml.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, run_cli, write_files
from statusgen.options import RunOptions
from statusgen.output.digest import digest
from statusgen.output.manifest import MANIFEST
from statusgen.ui.arguments import parser
from statusgen.ui.choices import run_options
from statusgen.ui.config import load_config

FACE = "specs/face.yaml"
OWN = f'[tool.statusgen.packages."{FACE}"]\n'
"""The spec's own table, under which a row's per-spec lines go."""


@dataclass(frozen=True)
class Option:
    """One option as the command line and the configuration write it (`config` None: no
    key), how the merged options show it (`read`), and what it is when given by flag, by the
    configuration, by both (the flag's, unless `both` says), or by neither. `own`: the
    configuration line goes in the spec's table."""

    name: str
    flag: tuple[str, ...]
    config: str | None
    read: Callable[[RunOptions], Any]
    flagged: Any
    configured: Any
    default: Any
    both: Any = None
    own: bool = False

    def expected(self, source: str) -> Any:
        both = self.flagged if self.both is None else self.both
        return {"flag": self.flagged, "config": self.configured, "both": both}.get(
            source, self.default
        )


def _spec(options: RunOptions) -> Any:
    return options.specs[0]


FLAGS = ("project", "check", "force", "verbose", "strict")
OPTIONS = [
    Option(
        "specs",
        ("extra/visma.yaml",),
        f'specs = "{FACE}"',
        lambda o: (tuple(s.path for s in o.specs), o.whole),
        ((Path("extra/visma.yaml"),), False),
        ((Path(FACE),), True),
        ((Path(FACE),), True),  # specs/ is where a run looks by default
    ),
    Option(
        "out",
        ("--out", "a"),
        'out = "b"',
        lambda o: (o.out, _spec(o).out),
        (Path("a"),) * 2,
        (Path("b"),) * 2,
        (Path("generated"),) * 2,
    ),
    Option(
        "root",
        ("--root", "extra"),
        'root = "specs"',
        lambda o: o.root,
        Path("extra"),
        Path("specs"),
        None,
    ),
    Option(
        "models",
        ("--models", "all"),
        'models = ["Job"]',
        lambda o: _spec(o).models,
        "all",
        ("Job",),
        "status",
    ),
    Option(
        "models of the spec",
        ("--models", "all"),
        'models = ["Job"]',
        lambda o: _spec(o).models,
        "all",
        ("Job",),
        "status",
        own=True,
    ),
    Option(
        "package",
        ("--package", "flagged", FACE),  # a flag for exactly one SPEC
        'package = "configured"',
        lambda o: _spec(o).package,
        "flagged",
        "configured",
        None,
        own=True,
    ),
    Option(
        "overlays",
        ("--overlay", "overlays/given.yaml", FACE),
        'overlays = ["overlays/own.yaml"]',
        lambda o: _spec(o).overlays,
        (Path("overlays/given.yaml"),),
        (Path("overlays/own.yaml"),),
        (),
        both=(Path("overlays/own.yaml"), Path("overlays/given.yaml")),  # configured first
        own=True,
    ),
    Option(
        "out of the spec",
        ("--out", "a"),
        'out = "vendor"',
        lambda o: _spec(o).out,
        Path("a"),
        Path("vendor"),
        Path("generated"),
        both=Path("vendor"),  # the spec's own directory is more specific than the run's
        own=True,
    ),
    *(
        Option(f, (f"--{f}",), f"{f} = true", lambda o, f=f: getattr(o, f), True, True, False)
        for f in FLAGS
    ),
    Option("no-cache", ("--no-cache",), None, lambda o: o.cache, False, None, True),
]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory with two specs (specs/ is the default place to look) and two
    overlays."""
    (tmp_path / "specs").mkdir()
    (tmp_path / "extra").mkdir()
    shutil.copy(ROOT / FACE, tmp_path / FACE)
    shutil.copy(ROOT / "specs" / "visma.yaml", tmp_path / "extra" / "visma.yaml")
    overlay = "overlay: 1.0.0\ninfo: {title: O, version: '1'}\nactions: []\n"
    write_files(tmp_path, {"overlays/own.yaml": overlay, "overlays/given.yaml": overlay})
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("source", ["flag", "config", "both", "neither"])
@pytest.mark.parametrize("option", OPTIONS, ids=[o.name for o in OPTIONS])
def test_each_option_from_flag_config_both_or_neither(
    folder: Path, option: Option, source: str
) -> None:
    if option.config is None and source in ("config", "both"):
        pytest.skip(f"{option.name} has no configuration key")
    argv = ["generate", *(option.flag if source in ("flag", "both") else ())]
    lines = [option.config] if option.config and source in ("config", "both") else []
    text = (
        "[tool.statusgen]\n"
        + (OWN if option.own and lines else "")
        + "".join(line + "\n" for line in lines)
    )
    (folder / "pyproject.toml").write_text(text, encoding="utf-8")
    options = run_options(parser().parse_args(argv), load_config())
    assert option.read(options) == option.expected(source)


def test_the_spec_table_wins_over_the_run_table(folder: Path) -> None:
    (folder / "pyproject.toml").write_text(
        f'[tool.statusgen]\nmodels = "all"\n{OWN}models = ["Job"]\n', encoding="utf-8"
    )
    (spec,) = run_options(parser().parse_args(["generate"]), load_config()).specs
    assert spec.models == ("Job",)


@pytest.mark.parametrize("command", [["validate"], ["ir", FACE]])
def test_every_command_reads_the_same_choices(folder: Path, command: list[str]) -> None:
    (folder / "pyproject.toml").write_text(
        '[tool.statusgen]\nstrict = true\nroot = "."\n'
        f'{OWN}package = "azure_face"\nmodels = "all"\noverlays = ["overlays/own.yaml"]\n',
        encoding="utf-8",
    )
    generate = run_options(parser().parse_args(["generate", FACE]), load_config())
    other = run_options(parser().parse_args(command), load_config())
    assert other.specs == generate.specs
    assert (other.strict, other.root) == (generate.strict, generate.root) == (True, Path("."))


# --- through the command line ------------------------------------------------------------------

JOBS = """\
openapi: 3.0.3
info: {title: Jobs, version: "1"}
paths:
  /jobs/{id}:
    get:
      operationId: getJob
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {$ref: "#/components/schemas/Job"}}}
components:
  schemas:
    Job:
      type: object
      properties:
        status: {type: string, enum: [running, succeeded, failed]}
    Unrelated:
      type: object
      properties: {y: {type: string}}
"""


def test_force_in_the_configuration_reuses_no_earlier_piece(folder: Path) -> None:
    """A formatted piece recorded by an earlier run is not read back under `force = true`,
    as under `--force`: a piece whose recorded text is wrong is made again."""
    (folder / "pyproject.toml").write_text('[tool.statusgen]\nspecs = "specs"\n', "utf-8")
    assert run_cli(["generate"], folder).returncode == 0
    models = folder / "generated" / "face" / "models.py"
    right = models.read_text(encoding="utf-8")
    wrong = right.replace("waiting to perform", "pending to perform")
    assert wrong != right
    models.write_text(wrong, encoding="utf-8")
    manifest = folder / "generated" / "face" / MANIFEST
    recorded = manifest.read_text(encoding="utf-8")
    manifest.write_text(
        recorded.replace(digest(right.encode()), digest(wrong.encode())), encoding="utf-8"
    )  # the earlier run's record now vouches for the wrong text
    assert run_cli(["generate", "--no-cache"], folder).returncode == 0
    assert models.read_text(encoding="utf-8") == wrong  # reused: nothing says otherwise
    (folder / "pyproject.toml").write_text(
        '[tool.statusgen]\nspecs = "specs"\nforce = true\n', "utf-8"
    )
    assert run_cli(["generate", "--no-cache"], folder).returncode == 0
    assert models.read_text(encoding="utf-8") == right


def test_validate_selects_the_configured_models(folder: Path) -> None:
    """`validate` parses with the configured selection, so it refuses what `generate` would."""
    write_files(folder, {"jobs/jobs.yaml": JOBS})
    (folder / "pyproject.toml").write_text(
        '[tool.statusgen]\nspecs = "jobs"\nmodels = ["Missing"]\n', "utf-8"
    )
    generated = run_cli(["generate"], folder)
    validated = run_cli(["validate"], folder)
    assert generated.returncode == validated.returncode == 2
    assert "'Missing', which is not a schema of this spec" in validated.stderr
    assert validated.errors[0] == generated.errors[0]


def _ir(folder: Path, pyproject: str) -> dict[str, Any]:
    (folder / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    result = run_cli(["ir", "jobs/jobs.yaml"], folder)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_ir_shows_the_package_generate_makes(folder: Path) -> None:
    """`ir` reads the spec's own table (package name, models) and the table's models."""
    write_files(folder, {"jobs/jobs.yaml": JOBS})
    plain = _ir(folder, "[tool.statusgen]\n")
    assert [m["name"] for m in plain["models"]] == ["Job"]
    own = _ir(
        folder, '[tool.statusgen.packages."jobs/jobs.yaml"]\npackage = "work"\nmodels = "all"\n'
    )
    assert own["name"] == "work"
    assert [m["name"] for m in own["models"]] == ["Job", "Unrelated"]
    table = _ir(folder, '[tool.statusgen]\nmodels = ["Unrelated"]\n')
    assert [m["name"] for m in table["models"]] == ["Unrelated"]
    assert run_cli(["generate", "--out", "gen", "jobs/jobs.yaml"], folder).returncode == 0
    assert "class Unrelated" in (folder / "gen/jobs/models.py").read_text(encoding="utf-8")
