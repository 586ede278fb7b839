"""What pollers.py prints for a poller class's base, worked out from its IR node: the generic
arguments, a result that would fail at import written as a string."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import ir
from ..ir.endpoints import is_forward
from ..kinds.base import MODELS, POLLING
from .filters import pystr
from .imports import use

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
