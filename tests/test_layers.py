"""The house's fences, read from the source: each library behind its one module, imports
flowing one way between the families, no cycles.

Every import counts, at the top of a file or inside a function, and under
TYPE_CHECKING too: a lazy import is still a dependency. (ruff's banned-api rule is
lifted file by file, so it cannot hold these alone.)
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "src" / "cchc_plan"

# Where each third-party library may be imported: a module, or every module of a package.
FENCES: dict[str, tuple[str, ...]] = {
    "typer": ("cchc_plan.cli",),
    "click": ("cchc_plan.cli",),  # typer's own parser
    "rich": ("cchc_plan.output.terminal",),
    "jinja2": ("cchc_plan.documents.markdown",),
    "docx": ("cchc_plan.documents.docx",),
    "openpyxl": ("cchc_plan.documents.xlsx", "cchc_plan.reading.workbook"),
    "ruamel": ("cchc_plan.reading.loader",),
    # the models; the data's complaints; the models' validator, kept between runs
    "pydantic": ("cchc_plan.models", "cchc_plan.reading.shape", "cchc_plan.reading.compiled"),
    "pydantic_core": (
        "cchc_plan.models",
        "cchc_plan.reading.shape",
        "cchc_plan.reading.compiled",
    ),
}

# The families, and whom each may import. The flat core (models, diagnostics, criteria,
# errors, vietnamese, schema) is "base"; imports flow
# cli → output / documents / editing → reading / checks / views → base.
# The words (messages/) and file writing (writing.py) belong to the edges: a view or a
# check neither speaks nor writes.
MAY_IMPORT: dict[str, frozenset[str]] = {
    "base": frozenset({"base"}),
    "messages": frozenset({"messages", "base"}),
    "writing": frozenset({"writing", "base"}),
    "checks": frozenset({"checks", "base"}),
    "views": frozenset({"views", "base"}),
    "reading": frozenset({"reading", "checks", "base"}),
    "output": frozenset({"output", "messages", "reading", "checks", "views", "base"}),
    "documents": frozenset({"documents", "messages", "writing", "views", "base"}),
    "editing": frozenset({"editing", "messages", "writing", "reading", "checks", "views", "base"}),
    "cli": frozenset(
        {"cli", "output", "documents", "editing", "messages", "writing"}
        | {"reading", "checks", "views", "base"}
    ),
    "entry": frozenset({"cli", "base"}),
}
FAMILIES = {"cli", "output", "documents", "editing", "reading", "checks", "views", "messages"}


def family(module: str) -> str:
    """The family a module of the package belongs to."""
    parts = module.split(".")
    if module == "cchc_plan.__main__":
        return "entry"
    if module == "cchc_plan.writing":
        return "writing"
    if len(parts) > 1 and parts[1] in FAMILIES:
        return parts[1]
    return "base"


def package_sources() -> dict[str, str]:
    """Every module of the package, by dotted name, with its source."""
    sources = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        sources[name] = path.read_text(encoding="utf-8")
    return sources


def imports(module: str, source: str, known: Mapping[str, str]) -> Iterator[tuple[str, int]]:
    """(imported module, line) for every import in `source`; names imported from a
    package resolve to its submodules where they are modules."""
    is_package = any(name.startswith(module + ".") for name in known)
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")
                anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                yield (candidate if candidate in known else base), node.lineno


def violations(sources: Mapping[str, str]) -> list[str]:
    """Every broken fence, layering rule or cycle among `sources`, as sentences."""
    found = []
    graph: dict[str, set[str]] = {name: set() for name in sources}
    for module, source in sources.items():
        for imported, line in imports(module, source, sources):
            top = imported.split(".")[0]
            where = f"{module} (line {line}) imports {imported}"
            if top in FENCES:
                homes = FENCES[top]
                if not any(module == home or module.startswith(home + ".") for home in homes):
                    found.append(f"{where}: {top} belongs only in {', '.join(homes)}")
            if top != "cchc_plan" or imported not in sources:
                continue
            graph[module].add(imported)
            if imported.startswith("cchc_plan.cli") and family(module) not in {"cli", "entry"}:
                found.append(f"{where}: nothing imports the command line")
            elif family(imported) not in MAY_IMPORT[family(module)]:
                found.append(f"{where}: {family(module)} may not import {family(imported)}")
    found.extend(f"import cycle: {' → '.join(cycle)}" for cycle in cycles(graph))
    return found


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """One cycle through each group of modules that import each other."""
    found: list[list[str]] = []
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    for start in sorted(graph):
        if state.get(start):
            continue
        path = [start]
        stack = [iter(sorted(graph[start]))]
        state[start] = 1
        while stack:
            following = next(stack[-1], None)
            if following is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(following) == 1:
                found.append([*path[path.index(following) :], following])
            elif not state.get(following):
                state[following] = 1
                path.append(following)
                stack.append(iter(sorted(graph[following])))
    return found


def test_the_package_keeps_every_fence() -> None:
    """No library outside its module, no import against the flow, no cycle."""
    assert violations(package_sources()) == []


def test_the_families_are_known() -> None:
    """Every folder of the package is a family the rules know."""
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders <= FAMILIES


@pytest.mark.parametrize(
    ("module", "source", "complaint"),
    [
        ("cchc_plan.views.gaps", "import rich\n", "rich belongs only in"),
        ("cchc_plan.views.gaps", "def f():\n    from rich.text import Text\n", "rich belongs"),
        ("cchc_plan.checks.tree", "from jinja2 import Template\n", "jinja2 belongs only in"),
        ("cchc_plan.output.records", "import typer\n", "typer belongs only in"),
        ("cchc_plan.views.gaps", "from cchc_plan.output import terminal\n", "views may not"),
        ("cchc_plan.criteria", "from cchc_plan.views.gaps import Gap\n", "base may not"),
        ("cchc_plan.views.tasks", "from cchc_plan.messages import views\n", "views may not"),
        ("cchc_plan.checks.tree", "from cchc_plan.writing import write_atomically\n", "may not"),
        ("cchc_plan.views.gaps", "from ruamel.yaml import YAML\n", "ruamel belongs only in"),
        ("cchc_plan.documents.markdown", "from cchc_plan import cli\n", "command line"),
        ("cchc_plan.views.tasks", "from cchc_plan.views.gaps import Gap\n", "import cycle"),
    ],
)
def test_a_broken_fence_is_caught(module: str, source: str, complaint: str) -> None:
    """Planting a forbidden import in a copy of the package makes the check fail."""
    sources = package_sources()
    sources[module] += "\n" + source
    found = violations(sources)
    assert any(module in line and complaint in line for line in found), found


def test_every_fence_has_a_home() -> None:
    """Each fence names a module or package that exists, or one the design plans."""
    planned = {
        "cchc_plan.documents.docx",
        "cchc_plan.documents.xlsx",
        "cchc_plan.reading.workbook",
    }
    sources = package_sources()
    for homes in FENCES.values():
        for home in homes:
            assert home in sources or home in planned, home
