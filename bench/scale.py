"""Benchmark how each command's cost grows with the size of the plan.

Run from the repository's root:

    python bench/scale.py [--sizes 1 8 32 128] [--runs 3]

From the 2021 plan it generates plans 1, 8, 32 and 128 times as large (×128 is about
4 MB, under the 5 MiB cap): the criteria tree, the units and the tasks copied that many
times under new codes and ids, the maximum, the score, the peers' scores and the targets
scaled so that every sum still holds; each is checked valid first. Then it times every
command on each, as cold processes in the bench's virtual environment (see
bench/validate.py), and prints the time at each size, the growth from ×32 to ×128
(linear work gives 4×) and each command's cost at ×128 against `validate` at ×128.
"""

from __future__ import annotations

import argparse
import copy
import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from validate import PLAN, WORK, measure, prepare_environment, wall

try:
    from ruamel.yaml import YAML
except ImportError:  # run again with the bench's environment, which has the project
    PYTHON = str(prepare_environment() / "python")
    os.execv(PYTHON, [PYTHON, __file__, *sys.argv[1:]])

AS_OF = ["--as-of", "2021-09-30"]
COMMANDS = {
    "validate": ["validate", "{plan}", *AS_OF],
    "status --format json": ["status", "--plan", "{plan}", "--format", "json", *AS_OF],
    "gaps --format json": ["gaps", "--plan", "{plan}", "--format", "json", *AS_OF],
    "progress --format json": ["progress", "--plan", "{plan}", "--format", "json", *AS_OF],
    "status": ["status", "--plan", "{plan}", *AS_OF],
    "progress": ["progress", "--plan", "{plan}", *AS_OF],
    "report": ["report", "--plan", "{plan}", *AS_OF],
    "report --kind phu-luc": ["report", "--kind", "phu-luc", "--plan", "{plan}", *AS_OF],
}
GROWTH_TARGET = 5.0  # ×32 → ×128
AGAINST_VALIDATE_TARGET = 2.5  # at ×128


def scaled(plan: dict[str, Any], times: int) -> dict[str, Any]:
    """The plan `times` as large, every sum and reference kept consistent."""
    if times == 1:
        return plan
    fields = len(plan["criteria"])
    unit_ids = [u["id"] for u in plan["units"]]
    out = copy.deepcopy(plan)
    out["criteria"], out["units"], out["tasks"] = [], [], []
    for k in range(times):
        unit = {uid: (uid if k == 0 else f"{uid}-{k}") for uid in unit_ids}

        def code(old: str, k: int = k) -> str:
            first, _, rest = old.partition(".")
            new = str(int(first) + k * fields)
            return f"{new}.{rest}" if rest else new

        def recode(node: dict[str, Any], k: int = k) -> dict[str, Any]:
            node = copy.deepcopy(node)
            stack = [node]
            while stack:
                item = stack.pop()
                item["code"] = code(item["code"], k)
                stack.extend(item.get("children", []))
            return node

        out["criteria"].extend(recode(c) for c in plan["criteria"])
        for u in plan["units"]:
            copied = copy.deepcopy(u)
            if k:
                copied["id"] = unit[u["id"]]
                copied["name"] = f"{u['name']} (nhóm {k + 1})"
                copied["aliases"] = []
            out["units"].append(copied)
        for t in plan["tasks"]:
            task = copy.deepcopy(t)
            if k:
                task["id"] = f"{t['id']}-{k}"
            task["criteria"] = [code(c) for c in t["criteria"]]
            task["lead"] = unit[t["lead"]]
            task["support"] = [unit[s] for s in t.get("support", [])]
            for difficulty in task.get("difficulties", []):
                difficulty["raised_by"] = unit[difficulty["raised_by"]]
            out["tasks"].append(task)
    assessment = out["assessment"]
    assessment["maximum"] = plan["assessment"]["maximum"] * times
    assessment["score"] = round(plan["assessment"]["score"] * times, 6)
    for peer in assessment.get("peers", []):
        peer["score"] = round(peer["score"] * times, 6)
    for band in assessment.get("bands", []):
        band["minimum"] = band["minimum"] * times
    for target in assessment.get("targets", []):
        if target.get("score") is not None:
            target["score"] = round(target["score"] * times, 6)
    return out


def generate(sizes: list[int]) -> dict[int, Path]:
    """The scaled plans, written under bench/.work/scale/."""
    yaml = YAML()
    yaml.width = 4096
    folder = WORK / "scale"
    folder.mkdir(parents=True, exist_ok=True)
    plan = YAML(typ="safe").load(PLAN.read_text(encoding="utf-8"))
    paths = {}
    for times in sizes:
        path = folder / f"x{times}.yaml"
        with path.open("w", encoding="utf-8") as file:
            yaml.dump(scaled(plan, times), file)
        paths[times] = path
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 8, 32, 128])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    cchc = str(prepare_environment() / "cchc")
    plans = generate(args.sizes)
    for times, path in plans.items():
        wall([cchc, "validate", str(path), *AS_OF])  # each generated plan is valid
        print(f"×{times}: {path.stat().st_size / 1024:,.0f} KiB", flush=True)
    results: dict[int, dict[str, float]] = {}
    for times, path in plans.items():
        commands = {
            name: [cchc, *(str(path) if a == "{plan}" else a for a in args_)]
            for name, args_ in COMMANDS.items()
        }
        results[times] = measure(commands, args.runs)
    header = "".join(f"{f'×{t}':>10}" for t in plans)
    print(f"{'command':<26}{header}  ×32→×128  ÷validate")
    failed = False
    largest = max(plans)
    for name in COMMANDS:
        cells = "".join(f"{results[t][name] * 1000:8.0f}ms" for t in plans)
        growth = ""
        if 32 in results and 128 in results:
            factor = results[128][name] / results[32][name]
            failed |= factor > GROWTH_TARGET
            growth = f"{factor:8.2f}×"
        against = results[largest][name] / results[largest]["validate"]
        if name != "validate":
            failed |= against > AGAINST_VALIDATE_TARGET
        print(f"{name:<26}{cells}  {growth:>8}  {against:7.2f}×")
    print(
        f"targets: ×32→×128 ≤ {GROWTH_TARGET}×; any command ÷ validate at ×{largest} "
        f"≤ {AGAINST_VALIDATE_TARGET}×: {'over target' if failed else 'ok'}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
