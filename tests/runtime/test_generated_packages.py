"""What every generated package promises: where it lives, py.typed, __all__, an import that
prints nothing and needs only the standard library, and for every payload fixture of every
package from_dict/from_json, to_dict/to_json and their round trips, plus the refusal of
non-objects and invalid JSON text. What is particular to one spec lives in
test_generated_<package>.py."""

from __future__ import annotations

import copy
import dataclasses
import importlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import GENERATED, PAYLOADS, ROOT, load_payload

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


# --- every payload fixture of every package ---------------------------------------------------

MODEL = {
    "face": "OperationStatus",
    "postman": "GetStatusOfAnAsyncTask",
    "synapse": "AsynchronousJobStatus",
    "visma": "BackgroundRequestStateDto",
}
"""The status model each package's fixtures are bodies of ..."""
MODEL_OF_FIXTURE = {("visma", "accepted_state_location"): "BackgroundOperationAccepted"}
"""... except these."""
NON_CANONICAL = {("face", "running_7_digit_fraction")}
"""Fixtures whose date-times are not in canonical form (7 fractional digits)."""
FIXTURES = [
    (package, path.stem)
    for package in PACKAGES
    for path in sorted((PAYLOADS / package).glob("*.json"))
]


def model_of(package: str, name: str) -> Any:
    module = importlib.import_module(package)
    return getattr(module, MODEL_OF_FIXTURE.get((package, name), MODEL[package]))


def strict(value: Any) -> str:
    """JSON text that tells 1, 1.0 and True apart and ignores key order."""
    return json.dumps(value, sort_keys=True)


def test_every_package_has_fixtures() -> None:
    assert {package for package, _ in FIXTURES} == set(PACKAGES)
    assert len(FIXTURES) >= 20


@pytest.mark.parametrize(("package", "name"), FIXTURES)
def test_fixture_parses_with_from_dict_and_from_json(package: str, name: str) -> None:
    cls = model_of(package, name)
    text = (PAYLOADS / package / f"{name}.json").read_text(encoding="utf-8")
    model = cls.from_dict(load_payload(package, name))
    assert isinstance(model, cls)
    assert cls.from_json(text) == model
    assert cls.from_json(text.encode("utf-8")) == model


@pytest.mark.parametrize(("package", "name"), FIXTURES)
def test_from_dict_does_not_modify_its_input(package: str, name: str) -> None:
    body = load_payload(package, name)
    before = copy.deepcopy(body)
    model_of(package, name).from_dict(body)
    assert strict(body) == strict(before)


@pytest.mark.parametrize(("package", "name"), [f for f in FIXTURES if f not in NON_CANONICAL])
def test_canonical_fixture_to_dict_gives_the_payload_back(package: str, name: str) -> None:
    body = load_payload(package, name)
    model = model_of(package, name).from_dict(body)
    assert model.to_dict() == body
    assert strict(model.to_dict()) == strict(body)
    assert strict(json.loads(model.to_json())) == strict(body)


@pytest.mark.parametrize(("package", "name"), FIXTURES)
def test_fixture_model_round_trip(package: str, name: str) -> None:
    cls = model_of(package, name)
    model = cls.from_dict(load_payload(package, name))
    again = cls.from_dict(model.to_dict())
    assert again == model
    assert strict(again.to_dict()) == strict(model.to_dict())
    assert cls.from_json(model.to_json()) == model


@pytest.mark.parametrize("package", PACKAGES)
@pytest.mark.parametrize(
    ("data", "kind"),
    [
        ([], "an array"),
        ([{}], "an array"),
        ("succeeded", "a string"),
        ("{}", "a string"),
        (7, "an integer"),
        (0, "an integer"),
        (1.5, "a number"),
        (None, "null"),
        (True, "a boolean"),
    ],
)
def test_non_object_top_level(package: str, data: Any, kind: str) -> None:
    module = importlib.import_module(package)
    with pytest.raises(module.ValidationError) as info:
        getattr(module, MODEL[package]).from_dict(data)
    assert isinstance(info.value, ValueError)
    assert info.value.path == "$"
    assert info.value.message == f"expected an object, got {kind}"


INVALID_JSON = [
    "",
    "{",
    "[",
    "\x00",
    "null null",
    "{}{}",
    "undefined",
    "{'status': 'running'}",
    '{"status": "running",}',
    '{"status": "pending"',
    '{"jobState": }',
    '{"id": NaN}',
    '{"createdTime": "2018-12-25T11:41:02Z", "status": "running", "x": NaN}',
    '{"runtimeMS": -Infinity}',
    '{"createdTime": "2018-12-25T11:41:02Z", "status": "running"} trailing',
    '{"createdTime": "2018-12-25T11:41:02Z", "status": "running", "x": Infinity}',
    b"\xff\xfe{",
]


@pytest.mark.parametrize("package", PACKAGES)
@pytest.mark.parametrize("text", INVALID_JSON)
def test_invalid_json_text(package: str, text: str | bytes) -> None:
    module = importlib.import_module(package)
    with pytest.raises(module.ValidationError) as info:
        getattr(module, MODEL[package]).from_json(text)
    assert isinstance(info.value, ValueError)
    assert info.value.path == "$"
    assert info.value.message.startswith("invalid JSON")
