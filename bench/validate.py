"""Benchmark `cchc validate` as a cold process, against check-jsonschema on the same files.

Run from the repository's root:

    python bench/validate.py [--runs 7] [--files 1000]

It makes its own virtual environment (bench/.work/venv) holding this project,
check-jsonschema and ruamel.yaml.clib (so check-jsonschema runs at its fastest),
generates plan-sized files, then times, interleaved, in the same run:

- `python -c pass` (the floor: starting Python),
- `cchc validate plans/2021.yaml` and `check-jsonschema` on the same file,
- `cchc validate` over a folder of generated plans and `check-jsonschema` on them.

It prints the median wall time of each and the ratios cchc / check-jsonschema,
the figures the README quotes. The machine is noisy: read ratios, not seconds.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work"
PLAN = ROOT / "plans" / "2021.yaml"
SCHEMA = ROOT / "schema" / "plan.schema.json"
TARGETS = {"one file": 0.6, "many files": 0.35}


def prepare_environment() -> Path:
    """A virtual environment with the project and check-jsonschema; its bin folder."""
    env = WORK / "venv"
    python = env / "bin" / "python"
    if not python.exists():
        venv.create(env, with_pip=True)
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            str(ROOT),
            "check-jsonschema",
            "ruamel.yaml.clib",
        ],
        check=True,
    )
    return env / "bin"


def generate_plans(count: int) -> Path:
    """`count` valid plans, each the 2021 plan with its own number and figures."""
    folder = WORK / f"plans-{count}"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    text = PLAN.read_text(encoding="utf-8")
    for i in range(count):
        varied = text.replace("number: 10/KH-SKHĐT", f"number: {i + 1}/KH-SKHĐT")
        varied = re.sub(r"assignee: (.+)", rf"assignee: \1 {i % 97}", varied)
        (folder / f"plan-{i:04d}.yaml").write_text(varied, encoding="utf-8")
    return folder


def wall(command: list[str], expect: int = 0) -> float:
    """Seconds one run of `command` takes, checking its exit code."""
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != expect:
        sys.exit(f"{command[0]} exited {result.returncode}: {result.stdout[-500:]!r}")
    return elapsed


def measure(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    """Median seconds per command, runs interleaved so that noise hits all alike."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for command in commands.values():
        wall(command)  # warm the file cache and the bytecode
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(wall(command))
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--files", type=int, default=1000)
    args = parser.parse_args()
    bin_dir = prepare_environment()
    folder = generate_plans(args.files)
    files = sorted(str(p) for p in folder.glob("*.yaml"))
    cchc = str(bin_dir / "cchc")
    cjs = [str(bin_dir / "check-jsonschema"), "--schemafile", str(SCHEMA)]
    python = str(bin_dir / "python")

    single = measure(
        {
            "python -c pass": [python, "-c", "pass"],
            "cchc validate (1 file)": [cchc, "validate", str(PLAN)],
            "check-jsonschema (1 file)": [*cjs, str(PLAN)],
        },
        args.runs,
    )
    many = measure(
        {
            f"cchc validate ({args.files} files)": [cchc, "validate", str(folder)],
            f"check-jsonschema ({args.files} files)": [*cjs, *files],
        },
        max(3, args.runs // 2),
    )
    for name, seconds in {**single, **many}.items():
        print(f"{name:<40} {seconds * 1000:8.0f} ms")
    ratios = {
        "one file": single["cchc validate (1 file)"] / single["check-jsonschema (1 file)"],
        "many files": many[f"cchc validate ({args.files} files)"]
        / many[f"check-jsonschema ({args.files} files)"],
    }
    floor = single["python -c pass"] / single["check-jsonschema (1 file)"]
    print(f"{'python -c pass / check-jsonschema':<40} {floor:8.2f}×")
    failed = False
    for name, ratio in ratios.items():
        verdict = "ok" if ratio <= TARGETS[name] else "over target"
        failed |= ratio > TARGETS[name]
        label = f"cchc / check-jsonschema, {name}"
        print(f"{label:<40} {ratio:8.2f}× (target ≤ {TARGETS[name]}×: {verdict})")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
