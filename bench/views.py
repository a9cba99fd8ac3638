"""Benchmark the tracking views as cold processes, against `cchc validate` on the same plan.

Run from the repository's root:

    python bench/views.py [--runs 9]

Each view validates the plan before it answers, so `cchc validate` is the baseline;
the ratios say what the view itself costs on top (1.00× = nothing). Uses the same
virtual environment as bench/validate.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from validate import PLAN, measure, prepare_environment

VIEWS = {
    "status --unit office": ["status", "--unit", "office"],
    "status": ["status"],
    "gaps": ["gaps"],
    "progress": ["progress"],
    "progress --format json": ["progress", "--format", "json"],
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    cchc = str(prepare_environment() / "cchc")
    day = ["--as-of", "2021-09-30"]
    commands = {"validate": [cchc, "validate", str(PLAN), *day]}
    for name, view in VIEWS.items():
        commands[name] = [cchc, *view, "--plan", str(PLAN), *day]
    medians = measure(commands, args.runs)
    baseline = medians["validate"]
    for name, seconds in medians.items():
        print(f"cchc {name:<28} {seconds * 1000:6.0f} ms  {seconds / baseline:5.2f}× validate")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
