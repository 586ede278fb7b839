"""What a run was asked to do (`RunOptions`), and the `--models` option (`models` in
`[tool.statusgen]`) as text and as a value.

Kept apart from the parser so the command line reads it without importing the parser: an
up-to-date `--check` imports nothing heavy. Its records are plain classes for the same
reason: importing dataclasses is a fifth of such a run."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

STATUS = "status"
ALL = "all"
DEFAULT_OUT = "generated"
Selection = str | tuple[str, ...]
"""`status`, `all`, or schema names (component keys or class names)."""


class WhereFound(tuple[str, ...]):
    """Schema names given once for several specs (`--models A,B` with two specs): each spec
    keeps those it has, one that has none keeps its status models, and `found` collects the
    names some spec had, so a name no spec has can still be refused (`missing`)."""

    found: set[str]

    def __new__(cls, names: Iterable[str]) -> WhereFound:
        self = super().__new__(cls, names)
        self.found = set()
        return self

    def missing(self) -> list[str]:
        return [name for name in self if name not in self.found]


def parse_selection(text: str) -> Selection:
    """`status`, `all` or `A,B,C` as the command line and the configuration write it."""
    if text in (STATUS, ALL):
        return text
    names = tuple(n.strip() for n in text.split(",") if n.strip())
    if not names:
        raise ValueError("--models takes 'status', 'all' or a comma-separated list of schemas")
    return names


def selection_text(selection: Selection) -> str:
    """A selection as `--models` writes it (for a manifest's options)."""
    return selection if isinstance(selection, str) else ",".join(selection)


class SpecChoice:
    """One entry spec and what the user chose for it: package name (None: the spec's own),
    overlays in order, the schemas its package holds, and the directory it is written to."""

    __slots__ = ("path", "package", "overlays", "models", "out")

    def __init__(
        self,
        path: Path,
        package: str | None = None,
        overlays: tuple[Path, ...] = (),
        models: Selection = STATUS,
        out: Path = Path(DEFAULT_OUT),
    ) -> None:
        self.path = path
        self.package = package
        self.overlays = overlays
        self.models = models
        self.out = out

    def _key(self) -> tuple[object, ...]:
        return (self.path, self.package, self.overlays, self.models, self.out)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SpecChoice) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"SpecChoice{self._key()!r}"


class RunOptions:
    """Everything a run was asked to do, command line and `[tool.statusgen]` merged once
    (`ui.choices.run_options`): `generate`, `validate` and `ir` read the same choices, so one
    spec gives one IR whichever command reads it."""

    __slots__ = (
        "specs", "whole", "out", "project", "check", "force", "verbose", "strict", "cache",
        "root", "shared",
    )  # fmt: skip

    def __init__(
        self,
        specs: tuple[SpecChoice, ...] = (),
        whole: bool = False,
        out: Path = Path(DEFAULT_OUT),
        *,
        project: bool = False,
        check: bool = False,
        force: bool = False,
        verbose: bool = False,
        strict: bool = False,
        cache: bool = True,
        root: Path | None = None,
        shared: WhereFound | None = None,
    ) -> None:
        self.specs = specs
        self.whole = whole
        """The specs are the whole configured set: every generated file in the default `out`
        belongs to this run (strays are removed)."""
        self.out = out
        self.project = project
        self.check = check
        self.force = force
        self.verbose = verbose
        self.strict = strict
        self.cache = cache
        """Read and write the user's cache of formatted pieces and findings (`--no-cache`)."""
        self.root = root
        """The folder tree `$ref`s may reach (`load.load`); None: the default."""
        self.shared = shared
        """Schema names given once for several specs (see `WhereFound`); None otherwise."""

    @classmethod
    def of(
        cls,
        paths: Iterable[Path],
        models: Selection = STATUS,
        project: bool = False,
        strict: bool = False,
    ) -> RunOptions:
        """Options for specs that share one selection and nothing else per spec (a library
        call: the command line builds its options with `ui.choices.run_options`)."""
        specs = tuple(SpecChoice(Path(p), models=models) for p in paths)
        return cls(specs, project=project, strict=strict)

    def options_key(self, spec: SpecChoice) -> str:
        """The options that change `spec`'s package, as they enter its manifest's fingerprint.
        The overlays' names are in it (their content is an input), so adding or dropping one
        is noticed; `strict` too, so a package made with warnings is validated again under
        it. The defaults add nothing, so manifests written before these options stay valid."""
        key = f"project={int(self.project)};package={spec.package or ''}"
        if spec.overlays:
            key += ";overlays=" + ",".join(p.as_posix() for p in spec.overlays)
        models = selection_text(spec.models)
        if models != STATUS:
            key += f";models={models}"
        return key + (";strict" if self.strict else "")

    def groups(self) -> dict[Path, tuple[SpecChoice, ...]]:
        """The specs by output directory, in the order they were given."""
        found: dict[Path, list[SpecChoice]] = {}
        for spec in self.specs:
            found.setdefault(spec.out, []).append(spec)
        return {out: tuple(specs) for out, specs in found.items()}
