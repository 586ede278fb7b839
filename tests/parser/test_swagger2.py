"""Swagger 2.0 input: one IR, so the same model as 2.0, 3.0 and 3.1 gives the same code."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli

STATUS_ENUM = """
        type: string
        enum: [notstarted, running, succeeded, failed]
        x-ms-enum:
          name: OperationStatusType
          modelAsString: true
          values:
            - {value: notstarted, description: Waiting to start., name: NotStarted}
            - {value: running, description: In progress.}
            - {value: succeeded, description: Done.}
            - {value: failed, description: Failed.}
"""

SWAGGER_2 = (
    """swagger: "2.0"
info: {title: Face Client, version: "1.0", x-statusgen: {package: face}}
host: westus.api.cognitive.microsoft.com
basePath: /face/v1.0
produces: [application/json]
paths:
  /operations/{operationId}:
    get:
      operationId: getOperationStatus
      parameters:
        - {name: operationId, in: path, required: true, type: string, format: uuid}
        - {name: Accept, in: header, required: true, type: string, enum: [application/json]}
      responses:
        "200":
          description: OK
          schema: {$ref: "#/definitions/OperationStatus"}
  /operations/{operationId}/report:
    get:
      operationId: getReport
      produces: [text/csv]
      parameters:
        - {name: operationId, in: path, required: true, type: string}
      responses:
        "200": {description: A CSV report, schema: {type: string}}
definitions:
  OperationStatus:
    type: object
    required: [createdTime, status]
    properties:
      createdTime: {type: string, format: date-time}
      message: {type: string, x-nullable: true}
      status:"""
    + STATUS_ENUM
)

OPENAPI_30 = """openapi: 3.0.3
info: {title: Face Client, version: "1.0", x-statusgen: {package: face}}
paths:
  /operations/{operationId}:
    get:
      operationId: getOperationStatus
      parameters:
        - {name: operationId, in: path, required: true, schema: {type: string, format: uuid}}
        - name: Accept
          in: header
          required: true
          schema: {type: string, enum: [application/json]}
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {$ref: "#/components/schemas/OperationStatus"}
  /operations/{operationId}/report:
    get:
      operationId: getReport
      parameters:
        - {name: operationId, in: path, required: true, schema: {type: string}}
      responses:
        "200":
          description: A CSV report
          content: {text/csv: {schema: {type: string}}}
components:
  schemas:
    OperationStatus:
      type: object
      required: [createdTime, status]
      properties:
        createdTime: {type: string, format: date-time}
        message: {type: string, nullable: true}
        status:""" + STATUS_ENUM.replace("\n        ", "\n          ")

OPENAPI_31 = OPENAPI_30.replace("openapi: 3.0.3", "openapi: 3.1.0").replace(
    "message: {type: string, nullable: true}", 'message: {type: [string, "null"]}'
)


def generate(tmp_path: Path, name: str, text: str) -> dict[str, bytes]:
    work = tmp_path / name
    work.mkdir()
    (work / "face.yaml").write_text(text, encoding="utf-8")
    result = run_cli(["generate", "face.yaml", "--out", "out"], work)
    assert result.returncode == 0, result.stderr
    return {
        p.relative_to(work / "out").as_posix(): p.read_bytes()
        for p in sorted((work / "out").rglob("*"))
        if p.is_file() and p.name != ".statusgen-manifest"
    }


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    base = tmp_path_factory.mktemp("versions")
    return {
        name: generate(base, name, text)
        for name, text in (("2.0", SWAGGER_2), ("3.0", OPENAPI_30), ("3.1", OPENAPI_31))
    }


def test_same_model_in_three_versions_gives_byte_identical_code(
    trees: dict[str, dict[str, bytes]],
) -> None:
    assert trees["2.0"] == trees["3.0"] == trees["3.1"]


def test_swagger2_features_reach_the_code(trees: dict[str, dict[str, bytes]]) -> None:
    models = trees["2.0"]["face/models.py"].decode()
    assert "class OperationStatusType(StatusEnum, " in models  # x-ms-enum name
    assert 'NOT_STARTED = "notstarted"' in models  # x-ms-enum value name
    assert "NOT_STARTED: Waiting to start." in models  # x-ms-enum value description
    assert "message: str | None | Unset = UNSET" in models  # x-nullable
    pollers = trees["2.0"]["face/pollers.py"].decode()
    assert '_path = "/operations/{operationId}"' in pollers  # 2.0 parameters
    assert '_headers = {"Accept": "application/json"}' in pollers  # 2.0 header constant
    assert "operation_id: uuid.UUID" in pollers  # format uuid on a 2.0 parameter
    assert "Report" not in pollers  # produces text/csv: no JSON body, no model


def test_x_ms_enum_value_not_in_the_enum_is_an_error(tmp_path: Path) -> None:
    broken = SWAGGER_2.replace("{value: failed, description: Failed.}", "{value: gone}")
    (tmp_path / "face.yaml").write_text(broken, encoding="utf-8")
    result = run_cli(["validate", "face.yaml"], tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "face.yaml:42:16: "
        "#/definitions/OperationStatus/properties/status/x-ms-enum/values/3/value: "
        "'gone' is not one of the enum values\n"
    )


def test_swagger_versions_other_than_2_0_are_refused(tmp_path: Path) -> None:
    (tmp_path / "old.yaml").write_text(SWAGGER_2.replace('"2.0"', '"1.2"'), encoding="utf-8")
    result = run_cli(["validate", "old.yaml"], tmp_path)
    assert result.returncode == 2
    assert result.stderr == "old.yaml:1:1: #/swagger: unsupported OpenAPI version '1.2'\n"
