"""The user's cache directory, the one rule for everything statusgen keeps between runs: formatted
pieces (`cache.PieceCache`), the validator's findings (`validation.cache`) and compiled
templates (`render.env`). Never the installed package: it may be read-only, shared, or
verified by a package manager.

Where: `$STATUSGEN_CACHE_DIR`, else `$XDG_CACHE_HOME/statusgen`, else `~/.cache/statusgen`;
`generate --no-cache` uses none. Entries are written to a temporary file and renamed into
place, so a concurrent reader sees a whole entry or none; nothing is locked. A directory that
cannot be read or written is no cache.
"""

from __future__ import annotations

import os
import stat
import tempfile
import time
from pathlib import Path

TOUCH_AFTER = 3600.0
"""Seconds: an entry read later than this after its last refresh gets a new mtime."""
_READ_FLAGS = os.O_RDONLY | sum(
    getattr(os, name, 0) for name in ("O_NOFOLLOW", "O_NONBLOCK", "O_CLOEXEC", "O_BINARY")
)
"""Not through a symlink, and never waiting on a FIFO planted as an entry (POSIX)."""


def cache_root(enabled: bool = True) -> Path | None:
    """Where statusgen keeps what it may reuse; None with `--no-cache` (`enabled=False`)."""
    if not enabled:
        return None
    explicit = os.environ.get("STATUSGEN_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "statusgen"


def no_entries(directory: Path) -> bool:
    """Whether `directory` holds nothing (or cannot be read)."""
    try:
        with os.scandir(directory) as entries:
            return next(entries, None) is None
    except OSError:
        return True


def read_entry(path: Path, limit: int) -> bytes | None:
    """A cache entry's bytes; None when missing, not a regular file (a symlink, a FIFO
    planted as an entry) or over `limit` bytes. A read refreshes its mtime, at most hourly,
    which is what eviction orders by."""
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        with open(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
        if info.st_mtime < time.time() - TOUCH_AFTER and os.utime in os.supports_fd:
            os.utime(fd)
    except OSError:
        return None
    finally:
        os.close(fd)
    return data


def write_entry(directory: Path, name: str, data: bytes) -> None:
    """Written to a temporary file and renamed into place: a concurrent reader sees the
    whole entry or none."""
    fd, temp = tempfile.mkstemp(prefix=".tmp-", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, directory / name)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


def _is_entry_name(name: str) -> bool:
    return len(name) == 32 and all(c in "0123456789abcdef" for c in name)


def evict(pieces: Path, max_bytes: int) -> None:
    """Remove the least recently used entries (of every format key) until the rest take at most
    three quarters of `max_bytes`; temporary files of crashed runs go once an hour old. Only
    names this module writes are ever removed, whatever else the directory holds."""
    entries: list[tuple[float, int, str]] = []
    total = 0
    old = time.time() - TOUCH_AFTER
    try:
        keys = [d.path for d in os.scandir(pieces) if d.is_dir(follow_symlinks=False)]
    except OSError:
        return
    for key in keys:
        try:
            listing = list(os.scandir(key))
        except OSError:
            continue
        for entry in listing:
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if entry.name.startswith(".tmp-") and info.st_mtime < old:
                _remove(entry.path)
            elif _is_entry_name(entry.name) and stat.S_ISREG(info.st_mode):
                entries.append((info.st_mtime, info.st_size, entry.path))
                total += info.st_size
    if total <= max_bytes:
        return
    entries.sort()
    for _, size, path in entries:
        if total <= max_bytes * 3 // 4:
            break
        _remove(path)
        total -= size


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:  # another run removed or replaced it
        pass
