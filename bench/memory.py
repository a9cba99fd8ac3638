"""Benchmark the memory `cchc validate -j 1` needs for many plans: it must stay flat.

Run from the repository's root:

    python bench/memory.py [--files 10000]

Generates plan-sized files (as bench/validate.py does), then runs, one process each,
`cchc validate -j 1` on one plan and on all of them, and prints each one's peak
resident memory (the kernel's count, from wait4). Target: at most 100 MiB for 10,000
plans; the ratio to one plan says how flat it is. Exits 1 over the target. Uses the
same virtual environment as bench/validate.py.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from validate import PLAN, generate_plans, prepare_environment

TARGET_MIB = 100


def peak_mib(command: list[str]) -> float:
    """The peak resident memory of one run of `command`, in MiB (exit 0 or 1 taken)."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        sys.exit(f"{command[0]} exited {process.returncode}")
    return usage.ru_maxrss / 1024  # KiB on Linux


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    args = parser.parse_args()
    cchc = str(prepare_environment() / "cchc")
    folder = generate_plans(args.files)
    one = peak_mib([cchc, "validate", "-j", "1", str(PLAN)])
    many = peak_mib([cchc, "validate", "-j", "1", str(folder)])
    print(f"cchc validate -j 1, one plan            {one:8.1f} MiB")
    print(f"cchc validate -j 1, {args.files:,} plans".ljust(40) + f"{many:8.1f} MiB")
    verdict = "ok" if many <= TARGET_MIB else "over target"
    ratio = many / one
    print(f"{args.files:,} plans / one plan: {ratio:.2f}× (target ≤ {TARGET_MIB} MiB: {verdict})")
    return 0 if many <= TARGET_MIB else 1


if __name__ == "__main__":
    raise SystemExit(main())
