"""A broken pack.toml is never ignored: `validate` reports it (given as a file or by its folder)
with file:line:col, `levels` lists it as an entry of its own with its first problem and line,
and the level select shows it as a broken pack file, not a level."""

from __future__ import annotations

import json
from pathlib import Path

import pygame
import pytest
from levels_for_tests import small_level_text

from game.app import run
from game.cli import main
from game.settings import Settings
from tests.window_flow import until
from tests.window_levels import FRAME


def make_pack(folder: Path, pack_text: str, ids=("alpha", "beta")) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for level_id in ids:
        (folder / f"{level_id}.toml").write_text(small_level_text(level_id))
    (folder / "pack.toml").write_text(pack_text)
    return folder / "pack.toml"


def validate(capsys, *args) -> tuple[int, str, str]:
    code = main(["validate", *map(str, args)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


# -- validate ----------------------------------------------------------------------------------


def test_validate_a_folder_checks_its_pack_file_and_every_level(capsys, tmp_path):
    folder = tmp_path / "my-pack"
    pack = make_pack(folder, 'title = "Mine"\n\norder = ["alpah", "beta"]\n')
    (folder / "broken.toml").write_text("[level\n")
    code, out, err = validate(capsys, folder)
    assert code == 1
    assert f"{pack}:3:1: order[0]: no level 'alpah' in this folder (did you mean 'alpha'?)" in out
    assert f"{folder / 'broken.toml'}:1:" in out
    assert "2 of 4 level files valid" in err  # pack.toml, alpha, beta, broken


def test_validate_a_good_pack_folder(capsys, tmp_path):
    folder = tmp_path / "good"
    make_pack(folder, 'title = "Good"\norder = ["beta", "alpha"]\n')
    code, out, err = validate(capsys, folder)
    assert (code, out) == (0, "")
    assert "3 of 3 level files valid" in err


def test_validate_a_folder_without_levels_is_a_problem(capsys, tmp_path):
    code, out, err = validate(capsys, tmp_path)
    assert code == 1
    assert f"{tmp_path}: a folder without level files (*.toml)" in out
    assert "0 of 1 level file valid" in err


# -- levels ------------------------------------------------------------------------------------


@pytest.fixture
def user_levels(_user_home) -> Path:
    folder = _user_home / "levels"
    folder.mkdir(parents=True)
    return folder


def test_levels_lists_a_pack_order_naming_a_missing_level(capsys, user_levels):
    """The order is readable, so it still ranks the levels it names; but the level it names
    that is not there is said, as validate says it, with its line."""
    pack = make_pack(user_levels / "mine", 'title = "Mine"\norder = ["beta", "gamma", "alpha"]\n')
    assert main(["levels", "--json"]) == 0
    entries = [e for e in json.loads(capsys.readouterr().out) if e["pack"] == "Mine"]
    assert [e["id"].split("/")[-1] for e in entries] == ["pack.toml", "beta", "alpha"]
    broken = entries[0]
    assert broken["valid"] is False and broken["name"] == "pack.toml"
    assert broken["error"] == f"{pack}:2:1: order[1]: no level 'gamma' in this folder"
    assert main(["levels"]) == 0
    assert f"BROKEN: {pack}:2:1: order[1]: no level 'gamma'" in capsys.readouterr().out


def test_a_full_run_of_a_pack_says_its_broken_pack_file(capsys, tmp_path):
    """`splits --pack DIR` (and `play --pack DIR`, which loads the pack the same way) names the
    broken pack.toml as such, not as a level it skips, and goes on with the levels."""
    folder = tmp_path / "tour"
    pack = make_pack(folder, 'title = "Tour"\norder = "alpha"\n')
    assert main(["splits", "--pack", str(folder), "--lss", "-"]) == 0
    out, err = capsys.readouterr()
    assert f"last-orbit: broken pack file: {pack}:2:1: order: must be an array of level ids" in err
    assert "skipping broken level" not in err
    assert "<Name>Alpha</Name>" in out and "<Name>Beta</Name>" in out


# -- the level select --------------------------------------------------------------------------


def key(code: int) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode="", scancode=0))


def test_level_select_shows_a_broken_pack_file_as_such(user_levels):
    pack = make_pack(user_levels / "mine", 'title = "Mine"\norder = "alpha"\n')
    seen: dict = {}

    def flow(app):
        yield from until(app, "title")
        key(pygame.K_DOWN)
        key(pygame.K_RETURN)
        yield from until(app, "level-select")
        rows = app.scene.rows
        index = next(i for i, row in enumerate(rows) if row.entry.path == pack)
        for _ in range(len(app.scene.menu.items)):
            if app.scene.menu.selected_id == f"level:{index}":
                break
            key(pygame.K_DOWN)
            yield
        item = next(i for i in app.scene.menu.items if i.id == f"level:{index}")
        seen["item"] = (item.label, item.value, item.detail)
        yield
        yield
        key(pygame.K_RETURN)
        yield
        yield
        seen["scene"], seen["message"] = app.scene.name, app.scene.message
        seen["done"] = True

    state: dict = {}

    def on_frame(app) -> None:
        state.setdefault("flow", flow(app))
        try:
            next(state["flow"])
        except StopIteration:
            app.running = False

    run(
        max_frames=600,
        frame_dt=FRAME,
        on_frame=on_frame,
        settings=Settings(seen_photosensitivity_notice=True),
        window_size=(1280, 720),
    )
    assert seen.get("done"), seen
    label, value, detail = seen["item"]
    assert (label, value) == ("pack.toml", "broken")
    assert detail == f"{pack}:2:1: order: must be an array of level ids"
    assert seen["scene"] == "level-select"  # Enter plays nothing
    assert seen["message"] == "This is the pack's pack.toml, not a level: fix it as shown above."
