"""The level editor in the window (`last-orbit edit`), driven headless with posted mouse and
key events as a modder would: place from the palette, move, undo, save (comments kept), the
inspector, live validation, playtests that come back to the same view, F6 from play."""

from __future__ import annotations

import tomllib
from functools import partial
from pathlib import Path

import pygame
import pytest

from game.app import LoopOptions, open_window, run
from game.cli import main
from game.editor.palette import KINDS
from game.levels import load_level
from game.modes.edit import EditLevel, new_level
from game.paths import user_levels_dir
from game.settings import Settings
from game.speedrun.session import SpeedrunOptions
from tests import window_flow
from tests.window_flow import stepping
from tests.window_levels import FRAME

SETTINGS = Settings(seen_photosensitivity_notice=True)


# -- driving the editor --------------------------------------------------------------------------


def key(code: int, mod: int = 0, unicode: str = "") -> None:
    pygame.event.post(
        pygame.event.Event(pygame.KEYDOWN, key=code, mod=mod, unicode=unicode, scancode=0)
    )


def type_text(text: str) -> None:
    for char in text:
        key(pygame.key.key_code(char) if char.isalnum() else 0, unicode=char)


def mouse(kind: int, pos, button: int = 1) -> None:
    pos = (round(pos[0]), round(pos[1]))
    if kind == pygame.MOUSEMOTION:
        event = pygame.event.Event(kind, pos=pos, rel=(0, 0), buttons=(1, 0, 0))
    else:
        event = pygame.event.Event(kind, pos=pos, button=button)
    pygame.event.post(event)


def click(pos, button: int = 1) -> None:
    mouse(pygame.MOUSEMOTION, pos)
    mouse(pygame.MOUSEBUTTONDOWN, pos, button)
    mouse(pygame.MOUSEBUTTONUP, pos, button)


def screen_of(app, point):
    return app.scene.view.to_screen(point)


def drive(starter, flow, max_frames: int = 600, input_source=None):
    """Run the window with `flow(app, log)`, a generator doing one step a frame (and play
    scenes fed by `input_source` when given)."""
    log: dict = {}
    open_window(
        starter,
        loop=LoopOptions(frame_dt=FRAME, window_size=(1280, 720), input_source=input_source),
        settings=SETTINGS,
        max_frames=max_frames,
        on_frame=stepping(flow, log),
    )
    assert "done" in log, f"the flow stopped early: {log}"
    return log


until = partial(window_flow.until, frames=60)  # the editor answers within a second


def palette_key(name: str) -> int:
    kind = next(k for k in KINDS if k.name == name)
    return pygame.key.key_code(kind.key)


@pytest.fixture
def level_file() -> Path:
    return new_level("editor-test")


# -- the tests -----------------------------------------------------------------------------------


def test_place_a_body_move_it_undo_and_save_keeps_the_comments(level_file):
    original = level_file.read_text()
    assert original.startswith("# editor-test: made with")

    def flow(app, log):
        yield from until(app, "editor")
        editor = app.scene
        key(palette_key("Body"))
        yield
        click(screen_of(app, (2.0, 2.0)))
        yield
        log["placed"] = editor.session.entries("bodies")
        start = screen_of(app, (2.0, 2.0))
        end = screen_of(app, (3.3, 2.9))  # snapped to the 0.5 m grid: (3.5, 3.0)
        mouse(pygame.MOUSEMOTION, start)
        mouse(pygame.MOUSEBUTTONDOWN, start)
        yield
        mouse(pygame.MOUSEMOTION, end)
        yield
        mouse(pygame.MOUSEBUTTONUP, end)
        yield
        log["moved"] = editor.session.entries("bodies")[0]["at"]
        log["dirty"] = editor.session.dirty
        key(pygame.K_z, pygame.KMOD_CTRL)
        yield
        log["undone"] = editor.session.entries("bodies")[0]["at"]
        key(pygame.K_s, pygame.KMOD_CTRL)
        yield
        log["clean"] = not editor.session.dirty
        log["done"] = True

    log = drive(EditLevel(level_file), flow)
    assert [b["at"] for b in log["placed"]] == [[2.0, 2.0]]
    assert log["moved"] == [3.5, 3.0]
    assert log["dirty"]
    assert log["undone"] == [2.0, 2.0]
    assert log["clean"]
    saved = level_file.read_text()
    assert tomllib.loads(saved)["bodies"][0]["at"] == [2.0, 2.0]
    assert saved.startswith(original.split("\n[level]")[0])  # the comments above [level]
    level = load_level(level_file)
    assert [b.at for b in level.bodies] == [(2.0, 2.0)]


def test_playtest_from_the_spawn_and_from_the_cursor_return_to_the_same_view(level_file):
    def flow(app, log):
        yield from until(app, "editor")
        editor = app.scene
        key(pygame.K_EQUALS)  # zoom in, then once more with the wheel
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False))
        yield
        editor.view.pan_metres(3.0, -1.0)
        cam = editor.view.camera
        before = (cam.x, cam.y, cam.view_width_m)
        key(pygame.K_F5)
        yield from until(app, "play")
        log["zoomed"] = before[2]
        log["spawn"] = tuple(app.now.play.world.astronaut.body.position)
        key(pygame.K_ESCAPE)
        yield from until(app, "editor")
        log["same_editor"] = app.scene is editor
        log["view_kept"] = (cam.x, cam.y, cam.view_width_m) == before
        log["play_left"] = app.now.play is None
        mouse(pygame.MOUSEMOTION, screen_of(app, (-3.0, 2.0)))
        yield
        key(pygame.K_p, pygame.KMOD_SHIFT)
        yield from until(app, "play")
        log["cursor_spawn"] = tuple(app.now.play.world.astronaut.body.position)
        key(pygame.K_F6)
        yield from until(app, "editor")
        log["back_by_f6"] = app.scene is editor
        log["done"] = True

    log = drive(EditLevel(level_file), flow)
    assert log["zoomed"] < 22.0 / 1.25
    assert log["spawn"] == pytest.approx((0.0, 0.0))
    assert log["same_editor"] and log["view_kept"] and log["play_left"]
    assert log["cursor_spawn"] == pytest.approx((-3.0, 2.0))
    assert log["back_by_f6"]


def test_f6_while_playing_a_level_file_opens_the_editor_on_it_and_esc_goes_back(level_file):
    log: dict = {}
    state: dict = {}

    def steps(app):
        yield from until(app, "play")
        played = app.scene
        log["records_kept"] = played.session is not None
        key(pygame.K_F6)
        yield from until(app, "editor")
        log["path"] = app.scene.session.path
        key(pygame.K_F5)  # a playtest from this editor keeps no records of the level
        yield from until(app, "play")
        log["playtest_records"] = app.scene.session
        key(pygame.K_ESCAPE)
        yield from until(app, "editor")
        key(pygame.K_ESCAPE)
        yield from until(app, "play")
        log["back"] = app.scene is played
        log["done"] = True

    def on_frame(app) -> None:
        if "flow" not in state:
            state["flow"] = steps(app)
        try:
            next(state["flow"])
        except StopIteration:
            app.running = False

    run(
        level_file,
        max_frames=300,
        frame_dt=FRAME,
        on_frame=on_frame,
        settings=SETTINGS,
        speedrun=SpeedrunOptions(ghost=False),
    )
    assert log.get("done"), log
    assert log["path"] == level_file
    assert log["records_kept"] and log["playtest_records"] is None
    assert log["back"]


def inspector_row(app, name: str):
    for row in app.scene.inspector.rows:
        if row.key == name:
            return row
    raise AssertionError(f"no field {name}")


def test_the_inspector_changes_a_field_and_refuses_a_value_of_the_wrong_type(level_file):
    def flow(app, log):
        yield from until(app, "editor")
        editor = app.scene
        key(palette_key("Body"))
        yield
        click(screen_of(app, (-2.0, -2.0)))
        yield
        yield
        click(inspector_row(app, "mass").rect.center)
        yield
        key(pygame.K_a, pygame.KMOD_CTRL)  # clear the entry
        type_text("25")
        key(pygame.K_RETURN)
        yield
        yield
        log["mass"] = editor.session.entries("bodies")[0].get("mass")
        click(inspector_row(app, "angle").rect.center)
        yield
        key(pygame.K_a, pygame.KMOD_CTRL)
        type_text("30")
        key(pygame.K_TAB)  # applies, and edits the next field (velocity)
        yield
        log["angle"] = editor.session.entries("bodies")[0].get("angle")
        log["next_field"] = editor.inspector.editing
        key(pygame.K_ESCAPE)
        yield
        click(inspector_row(app, "mass").rect.center)
        yield
        key(pygame.K_a, pygame.KMOD_CTRL)
        type_text("heavy")
        key(pygame.K_RETURN)
        yield
        log["refusal"] = editor.inspector.refusal
        log["still"] = editor.session.entries("bodies")[0].get("mass")
        key(pygame.K_ESCAPE)  # stop typing
        yield
        log["done"] = True

    log = drive(EditLevel(level_file), flow)
    assert log["mass"] == 25.0
    assert log["angle"] == 30.0 and log["next_field"] == "velocity"
    assert "mass expects a number" in log["refusal"]
    assert log["still"] == 25.0


def test_an_invalid_edit_shows_the_validators_message_next_to_the_field_and_still_saves(
    level_file,
):
    def flow(app, log):
        yield from until(app, "editor")
        editor = app.scene
        key(pygame.K_TAB)  # the inspector on [level]
        key(pygame.K_TAB)  # [world]
        key(pygame.K_TAB)  # [player]
        yield
        yield
        click(inspector_row(app, "push_speed").rect.center)
        yield
        key(pygame.K_a, pygame.KMOD_CTRL)
        type_text("99")
        key(pygame.K_RETURN)
        yield
        yield
        log["row_problems"] = [p.message for p in inspector_row(app, "push_speed").problems]
        log["status"] = editor.status
        key(pygame.K_s, pygame.KMOD_CTRL)
        yield
        log["done"] = True

    log = drive(EditLevel(level_file), flow)
    assert log["row_problems"] and "6" in log["row_problems"][0]
    assert "push_speed" in log["status"]
    assert tomllib.loads(level_file.read_text())["player"]["push_speed"] == 99.0


def test_leaving_with_unsaved_changes_asks_first(level_file):
    def flow(app, log):
        yield from until(app, "editor")
        key(palette_key("Zone"))
        yield
        click(screen_of(app, (-6.0, 4.0)))
        yield
        key(pygame.K_ESCAPE)  # clears the selection
        key(pygame.K_ESCAPE)  # asks
        yield
        log["still_open"] = app.running and app.scene.name == "editor"
        log["asked"] = "Unsaved" in app.scene.status
        log["done"] = True
        key(pygame.K_ESCAPE)  # leaves
        yield
        yield

    log = drive(EditLevel(level_file), flow)
    assert log["still_open"] and log["asked"]
    assert len(tomllib.loads(level_file.read_text())["zones"]) == 1  # left without saving
    assert not level_file.with_name(level_file.name + ".unsaved").exists()  # as confirmed


def test_edit_new_makes_a_level_that_validates_in_the_user_folder():
    assert main(["edit", "--new", "my-first", "--frames", "2"]) == 0
    path = user_levels_dir() / "my-first.toml"
    level = load_level(path)
    assert level.info.id == "my-first"
    assert main(["edit", "--new", "my-first", "--frames", "2"]) == 2  # never overwritten
    assert main(["edit", "--new", "Not An Id", "--frames", "2"]) == 2
    assert main(["edit", "--new", 'quote"breaks-toml', "--frames", "2"]) == 2  # no traceback
    assert main(["edit", "no-such-level", "--frames", "2"]) == 2


def test_the_overview_lists_objectives_and_adds_a_trigger_whose_actions_are_edited(level_file):
    def flow(app, log):
        yield from until(app, "editor")
        editor = app.scene
        yield
        log["listed"] = [ref for _, ref in editor.overview.rows]
        click(editor.overview.buttons["+ trigger"].center)
        yield
        yield
        log["page"] = editor.page
        click(inspector_row(app, "zone").rect.center)  # what it may name is shown
        yield
        log["zone_hint"] = editor.inspector.hint_for(inspector_row(app, "zone").field)
        key(pygame.K_ESCAPE)
        yield
        click(inspector_row(app, "actions").rect.center)
        yield
        key(pygame.K_a, pygame.KMOD_CTRL)
        type_text('[{do = "message", text = "Go right"}]')
        key(pygame.K_RETURN)
        yield
        key(pygame.K_s, pygame.KMOD_CTRL)
        yield
        log["done"] = True

    log = drive(EditLevel(level_file), flow)
    assert ("objectives", 0) in log["listed"]
    assert log["page"] == ("triggers", 0)
    assert log["zone_hint"] == "one of: goal"
    saved = tomllib.loads(level_file.read_text())
    assert saved["triggers"][0]["actions"] == [{"do": "message", "text": "Go right"}]
    assert load_level(level_file).triggers[0].actions[0].text == "Go right"


def test_the_winnable_checks_show_live_next_to_the_field(level_file):
    pytest.importorskip("game.levels.winnable")

    def flow(app, log):
        yield from until(app, "editor")
        editor = app.scene
        click(screen_of(app, (5.0, 0.0)))  # the template's goal zone
        yield
        yield
        log["selected"] = list(editor.selection)
        click(inspector_row(app, "rect").rect.center)
        yield
        key(pygame.K_a, pygame.KMOD_CTRL)
        type_text("30, -1, 32, 1")
        key(pygame.K_RETURN)
        yield
        yield
        log["rect_problems"] = [p.message for p in inspector_row(app, "rect").problems]
        log["done"] = True

    log = drive(EditLevel(level_file), flow)
    assert log["selected"] == [("zones", 0)]
    assert any("outside world.bounds" in m for m in log["rect_problems"])


def test_handles_move_a_walls_corner_and_resize_a_zone_and_r_rotates(level_file):
    def flow(app, log):
        yield from until(app, "editor")
        editor = app.scene
        key(palette_key("Wall"))  # from (-2, -3) to (2, -3)
        yield
        click(screen_of(app, (0.0, -3.0)))
        yield
        start, end = screen_of(app, (2.0, -3.0)), screen_of(app, (3.0, -4.0))
        mouse(pygame.MOUSEMOTION, start)
        mouse(pygame.MOUSEBUTTONDOWN, start)
        yield
        mouse(pygame.MOUSEMOTION, end)
        yield
        mouse(pygame.MOUSEBUTTONUP, end)
        yield
        log["wall"] = editor.session.entries("walls")[0]["points"]
        click(screen_of(app, (5.0, 0.0)))  # the goal zone, [4, -1, 6, 1]
        yield
        start, end = screen_of(app, (6.0, 1.0)), screen_of(app, (7.0, 2.0))
        mouse(pygame.MOUSEMOTION, start)
        mouse(pygame.MOUSEBUTTONDOWN, start)
        yield
        mouse(pygame.MOUSEMOTION, end)
        yield
        mouse(pygame.MOUSEBUTTONUP, end)
        yield
        log["zone"] = editor.session.entries("zones")[0]["rect"]
        click(screen_of(app, (0.5, -3.5)))  # the wall again, on its new line
        yield
        key(pygame.K_r)
        yield
        log["turned"] = editor.session.entries("walls")[0]["points"]
        log["done"] = True

    log = drive(EditLevel(level_file), flow)
    assert log["wall"] == [[-2.0, -3.0], [3.0, -4.0]]
    assert log["zone"] == [4.0, -1.0, 7.0, 2.0]
    assert log["turned"] != log["wall"]


def test_closing_the_window_on_unsaved_changes_keeps_them_beside_the_file(level_file):
    original = level_file.read_text()

    def flow(app, log):
        yield from until(app, "editor")
        key(palette_key("Item"))
        yield
        click(screen_of(app, (-4.0, 3.0)))
        yield
        log["done"] = True
        pygame.event.post(pygame.event.Event(pygame.QUIT))  # the window's close button
        yield
        yield

    drive(EditLevel(level_file), flow)
    kept = level_file.with_name(level_file.name + ".unsaved")
    assert level_file.read_text() == original
    assert tomllib.loads(kept.read_text())["items"][0]["at"] == [-4.0, 3.0]


def test_ctrl_click_adds_a_movers_waypoint_and_alt_click_removes_it(level_file, monkeypatch):
    mods = {"now": 0}
    monkeypatch.setattr(pygame.key, "get_mods", lambda: mods["now"])

    def flow(app, log):
        yield from until(app, "editor")
        editor = app.scene
        key(palette_key("Mover"))  # path from (-6, 4) to (-3, 4)
        yield
        click(screen_of(app, (-6.0, 4.0)))
        yield
        mods["now"] = pygame.KMOD_CTRL
        click(screen_of(app, (-1.0, 6.0)))
        yield
        log["added"] = editor.session.entries("movers")[0]["path"]
        mods["now"] = pygame.KMOD_ALT
        click(screen_of(app, (-3.0, 4.0)))
        yield
        mods["now"] = 0
        log["removed"] = editor.session.entries("movers")[0]["path"]
        log["done"] = True

    log = drive(EditLevel(level_file), flow)
    assert log["added"] == [[-6.0, 4.0], [-3.0, 4.0], [-1.0, 6.0]]
    assert log["removed"] == [[-6.0, 4.0], [-1.0, 6.0]]


def test_a_shipped_level_is_edited_as_the_players_own_copy(capsys):
    """`edit arrival` never changes the game's file: it opens (once made, reopens) a copy in
    the levels folder with an id of its own, so it never clashes with the shipped level."""
    from game.cli import main
    from game.levels import load_level
    from game.paths import shipped_levels_dir, user_levels_dir

    shipped = shipped_levels_dir() / "arrival.toml"
    before = shipped.read_bytes()
    assert main(["edit", "arrival", "--frames", "3"]) == 0
    copy = user_levels_dir() / "arrival-copy.toml"
    assert "editing your copy" in capsys.readouterr().err
    level = load_level(copy)
    assert (level.info.id, level.info.name) == ("arrival-copy", "Arrival (copy)")
    assert shipped.read_bytes() == before
    # Only the two renamed lines differ from the shipped file: comments and layout kept.
    changed = [
        (a, b)
        for a, b in zip(before.decode().splitlines(), copy.read_text().splitlines(), strict=True)
        if a != b
    ]
    assert len(changed) == 2
    copy.write_text(copy.read_text().replace("Arrival (copy)", "My arrival"))
    assert main(["edit", "arrival", "--frames", "3"]) == 0  # the player's copy, as they left it
    assert load_level(copy).info.name == "My arrival"


def test_a_playtest_of_the_saved_file_is_kept_as_its_author_replay_for_publishing(level_file):
    """TrackMania's rule, in the editor: finish the level from its spawn and keep that run as
    the author replay `pack publish` asks for; a run from the cursor or of unsaved edits is
    not offered (it would not verify against the file)."""
    from game.sim import TickInput
    from game.speedrun.verify import verify_file

    def thrust(tick: int) -> TickInput:
        return TickInput.from_analog(1.0, 0.0)  # the template's goal is straight ahead

    def results_buttons(app):
        return [item.id for item in app.scene.menu.items]

    def flow(app, log):
        yield from until(app, "editor")
        mouse(pygame.MOUSEMOTION, screen_of(app, (0.0, 0.0)))
        yield
        key(pygame.K_p, pygame.KMOD_SHIFT)  # from the cursor (at the spawn, but not the file)
        yield from until(app, "results", frames=600)
        log["from_cursor"] = results_buttons(app)
        key(pygame.K_ESCAPE)
        yield from until(app, "editor")
        key(pygame.K_F5)
        yield from until(app, "results", frames=600)
        log["from_spawn"] = results_buttons(app)
        while app.scene.menu.selected_id != "keep-author-replay":
            key(pygame.K_LEFT)
            yield
        key(pygame.K_RETURN)
        yield from until(app, "editor")
        log["done"] = True

    log = drive(EditLevel(level_file), flow, max_frames=1600, input_source=thrust)
    assert "keep-author-replay" not in log["from_cursor"]
    assert log["from_spawn"][0] == "keep-author-replay"
    kept = level_file.parent / "replays" / "editor-test.replay"
    verdict = verify_file(kept, level_file)
    assert verdict.verified and verdict.replay.result.completed
