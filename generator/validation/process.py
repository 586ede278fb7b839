"""Validation beside the pipeline: `findings.validate` of each spec whose findings are not
cached (`validation.cache`), in the validating process (`output.servers.Validator`) where
fork is available and the specs are large enough (`SEPARATE_BYTES`) for the overlap to pay.

The process can start before the specs are read (for a run with no findings cached), while
this process imports the pipeline and loads; otherwise it starts once the specs are loaded.
It imports the validator only for a spec `clean.surely_clean` cannot answer: most specs have
no finding, and there the import was most of its work (`make bench`: the four seed specs
cold, 848 ms of CPU against 592 ms without it). One process: with the schema pass checked by
jsonschema-rs (`fast._surely_valid_schema`) the keyword pass is nearly all the work, and a
second process cost more in the validator's import than it saved.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..errors import SpecErrors
from ..input.load import Spec
from ..output.servers import Validator
from ..spec_error import SpecError
from ..ui import progress
from .cache import ValidationCache
from .findings import validate

Findings = list[SpecError] | str
"""A spec's findings, or what broke while validating it."""

SEPARATE_BYTES = 64 * 1024
"""Specs whose files together are this large are validated in the validating process, beside
parsing and rendering. Smaller ones are validated in this process once it has the validator
imported (`validator_loaded`): the fork, and the copies of this process's memory pages it then
writes, cost several times what validating a small spec does."""


def validator_loaded() -> bool:
    """Whether this process imported the validator already (a test session, a program that
    runs statusgen more than once). Until it has, a run validates in the validating process
    whatever the size: the validator's import is most of a small run, and there it overlaps
    loading, parsing and rendering instead of coming after them."""
    return "openapi_spec_validator" in sys.modules


def separately(specs: Sequence[Spec]) -> bool:
    """Whether these specs are validated in the validating process rather than this one."""
    return not validator_loaded() or size_of(specs) >= SEPARATE_BYTES


def size_of(specs: Sequence[Spec]) -> int:
    """Bytes of every file the specs were read from."""
    total = 0
    for spec in specs:
        for path in {spec.entry.file, *spec.documents}:
            with contextlib.suppress(OSError):
                total += path.stat().st_size
    return total


class Validation:
    """The findings of each spec: from the cache, else from `validator` (started early by the
    caller, or here), else validated in this process."""

    def __init__(
        self,
        specs: list[tuple[Spec, Sequence[Path]]],
        checked: ValidationCache | None = None,
        validator: Validator | None = None,
    ) -> None:
        self.specs = [spec for spec, _ in specs]
        self.checked = checked
        self.keys = [checked.key(*one) if checked else None for one in specs]
        self.known: dict[int, list[SpecError]] = {}
        for index, key in enumerate(self.keys):
            found = checked.get(key) if checked and key else None
            if found is not None:
                self.known[index] = found
        self.todo = [s for i, s in enumerate(self.specs) if i not in self.known]
        self.results: list[Findings] | None = None
        self.own: Validator | None = None
        self.validator = None
        if self.todo:
            if validator is None or validator.process is None:
                validator = self.own = Validator() if separately(self.todo) else None
            if validator is not None and validator.process is not None:
                validator.send(self.todo)
                self.validator = validator

    def errors(self) -> list[Findings]:
        """Per spec, its validation errors, or what broke while validating it."""
        if self.results is None:
            if not self.todo:
                fresh = []
            elif self.validator is None:
                with _quiet_stderr():
                    fresh = validate_each(self.todo)
            else:
                progress.stage("validate", ", ".join(s.display for s in self.todo))
                fresh = self.validator.answer()
            answers = iter(fresh)
            self.results = [
                self.known[i] if i in self.known else next(answers) for i in range(len(self.specs))
            ]
            for index, key in enumerate(self.keys):
                found = self.results[index]
                if self.checked and key and index not in self.known and isinstance(found, list):
                    self.checked.put(key, found)
        return self.results

    def stop(self) -> None:
        if self.own is not None:
            self.own.__exit__()
            self.own = None


def validate_each(specs: list[Spec]) -> list[Findings]:
    """Each spec's validation findings; a bug in one spec's validation (reported only if
    that spec has no parse errors to report first) does not hide the others' results."""
    results: list[Findings] = []
    for spec in specs:
        try:
            results.append(validate(spec))
        except SpecErrors as exc:
            results.append(exc.errors)
        except Exception as exc:
            results.append(f"{type(exc).__name__}: {exc}")
    return results


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """File descriptor 2 goes nowhere while the block runs: the validator's Rust parts print a
    panic's backtrace before raising it, and the user is told what broke in one line (as the
    validating process does for its whole life)."""
    try:
        saved = os.dup(2)
    except OSError:  # no stderr at all: nothing to keep quiet
        yield
        return
    quiet = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(quiet, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(quiet)
