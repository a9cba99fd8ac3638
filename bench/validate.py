"""Benchmark `cchc validate` as a cold process, against check-jsonschema on the same files.

Run from the repository's root:

    python bench/validate.py [--runs 7] [--files 1000]

It makes its own virtual environment (bench/.work/venv) holding this project,
check-jsonschema and ruamel.yaml.clib (so check-jsonschema runs at its fastest),
generates plan-sized files, then times, interleaved, in the same run:

- `python -c pass` (the floor: starting Python),
- `cchc validate plans/2021.yaml` and `check-jsonschema` on the same file,
- `cchc validate --help`, against `python -c pass`,
- "the stack": Python importing exactly the other packages' modules that
  `cchc validate plans/2021.yaml` imports (typer, pydantic, ruamel.yaml and the
  standard library's), and nothing of cchc: the floor no code of ours can go under,
- `cchc validate` over a folder of generated plans and `check-jsonschema` on them.

It prints the median wall time of each and the ratios with their targets, the
figures the README quotes; it exits 1 when a ratio is over its target. The machine
is noisy: read ratios, not seconds.
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
# ratio: (what, divided by what, target)
TARGETS = {
    "one file": ("cchc validate, one file", "check-jsonschema", 0.45),
    "help": ("cchc validate --help", "python -c pass", 7.0),
    "many files": ("cchc validate, many files", "check-jsonschema", 0.20),
}


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


# Run in the environment's Python: validate the 2021 plan as `cchc` does, in-process,
# then print the modules that are not cchc's, in the order they were imported.
STACK_PROBE = """
import sys
from cchc_plan.__main__ import skip_plugin_search
import os
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
skip_plugin_search()
from cchc_plan.cli import main
sys.argv = ["cchc", "validate", sys.argv[1]]
try:
    main()
except SystemExit:
    pass
print(" ".join(m for m in sys.modules if not m.startswith(("cchc_plan", "__main__"))))
"""


def stack_command(python: str) -> list[str]:
    """A command that imports what `cchc validate` imports of other packages, then ends
    as `cchc` does (os._exit, the collector off)."""
    probe = subprocess.run(
        [python, "-c", STACK_PROBE, str(PLAN)], capture_output=True, text=True, check=True
    )
    modules = probe.stdout.split("\n")[-2].split()
    code = (
        "import gc, os, importlib\ngc.disable()\n"
        "os.environ.setdefault('PYDANTIC_DISABLE_PLUGINS', '__all__')\n"
        "from cchc_plan.__main__ import skip_plugin_search\nskip_plugin_search()\n"
        f"for m in {modules!r}:\n"
        "    try:\n        importlib.import_module(m)\n    except ImportError:\n        pass\n"
        "os._exit(0)\n"
    )
    return [python, "-c", code]


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
            "cchc validate --help": [cchc, "validate", "--help"],
            "the stack (see above)": stack_command(python),
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
        "help": single["cchc validate --help"] / single["python -c pass"],
        "many files": many[f"cchc validate ({args.files} files)"]
        / many[f"check-jsonschema ({args.files} files)"],
    }
    stack = single["the stack (see above)"] / single["check-jsonschema (1 file)"]
    print(f"{'the stack / check-jsonschema (the floor)':<55} {stack:6.2f}×")
    failed = False
    for name, ratio in ratios.items():
        what, against, target = TARGETS[name]
        verdict = "ok" if ratio <= target else "over target"
        failed |= ratio > target
        label = f"{what} / {against}"
        print(f"{label:<55} {ratio:6.2f}× (target ≤ {target}×: {verdict})")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
