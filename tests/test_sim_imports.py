"""The simulation and the level loader never pull in pygame (DESIGN §6): they run headless in the
verifier, the tests and the benchmarks. Checked in a fresh interpreter, because other tests in
this process may already have imported pygame."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

CHECK = """
import sys
import {module}
loaded = sorted(name for name in sys.modules if name == "pygame" or name.startswith("pygame."))
if loaded:
    raise SystemExit("importing {module} loaded " + ", ".join(loaded))
"""


@pytest.mark.parametrize("module", ["game.sim", "game.levels"])
def test_import_leaves_pygame_out(module):
    result = subprocess.run(
        [sys.executable, "-c", CHECK.format(module=module)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr + result.stdout


def _sim_imports(path: Path) -> set[str]:
    """The game.sim modules a module of game/sim imports anywhere in it: at the top, inside
    functions (a lazy import is still a dependency) or for type checking only."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found |= {name for name in names if name.startswith("game.sim.")}
    return found


def test_the_sim_package_has_no_import_cycle():
    """Each module of game/sim depends one way: world knows nothing of triggers, build or
    the step; they know the world (issue 11: world <-> triggers was a circle)."""
    sim = REPO / "game" / "sim"
    modules = {f"game.sim.{p.stem}": p for p in sim.glob("*.py") if p.stem != "__init__"}
    graph = {name: _sim_imports(path) & modules.keys() for name, path in modules.items()}
    assert "game.sim.world" in graph["game.sim.triggers"]  # the check reads real imports
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in path:
            cycle = " -> ".join(path[path.index(name) :] + (name,))
            raise AssertionError(f"import cycle: {cycle}")
        if name in done:
            return
        for imported in sorted(graph[name]):
            visit(imported, path + (name,))
        done.add(name)

    for name in sorted(graph):
        visit(name, ())
