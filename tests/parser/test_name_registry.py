"""The name registry, in-process: every class and parse-function name is claimed once, in the
order the spec is walked, with the same answer on every run."""

from __future__ import annotations

from pathlib import Path

from statusgen.input.load import Location
from statusgen.parser.names import RUNTIME_FUNCTIONS, NameRegistry, SpecName, place_name

SPEC = Location(Path("/specs/api.yaml"))


def schema(*tokens: str) -> Location:
    return SPEC.child("components", "schemas", *tokens)


def test_a_spec_name_is_its_own_class_and_the_same_schema_keeps_it() -> None:
    names = NameRegistry()
    assert names.schema_class(schema("job_status"), SpecName("job_status")) == "JobStatus"
    assert names.schema_class(schema("job_status"), SpecName("job_status")) == "JobStatus"


def test_a_second_spec_name_for_one_class_is_renamed_with_a_warning() -> None:
    names = NameRegistry()
    names.schema_class(schema("job-status"), SpecName("job-status"))
    assert names.schema_class(schema("job_status"), SpecName("job_status")) == "JobStatus2"
    assert [(c, str(w)) for c, w in names.renamed] == [
        (
            "JobStatus2",
            "api.yaml: #/components/schemas/job_status: warning: schema 'job_status' would "
            "become class 'JobStatus', as does the different schema at "
            "#/components/schemas/job-status: it is named 'JobStatus2'",
        )
    ]
    assert all(w.is_warning for _, w in names.renamed)


def test_a_renamed_schema_takes_the_name_of_its_place_when_it_has_one() -> None:
    names = NameRegistry()
    first = SPEC.child("definitions", "JobMetadata", "properties", "status")
    second = SPEC.child("definitions", "TaskState", "properties", "status")
    assert place_name(second) == "TaskStateStatus"
    assert names.schema_class(first, SpecName("State"), place_name(first)) == "State"
    assert names.schema_class(second, SpecName("State"), place_name(second)) == "TaskStateStatus"
    assert place_name(SPEC.child("paths", "/a", "get")) is None


def test_the_warning_names_the_other_file_when_the_schemas_live_apart() -> None:
    names = NameRegistry()
    other = Location(Path("/specs/common.yaml"))
    names.schema_class(other, SpecName("common"))
    assert names.schema_class(schema("Common"), SpecName("Common")) == "Common2"
    assert "as does the different schema at common.yaml#: it is named" in str(names.renamed[0][1])


def test_a_made_up_name_never_takes_a_reserved_component_name() -> None:
    names = NameRegistry()
    names.reserve(["JobMeta"])
    # `Job.meta` would be `JobMeta`, but a component owns that name, even before it is parsed.
    assert names.schema_class(schema("Job", "properties", "meta"), "JobMeta") == "JobMeta2"
    assert names.schema_class(schema("JobMeta"), SpecName("JobMeta")) == "JobMeta"


def test_a_spec_name_met_after_a_made_up_one_takes_the_next_suffix() -> None:
    names = NameRegistry()
    assert names.schema_class(schema("A", "properties", "b"), "AB") == "AB"
    assert names.schema_class(Location(Path("/specs/a_b.yaml")), SpecName("a_b")) == "AB2"


def test_union_functions_avoid_runtime_functions_and_each_other() -> None:
    assert "parse_list" in RUNTIME_FUNCTIONS
    names = NameRegistry()
    assert names.union_function("List") == "parse_list_2"
    assert names.union_function("List") == "parse_list_3"
    assert names.union_function("JobDetails") == "parse_job_details"


def test_poller_names_do_not_collide_with_schema_classes() -> None:
    names = NameRegistry()
    names.reserve(["Job", "JobPoller"])
    assert names.pollers("Job") == ("JobPoller2", "AsyncJobPoller2")
    assert names.pollers("Job") == ("JobPoller3", "AsyncJobPoller3")


def test_the_same_walk_gives_the_same_names() -> None:
    def walk() -> list[str]:
        names = NameRegistry()
        names.reserve(["Task", "TaskMeta"])
        return [
            names.schema_class(schema("Task"), SpecName("Task")),
            names.schema_class(schema("Task", "properties", "meta"), "TaskMeta"),
            names.schema_class(schema("Task", "properties", "details"), "TaskDetails"),
            names.schema_class(schema("Task", "properties", "extra"), "TaskDetails"),
            names.union_function("TaskDetails"),
            *names.pollers("Task"),
        ]

    first = walk()
    assert first == walk()
    assert first == [
        "Task",
        "TaskMeta2",
        "TaskDetails",
        "TaskDetails2",
        "parse_task_details",
        "TaskPoller",
        "AsyncTaskPoller",
    ]
