"""Schema coverage on the seven real files (the tiny-spec tests are in
test_schema_coverage.py): each file generates with exit 0, and the cases it holds — repeated
x-ms-enum names, different schemas sharing one, allOf three levels deep, a string or a string
enum, arrays tried in order, `nullable` in a 3.1 document — work on the spec's own examples.

Five files are vendored in tests/fixtures/upstream/ (provenance in its README); GitHub's and
DigitalOcean's are read from ../shared/realworld/ when it exists, and the tests on them say why
they skip when it does not. Each file is generated once per run for every module that reads
it (`real_packages`); mypy and ruff check the default-selection packages once, with the pollers
generated from them (test_real_status_api_pollers.py).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from types import ModuleType

import pytest
from conftest import REALWORLD as SHARED
from conftest import UPSTREAM, import_generated, restore_modules
from real_packages import FILES, RealPackages


class Generated:
    """Each real file generated once per selection for the run (`real_packages`), imported
    once here on first use. The default selection (`status`) is the packages users get; the
    tests of schemas outside the status resources name the schemas they look at
    (`--models A,B`), as a user would."""

    def __init__(self, real_packages: RealPackages) -> None:
        self.real_packages = real_packages
        self.modules: dict[tuple[str, str], ModuleType] = {}

    def __call__(self, package: str, models: str = "status") -> ModuleType:
        key = (package, models)
        if key not in self.modules:
            generation = self.real_packages(package, models)
            self.modules[key] = import_generated(generation.out, package)
        return self.modules[key]

    def warnings(self, package: str, models: str = "status") -> list[str]:
        return self.real_packages(package, models).warnings


@pytest.fixture(scope="module")
def real(real_packages: RealPackages) -> Iterator[Generated]:
    generated = Generated(real_packages)
    saved = dict(sys.modules)
    yield generated
    restore_modules(saved)


def example(folder: str, name: str) -> object:
    path = UPSTREAM / folder / "examples" / name
    return json.loads(path.read_text(encoding="utf-8"))["responses"]["200"]["body"]


def test_face_repeats_snapshot_object_type_and_gets_one_class(real: Generated) -> None:
    chosen = "OperationStatus,Snapshot,TakeSnapshotRequest"
    face = real("face", chosen)
    assert real.warnings("face", chosen) == []
    assert not hasattr(face, "SnapshotObjectType2")
    snapshot = face.Snapshot.__annotations__["type"]
    request = face.TakeSnapshotRequest.__annotations__["type"]
    assert snapshot == request == "SnapshotObjectType"
    body = example("azure-face-v1.0/Face/stable/v1.0", "GetSnapshotOperationStatus.json")
    status = face.OperationStatus.from_dict(body)
    assert status.is_terminal and status.is_success and status.message is None
    assert status.to_dict()["resourceLocation"] == body["resourceLocation"]  # type: ignore[index]


def test_text_analytics_renames_the_second_state_and_finds_status_through_allof(
    real: Generated,
) -> None:
    ta = real("text_analytics")
    assert real.warnings("text_analytics") == [
        "azure-textanalytics-v3.1/TextAnalytics.json:998:9: "
        "#/definitions/TaskState/properties/status: warning: schema 'State' would become "
        "class 'State', as does the different schema at "
        "#/definitions/JobMetadata/properties/status: it is named 'TaskStateStatus'"
    ]
    assert "REJECTED" in ta.TaskStateStatus.__members__
    assert "REJECTED" not in ta.State.__members__
    job = ta.AnalyzeJobState.from_dict(
        example("azure-textanalytics-v3.1", "SuccessfulAnalyzeStatusRequest.json")
    )
    assert job.status is ta.State.SUCCEEDED and job.is_terminal and job.is_success
    assert hasattr(ta, "AnalyzeJobStatePoller") and hasattr(ta, "HealthcareJobStatePoller")


def test_replicate_version_is_a_string_output_any_and_error_nullable(real: Generated) -> None:
    replicate = real("replicate_openapi")
    model = replicate.SchemasPredictionResponse
    hints = model.__annotations__
    assert hints["version"] == "str" and hints["output"] == "Any" and hints["error"] == "str | None"
    prediction = model.from_dict(
        {
            "id": "p1",
            "model": "m",
            "version": "hidden",
            "input": {"prompt": "x"},
            "output": ["https://example.com/out.png"],
            "data_removed": False,
            "error": None,
            "status": "failed",
            "created_at": "2024-05-01T10:00:00Z",
            "urls": {
                "get": "https://api.replicate.com/v1/predictions/p1",
                "cancel": "https://api.replicate.com/v1/predictions/p1/cancel",
                "web": "https://replicate.com/p/p1",
            },
            "metrics": {"predict_time": 1.5, "total_time": 2},
        }
    )
    assert prediction.is_terminal and prediction.is_failure
    assert prediction.output == ["https://example.com/out.png"]
    # `metrics` declares total_time and `additionalProperties: true`: the rest is kept
    assert prediction.metrics.total_time == 2
    assert prediction.metrics.extra_properties == {"predict_time": 1.5}


def test_openai_model_names_are_strings_and_stream_events_are_tried(real: Generated) -> None:
    openai = real("openai_openapi_2024_05", "CreateAssistantRequest,AssistantStreamEvent,Batch")
    assert openai.CreateAssistantRequest.__annotations__["model"] == "str"
    # `event` holds one value per object variant: the tag; other events try the nested unions
    parse = openai.models.parse_assistant_stream_event
    assert type(parse({"event": "done", "data": "[DONE]"}, "$", 0)) is openai.DoneEvent
    with pytest.raises(openai.ValidationError, match=r"\(2\) \$\.data\.id: is required"):
        parse({"event": "thread.run.step.created", "data": {}}, "$", 0)
    with pytest.raises(openai.ValidationError) as refused:
        openai.models.parse_assistant_stream_event("[DONE]", "$", 0)
    assert str(refused.value).startswith(
        "$: no variant of AssistantStreamEvent accepts the value: (1) $: expected RunStreamEvent"
    )
    assert openai.Batch.from_dict(
        {
            "id": "b",
            "object": "batch",
            "endpoint": "/v1/chat/completions",
            "input_file_id": "f",
            "completion_window": "24h",
            "status": "failed",
            "created_at": 1714557600,
        }
    ).is_failure


def simple_user() -> dict[str, object]:
    """A `simple-user` of GitHub's spec with every required property filled by its type."""
    spec = json.loads((SHARED / FILES["github_api_github_com"][1]).read_text(encoding="utf-8"))
    schema = spec["components"]["schemas"]["simple-user"]
    filler = {"string": "x", "integer": 1, "boolean": False}
    return {k: filler[schema["properties"][k]["type"]] for k in schema["required"]}


GITHUB_NAMED = "check-run,check-suite,workflow-run,ActivityListStargazersForRepoResponse"
"""The GitHub schemas the tests below look at, named as a user names them: component keys,
and the class name of the stargazers operation's response union (naming it generates that
operation's parse function and what it references; `--models all` rendered, formatted and
imported all 625 classes of the 3.7 MB file for these three)."""


def test_github_stargazers_try_users_then_stargazers(real: Generated) -> None:
    """`oneOf[array of simple-user, array of stargazer]`: the first array that parses wins."""
    github = real("github_api_github_com", GITHUB_NAMED)
    parse = github.models.parse_activity_list_stargazers_for_repo_response
    user = simple_user()
    star = {"starred_at": "2021-01-01T00:00:00Z", "user": user}
    assert type(parse([user], "$", 0)[0]) is github.SimpleUser
    assert type(parse([star], "$", 0)[0]) is github.Stargazer
    with pytest.raises(github.ValidationError) as refused:
        parse([{"starred_at": 1}], "$", 0)
    assert str(refused.value).startswith(
        "$: no variant of ActivityListStargazersForRepoResponse accepts the value: (1) $[0]."
    )
    assert "; (2) $[0]." in str(refused.value)


def test_github_as_published_has_no_workflow_run_poller(real: Generated) -> None:
    """`workflow-run.status` has no enum in GitHub's file: without the README's overlay
    (test_real_status_api_pollers applies it) nothing says which runs are finished. Named,
    the workflow run is generated, without a poller; the check runs and suites named beside
    it get theirs."""
    github = real("github_api_github_com", GITHUB_NAMED)
    assert real.warnings("github_api_github_com", GITHUB_NAMED) == []
    assert {"CheckRunPoller", "CheckSuitePoller"} <= set(github.__all__)
    assert "WorkflowRun" in github.__all__
    assert "WorkflowRunPoller" not in github.__all__


def test_digitalocean_generates(real: Generated) -> None:
    do = real("digital_ocean_public_v2")
    # 2,850 files; the action's `region` is a $ref into another folder
    action = do.Action.from_dict(
        {
            "id": 1,
            "status": "in-progress",
            "type": "reboot",
            "region": {
                "slug": "nyc1",
                "name": "NY 1",
                "available": True,
                "features": [],
                "sizes": [],
            },
        }
    )
    assert action.status == "in-progress" and action.region.slug == "nyc1"
