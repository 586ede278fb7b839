"""statusgen: OpenAPI status resources -> typed Python models and pollers."""

from __future__ import annotations

TYPE_CHECKING = False  # typing's import is a tenth of a no-op run
if TYPE_CHECKING:
    from typing import Any


def __getattr__(name: str) -> Any:
    """`statusgen.__version__`, read from the installed metadata only when asked for: a
    no-op run must not pay for importlib.metadata."""
    if name != "__version__":
        raise AttributeError(name)
    from importlib import metadata

    try:
        return metadata.version("statusgen")
    except metadata.PackageNotFoundError:  # a checkout that was never installed
        return "0+unknown"
