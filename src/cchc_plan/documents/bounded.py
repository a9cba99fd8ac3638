"""Running a user's template within bounds of time and memory.

A template is code: one can loop for ever or grow a string until the machine runs out
of memory. Where the system can fork (Linux, macOS), the rendering runs in a child
process with a memory limit and an alarm, and its text (or what went wrong, with the
template's line) comes back through a pipe; the parent kills a child that outlives
its time. Elsewhere, or when no process can be started, it runs here under an alarm
where the system has one; the sandbox's own limits still apply.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from cchc_plan.errors import TemplateProblem
from cchc_plan.writing import stops_raise

GRACE_SECONDS = 5.0  # past the alarm, the parent kills a child that has not answered


class Timeout(BaseException):
    """The rendering's time is up (raised by the alarm inside the rendering)."""


def run(
    render: Callable[[], dict[str, Any]], name: str, *, seconds: float, memory_mb: float
) -> dict[str, Any]:
    """`render()`'s answer (plain data), stopped after `seconds` or beyond `memory_mb`
    more memory.

    `render` raises TemplateProblem for the template's own errors (a timeout included:
    it catches Timeout where it knows the template's line).
    """
    if not hasattr(os, "fork"):
        with _alarm(seconds):
            return render()
    try:
        reader, writer = os.pipe()
    except OSError:
        with _alarm(seconds):
            return render()
    try:
        pid = os.fork()
    except OSError:  # no process to be had: render here
        os.close(reader)
        os.close(writer)
        with _alarm(seconds):
            return render()
    if pid == 0:  # the child: never returns
        os.close(reader)
        _child(render, writer, seconds=seconds, memory_mb=memory_mb)
    os.close(writer)
    return _parent(pid, reader, name, seconds=seconds)


def _child(
    render: Callable[[], dict[str, Any]], writer: int, *, seconds: float, memory_mb: float
) -> None:
    answer: dict[str, Any]
    try:
        _limit_memory(memory_mb)
        with _alarm(seconds):
            answer = {"value": render()}
    except TemplateProblem as problem:
        answer = {
            "name": problem.name,
            "line": problem.line,
            "detail": problem.detail,
            "trouble": problem.trouble,
            "limit": problem.limit,
        }
    except MemoryError:
        answer = {"name": "", "line": None, "detail": "", "trouble": "memory", "limit": 0}
    except BaseException as error:  # a bug: the parent says so
        answer = {"bug": f"{type(error).__name__}: {error}"}
    try:
        data = json.dumps(answer).encode("utf-8")
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(data)
    finally:
        os._exit(0)


def _parent(pid: int, reader: int, name: str, *, seconds: float) -> dict[str, Any]:
    """The child's answer. However the wait ends (an answer, the time up, Ctrl-C,
    SIGTERM or SIGHUP), the child does not outlive it."""
    deadline = time.monotonic() + seconds + GRACE_SECONDS
    chunks: list[bytes] = []
    answered = False
    try:
        with stops_raise():
            while True:
                left = deadline - time.monotonic()
                ready, _, _ = select.select([reader], [], [], max(left, 0))
                if not ready:
                    raise TemplateProblem(name, None, "", trouble="timeout", limit=seconds)
                chunk = os.read(reader, 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
        answered = True
    finally:
        os.close(reader)
        if not answered:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    if not chunks:  # killed (out of memory, most likely) before it could answer
        raise TemplateProblem(name, None, "", trouble="memory")
    answer = json.loads(b"".join(chunks))
    if "value" in answer:
        return dict(answer["value"])
    if "bug" in answer:
        raise RuntimeError(answer["bug"])
    raise TemplateProblem(
        answer["name"] or name,
        answer["line"],
        answer["detail"],
        trouble=answer["trouble"],
        limit=answer["limit"],
    )


def _limit_memory(memory_mb: float) -> None:
    """Cap the child's address space at what it uses now plus `memory_mb`."""
    try:
        import resource  # noqa: PLC0415 (POSIX only)

        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[0])
        now = pages * os.sysconf("SC_PAGE_SIZE")
        cap = now + int(memory_mb * 1024 * 1024)
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    except (OSError, ValueError, ImportError):
        pass  # no /proc (macOS) or no permission: the alarm still bounds the time


def _on_alarm(signum: int, frame: object) -> None:
    raise Timeout


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """Raise Timeout in this thread after `seconds`, where the system has alarms."""
    usable = hasattr(signal, "setitimer") and _main_thread()
    if not usable:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _main_thread() -> bool:
    import threading  # noqa: PLC0415

    return threading.current_thread() is threading.main_thread() and sys.platform != "win32"
