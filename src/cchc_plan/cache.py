"""What cchc compiles once and keeps between runs, in one private folder per user.

Building the plan's validator and compiling the report's templates each cost more
than reading a plan; kept here, the next run loads them instead. The folder is
`$XDG_CACHE_HOME/cchc` (by default `~/.cache/cchc`), made private. What it holds is
run as code, so a folder that is not the user's, or that others may write to, is
not used; nor is a file in it that is not the user's. Whatever goes wrong with the
cache costs time, never a result: deleting the folder is always safe.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

FOLDER_NAME = "cchc"
WRITABLE_BY_OTHERS = stat.S_IWGRP | stat.S_IWOTH


def folder() -> Path | None:
    """The cache folder, made if need be; None when there is no private one to be had."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG rule: a relative path is ignored
        base = os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):  # no home folder to be found
        return None
    path = os.path.join(base, FOLDER_NAME)
    try:
        os.makedirs(path, mode=0o700, exist_ok=True)
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    if not stat.S_ISDIR(status.st_mode) or not _private(status):
        return None
    return Path(path)


def _private(status: os.stat_result) -> bool:
    """The user's own, and writable by nobody else."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # Windows: the profile's permissions are the user's
        return True
    return status.st_uid == getuid() and not status.st_mode & WRITABLE_BY_OTHERS


def load(name: str) -> bytes | None:
    """The content of the cache file `name`, if there is one and it is the user's."""
    where = folder()
    if where is None:
        return None
    try:
        with open(where / name, "rb") as file:
            status = os.fstat(file.fileno())
            if not stat.S_ISREG(status.st_mode) or not _private(status):
                return None
            return file.read()
    except (OSError, ValueError):
        return None


def store(name: str, content: bytes, *, family: str) -> None:
    """Keep `content` as the cache file `name`, written whole or not at all; the
    other files whose names start with `family` (older versions of it) go."""
    where = folder()
    if where is None:
        return
    partial = where / f".{name}.{os.getpid()}.partial"
    try:
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with open(descriptor, "wb") as file:
            file.write(content)
        os.replace(partial, where / name)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            partial.unlink()
        return
    with contextlib.suppress(OSError):
        for old in where.glob(f"{family}*"):
            if old.name != name:
                old.unlink()
