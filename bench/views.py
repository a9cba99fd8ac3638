"""Benchmark the tracking views as cold processes, against `cchc validate` on the same plan.

Run from the repository's root:

    python bench/views.py [--runs 9]

Each view validates the plan before it answers, so `cchc validate` is the baseline;
the ratios say what the view itself costs on top (1.00× = nothing), each against its
target: JSON ≤ 1.10×, tables and the Markdown report ≤ 1.25×. Exits 1 when one is
over. Uses the same virtual environment as bench/validate.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from validate import PLAN, measure, prepare_environment

# name: (arguments, target ÷ validate)
JSON, TABLE, REPORT = 1.10, 1.25, 1.25
VIEWS = {
    "status --format json": (["status", "--format", "json"], JSON),
    "gaps --format json": (["gaps", "--format", "json"], JSON),
    "progress --format json": (["progress", "--format", "json"], JSON),
    "status --unit office": (["status", "--unit", "office"], TABLE),
    "status": (["status"], TABLE),
    "gaps": (["gaps"], TABLE),
    "progress": (["progress"], TABLE),
    "report": (["report"], REPORT),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    cchc = str(prepare_environment() / "cchc")
    day = ["--as-of", "2021-09-30"]
    commands = {"validate": [cchc, "validate", str(PLAN), *day]}
    for name, (view, _) in VIEWS.items():
        commands[name] = [cchc, *view, "--plan", str(PLAN), *day]
    medians = measure(commands, args.runs)
    baseline = medians["validate"]
    failed = False
    for name, seconds in medians.items():
        ratio = seconds / baseline
        line = f"cchc {name:<28} {seconds * 1000:6.0f} ms  {ratio:5.2f}× validate"
        if name in VIEWS:
            target = VIEWS[name][1]
            failed |= ratio > target
            line += f" (target ≤ {target:.2f}×: {'ok' if ratio <= target else 'over target'})"
        print(line)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
