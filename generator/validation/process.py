"""Validation beside the pipeline: `validation.validate` of each spec whose findings are not
cached (`validation_cache`), in a validating process where fork is available.

The process can start before the specs are read (`Validator`, for a run with no findings
cached): it imports the validator (0.16 s, a third of a cold run of the four specs) while
this process imports the pipeline and loads, then validates what it is sent. Otherwise it
starts once the specs are loaded. One process: with the schema pass checked by jsonschema-rs
(validation.surely_valid) the keyword pass is nearly all the work, and a second process
(one per pass, as before) cost more in the validator's import than it saved.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import SpecError, SpecErrors
from ..input.load import Spec
from ..output.format import fork_available
from ..ui import progress
from .cache import ValidationCache
from .findings import validate

Findings = list[SpecError] | str
"""A spec's findings, or what broke while validating it."""


class Validator:
    """The validating process, started now: it imports the validator and waits for specs."""

    def __init__(self) -> None:
        self.process: Any = None
        self.pipe: Any = None
        self.sender: threading.Thread | None = None
        self.answered = False
        if fork_available():
            import multiprocessing

            context = multiprocessing.get_context("fork")
            self.pipe, there = context.Pipe()
            self.process = context.Process(target=_serve, args=(there, self.pipe))
            self.process.start()
            there.close()

    def send(self, specs: list[Spec]) -> None:
        """Pickled here (14 ms for large_2000), written by a thread: the process may still be
        importing the validator, and a 1.5 MB write into a full pipe would hold up parsing
        until it reads (0.15 s of a 1.9 s one-schema edit of large_2000, `make bench`)."""
        from multiprocessing.reduction import ForkingPickler

        data = bytes(ForkingPickler.dumps(specs))
        self.sender = threading.Thread(target=self._write, args=(data,), daemon=True)
        self.sender.start()

    def _write(self, data: bytes) -> None:
        with contextlib.suppress(OSError, ValueError):  # the process is gone: `answer` says so
            self.pipe.send_bytes(data)

    def answer(self) -> list[Findings]:
        if self.sender is not None:
            self.sender.join()
        try:
            kind, answer = self.pipe.recv()
        except EOFError:
            raise RuntimeError("the validating process ended without an answer") from None
        self.answered = True
        if kind != "ok":
            raise RuntimeError(f"validation failed: {answer}")
        return answer  # type: ignore[no-any-return]

    def __enter__(self) -> Validator:
        return self

    def __exit__(self, *_: object) -> None:
        """A process that has not answered (nothing to validate, an error elsewhere, Ctrl+C)
        is stopped, not waited for."""
        if self.process is not None:
            if not self.answered and self.process.is_alive():
                self.process.terminate()
            if self.sender is not None:  # its write ends once the process reads or is gone
                self.sender.join()
            self.pipe.close()
            self.process.join()
            self.process = None


def _serve(pipe: Any, parents_end: Any) -> None:
    parents_end.close()  # else the parent closing its end would never be seen here
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle
    # The validator's Rust parts print a panic's backtrace before raising it; what went
    # wrong reaches the parent through the pipe, and the user sees one line, not a dump.
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 2)
    import openapi_spec_validator  # noqa: F401 - the slow import, before the specs come

    try:
        specs = pipe.recv()
    except EOFError:  # nothing to validate after all
        return
    try:
        answer: tuple[str, object] = ("ok", validate_each(specs))
    except BaseException as exc:  # reported by the parent as an internal error
        answer = ("bug", f"{type(exc).__name__}: {exc}")
    pipe.send(answer)


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
                validator = self.own = Validator()
            if validator.process is not None:
                validator.send(self.todo)
                self.validator = validator

    def errors(self) -> list[Findings]:
        """Per spec, its validation errors, or what broke while validating it."""
        if self.results is None:
            if not self.todo:
                fresh = []
            elif self.validator is None:
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
