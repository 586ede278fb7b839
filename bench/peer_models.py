"""The four status models written for pydantic v2 and msgspec, for the runtime comparison.

Equivalent to what statusgen generates (wire names, aware date-times, optional fields, the
Postman details union by shape, Synapse's open concreteType bodies kept as dicts), so that
`from_dict` / `to_dict` are compared on the same work.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

import msgspec
import pydantic
from pydantic import BaseModel, ConfigDict, Field

Opt = Any


class _P(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class FaceStatus(_P):
    created_time: datetime.datetime = Field(alias="createdTime")
    last_action_time: datetime.datetime | None = Field(None, alias="lastActionTime")
    message: str | None = None
    resource_location: str | None = Field(None, alias="resourceLocation")
    status: Literal["notstarted", "running", "succeeded", "failed"] | str


class PostmanResource(_P):
    id: str | None = None
    url: str | None = None


class PostmanDetails1(_P):
    resources: list[PostmanResource] | None = None


class PostmanError(_P):
    message: str | None = None


class PostmanDetails2(_P):
    error: PostmanError | None = None


class PostmanMeta(_P):
    url: str | None = None
    model: str | None = None
    action: str | None = None


class PostmanTask(_P):
    id: str | None = None
    meta: PostmanMeta | None = None
    status: str | None = None
    details: PostmanDetails1 | PostmanDetails2 | None = None
    created_at: str | None = Field(None, alias="createdAt")
    updated_at: str | None = Field(None, alias="updatedAt")


class SynapseStatus(_P):
    changed_on: datetime.datetime | None = Field(None, alias="changedOn")
    error_details: str | None = Field(None, alias="errorDetails")
    error_message: str | None = Field(None, alias="errorMessage")
    etag: str | None = None
    exception: str | None = None
    job_canceling: bool | None = Field(None, alias="jobCanceling")
    job_id: str | None = Field(None, alias="jobId")
    job_state: str | None = Field(None, alias="jobState")
    progress_current: int | None = Field(None, alias="progressCurrent")
    progress_message: str | None = Field(None, alias="progressMessage")
    progress_total: int | None = Field(None, alias="progressTotal")
    request_body: dict[str, Any] | None = Field(None, alias="requestBody")
    response_body: dict[str, Any] | None = Field(None, alias="responseBody")
    runtime_ms: float | None = Field(None, alias="runtimeMS")
    started_by_user_id: int | None = Field(None, alias="startedByUserId")
    started_on: datetime.datetime | None = Field(None, alias="startedOn")


class VismaState(_P):
    id: str | None = None
    status: str | None = None
    status_code: int | None = Field(None, alias="statusCode")
    received_utc: datetime.datetime | None = Field(None, alias="receivedUtc")
    started_utc: datetime.datetime | None = Field(None, alias="startedUtc")
    finished_utc: datetime.datetime | None = Field(None, alias="finishedUtc")
    webhook_address: str | None = Field(None, alias="webhookAddress")
    error_message: str | None = Field(None, alias="errorMessage")
    reference: str | None = None
    original_uri: str | None = Field(None, alias="originalUri")
    has_response_content: bool | None = Field(None, alias="hasResponseContent")
    has_request_content: bool | None = Field(None, alias="hasRequestContent")
    content_location: str | None = Field(None, alias="contentLocation")
    response_headers: dict[str, str] | None = Field(None, alias="responseHeaders")


def _pydantic(model: type[BaseModel]) -> tuple[Any, Any]:
    return model.model_validate, lambda obj: obj.model_dump(by_alias=True, exclude_unset=True,
                                                            mode="json")


class MFace(msgspec.Struct, rename="camel", omit_defaults=True):
    created_time: datetime.datetime
    status: str
    last_action_time: datetime.datetime | None = None
    message: str | None = None
    resource_location: str | None = None


class MResource(msgspec.Struct, omit_defaults=True):
    id: str | None = None
    url: str | None = None


class MMeta(msgspec.Struct, omit_defaults=True):
    url: str | None = None
    model: str | None = None
    action: str | None = None


class MTask(msgspec.Struct, rename="camel", omit_defaults=True):
    id: str | None = None
    meta: MMeta | None = None
    status: str | None = None
    details: dict[str, Any] | None = None
    created_at: str | None = None
    updated_at: str | None = None


class MSynapse(msgspec.Struct, rename="camel", omit_defaults=True):
    changed_on: datetime.datetime | None = None
    error_details: str | None = None
    error_message: str | None = None
    etag: str | None = None
    exception: str | None = None
    job_canceling: bool | None = None
    job_id: str | None = None
    job_state: str | None = None
    progress_current: int | None = None
    progress_message: str | None = None
    progress_total: int | None = None
    request_body: dict[str, Any] | None = None
    response_body: dict[str, Any] | None = None
    runtime_ms: float | None = msgspec.field(default=None, name="runtimeMS")
    started_by_user_id: int | None = None
    started_on: datetime.datetime | None = None


class MVisma(msgspec.Struct, rename="camel", omit_defaults=True):
    id: str | None = None
    status: str | None = None
    status_code: int | None = None
    received_utc: datetime.datetime | None = None
    started_utc: datetime.datetime | None = None
    finished_utc: datetime.datetime | None = None
    webhook_address: str | None = None
    error_message: str | None = None
    reference: str | None = None
    original_uri: str | None = None
    has_response_content: bool | None = None
    has_request_content: bool | None = None
    content_location: str | None = None
    response_headers: dict[str, str] | None = None


def _msgspec(model: type[msgspec.Struct]) -> tuple[Any, Any]:
    return (lambda data: msgspec.convert(data, model), msgspec.to_builtins)


MODELS: dict[str, dict[str, tuple[Any, Any]]] = {
    "face": {"pydantic": _pydantic(FaceStatus), "msgspec": _msgspec(MFace)},
    "postman": {"pydantic": _pydantic(PostmanTask), "msgspec": _msgspec(MTask)},
    "synapse": {"pydantic": _pydantic(SynapseStatus), "msgspec": _msgspec(MSynapse)},
    "visma": {"pydantic": _pydantic(VismaState), "msgspec": _msgspec(MVisma)},
}
__all__ = ["MODELS", "pydantic"]
