"""statusgen: OpenAPI status resources -> typed Python models and pollers."""

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
