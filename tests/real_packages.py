"""The published specs generated once per test session, shared by every module that reads them.

Face, Text Analytics, Replicate, GitHub's 3.7 MB description, DigitalOcean's 2,850 files and
the LRO fixtures are each generated with a given selection (and overlay) at most once per run,
whichever module and whichever xdist worker asks first: the other worker waits on a file lock
and reads what was written. A generation goes to a temporary folder renamed into place, so a
finished folder is always whole. Each module still imports the packages in its own process.

They are written as rendered, not as black formats them (`as_rendered`): what reads them tests
what the code does, its warnings, types and lint, never its layout, and black was a tenth of
the suite's CPU here. tests/output/ compares black's part with whole-file black.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import REALWORLD, UPSTREAM, run_cli
from statusgen.output import formatter, servers

LRO = Path(__file__).resolve().parent / "fixtures" / "lro"

FILES = {
    "face": (UPSTREAM, "azure-face-v1.0/Face/stable/v1.0/Face.json"),
    "text_analytics": (UPSTREAM, "azure-textanalytics-v3.1/TextAnalytics.json"),
    "google_speech_v1_apisguru": (UPSTREAM, "google-speech-v1-apisguru.yaml"),
    "openai_openapi_2024_05": (UPSTREAM, "openai-openapi-2024-05.yaml"),
    "replicate_openapi": (UPSTREAM, "replicate-openapi.json"),
    "github_api_github_com": (REALWORLD, "github-api.github.com.json"),
    "digital_ocean_public_v2": (REALWORLD, "digitalocean/DigitalOcean-public.v2.yaml"),
    "lro_azure": (LRO, "lro_azure.json"),
    "lro_plain": (LRO, "lro_plain.yaml"),
}
"""Package name -> (folder tree its `$ref`s stay inside, entry file in it)."""


@dataclass(frozen=True)
class Generation:
    """One finished generation: `out / package` is the package; stderr as it was printed."""

    out: Path
    stderr: list[str]

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.stderr if ": warning: " in line]


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """`path` held under an exclusive lock (shared by the xdist workers) while the block runs."""
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class _AsRendered(formatter.Formatter):
    """A formatter that hands every piece back as rendered, and stores none of them in the
    session's piece cache, where other tests look for black's text."""

    def __init__(self, known: object = None, store: object = None, workers: object = None):
        super().__init__()

    def _black(self, wanted: Mapping[str, tuple[str, str]]) -> Iterator[tuple[str, str]]:
        return ((key, part) for key, (_, part) in wanted.items())


@contextlib.contextmanager
def as_rendered() -> Iterator[None]:
    """`statusgen generate` in this process with black left out (and no workers started for it);
    validation and its findings cache work as ever."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(formatter, "Formatter", _AsRendered)
        patch.setattr(servers, "worker_count", lambda: 1)
        yield


class RealPackages:
    """`real_packages("face")` or `real_packages("github_api_github_com", overlay=text)`:
    the finished generation, made now if no module of this run made it before."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def available(self, package: str) -> bool:
        return FILES[package][0].is_dir()

    def __call__(
        self, package: str, models: str = "status", overlay: str | None = None
    ) -> Generation:
        folder, entry = FILES[package]
        if not folder.is_dir():
            pytest.skip(f"{folder} is absent: the large real specs are not vendored")
        key = json.dumps([package, models, overlay])
        done = self.root / hashlib.sha256(key.encode()).hexdigest()[:20]
        with locked(done.with_suffix(".lock")):
            if not done.is_dir():
                self._generate(done, folder, entry, models, overlay)
        stderr = (done / "stderr.txt").read_text(encoding="utf-8")
        return Generation(done / "out", stderr.splitlines())

    def overlay_file(self, text: str) -> Path:
        """`text` as an overlay file, one for the run, named by its digest. Its path is part of
        the validation cache's key (`validation.cache`): a test that loads a spec with the
        same overlay file finds the validator's findings of the generation that used it."""
        path = self.root / f"overlay-{hashlib.sha256(text.encode()).hexdigest()[:20]}.yaml"
        with locked(path.with_suffix(".lock")):
            if not path.is_file():
                work = path.with_name(f"{path.name}.{os.getpid()}.tmp")
                work.write_text(text, encoding="utf-8")
                os.rename(work, path)
        return path

    def _generate(
        self, done: Path, folder: Path, entry: str, models: str, overlay: str | None
    ) -> None:
        work = done.with_name(f"{done.name}.{os.getpid()}.tmp")
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir()
        args = ["generate", entry, "--out", str(work / "out"), "--models", models]
        if overlay is not None:
            args += ["--overlay", str(self.overlay_file(overlay))]
        with as_rendered():
            result = run_cli(args, folder)
        assert result.returncode == 0, result.stderr[-3000:]
        (work / "stderr.txt").write_text(result.stderr, encoding="utf-8")
        os.rename(work, done)
