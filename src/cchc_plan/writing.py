"""Writing files so that a crash never leaves half a file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from cchc_plan.errors import WriteFailed


def write_atomically(path: str, text: str) -> None:
    """Write UTF-8 text to a temporary file beside `path`, then rename it over `path`.

    Any failure (no such folder, no permission, a full disk) leaves `path` as it was
    and raises WriteFailed.
    """
    target = Path(path)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or ".")
    except OSError as error:
        raise WriteFailed(path, error.strerror or str(error)) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise WriteFailed(path, error.strerror or str(error)) from None
        raise
