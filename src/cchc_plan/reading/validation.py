"""From a file to a verdict: load, check the shape, check the invariants, locate;
one file, or many, streamed, on the CPUs this process may use."""

from __future__ import annotations

import os
from collections.abc import Generator, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, replace
from datetime import date

from cchc_plan.checks import run_checks
from cchc_plan.diagnostics import Diagnostic, Severity
from cchc_plan.models import Plan
from cchc_plan.reading.loader import Loaded, read_file
from cchc_plan.reading.shape import parse_plan

# Below this many files a second process costs more than it saves.
PARALLEL_THRESHOLD = 16


@dataclass(frozen=True, slots=True)
class Verdict:
    """One file's outcome: the plan when it is valid, and every diagnostic, located."""

    name: str
    plan: Plan | None
    diagnostics: list[Diagnostic]
    unreadable: bool = False
    text: str = ""  # the file's text, kept only when a diagnostic quotes it

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.error)

    @property
    def warnings(self) -> int:
        return len(self.diagnostics) - self.errors


def validate_file(path: str, *, as_of: date, name: str | None = None) -> Verdict:
    """Validate the plan file at `path` as of a date."""
    return judge(read_file(path, name=name), as_of=as_of)


def judge(loaded: Loaded, *, as_of: date) -> Verdict:
    found = list(loaded.diagnostics)
    plan: Plan | None = None
    if loaded.data is not None:
        plan, problems = parse_plan(loaded.data)
        if plan is not None:
            problems = run_checks(plan, as_of=as_of)
        found.extend(loaded.locate(d) for d in problems)
    found.sort(key=Diagnostic.sort_key)
    valid = plan if not any(d.severity is Severity.error for d in found) else None
    return Verdict(loaded.name, valid, found, loaded.unreadable, loaded.text if found else "")


def _validate_chunk(files: Sequence[str], as_of: date) -> list[Verdict]:
    # Plans stay in the worker: pickling them back would cost more than validating.
    return [replace(validate_file(f, as_of=as_of), plan=None) for f in files]


def usable_cpus() -> int:
    """The CPUs this process may run on (taskset, a container's cpuset), not the
    machine's."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # no affinity on this system
        return os.cpu_count() or 1


def validate_many(
    files: Sequence[str], *, as_of: date, jobs: int | None = None, keep_plans: bool = True
) -> Generator[Verdict, None, None]:
    """Validate every file, yielding each verdict in order as soon as it is judged.

    `jobs` processes (default: the CPUs this process may use; never more than there are
    pieces of work); one below PARALLEL_THRESHOLD files. A verdict from another
    process carries no plan; with `keep_plans=False` none does, so that the memory
    stays flat however many files there are. When a process cannot start or dies, the
    files it had not answered for are validated here: the answer is the same, only
    slower.
    """
    workers = jobs or usable_cpus()
    if workers == 1 or len(files) < PARALLEL_THRESHOLD:
        yield from _one_by_one(files, as_of=as_of, keep_plans=keep_plans)
        return
    from concurrent.futures import BrokenExecutor  # noqa: PLC0415

    size = max(1, len(files) // (workers * 4))
    chunks = [files[i : i + size] for i in range(0, len(files), size)]
    done = 0
    try:
        with closing(_in_processes(chunks, as_of, min(workers, len(chunks)))) as answers:
            for answer in answers:
                yield from answer
                done += len(answer)
    except (OSError, BrokenExecutor):  # no process could start, or one died
        yield from _one_by_one(files[done:], as_of=as_of, keep_plans=keep_plans)


def _one_by_one(files: Sequence[str], *, as_of: date, keep_plans: bool) -> Iterator[Verdict]:
    for path in files:
        verdict = validate_file(path, as_of=as_of)
        yield verdict if keep_plans else replace(verdict, plan=None)


def _in_processes(
    chunks: Sequence[Sequence[str]], as_of: date, workers: int
) -> Generator[list[Verdict], None, None]:
    """Each chunk's verdicts, in order, from `workers` processes. However it ends (done,
    failed, or no longer wanted), no process is left behind."""
    # Imported here: a single plan should not pay for the process machinery.
    import multiprocessing  # noqa: PLC0415
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    finished = False
    try:
        yield from pool.map(_validate_chunk, chunks, [as_of] * len(chunks))
        finished = True
    finally:
        pool.shutdown(wait=finished, cancel_futures=not finished)
        if not finished:
            for child in multiprocessing.active_children():
                child.terminate()
                child.join()
