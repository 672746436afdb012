"""Drawing knows no menus: nothing under game/render/ imports the scenes (the screens and their
hand-offs), so a drawing change never pulls in the state machine and the scenes can change
without touching the renderer. The shared models (game.menu_model, game.run_summary) are
where both meet. Read from the source with ast, so an import inside a function counts too."""

import ast
import sys
from pathlib import Path

import pytest

GAME = Path(__file__).resolve().parent.parent / "game"


def imported_modules(path: Path) -> list[str]:
    """Every module a file imports, relative imports resolved against its package."""
    package = ".".join(path.relative_to(GAME.parent).with_suffix("").parts[:-1])
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            names.append(base)
            names += [f"{base}.{alias.name}" for alias in node.names]
    return names


def importers_of(folder: str, forbidden: str) -> list[str]:
    found = []
    for path in sorted((GAME / folder).rglob("*.py")):
        hits = [
            n for n in imported_modules(path) if n == forbidden or n.startswith(forbidden + ".")
        ]
        if hits:
            found.append(f"{path.relative_to(GAME.parent)} imports {', '.join(sorted(set(hits)))}")
    return found


@pytest.mark.parametrize("forbidden", ["game.scenes", "game.app", "game.modes"])
def test_drawing_imports_no_scenes_and_no_game_loop(forbidden):
    assert importers_of("render", forbidden) == []


@pytest.mark.parametrize(
    "forbidden", ["game.app", "game.modes", "game.navigation", "game.now_playing"]
)
def test_scenes_name_their_successor_and_build_no_neighbours(forbidden):
    """A scene hands off a value (game.scenes.base); where it leads is the navigation's call."""
    assert importers_of("scenes", forbidden) == []


def test_the_check_sees_every_form_of_import(tmp_path, monkeypatch):
    """The check itself: plain, from, relative and in-function imports of the scenes are found."""
    render = tmp_path / "game" / "render"
    render.mkdir(parents=True)
    (render / "a.py").write_text("import game.scenes.menu\n")
    (render / "b.py").write_text("from game.scenes.base import RunSummary\n")
    (render / "c.py").write_text("def f():\n    from ..scenes import menu\n")
    (render / "d.py").write_text("from game import scenes\n")
    (render / "fine.py").write_text("from game.menu_model import Menu\nimport game.scenery\n")
    monkeypatch.setattr(sys.modules[__name__], "GAME", tmp_path / "game")
    found = importers_of("render", "game.scenes")
    assert [line.split()[0] for line in found] == [
        "game/render/a.py",
        "game/render/b.py",
        "game/render/c.py",
        "game/render/d.py",
    ]
