"""Where the plans are: files and folders named on the command line, the newest plan."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from cchc_plan.errors import PathNotFound

PLAN_SUFFIXES = (".yaml", ".yml")


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
                raise PathNotFound(given, "no_plans")
            found.extend(inside)
        elif path.exists() or path.is_symlink():
            found.append(given)
        else:
            raise PathNotFound(given, "missing")
    return found


def newest_plan(folder: str = "plans") -> str:
    """The plan of the latest year in `folder`: `plans/2022.yaml` over `plans/2021.yaml`."""
    years = [
        (int(p.stem), str(p))
        for p in Path(folder).glob("*.y*ml")
        if p.stem.isdigit() and len(p.stem) == 4 and p.suffix in PLAN_SUFFIXES
    ]
    if not years:
        raise PathNotFound(folder, "no_plan_year")
    return max(years)[1]
