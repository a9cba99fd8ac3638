"""Writing files so that no data is lost: never half a file, never over a file the
command reads, never a device or a pipe replaced by a file.

Every command that writes a file (today `cchc report -o`) goes through
`write_atomically`, so each new writer gets the same care.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterable, Iterator
from types import FrameType
from typing import Any

from cchc_plan.errors import Terminated, WriteFailed, file_kind, reason_of

NEW_FILE_MODE = 0o666  # less the umask, as for any file a program creates
_NAME_IN_TEMPORARY = 64  # characters of the target's name kept in the temporary file's
_STOPPING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_LINKS_FOLLOWED = 40


def write_atomically(path: str, text: str, *, protected: Iterable[str | None] = ()) -> None:
    """Write `text`, as UTF-8, to `path`, losing nothing whatever happens.

    - `path` naming one of `protected` (the files the command reads), by any path: a
      `..`, a hard link, a symbolic link, is refused.
    - A regular file, or a new one, is written beside the target under a temporary
      name, then renamed over it: the file is whole, or as it was. Through a symbolic
      link, the file it points to is replaced and the link stays a link. An existing
      file keeps its permission bits (and its owner, where the system allows); a new
      one gets 0666 less the umask.
    - A character device or a FIFO (/dev/null, a named pipe), or whatever /dev/stdout
      and /proc/<pid>/fd/<n> lead to, is written to directly, never renamed over; a
      regular file reached that way is appended to, as the shell's `>>` left it.
    - A folder, a socket or a block device is refused.
    - SIGTERM or SIGHUP during the write removes the temporary file, then raises
      `Terminated`.

    Any failure raises WriteFailed with its reason.
    """
    data = text.encode("utf-8")
    with stops_raise():
        for source in protected:
            if source is not None and _same_file(path, source):
                raise WriteFailed(path, "input", source=source)
        try:
            info: os.stat_result | None = os.stat(path)
        except FileNotFoundError:
            info = None  # a new file, or a link to one not written yet
        except OSError as error:
            raise WriteFailed(path, reason_of(error)) from None
        mode = info.st_mode if info is not None else stat.S_IFREG
        if info is not None and stat.S_ISREG(mode) and not os.access(path, os.W_OK):
            # Renaming over it would succeed where writing into it would not: a file
            # the user may not write is refused, as the shell's `>` refuses it.
            raise WriteFailed(path, "EACCES")
        if stat.S_ISREG(mode) and not _through_descriptors(path):
            _replace(path, data, info)
        elif stat.S_ISREG(mode) or stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
            _write_through(path, data)
        else:
            raise WriteFailed(path, file_kind(mode))


def _same_file(path: str, other: str) -> bool:
    """Whether two paths name one file: the same device and inode, or the same path
    once every link and `..` is resolved."""
    with contextlib.suppress(OSError):
        if os.path.samefile(path, other):
            return True
    return os.path.realpath(path) == os.path.realpath(other)


def _through_descriptors(path: str) -> bool:
    """Whether `path` leads through /proc (/dev/stdout, /dev/fd/1, /proc/self/fd/1):
    a process's open file, which renaming would not reach."""
    current = os.path.abspath(path)
    for _ in range(_LINKS_FOLLOWED):
        folder = os.path.realpath(os.path.dirname(current))
        if folder == "/proc" or folder.startswith("/proc/"):
            return True
        current = os.path.join(folder, os.path.basename(current))
        if not os.path.islink(current):
            return False
        current = os.path.join(folder, os.readlink(current))
    return False


def _replace(path: str, data: bytes, info: os.stat_result | None) -> None:
    target = os.path.realpath(path)
    folder, name = os.path.split(target)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{name[:_NAME_IN_TEMPORARY]}.", dir=folder)
    except FileNotFoundError:
        raise WriteFailed(path, "no_folder") from None
    except OSError as error:
        raise WriteFailed(path, reason_of(error)) from None
    try:
        try:
            _set_owner_and_mode(handle, info)
            _write_all(handle, data)
            os.fsync(handle)
        finally:
            os.close(handle)
        os.replace(temporary, target)
    except OSError as error:
        raise WriteFailed(path, reason_of(error)) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)  # gone already when the rename succeeded
    _sync_folder(folder)


def _set_owner_and_mode(handle: int, info: os.stat_result | None) -> None:
    """The replaced file's owner (where allowed) and permission bits; for a new file,
    those any new file gets. (Windows has no fchmod before Python 3.13: there, the
    temporary file's own permissions stand.)"""
    if not hasattr(os, "fchmod"):
        return
    if info is None:
        os.fchmod(handle, NEW_FILE_MODE & ~_umask())
        return
    if hasattr(os, "fchown") and (info.st_uid, info.st_gid) != (os.geteuid(), os.getegid()):
        with contextlib.suppress(OSError):  # only root may give a file away
            os.fchown(handle, info.st_uid, info.st_gid)
    os.fchmod(handle, stat.S_IMODE(info.st_mode))


def _write_through(path: str, data: bytes) -> None:
    """Write straight into a device, a pipe, or a process's open file."""
    try:
        # Opened without waiting: a FIFO that nobody reads is refused (ENXIO), not
        # waited on; then writes block again, as they should.
        handle = os.open(path, os.O_WRONLY | os.O_APPEND | _CLOEXEC | _NONBLOCK)
        if _NONBLOCK:
            os.set_blocking(handle, True)
    except OSError as error:
        if error.errno == errno.ENXIO:
            raise WriteFailed(path, "no_reader") from None
        raise WriteFailed(path, reason_of(error)) from None
    try:
        try:
            _write_all(handle, data)
        finally:
            os.close(handle)
    except OSError as error:
        raise WriteFailed(path, reason_of(error)) from None


def _write_all(handle: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(handle, view) :]


def _sync_folder(folder: str) -> None:
    """Make the rename itself durable, where the system allows it."""
    with contextlib.suppress(OSError, AttributeError):
        handle = os.open(folder or ".", os.O_RDONLY | _CLOEXEC)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


@functools.cache
def _umask() -> int:
    """The process's umask, read once (the system only tells it by changing it)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def stops_raise() -> Iterator[None]:
    """While work that cleans up after itself runs (writing a file here, waiting on a
    template's renderer in documents/bounded.py), SIGTERM and SIGHUP raise
    `Terminated`, so that the clean-up runs on the way out; the previous handlers come
    back after. A signal the process ignores (SIGHUP under nohup) stays ignored."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may handle signals
        return

    def stop(number: int, frame: FrameType | None) -> None:
        raise Terminated(number)

    previous: dict[int, Any] = {}
    try:
        for number in _STOPPING:
            if signal.getsignal(number) is not signal.SIG_IGN:
                previous[number] = signal.signal(number, stop)
        yield
    finally:
        for number, handler in previous.items():
            # None: a handler set outside Python, which cannot be put back; the default.
            signal.signal(number, signal.SIG_DFL if handler is None else handler)


@contextlib.contextmanager
def locked(path: str) -> Iterator[None]:
    """Hold the lock of `path`'s folder while reading, editing and writing `path`, so
    that updates started at the same moment happen one after the other. Without
    advisory locks (or a folder that cannot be opened), nothing is held."""
    try:
        import fcntl  # noqa: PLC0415 (POSIX only)
    except ImportError:
        yield
        return
    folder = os.path.dirname(os.path.abspath(path)) or "."
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)
