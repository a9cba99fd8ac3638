"""Many plans at once: find them under folders, and validate them on every core."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from cchc_plan.reading.validation import Verdict, validate_file

PLAN_SUFFIXES = (".yaml", ".yml")
# Below this many files a second process costs more than it saves.
PARALLEL_THRESHOLD = 16


class PathProblem(Exception):
    """A path given on the command line that names no readable plan."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def find_plans(paths: Iterable[str]) -> list[str]:
    """The plan files named by `paths`: files as given, folders searched for YAML."""
    found: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            inside = sorted(
                str(p)
                for p in path.rglob("*")
                if p.suffix in PLAN_SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not inside:
                raise PathProblem(given, "no_plans")
            found.extend(inside)
        elif path.exists() or path.is_symlink():
            found.append(given)
        else:
            raise PathProblem(given, "missing")
    return found


def newest_plan(folder: str = "plans") -> str:
    """The plan of the latest year in `folder`: `plans/2022.yaml` over `plans/2021.yaml`."""
    years = [
        (int(p.stem), str(p))
        for p in Path(folder).glob("*.y*ml")
        if p.stem.isdigit() and len(p.stem) == 4 and p.suffix in PLAN_SUFFIXES
    ]
    if not years:
        raise PathProblem(folder, "no_plan_year")
    return max(years)[1]


def _validate_chunk(files: Sequence[str], as_of: date) -> list[Verdict]:
    # Plans stay in the worker: pickling them back would cost more than validating.
    return [replace(validate_file(f, as_of=as_of), plan=None) for f in files]


def validate_many(files: Sequence[str], *, as_of: date, jobs: int | None = None) -> list[Verdict]:
    """Validate every file, in order, on `jobs` processes (default: every core)."""
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or len(files) < PARALLEL_THRESHOLD:
        return [validate_file(f, as_of=as_of) for f in files]
    # Imported here: a single plan should not pay for the process machinery.
    import multiprocessing  # noqa: PLC0415
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

    size = max(1, len(files) // (jobs * 4))
    chunks = [files[i : i + size] for i in range(0, len(files), size)]
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        results = pool.map(_validate_chunk, chunks, [as_of] * len(chunks))
        return [verdict for chunk in results for verdict in chunk]
