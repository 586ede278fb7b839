"""What pollers.py prints for a poller class, worked out from its IR node: its base with the
generic arguments (a result that would fail at import written as a string), and the typed
`from_client` that hands its path parameters to the runtime; a long-running operation's
`LroOperation`, written once per sync and asyncio pair."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import ir
from ..ir.endpoints import is_forward
from ..kinds.base import MODELS, POLLING, TYPING
from ..kinds.base import TYPE_CHECKING as CHECKING_ONLY
from .filters import pyliteral, pystr
from .imports import use
from .layout import wrap_call

if TYPE_CHECKING:
    from .env import KindMacros


def poller_base(poller: ir.PollerSpec, base: str, kinds: KindMacros) -> str:
    """`Base[Status]` of a status poller, or `Base[Status, Result]` where the operation
    answers with a result once done."""
    arguments = [use(poller.model, MODELS)]
    if poller.result_type is not None:
        arguments.append(type_argument(poller.result_type, kinds))
    return f"{use(base, POLLING)}[{', '.join(arguments)}]"


def lro_base(lro: ir.LroPollerSpec, base: str, kinds: KindMacros) -> str:
    """`Base[Result]` of a long-running operation's poller (`None` where it returns none)."""
    return f"{use(base, POLLING)}[{type_argument(lro.result, kinds)}]"


def type_argument(t: ir.TypeRef | None, kinds: KindMacros) -> str:
    """A type as a generic argument of a class base, which Python evaluates at import: a
    string where it is a forward reference (`ir.endpoints.is_forward`), `None` for no value."""
    if t is None:
        return "None"
    annotation = kinds.annotation(t)
    return pystr(annotation) if is_forward(t) else annotation


def from_client(poller: ir.PollerSpec, cls: ir.PollerClass, kinds: KindMacros) -> tuple[str, str]:
    """`from_client`'s signature and its `return` line, laid out: the path parameters as
    keywords an IDE completes, handed to the runtime's `_at` by wire name."""
    path_parameters = poller.endpoint.path_parameters
    parameters = [f"{p.py_name}: {kinds.annotation(p.type)}" for p in path_parameters]
    arguments = ["cls", f"client: {use('httpx', CHECKING_ONLY)}.{cls.client}"]
    if parameters:
        arguments += ["*", *parameters]
    arguments.append(f"**options: {use('Any', TYPING)}")
    signature = wrap_call("def from_client(", arguments, f") -> {cls.name}:", 4)
    values = ", ".join(f"{pystr(p.wire_name)}: {p.py_name}" for p in path_parameters)
    call = wrap_call("return cls._at(", ["client", "{" + values + "}", "**options"], ")", 8)
    return signature, call


def lro_operation(lro: ir.LroPollerSpec, cls: ir.PollerClass) -> str:
    """The right-hand side of a long-running operation poller's `_operation`: the
    `LroOperation` itself on the sync class, the sync class's on its asyncio twin."""
    sync = lro.classes[0]
    if cls != sync:
        return f"{sync.name}._operation"
    lines = [f"        {key}={pyliteral(value)},\n" for key, value in lro.operation]
    if lro.rule_constant:
        lines.append(f"        status_rule={use(lro.rule_constant, MODELS)},\n")
    return f"{use('LroOperation', POLLING)}(\n" + "".join(lines) + "    )"
