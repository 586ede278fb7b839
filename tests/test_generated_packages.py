"""What every generated package promises as a package: where it lives, py.typed, __all__,
and an import that prints nothing and needs only the standard library."""

from __future__ import annotations

import dataclasses
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "generated"
ERROR_NAMES = {"ValidationError", "OperationFailed", "PollTimeout"}
EXPECTED_NAMES = {
    "face": {
        "OperationStatus",
        "OperationStatusType",
    },
    "postman": {
        "GetStatusOfAnAsyncTask",
        "GetStatusOfAnAsyncTaskDetails",
        "GetStatusOfAnAsyncTaskDetails1",
        "GetStatusOfAnAsyncTaskDetails1Resources",
        "GetStatusOfAnAsyncTaskDetails2",
        "GetStatusOfAnAsyncTaskDetails2Error",
        "GetStatusOfAnAsyncTaskMeta",
        "GetStatusOfAnAsyncTaskMetaAction",
        "GetStatusOfAnAsyncTaskMetaModel",
        "GetStatusOfAnAsyncTaskStatus",
    },
    "synapse": {
        "AddFileToDownloadListRequest",
        "AddFileToDownloadListResponse",
        "AddFileToDownloadListResponseDownloadList",
        "AddFileToDownloadListResponseDownloadListFilesToDownload",
        "AsynchJobState",
        "AsynchronousJobStatus",
        "AsynchronousRequestBody",
        "AsynchronousResponseBody",
        "Doi",
        "DoiRequest",
        "DoiResponse",
        "Query",
        "QueryBundleRequest",
        "QueryResultBundle",
    },
    "visma": {
        "BackgroundOperationAccepted",
        "BackgroundRequestStateDto",
    },
}
UNION_NAMES = {
    "postman": {"GetStatusOfAnAsyncTaskDetails"},
    "synapse": {"AsynchronousRequestBody", "AsynchronousResponseBody"},
}
PACKAGES = sorted(EXPECTED_NAMES)


@pytest.mark.parametrize("name", PACKAGES)
def test_package_comes_from_generated_and_ships_py_typed(name: str) -> None:
    package = importlib.import_module(name)
    assert Path(package.__file__).resolve().parent == GENERATED / name
    assert (GENERATED / name / "py.typed").is_file()


@pytest.mark.parametrize("name", PACKAGES)
def test_all_lists_every_model_enum_and_error(name: str) -> None:
    package = importlib.import_module(name)
    names = package.__all__
    assert len(names) == len(set(names))
    assert EXPECTED_NAMES[name] | ERROR_NAMES <= set(names)
    for exported in names:
        assert hasattr(package, exported), exported
    for error in ERROR_NAMES:
        assert getattr(package, error) is getattr(package._runtime, error)


@pytest.mark.parametrize("name", PACKAGES)
def test_all_covers_every_public_class_of_models(name: str) -> None:
    package = importlib.import_module(name)
    models = package.models
    public = {
        n
        for n, obj in vars(models).items()
        if isinstance(obj, type) and obj.__module__ == models.__name__ and not n.startswith("_")
    }
    assert EXPECTED_NAMES[name] - UNION_NAMES.get(name, set()) <= public
    assert public <= set(package.__all__)
    for exported in EXPECTED_NAMES[name]:
        assert getattr(package, exported) is getattr(models, exported)
    for n in public:
        obj = getattr(models, n)
        assert dataclasses.is_dataclass(obj) or issubclass(obj, package._runtime.OpenEnum), n


def _run_isolated(code: str) -> subprocess.CompletedProcess[str]:
    # -I: no PYTHON* variables, no user site, no cwd on sys.path; -S: no site-packages at all,
    # so anything beyond the standard library fails to import. -W default shows the warnings
    # that are hidden by default (DeprecationWarning and friends).
    return subprocess.run(
        [sys.executable, "-I", "-S", "-W", "default", "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.slow  # a clean interpreter per package
@pytest.mark.parametrize("name", PACKAGES)
def test_import_prints_nothing_and_needs_only_the_stdlib(name: str) -> None:
    setup = f"import sys\nsys.path.insert(0, {str(GENERATED)!r})\n"
    quiet = _run_isolated(setup + f"import {name}\n")
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stdout == ""
    assert quiet.stderr == ""
    report = _run_isolated(
        setup
        + "before = set(sys.modules)\n"
        + f"import {name}\nimport {name}.models\nimport {name}.pollers\n"
        + "new = {m.partition('.')[0] for m in set(sys.modules) - before}\n"
        + f"third = sorted(m for m in new if m != {name!r} and m not in sys.stdlib_module_names)\n"
        + f"print({name}.__file__)\n"
        + "print(','.join(third))\n"
    )
    assert report.returncode == 0, report.stderr
    assert report.stderr == ""
    file, third_party = report.stdout.splitlines()
    assert Path(file).resolve().parent == GENERATED / name
    assert third_party == ""
